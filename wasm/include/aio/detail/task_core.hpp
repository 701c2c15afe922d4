// The untyped part of a task: drives its coroutine frames and receives cancellation.
#pragma once

#include "aio/detail/context.hpp"
#include "aio/detail/core.hpp"

namespace aio::detail {

class task_core;
struct promise_base;

// What a suspended task waits on. Lives in the awaiting frame while the task is suspended.
class suspension {
public:
    // The task was cancelled while waiting here. Return true if this wait point has arranged for
    // the task to see the cancellation (woken with a pending cancel, or the awaited future
    // cancelled); false to fall back to delivering it at the next resumption.
    virtual bool on_cancel(task_core& task, std::string_view message) = 0;
    virtual wait_kind kind() const = 0;
    virtual std::uint64_t target_id() const { return 0; }
    virtual std::int64_t deadline() const { return 0; }
    virtual std::string_view label() const { return {}; }
    // The future this wait point completes with, if it is a plain await of one (null otherwise):
    // lets a task notice that it would wait for itself.
    virtual const future_core* awaited() const { return nullptr; }

protected:
    ~suspension() = default;
};

struct thread_context {
    event_loop* running_loop = nullptr;
    task_core* current_task = nullptr;
};
inline thread_local thread_context this_thread;

class task_core : public future_core {
public:
    // id: the loop's next task id; name_number: see task_options. Inline, as create_task's hot
    // path: a name, a name number and a context copy are rare and out of line.
    task_core(event_loop& loop, std::uint64_t id, std::string_view name, std::uint64_t name_number)
        : future_core(loop), id_(id) {
        is_task_ = true;
        ++counters.tasks;
        if (!name.empty() || name_number || contexts_in_use) [[unlikely]]
            init_rare(name, name_number);
    }
    ~task_core() override {
        // An unretrieved exception, a name held as a string, a context: all rare.
        if ((error_ && !retrieved_) || (name_ && !(name_ & 1)) || contexts_in_use) [[unlikely]]
            destroy_rare();
        --counters.tasks;
    }

    // One step: resumes the innermost frame and keeps passing control between this task's
    // frames (await of a coroutine, return from one) in a loop, so chains of any depth use
    // constant stack without tail calls.
    void run() override;  // step(), out of line
    void run_traced() override;  // run() with the task_resumed / task_suspended trace events

    bool cancel(std::string_view message = {}) override;
    std::uint32_t cancelling() const { return cancels_requested_; }
    std::uint32_t uncancel();

    std::uint64_t id() const { return id_; }
    std::string name() const;
    void set_name(std::string name);
    bool started() const { return started_; }
    suspension* waiting_on() const { return waiting_; }
    // The task's outermost coroutine frame (null once it has finished); promise_base::child
    // links lead from it to the innermost one.
    virtual const promise_base* root_frame() const = 0;
    // For interpreters running on aio (the Python front-end): the root frame takes the name and
    // place of the interpreted coroutine, so the debug and deadlock reports and call graphs name
    // it rather than the interpreter's C++ coroutine. The strings must outlive the task.
    void set_root_site(const char* function, const char* file, int line);
    // For interpreters too: their own object for this task (the Python front-end's Task), so
    // that current_task() and all_tasks() give the same one each time. Not owned.
    void* host_object() const { return host_object_; }
    void set_host_object(void* object) { host_object_ = object; }

    // --- used by awaiters ---
    // Throws aio::runtime_error("Task cannot await on itself: ...") if awaiting `target` could
    // only end when this task ends: it is this task, or a task that (through plain awaits of
    // tasks) awaits this one. Follows at most a few links, so it stays cheap.
    void check_can_await(const future_core& target) const {
        if (target.is_task()) check_await_chain(target);
    }
    void wait_on(suspension* s) { waiting_ = s; }
    void wake();  // clears the wait and queues the task
    // Called on resumption at a suspension point: throws the pending cancellation, if any.
    void resume_point() {
        if (pending_cancel_) [[unlikely]]
            throw_pending_cancel();
    }
    void set_pending_cancel(std::string_view message);
    // Tracing began during this task's step (the loop tests tracing between steps only).
    void trace_step_end() { step_end_ |= traced_end; }
    // Throws `cancel` (a cancelled_error) into this task's coroutine, remembering it: if the task
    // then finishes with that same exception, finish() classifies it without a rethrow.
    [[noreturn]] void raise_cancel(const std::exception_ptr& cancel);
    bool has_pending_cancel() const { return pending_cancel_ != nullptr; }
    // Frame hand-over within this task (see run()).
    void enter_frame(co::coroutine_handle<> child) {
        top_ = child;
        moved_ = true;
    }
    void leave_frame(co::coroutine_handle<> parent) {
        if (parent) {
            top_ = parent;
            moved_ = true;
        } else {
            step_end_ |= root_finished;
        }
    }

    // Intrusive list of the loop's pending tasks.
    task_core* list_prev = nullptr;
    task_core* list_next = nullptr;

protected:
    // Registers with the loop and queues the first step; or registers only (an eager start runs
    // it now). Defined in task.hpp, beside their only callers.
    void start(co::coroutine_handle<> root);
    void start_unqueued(co::coroutine_handle<> root);
    // Moves the root frame's outcome into the future and destroys the frame.
    virtual void finish_from_root() = 0;
    virtual void destroy_root() = 0;
    // Completes the task: outcome from an exception (cancelled_error => cancelled).
    void finish(std::exception_ptr error);
    void finish_value();

private:
    friend class aio::event_loop;
    [[noreturn]] void throw_pending_cancel();
    void init_rare(std::string_view name, std::uint64_t name_number);
    void destroy_rare() noexcept;
    void forget_name() noexcept;
    void set_name_number(std::uint64_t n);  // "Task-<n>"
    // One untraced step; the loop's tick runs it inline (no virtual call for the usual item).
    // The first step, finishing and a pending cancellation are out of line.
    void step() {
        if (!started_) [[unlikely]]
            if (!start_step()) return;
        resume_frames();
        if (step_end_ || pending_cancel_) [[unlikely]]
            end_step();  // may release the last reference: nothing after this
    }
    bool start_step();  // sets started_: false if the task finished instead of starting
    void resume_frames() {
        task_core* outer = this_thread.current_task;
        this_thread.current_task = this;
        co::coroutine_handle<> frame = top_;
        for (;;) {
            frame.resume();
            // Awaiting a coroutine or returning to the parent moved top_: go on there. Any other
            // suspension (or the root's end) ends the step.
            if (!moved_) break;
            moved_ = false;
            frame = top_;
        }
        this_thread.current_task = outer;
    }
    // The first step's rare work (tracing, a cancellation before it ran), after started_ is
    // set: false if the task finished instead.
    bool first_step();
    void end_step();    // run()'s rare end: finished, cancel pending, or tracing
    void check_await_chain(const future_core& target) const;
    void finish_common(status final_status, std::exception_ptr error);
    void trace_finished(status final_status, const std::exception_ptr& error);
    void trace_suspended();

    co::coroutine_handle<> top_;  // the innermost frame: the one the next step resumes
    suspension* waiting_ = nullptr;
    std::exception_ptr pending_cancel_;
    // The name when it is not "Task-<id>": 0 for none; odd: n << 1 | 1 for "Task-<n>";
    // otherwise a std::string* owned here.
    std::uintptr_t name_ = 0;
    std::uint64_t id_;
    void* host_object_ = nullptr;
    std::uint32_t cancels_requested_ = 0;
    bool started_ = false;
    // Work for the end of this step (run() tests it with pending_cancel_): the root frame
    // returned, and/or tracing began during the step (its suspension is reported).
    static constexpr std::uint8_t root_finished = 1, traced_end = 2;
    std::uint8_t step_end_ = 0;
    bool forwarding_cancel_ = false;  // inside cancel(), passing it to what the task awaits
    bool moved_ = false;  // the frame that ran handed control to another frame of this task (top_)
};

}  // namespace aio::detail
