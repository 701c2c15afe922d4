// Recycling allocator for coroutine frames and task states, plus live-object counters.
//
// Every task allocates a coroutine frame and a task state; the general-purpose allocator is the
// biggest cost of a task, so freed blocks go to per-thread free lists by 16-byte size class and
// are reused (the same idea as asio's recycling allocator). Under AddressSanitizer the pool is
// bypassed so that use-after-free is still caught.
#pragma once

#include <cstddef>
#include <new>

#if defined(__SANITIZE_ADDRESS__)
#define AIO_NO_POOL 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define AIO_NO_POOL 1
#endif
#endif

namespace aio::detail {

// Counted per thread: frames and tasks are created and destroyed on their loop's thread.
struct live_counters {
    long frames = 0;
    long tasks = 0;
};
inline thread_local live_counters counters;

class block_pool {
public:
    static constexpr std::size_t granule = 16;
    static constexpr std::size_t classes = 32;  // blocks up to 512 bytes are recycled

    block_pool() = default;
    block_pool(const block_pool&) = delete;
    block_pool& operator=(const block_pool&) = delete;
    ~block_pool() {
        for (auto*& head : free_) {
            while (head) {
                node* next = head->next;
                ::operator delete(head);
                head = next;
            }
        }
    }

    void* allocate(std::size_t size) {
#ifndef AIO_NO_POOL
        if (size <= granule * classes && size != 0) {
            std::size_t index = (size - 1) / granule;
            if (node* head = free_[index]) {
                free_[index] = head->next;
                cached_bytes_ -= (index + 1) * granule;
                return head;
            }
            return fresh_block((index + 1) * granule);
        }
#endif
        return fresh_block(size);
    }

    void deallocate(void* block, std::size_t size) noexcept {
#ifndef AIO_NO_POOL
        if (size <= granule * classes && size != 0) {
            std::size_t index = (size - 1) / granule;
            auto* n = static_cast<node*>(block);
            n->next = free_[index];
            free_[index] = n;
            cached_bytes_ += (index + 1) * granule;
            return;
        }
#endif
        (void)size;
        ::operator delete(block);
    }

    // Bytes held in the free lists (allocated from the system, not in use).
    std::size_t cached_bytes() const { return cached_bytes_; }

private:
    // Out of line on purpose: were g++ to see ::operator new inlined into a coroutine whose frame
    // is freed by promise_base::operator delete, it would warn of mismatched new/delete
    // (-Wmismatched-new-delete), though both ends go through this pool.
    [[gnu::noinline]] static void* fresh_block(std::size_t size) { return ::operator new(size); }

    struct node {
        node* next;
    };
    node* free_[classes] = {};
    std::size_t cached_bytes_ = 0;
};

inline block_pool& pool() {
    static thread_local block_pool instance;
    return instance;
}

// Base for classes whose instances come from the pool.
struct pooled {
    static void* operator new(std::size_t size) { return pool().allocate(size); }
    static void operator delete(void* block, std::size_t size) noexcept {
        pool().deallocate(block, size);
    }
};

}  // namespace aio::detail

namespace aio::debug {
// Coroutine frames and tasks alive on this thread; tests assert both return to zero.
inline long live_frames() { return detail::counters.frames; }
inline long live_tasks() { return detail::counters.tasks; }
// Bytes the frame pool holds for reuse on this thread (memory figures subtract them).
inline std::size_t pool_cached_bytes() { return detail::pool().cached_bytes(); }
}  // namespace aio::debug
