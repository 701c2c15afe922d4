// aio::queue<T>, aio::priority_queue<T, Compare>, aio::lifo_queue<T> — asyncio.Queue,
// PriorityQueue and LifoQueue (Python 3.13, including shutdown()).
//
//     aio::queue<int> q(10);           // maxsize 10; 0 (the default) = unbounded
//     co_await q.put(1);               // suspends while full (back-pressure)
//     int v = co_await q.get();        // suspends while empty
//     q.put_nowait(2);                 // throws queue_full when full
//     v = q.get_nowait();              // throws queue_empty when empty
//     q.task_done();  co_await q.join();
//     q.shutdown();                    // or shutdown(true) (immediate)
//
// Semantics:
// - get() on a queue with an available item and put() on a queue with room take effect at once,
//   without suspending (as in asyncio).
// - Blocked getters and putters are served strictly FIFO. When an item arrives, it is reserved for
//   the first waiting getter (which takes it when it runs); when room appears, the slot is reserved
//   for the first waiting putter. A newcomer never takes a reserved item or slot, so empty() and
//   full() say whether get_nowait() / put_nowait() would fail right now; qsize() counts every
//   stored item (reserved ones too, as asyncio does).
// - A getter/putter cancelled while blocked leaves without effect; one cancelled after an item or
//   slot was reserved for it passes the reservation on to the next waiter. Its item is not put.
// - join() returns once every item put has been marked with task_done(); task_done() more often
//   than items were put throws std::invalid_argument (asyncio's ValueError).
// - shutdown(immediate=false): put()/put_nowait() throw queue_shut_down from now on; get() keeps
//   returning what is left, then throws queue_shut_down; blocked putters and (item-less) blocked
//   getters are woken with queue_shut_down. shutdown(true) also drops the remaining items, marks
//   each one done (so join() returns) and wakes every blocked getter with queue_shut_down.
// - priority_queue returns the smallest item first (Python's heapq order): `Compare` is a
//   less-than; the item x for which no other y has comp(y, x) comes out first.
// Waiting allocates nothing: the awaiters are intrusive nodes in the waiting frames.
#pragma once

#include "aio/detail/wait_list.hpp"
#include "aio/event.hpp"

#include <algorithm>
#include <cstddef>
#include <functional>
#include <memory>
#include <new>
#include <stdexcept>
#include <vector>

namespace aio {

// asyncio.QueueEmpty: get_nowait() on an empty queue.
class queue_empty : public std::runtime_error {
public:
    explicit queue_empty(const std::string& what = {}) : std::runtime_error(what) {}
};
// asyncio.QueueFull: put_nowait() on a full queue.
class queue_full : public std::runtime_error {
public:
    explicit queue_full(const std::string& what = {}) : std::runtime_error(what) {}
};
// asyncio.QueueShutDown: put after shutdown(), or get from a shut-down queue with nothing left.
class queue_shut_down : public std::runtime_error {
public:
    explicit queue_shut_down(const std::string& what = {}) : std::runtime_error(what) {}
};

namespace detail {

// Out of line, so that the awaiters' fast paths stay small enough to be inlined.
[[noreturn, gnu::noinline, gnu::cold]] inline void throw_queue_shut_down() { throw queue_shut_down(); }

// FIFO storage: a growable power-of-two ring buffer. Unlike std::deque (libstdc++ frees and
// allocates a block every few hundred bytes that pass through), it allocates only to grow.
template <class T>
class fifo_storage {
public:
    fifo_storage() = default;
    fifo_storage(const fifo_storage&) = delete;
    fifo_storage& operator=(const fifo_storage&) = delete;
    ~fifo_storage() {
        clear();
        if (data_) std::allocator<T>().deallocate(data_, cap_);
    }
    std::size_t size() const noexcept { return size_; }
    void push(T&& v) {
        if (size_ == cap_) [[unlikely]]
            grow();
        ::new (static_cast<void*>(data_ + ((head_ + size_) & (cap_ - 1)))) T(std::move(v));
        ++size_;
    }
    T pop() {
        T* slot = data_ + head_;
        T v = std::move(*slot);
        slot->~T();
        head_ = (head_ + 1) & (cap_ - 1);
        --size_;
        return v;
    }
    template <class F>
    void for_each(F& f) const {
        for (std::size_t i = 0; i < size_; ++i) f(static_cast<const T&>(data_[(head_ + i) & (cap_ - 1)]));
    }
    void clear() noexcept {
        for (; size_ > 0; --size_) {
            data_[head_].~T();
            head_ = (head_ + 1) & (cap_ - 1);
        }
        head_ = 0;
    }

private:
    [[gnu::noinline]] void grow() {
        std::size_t cap = cap_ ? cap_ * 2 : 16;
        T* data = std::allocator<T>().allocate(cap);
        for (std::size_t i = 0; i < size_; ++i) {
            T* from = data_ + ((head_ + i) & (cap_ - 1));
            ::new (static_cast<void*>(data + i)) T(std::move(*from));
            from->~T();
        }
        if (data_) std::allocator<T>().deallocate(data_, cap_);
        data_ = data;
        cap_ = cap;
        head_ = 0;
    }
    T* data_ = nullptr;
    std::size_t cap_ = 0;  // 0 or a power of two
    std::size_t head_ = 0;
    std::size_t size_ = 0;
};

template <class T>
struct lifo_storage {
    std::vector<T> items;
    std::size_t size() const noexcept { return items.size(); }
    void push(T&& v) { items.push_back(std::move(v)); }
    T pop() {
        T v = std::move(items.back());
        items.pop_back();
        return v;
    }
    template <class F>
    void for_each(F& f) const {
        for (const T& v : items) f(v);
    }
    void clear() { items.clear(); }
};

// A binary min-heap in a vector with heapq's own sift steps (push: sift the new item up; pop:
// move the last item to the root, walk the hole down to a leaf along the smaller children, then
// sift it up), so the array order is CPython's: asyncio.PriorityQueue's repr prints it, and
// std::push_heap/pop_heap order it differently in libc++ and libstdc++. comp(a, b): a first.
template <class T, class Compare>
struct heap_storage {
    std::vector<T> items;
    Compare comp{};
    std::size_t size() const noexcept { return items.size(); }
    void push(T&& v) {
        items.push_back(std::move(v));
        sift_up(items.size() - 1);
    }
    T pop() {
        T last = std::move(items.back());
        items.pop_back();
        if (items.empty()) return last;
        T first = std::move(items.front());
        items.front() = std::move(last);
        sift_down_from_root();
        return first;
    }
    template <class F>
    void for_each(F& f) const {
        for (const T& v : items) f(v);
    }
    void clear() { items.clear(); }

private:
    // The item taken out of the array while it moves: put back where the hole is when the move
    // ends, or when a comparison throws (so no item is ever lost).
    struct hole {
        std::vector<T>& items;
        std::size_t pos;
        T item;
        hole(std::vector<T>& v, std::size_t p) : items(v), pos(p), item(std::move(v[p])) {}
        ~hole() { items[pos] = std::move(item); }
        void move_to(std::size_t p) {
            items[pos] = std::move(items[p]);
            pos = p;
        }
    };
    // heapq._siftdown: the item at `pos` moves up while it comes before its parent.
    void sift_up(std::size_t pos) {
        hole h(items, pos);
        while (h.pos > 0 && comp(h.item, items[(h.pos - 1) / 2])) h.move_to((h.pos - 1) / 2);
    }
    // heapq._siftup from the root: the hole walks down along the smaller children to a leaf,
    // then the item is sifted up from there.
    void sift_down_from_root() {
        const std::size_t end = items.size();
        std::size_t leaf;
        {
            hole h(items, 0);
            for (std::size_t child = 1; child < end; child = 2 * h.pos + 1)
                h.move_to(child + 1 < end && !comp(items[child], items[child + 1]) ? child + 1 : child);
            leaf = h.pos;
        }
        sift_up(leaf);
    }
};

template <class T, class Storage>
class queue_get_awaiter;
template <class T, class Storage>
class queue_put_awaiter;

}  // namespace detail

template <class T, class Storage>
class basic_queue {
public:
    using value_type = T;

    explicit basic_queue(std::size_t maxsize = 0) : maxsize_(maxsize) { finished_.set(); }
    basic_queue(const basic_queue&) = delete;
    basic_queue& operator=(const basic_queue&) = delete;

    std::size_t maxsize() const noexcept { return maxsize_; }
    // Items stored now (including ones already promised to a woken getter).
    std::size_t qsize() const noexcept { return store_.size(); }
    // get_nowait() would throw (no item available to a new caller).
    bool empty() const noexcept { return store_.size() <= reserved_get_; }
    // put_nowait() would throw queue_full (no free slot for a new caller).
    bool full() const noexcept { return maxsize_ != 0 && store_.size() + reserved_put_ >= maxsize_; }
    bool is_shut_down() const noexcept { return shutdown_; }

    // co_await: puts `item`, suspending while the queue is full.
    detail::queue_put_awaiter<T, Storage> put(T item) {
        return detail::queue_put_awaiter<T, Storage>(*this, std::move(item));
    }
    // co_await: takes an item, suspending while none is available.
    detail::queue_get_awaiter<T, Storage> get() { return detail::queue_get_awaiter<T, Storage>(*this); }

    void put_nowait(T item) {
        if (shutdown_) throw queue_shut_down();
        if (full()) throw queue_full();
        push_item(std::move(item));
    }
    T get_nowait() {
        if (empty()) {
            if (shutdown_) throw queue_shut_down();
            throw queue_empty();
        }
        return take_item();
    }

    // Marks one item as processed. Throws std::invalid_argument if called more often than items
    // were put.
    void task_done() {
        if (unfinished_ == 0) throw std::invalid_argument("task_done() called too many times");
        if (--unfinished_ == 0) finished_.set();
    }
    // co_await: returns once every item put so far has been marked task_done().
    detail::event_awaiter join() { return finished_.wait("queue.join"); }

    void shutdown(bool immediate = false) {
        shutdown_ = true;
        if (immediate) {
            std::size_t dropped = store_.size();
            store_.clear();
            unfinished_ -= std::min(dropped, unfinished_);
            if (unfinished_ == 0) finished_.set();
        }
        getters_.wake_all(false);
        putters_.wake_all(false);
    }

    // Blocked tasks (not in asyncio; for tests and diagnostics).
    std::size_t getters_waiting() const noexcept { return getters_.size(); }
    std::size_t putters_waiting() const noexcept { return putters_.size(); }
    // Items put and not yet marked task_done() (asyncio's _unfinished_tasks).
    std::size_t unfinished_tasks() const noexcept { return unfinished_; }
    // Calls f(item) for each stored item in the storage's own order (asyncio's _queue: FIFO
    // order; a LIFO queue bottom first; a priority queue's heap array, as heapq keeps it).
    template <class F>
    void for_each_item(F&& f) const {
        store_.for_each(f);
    }

private:
    friend class detail::queue_get_awaiter<T, Storage>;
    friend class detail::queue_put_awaiter<T, Storage>;

    void push_item(T&& item) {
        store_.push(std::move(item));
        ++unfinished_;
        finished_.clear();
        grant_getters();
    }
    T take_item() {
        T item = store_.pop();
        grant_putters();
        return item;
    }
    // Reserves available items for waiting getters, FIFO. The check is inline, the waking out of
    // line: a put or get that wakes nobody stays small.
    void grant_getters() {
        if (!getters_.empty() && store_.size() > reserved_get_) wake_getters();
    }
    [[gnu::noinline]] void wake_getters() {
        do {
            ++reserved_get_;
            getters_.wake_first(true);
        } while (!getters_.empty() && store_.size() > reserved_get_);
    }
    // Reserves free slots for waiting putters, FIFO.
    void grant_putters() {
        if (!putters_.empty() && !full()) wake_putters();
    }
    [[gnu::noinline]] void wake_putters() {
        do {
            ++reserved_put_;
            putters_.wake_first(true);
        } while (!putters_.empty() && !full());
    }

    Storage store_;
    std::size_t maxsize_;
    std::size_t reserved_get_ = 0;  // items promised to woken getters that have not run yet
    std::size_t reserved_put_ = 0;  // slots promised to woken putters that have not run yet
    std::size_t unfinished_ = 0;
    detail::wait_list getters_;
    detail::wait_list putters_;
    event finished_;
    bool shutdown_ = false;
};

template <class T>
class queue : public basic_queue<T, detail::fifo_storage<T>> {
public:
    using basic_queue<T, detail::fifo_storage<T>>::basic_queue;
};

template <class T>
class lifo_queue : public basic_queue<T, detail::lifo_storage<T>> {
public:
    using basic_queue<T, detail::lifo_storage<T>>::basic_queue;
};

template <class T, class Compare = std::less<T>>
class priority_queue : public basic_queue<T, detail::heap_storage<T, Compare>> {
public:
    using basic_queue<T, detail::heap_storage<T, Compare>>::basic_queue;
};

namespace detail {

template <class T, class Storage>
class [[nodiscard]] queue_get_awaiter final : public wait_node {
public:
    explicit queue_get_awaiter(basic_queue<T, Storage>& q) : q_(q) {}
    ~queue_get_awaiter() {
        if (linked()) {
            unlink();
        } else if (granted) {
            --q_.reserved_get_;
            q_.grant_getters();
        }
    }

    bool await_ready() {
        if (q_.store_.size() > q_.reserved_get_) return true;
        if (q_.shutdown_) throw_queue_shut_down();
        return false;
    }
    void await_suspend(co::coroutine_handle<>) { park(q_.getters_, "queue.get()"); }
    T await_resume() {
        if (task) after_wait();  // it was suspended (not the ready fast path)
        return q_.take_item();
    }

    bool on_cancel(task_core& t, std::string_view message) override {
        return linked() && cancel_queued(t, message);
    }
    std::string_view label() const override { return "queue.get"; }

private:
    [[gnu::noinline]] void after_wait() {
        if (std::exchange(granted, false)) {
            --q_.reserved_get_;
            if (task->has_pending_cancel()) {
                q_.grant_getters();  // the item goes to the next getter
                task->resume_point();
            }
            if (q_.store_.size() == 0) throw_queue_shut_down();  // dropped by shutdown(true)
        } else {
            if (cancelled) raise_cancelled();  // cancelled while blocked
            // woken by shutdown(): drain what is left, if anything
            if (q_.store_.size() <= q_.reserved_get_) throw_queue_shut_down();
        }
    }

    basic_queue<T, Storage>& q_;
};

template <class T, class Storage>
class [[nodiscard]] queue_put_awaiter final : public wait_node {
public:
    queue_put_awaiter(basic_queue<T, Storage>& q, T item) : q_(q), item_(std::move(item)) {}
    ~queue_put_awaiter() {
        if (linked()) {
            unlink();
        } else if (granted) {
            --q_.reserved_put_;
            q_.grant_putters();
        }
    }

    bool await_ready() {
        if (q_.shutdown_) throw_queue_shut_down();
        return !q_.full();
    }
    void await_suspend(co::coroutine_handle<>) { park(q_.putters_, "queue.put()"); }
    void await_resume() {
        if (task) after_wait();  // it was suspended (not the ready fast path)
        q_.push_item(std::move(item_));
    }

    bool on_cancel(task_core& t, std::string_view message) override {
        return linked() && cancel_queued(t, message);
    }
    std::string_view label() const override { return "queue.put"; }

private:
    [[gnu::noinline]] void after_wait() {
        bool had = std::exchange(granted, false);
        if (had) --q_.reserved_put_;
        if (cancelled) raise_cancelled();  // cancelled while blocked
        if (task->has_pending_cancel()) {
            if (had) q_.grant_putters();  // the slot goes to the next putter
            task->resume_point();
        }
        if (q_.shutdown_) throw_queue_shut_down();
    }

    basic_queue<T, Storage>& q_;
    T item_;
};

}  // namespace detail

}  // namespace aio
