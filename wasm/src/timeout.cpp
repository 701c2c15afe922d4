#include "aio/timeout.hpp"

namespace aio {

timeout_scope::timeout_scope(std::optional<double> when) : task_(detail::this_thread.current_task) {
    if (!task_) throw invalid_state_error("timeout scopes can only be used inside a task");
    cancelling_at_entry_ = task_->cancelling();
    task_id = task_->id();
    reschedule(when);
}

timeout_scope::~timeout_scope() { task_->loop().disarm_timer(*this); }

void timeout_scope::reschedule(std::optional<double> when) {
    if (state_ != state::entered)
        throw invalid_state_error("reschedule: the timeout scope has already expired or exited");
    when_ = when;
    event_loop& loop = task_->loop();
    loop.disarm_timer(*this);
    if (when) loop.arm_timer(*this, event_loop::to_ns(*when));  // a past deadline fires next tick
}

void timeout_scope::fire() {
    state_ = state::expiring;
    task_->cancel();  // no message, as asyncio 3.11's timeout and wait_for
}

void timeout_scope::exit(const std::exception_ptr& error) {
    task_->loop().disarm_timer(*this);
    if (state_ == state::expiring) {
        state_ = state::expired;
        // Only our own cancellation becomes a timeout; one requested by someone else as well
        // (cancelling() still above the level at entry) stays a cancellation.
        if (task_->uncancel() <= cancelling_at_entry_ && is_cancellation(error)) {
            try {
                std::rethrow_exception(error);
            } catch (...) {
                std::throw_with_nested(timeout_error("timed out"));  // the cancellation is its cause
            }
        }
    } else {
        state_ = state::exited;
    }
}

}  // namespace aio
