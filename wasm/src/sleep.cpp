// The cold half of sleep_awaiter (aio/sleep.hpp): what a bare yield never needs.
#include "aio/sleep.hpp"

namespace aio::detail {

void sleep_awaiter::suspend_slow() {
    if (!task_) throw invalid_state_error("sleep() can only be awaited inside a task");
    event_loop& loop = task_->loop();
    task_id = task_->id();
    loop.arm_timer(*this, loop.now_ns() + delay_ns_);
    task_->wait_on(this);
}

void sleep_awaiter::throw_cancelled() { throw cancelled_error(); }

}  // namespace aio::detail
