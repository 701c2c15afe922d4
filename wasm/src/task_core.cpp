#include "aio/detail/task_core.hpp"
#include "aio/coro.hpp"
#include "aio/detail/context.hpp"
#include "aio/loop.hpp"

#include <limits>

namespace aio::detail {

void task_core::set_root_site(const char* function, const char* file, int line) {
    // The frames are this task's own; root_frame() hands them out read-only to everyone else.
    auto* p = const_cast<promise_base*>(root_frame());
    if (!p) return;
    p->function = function;
    p->file = file;
    p->line = static_cast<std::uint16_t>(line < 0 ? 0 : line > 65535 ? 65535 : line);
}

void task_core::init_rare(std::string_view name, std::uint64_t name_number) {
    if (!name.empty())
        set_name(std::string(name));
    else if (name_number)
        set_name_number(name_number);
    if (contexts_in_use) context_inherit(*this);  // a copy of its creator's context (context_var.hpp)
}

void task_core::destroy_rare() noexcept {
    if (status_ == status::finished && error_ && !retrieved_)
        report_unretrieved("Task exception was never retrieved", name());
    forget_name();
    if (contexts_in_use) context_forget(*this);
}

std::string task_core::name() const {
    if (name_ == 0) return "Task-" + std::to_string(id_);
    if (name_ & 1) return "Task-" + std::to_string(name_ >> 1);
    return *reinterpret_cast<const std::string*>(name_);
}

void task_core::check_await_chain(const future_core& target) const {
    if (&target == this) throw runtime_error("Task cannot await on itself: " + name());
    const future_core* link = &target;
    for (int steps = 0; steps < 16 && link && link->is_task(); ++steps) {
        const suspension* s = static_cast<const task_core*>(link)->waiting_on();
        link = s ? s->awaited() : nullptr;
        if (link == this)
            throw runtime_error("Task cannot await on itself: " + name() + " awaits " +
                                static_cast<const task_core&>(target).name() + ", which awaits it");
    }
}

void task_core::forget_name() noexcept {
    if (name_ && !(name_ & 1)) delete reinterpret_cast<std::string*>(name_);
    name_ = 0;
}

void task_core::set_name(std::string name) {
    auto* text = new std::string(std::move(name));
    forget_name();
    name_ = reinterpret_cast<std::uintptr_t>(text);
}

void task_core::set_name_number(std::uint64_t n) {
    if (n > (std::numeric_limits<std::uintptr_t>::max() >> 1)) return set_name("Task-" + std::to_string(n));
    forget_name();
    name_ = static_cast<std::uintptr_t>(n) << 1 | 1;
}

void task_core::run() { step(); }

bool task_core::start_step() {
    started_ = true;
    // Tracing that began earlier in this tick still reports the start.
    return !(pending_cancel_ || loop_->tracing()) || first_step();
}

void task_core::run_traced() {
    if (started_) {
        loop_->emit({trace_kind::task_resumed, wait_kind::none, outcome::none, 0, 0, id_});
    } else {
        started_ = true;
        if (!first_step()) return;
    }
    resume_frames();
    end_step();  // may release the last reference: nothing after this
}

bool task_core::first_step() {
    if (loop_->tracing()) [[unlikely]]
        loop_->emit({trace_kind::task_started, wait_kind::none, outcome::none, 0, 0, id_});
    if (pending_cancel_) {  // cancelled before it ever ran: the body never starts
        destroy_root();
        finish_common(status::cancelled, std::exchange(pending_cancel_, nullptr));
        return false;
    }
    return true;
}

void task_core::end_step() {
    step_end_ &= ~traced_end;
    if (step_end_ & root_finished) {
        finish_from_root();  // may release the last reference: nothing after this
        return;
    }
    if (pending_cancel_ && waiting_) {
        // Cancelled while running and now suspended: hand the request to the wait point at
        // once, as asyncio does after each step.
        std::string message = cancel_message(pending_cancel_);
        std::exception_ptr pending = std::exchange(pending_cancel_, nullptr);
        if (!waiting_->on_cancel(*this, message) && !pending_cancel_) pending_cancel_ = pending;
    }
    if (loop_->tracing()) [[unlikely]]
        trace_suspended();
}

void task_core::trace_suspended() {
    trace_event e{trace_kind::task_suspended, wait_kind::yield, outcome::none, 0, 0, id_};
    if (waiting_) {
        e.wait = waiting_->kind();
        e.other_id = waiting_->target_id();
        e.deadline_ns = waiting_->deadline();
        e.text = waiting_->label();
    }
    loop_->emit(e);
}

bool task_core::cancel(std::string_view message) {
    if (done()) return false;
    // A cancellation forwarded round an await cycle (a awaits b awaits a) comes back here: it
    // stops where the cycle closes instead of recursing until the stack overflows.
    if (forwarding_cancel_) return true;
    ++cancels_requested_;
    loop_->emit({trace_kind::task_cancel_requested, wait_kind::none, outcome::none, 0, 0, id_, 0, 0, 0,
                 message});
    if (waiting_) {
        forwarding_cancel_ = true;
        bool arranged = waiting_->on_cancel(*this, message);
        forwarding_cancel_ = false;
        if (arranged) return true;
    }
    set_pending_cancel(message);
    return true;
}

std::uint32_t task_core::uncancel() {
    if (cancels_requested_ > 0) --cancels_requested_;
    if (cancels_requested_ == 0) pending_cancel_ = nullptr;
    return cancels_requested_;
}

void task_core::wake() {
    waiting_ = nullptr;
    loop_->schedule(*this);
}

void task_core::set_pending_cancel(std::string_view message) {
    pending_cancel_ = std::make_exception_ptr(cancelled_error(std::string(message)));
}

// Both throw with a single object to clean up on the way out (rethrow_exception's by-value
// argument): each local with a destructor at a throw point costs the unwinder another landing
// pad and _Unwind_Resume, about a fifth of a cancelled task's cost.
void task_core::throw_pending_cancel() {
    error_ = std::move(pending_cancel_);  // unused while pending (see future_core::error_)
    pending_cancel_ = nullptr;
    std::rethrow_exception(error_);
}

void task_core::raise_cancel(const std::exception_ptr& cancel) {
    error_ = cancel;
    std::rethrow_exception(error_);
}

void task_core::finish(std::exception_ptr error) {
    // The cancellation this task raised, propagated unchanged (the usual case): no rethrow.
    // Anything else (a new cancelled_error, another exception) is classified by its type.
    bool cancelled = (error && error == error_) || is_cancellation(error);
    finish_common(cancelled ? status::cancelled : status::finished, std::move(error));
}

void task_core::finish_value() {
    if (pending_cancel_) {  // cancelled right before the coroutine returned: asyncio cancels it
        finish_common(status::cancelled, std::exchange(pending_cancel_, nullptr));
    } else {
        finish_common(status::finished, nullptr);
    }
}

void task_core::finish_common(status final_status, std::exception_ptr error) {
    waiting_ = nullptr;
    loop_->task_finished(*this);
    if (loop_->tracing()) [[unlikely]]
        trace_finished(final_status, error);
    complete_held(final_status, std::move(error));  // the loop's reference is held until...
    release();                                      // ...here
}

void task_core::trace_finished(status final_status, const std::exception_ptr& error) {
    outcome how = final_status == status::cancelled ? outcome::cancelled
                  : error                            ? outcome::exception
                                                     : outcome::value;
    std::string text = error ? describe(error) : std::string();
    loop_->emit({trace_kind::task_finished, wait_kind::none, how, 0, 0, id_, 0, 0, 0, text});
}

}  // namespace aio::detail
