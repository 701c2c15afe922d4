// The loop's two queues of work: the ready queue (what runs next tick, FIFO) and the timer heap
// (what becomes ready at a deadline). Neither allocates per item: both hold intrusive nodes.
#pragma once

#include "aio/detail/core.hpp"

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace aio {
class schedule_explorer;
}

namespace aio::detail {

// A ring of runnables, grown by doubling; push and pop are a mask and a store.
class ready_queue {
public:
    bool empty() const { return head_ == tail_; }
    std::size_t size() const { return tail_ - head_; }
    // False when the ring is full: grow(), then push again. No call on the hot path, so the
    // awaiters that inline it need no stack frame.
    bool try_push(runnable* r) {
        if (tail_ - head_ > mask_) [[unlikely]]
            return false;
        items_[tail_++ & mask_] = r;
        return true;
    }
    void grow();
    runnable* pop() { return items_[head_++ & mask_]; }
    runnable* at(std::size_t i) const { return items_[(head_ + i) & mask_]; }  // 0 = next
    // Exploration: the first `count` items in an order the explorer picks, one "which of those
    // left goes next" choice at a time (a Fisher-Yates shuffle).
    void shuffle_front(std::size_t count, schedule_explorer& explorer);

private:
    std::vector<runnable*> items_ = std::vector<runnable*>(64);
    std::size_t mask_ = 63;  // items_.size() - 1, kept so a push or pop reads no vector bounds
    std::size_t head_ = 0;
    std::size_t tail_ = 0;
};

// A binary min-heap of timer nodes by (deadline, arming order): equal deadlines fire in the
// order they were armed, as asyncio's do. Each node knows its index, so disarming is O(log n).
class timer_heap {
public:
    bool empty() const { return nodes_.empty(); }
    std::size_t size() const { return nodes_.size(); }
    timer_node& earliest() const { return *nodes_.front(); }
    void arm(timer_node& node, std::int64_t deadline);  // `node` is not armed
    void disarm(timer_node& node);                      // `node` is armed
    timer_node* pop_earliest();
    // Exploration: when timers due at the same instant reach the front, the explorer shuffles
    // the group: it goes back in renumbered in the chosen order (so firing one may still disarm
    // the others), and is then popped like any timers.
    timer_node* pop_explored(schedule_explorer& explorer);
    // The first `max` nodes in firing order (no full sort of 100,000 timers for a few).
    std::vector<const timer_node*> in_order(std::size_t max) const;
    // The loop is going away: every node is unarmed and handed to `gone`.
    template <class F>
    void clear(F gone) {
        for (timer_node* node : nodes_) {
            node->heap_index = timer_node::not_armed;
            gone(*node);
        }
        nodes_.clear();
    }

private:
    void place(std::uint32_t index, timer_node* node) {
        nodes_[index] = node;
        node->heap_index = index;
    }
    void push(timer_node* node);
    void sift_up(std::uint32_t index);
    void sift_down(std::uint32_t index);

    std::vector<timer_node*> nodes_;
    std::uint64_t sequence_ = 0;
    // Exploration: the group last shuffled (deadline, sequence numbers above ties_after_).
    std::int64_t ties_deadline_ = 0;
    std::uint64_t ties_after_ = ~std::uint64_t{0};
};

}  // namespace aio::detail
