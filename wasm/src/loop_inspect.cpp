// event_loop's read-only inspection: what the sandbox's snapshot, all_tasks() and the deadlock
// report see of the ready queue, the timers and the pending tasks. Nothing here changes the loop.
#include "aio/loop.hpp"

#include "aio/task.hpp"

#include <algorithm>
#include <string>

namespace aio {

std::vector<std::uint64_t> event_loop::ready_task_ids(std::size_t max) const {
    std::vector<std::uint64_t> ids;
    std::size_t n = std::min(max, ready_.size());
    ids.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        auto* task = dynamic_cast<const detail::task_core*>(ready_.at(i));
        ids.push_back(task ? task->id() : 0);
    }
    return ids;
}

std::vector<event_loop::timer_info> event_loop::pending_timers(std::size_t max) const {
    std::vector<const detail::timer_node*> nodes = timers_.in_order(max);
    std::vector<timer_info> timers;
    timers.reserve(nodes.size());
    for (const auto* n : nodes) timers.push_back({n->deadline, n->task_id});
    return timers;
}

std::vector<any_task> event_loop::all_tasks(std::size_t max) const {
    std::vector<any_task> tasks;
    tasks.reserve(std::min(max, task_count_));
    for (auto* t = tasks_head_; t && tasks.size() < max; t = t->list_next) tasks.emplace_back(t);
    return tasks;
}

bool event_loop::stalled() const {
    return ready_.empty() && timers_.empty() && external_.load(std::memory_order_relaxed) == 0 &&
           !inbox_ready_.load(std::memory_order_acquire);
}

std::string event_loop::describe_waiting_tasks() const {
    std::string text;
    for (auto* t = tasks_head_; t; t = t->list_next) {
        text += "\n  " + t->name();
        if (auto* s = t->waiting_on()) {
            text += " waits on ";
            text += to_string(s->kind());
            if (s->target_id()) text += " (task id " + std::to_string(s->target_id()) + ")";
            if (!s->label().empty()) text += " " + std::string(s->label());
        } else {
            text += " is ready";
        }
    }
    return text;
}

}  // namespace aio
