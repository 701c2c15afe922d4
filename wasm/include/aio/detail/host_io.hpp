// host_io_awaiter<T>: awaits a future that outside work (a JS promise, a fetch, a curl transfer)
// completes, and reports the wait as wait_kind::host_io with a label ("js promise", "http GET")
// to traces and deadlock reports. Cancelling the awaiting task cancels the future, so the task
// resumes with cancelled_error at once; the outside work is abandoned by its owner's guard.
#pragma once

#include "aio/future.hpp"

#include <string_view>
#include <type_traits>

namespace aio::detail {

template <class T>
class host_io_awaiter final : public suspension, public waiter_node {
public:
    host_io_awaiter(future_state<T>& state, std::string_view label) : state_(state), label_(label) {}
    host_io_awaiter(const host_io_awaiter&) = delete;
    host_io_awaiter& operator=(const host_io_awaiter&) = delete;
    ~host_io_awaiter() {
        if (linked_to) future_core::remove_waiter(*this);
    }

    bool await_ready() const { return state_.done(); }
    void await_suspend(co::coroutine_handle<>) {
        task_ = this_thread.current_task;
        if (!task_) throw invalid_state_error("host I/O can only be awaited inside a task");
        notify = &on_done;
        on_behalf = task_;
        state_.add_waiter(*this);
        task_->wait_on(this);
    }
    // The future belongs to one operation with this single awaiter: the value is moved out, not
    // copied (an HTTP body can be megabytes).
    T await_resume() {
        if (task_) task_->resume_point();
        state_.check_result();
        if constexpr (std::is_void_v<T>) {
            return;
        } else {
            return std::move(*state_.value);
        }
    }

    bool on_cancel(task_core&, std::string_view message) override { return state_.cancel(message); }
    wait_kind kind() const override { return wait_kind::host_io; }
    std::string_view label() const override { return label_; }

private:
    static void on_done(waiter_node& node, future_core&) {
        static_cast<host_io_awaiter&>(node).task_->wake();
    }
    future_state<T>& state_;
    std::string_view label_;
    task_core* task_ = nullptr;
};

}  // namespace aio::detail
