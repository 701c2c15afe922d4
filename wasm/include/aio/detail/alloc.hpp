// Recycling allocator for coroutine frames and task states, plus live-object counters.
//
// Every task allocates a coroutine frame and a task state; the general-purpose allocator is the
// biggest cost of a task, so blocks come from per-thread free lists by 16-byte size class, are
// carved from larger runs when a list is empty and go back to their list when freed (the same
// idea as asio's recycling allocator). Under AddressSanitizer the pool is
// bypassed so that use-after-free is still caught.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <utility>

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
        // The runs go back to the system only when every block carved from them is back in a free
        // list: a block still in use (an object destroyed after this thread's pool) stays valid.
        std::size_t free_blocks = 0;
        for (node* head : free_)
            for (node* n = head; n; n = n->next) ++free_blocks;
        if (free_blocks != carved_) return;
        while (runs_) ::operator delete(std::exchange(runs_, runs_->next));
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
            return refill(index);
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

    // An empty free list gets a run of blocks from one system allocation, each run of a class
    // twice as long as the last (up to max_run_bytes): a cold burst (100,000 tasks created at
    // start-up) costs one malloc per run rather than two per task. Never inline: it is the cold path.
    [[gnu::noinline]] void* refill(std::size_t index) {
        std::size_t block = (index + 1) * granule;
        std::size_t count = next_run_[index] ? next_run_[index] : first_run;
        next_run_[index] = static_cast<std::uint16_t>(count * 2 * block <= max_run_bytes ? count * 2 : count);
        auto* r = static_cast<run*>(::operator new(run_header + count * block));
        r->next = runs_;
        runs_ = r;
        char* first = reinterpret_cast<char*>(r) + run_header;
        for (std::size_t i = count - 1; i > 0; --i) {
            auto* n = reinterpret_cast<node*>(first + i * block);
            n->next = free_[index];
            free_[index] = n;
        }
        cached_bytes_ += (count - 1) * block;
        carved_ += count;
        return first;
    }

    struct node {
        node* next;
    };
    struct run {
        run* next;
    };
    static constexpr std::size_t run_header = granule;  // keeps the blocks 16-byte aligned
    static constexpr std::size_t first_run = 4;
    static constexpr std::size_t max_run_bytes = 64 * 1024;
    node* free_[classes] = {};
    std::uint16_t next_run_[classes] = {};
    run* runs_ = nullptr;
    std::size_t carved_ = 0;  // blocks carved from runs so far
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
