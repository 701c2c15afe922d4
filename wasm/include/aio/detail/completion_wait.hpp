// completion_wait: what every "await a future that something else completes" shares — a plain
// future or task (future.hpp), a host operation (host_io.hpp), a thread's result (thread.hpp).
// The awaiting task links itself as the future's waiter, is woken when the future completes,
// unlinks if the await ends first (the frame destroyed), and cancelling the task cancels the
// future, so that the task resumes with cancelled_error at once. Each awaiter adds what it
// reports (wait kind, label) and how it reads the result.
#pragma once

#include "aio/detail/task_core.hpp"
#include "aio/errors.hpp"

namespace aio::detail {

class completion_wait : public suspension, public waiter_node {
public:
    completion_wait(const completion_wait&) = delete;
    completion_wait& operator=(const completion_wait&) = delete;

    bool on_cancel(task_core&, std::string_view message) override { return core_->cancel(message); }

protected:
    explicit completion_wait(future_core* core) : core_(core) {}
    ~completion_wait() {
        if (linked_to) future_core::remove_waiter(*this);
    }

    // await_suspend's first half: the running task, or invalid_state_error(`outside_task`).
    task_core& awaiting_task(const char* outside_task) {
        task_ = this_thread.current_task;
        if (!task_) throw invalid_state_error(outside_task);
        return *task_;
    }
    // Its second half: waits on the future on behalf of that task.
    void wait() {
        notify = &on_done;
        on_behalf = task_;
        core_->add_waiter(*this);
        task_->wait_on(this);
    }

    future_core* core_;
    task_core* task_ = nullptr;

private:
    static void on_done(waiter_node& node, future_core&) { static_cast<completion_wait&>(node).task_->wake(); }
};

}  // namespace aio::detail
