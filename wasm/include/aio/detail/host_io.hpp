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
class host_io_awaiter final : public completion_wait {
public:
    host_io_awaiter(future_state<T>& state, std::string_view label) : completion_wait(&state), label_(label) {}

    bool await_ready() const { return core_->done(); }
    void await_suspend(co::coroutine_handle<>) {
        awaiting_task("host I/O can only be awaited inside a task");
        wait();
    }
    // The future belongs to one operation with this single awaiter: the value is moved out, not
    // copied (an HTTP body can be megabytes).
    T await_resume() {
        if (task_) task_->resume_point();
        core_->check_result();
        if constexpr (std::is_void_v<T>) {
            return;
        } else {
            return std::move(*static_cast<future_state<T>*>(core_)->value);
        }
    }

    wait_kind kind() const override { return wait_kind::host_io; }
    std::string_view label() const override { return label_; }

private:
    std::string_view label_;
};

}  // namespace aio::detail
