#include "aio/task_group.hpp"

namespace aio {

void task_group::enter() {
    if (entered_) throw runtime_error("TaskGroup " + repr() + " has already been entered");
    loop_ = &get_running_loop();
    parent_ = detail::this_thread.current_task;
    if (!parent_) throw runtime_error("TaskGroup " + repr() + " cannot determine the parent task");
    entered_ = true;
}

// asyncio's create_task checks, in its order and words.
void task_group::check_accepting() const {
    if (!entered_) throw runtime_error("TaskGroup " + repr() + " has not been entered");
    if (state_ != state::running && pending_ == 0) throw runtime_error("TaskGroup " + repr() + " is finished");
    if (aborting_) throw runtime_error("TaskGroup " + repr() + " is shutting down");
}

std::string task_group::repr() const {
    std::string text = "<TaskGroup";
    if (pending_ > 0) text += " tasks=" + std::to_string(pending_);
    if (!errors_.empty()) text += " errors=" + std::to_string(errors_.size());
    if (aborting_) {
        text += " cancelling";
    } else if (entered_) {
        text += " entered";
    }
    return text + ">";
}

void task_group::watch(const any_task& t) {
    link& l = links_.emplace_back();
    l.group = this;
    l.child = t;
    l.on_behalf = parent_;  // asyncio: a group's children are awaited by its parent task
    l.notify = [](detail::waiter_node& n, detail::future_core&) {
        auto& self = static_cast<link&>(n);
        self.group->child_done(self);
    };
    ++pending_;
    if (t.done()) {
        child_done(l);
    } else {
        t.core()->add_waiter(l);
    }
}

void task_group::child_done(link& l) {
    --pending_;
    if (pending_ == 0 && all_done_.valid() && !all_done_.done()) all_done_.set_result();
    detail::future_core* child = l.child.core();
    if (child->cancelled() || !child->has_exception()) return;
    errors_.push_back(child->exception());
    if (!aborting_ && !parent_cancel_requested_ && !abort_soon_.valid()) {
        // First failure: cancel the siblings and the body, so that the group can exit. Done on
        // the next tick, as asyncio's done callbacks are, so that children failing in this same
        // tick are reported rather than cancelled.
        abort_soon_ = loop_->call_soon([this] {
            if (aborting_ || parent_cancel_requested_) return;
            abort();
            parent_cancel_requested_ = true;
            parent_->cancel();
        });
    }
}

void task_group::abort() {
    aborting_ = true;
    for (auto& l : links_)
        if (!l.child.done()) l.child.cancel();
}

coro<void> task_group::exit(std::exception_ptr body_error) {
    state_ = state::exiting;
    std::exception_ptr propagate_cancel = is_cancellation(body_error) ? body_error : nullptr;
    if (body_error && !aborting_) abort();  // the body failed or was cancelled: stop the children
    while (pending_ > 0) {
        all_done_ = loop_->create_future<void>();
        try {
            co_await all_done_;
        } catch (const cancelled_error&) {
            // The enclosing task is being cancelled while we wait for the children.
            if (!aborting_) {
                propagate_cancel = std::current_exception();
                abort();
            }
        }
    }
    state_ = state::finished;
    abort_soon_.cancel();
    if (parent_cancel_requested_) {
        // We cancelled our own task to stop the body; take that request back. If none is left,
        // the cancellation was only ours and must not propagate.
        if (parent_->uncancel() == 0) propagate_cancel = nullptr;
    }
    if (propagate_cancel && errors_.empty()) std::rethrow_exception(propagate_cancel);
    if (body_error && !is_cancellation(body_error)) errors_.push_back(body_error);
    if (!errors_.empty()) {
        auto errors = std::move(errors_);
        errors_.clear();  // asyncio drops them: the repr shows no errors after the exit
        throw exception_group("unhandled errors in a TaskGroup", std::move(errors));
    }
}

}  // namespace aio
