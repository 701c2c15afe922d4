#include "aio/detail/scheduler.hpp"

#include "aio/schedule_explorer.hpp"

#include <algorithm>

namespace aio::detail {

void ready_queue::grow() {
    std::vector<runnable*> bigger(items_.size() * 2);
    std::size_t n = size();
    for (std::size_t i = 0; i < n; ++i) bigger[i] = items_[(head_ + i) & mask_];
    items_.swap(bigger);
    mask_ = items_.size() - 1;
    head_ = 0;
    tail_ = n;
}

void ready_queue::shuffle_front(std::size_t count, schedule_explorer& explorer) {
    for (std::size_t i = 0; i + 1 < count; ++i)
        std::swap(items_[(head_ + i) & mask_], items_[(head_ + i + explorer.pick(count - i)) & mask_]);
}

namespace {
bool earlier(const timer_node* a, const timer_node* b) {
    return a->deadline < b->deadline || (a->deadline == b->deadline && a->sequence < b->sequence);
}
}  // namespace

void timer_heap::sift_up(std::uint32_t index) {
    timer_node* node = nodes_[index];
    while (index > 0) {
        std::uint32_t parent = (index - 1) / 2;
        if (!earlier(node, nodes_[parent])) break;
        place(index, nodes_[parent]);
        index = parent;
    }
    place(index, node);
}

void timer_heap::sift_down(std::uint32_t index) {
    timer_node* node = nodes_[index];
    const auto n = static_cast<std::uint32_t>(nodes_.size());
    for (;;) {
        std::uint32_t child = 2 * index + 1;
        if (child >= n) break;
        if (child + 1 < n && earlier(nodes_[child + 1], nodes_[child])) ++child;
        if (!earlier(nodes_[child], node)) break;
        place(index, nodes_[child]);
        index = child;
    }
    place(index, node);
}

void timer_heap::push(timer_node* node) {
    node->sequence = ++sequence_;
    nodes_.push_back(node);
    sift_up(static_cast<std::uint32_t>(nodes_.size() - 1));
}

void timer_heap::arm(timer_node& node, std::int64_t deadline) {
    node.deadline = deadline;
    push(&node);
}

void timer_heap::disarm(timer_node& node) {
    std::uint32_t index = node.heap_index;
    node.heap_index = timer_node::not_armed;
    timer_node* last = nodes_.back();
    nodes_.pop_back();
    if (last != &node) {
        place(index, last);
        sift_up(index);
        sift_down(last->heap_index);
    }
}

timer_node* timer_heap::pop_earliest() {
    timer_node* node = nodes_.front();
    node->heap_index = timer_node::not_armed;
    timer_node* last = nodes_.back();
    nodes_.pop_back();
    if (last != node) {
        place(0, last);
        sift_down(0);
    }
    return node;
}

timer_node* timer_heap::pop_explored(schedule_explorer& explorer) {
    timer_node* node = pop_earliest();
    bool shuffled = node->deadline == ties_deadline_ && node->sequence > ties_after_;
    if (shuffled || nodes_.empty() || nodes_.front()->deadline != node->deadline) return node;
    std::vector<timer_node*> tied{node};
    while (!nodes_.empty() && nodes_.front()->deadline == node->deadline) tied.push_back(pop_earliest());
    for (std::size_t i = 0; i + 1 < tied.size(); ++i) std::swap(tied[i], tied[i + explorer.pick(tied.size() - i)]);
    ties_deadline_ = node->deadline;
    ties_after_ = sequence_;
    for (timer_node* t : tied) push(t);
    return pop_earliest();
}

std::vector<const timer_node*> timer_heap::in_order(std::size_t max) const {
    std::vector<const timer_node*> nodes(nodes_.begin(), nodes_.end());
    if (max < nodes.size()) {
        std::partial_sort(nodes.begin(), nodes.begin() + static_cast<std::ptrdiff_t>(max), nodes.end(), earlier);
        nodes.resize(max);
    } else {
        std::sort(nodes.begin(), nodes.end(), earlier);
    }
    return nodes;
}

}  // namespace aio::detail
