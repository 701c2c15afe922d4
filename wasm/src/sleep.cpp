// The cold half of sleep_awaiter (aio/sleep.hpp): what a bare yield never needs.
#include "aio/sleep.hpp"

namespace aio::detail {

void sleep_awaiter::suspend_slow() {
    if (!task_) throw invalid_state_error("sleep() can only be awaited inside a task");
    event_loop& loop = task_->loop();
    timed& t = timer_.emplace(*task_);
    t.task_id = task_->id();
    loop.arm_timer(t, loop.now_ns() + delay_ns_);
    task_->wait_on(&t);
}

bool sleep_awaiter::timed::on_cancel(task_core& t, std::string_view message) {
    t.loop().disarm_timer(*this);
    cancelled = true;
    t.set_pending_cancel(message);  // carries the message in the usual case
    t.wake();
    return true;
}

void sleep_awaiter::throw_cancelled() { throw cancelled_error(); }

}  // namespace aio::detail
