// aio::event — asyncio.Event: a flag that tasks can wait for.
//
//     aio::event ready;
//     co_await ready.wait();   // returns at once if set; else suspends until set()
//     ready.set();             // wakes every waiter (FIFO order); later waits return at once
//     ready.clear();
//
// wait() on a set event does not suspend (asyncio: no yield). A waiter cancelled while waiting
// just leaves; one cancelled after set() woke it but before it ran raises cancelled_error (as in
// asyncio). Waiting allocates nothing (intrusive node in the waiting frame).
#pragma once

#include "aio/detail/wait_list.hpp"

namespace aio {

class event;

namespace detail {

class [[nodiscard]] event_awaiter final : public wait_node {
public:
    event_awaiter(event& e, const char* label) : event_(e), label_(label) {}
    ~event_awaiter() { unlink(); }

    inline bool await_ready() const noexcept;
    inline void await_suspend(co::coroutine_handle<>);
    bool await_resume() {  // true, as asyncio's wait()
        if (!task) return true;
        if (!std::exchange(granted, false)) raise_cancelled();  // cancelled while waiting
        task->resume_point();  // set, but cancelled before it ran: raises (as asyncio)
        return true;
    }

    bool on_cancel(task_core& t, std::string_view message) override {
        return linked() && cancel_queued(t, message);
    }
    std::string_view label() const override { return label_; }

private:
    event& event_;
    const char* label_;
};

}  // namespace detail

class event {
public:
    event() = default;
    event(const event&) = delete;
    event& operator=(const event&) = delete;

    bool is_set() const noexcept { return set_; }
    // Sets the flag and wakes all waiters.
    void set() {
        if (set_) return;
        set_ = true;
        waiters_.wake_all(true);
    }
    void clear() noexcept { set_ = false; }
    // co_await: returns once the flag is set.
    detail::event_awaiter wait() { return detail::event_awaiter(*this, "event"); }
    detail::event_awaiter wait(const char* trace_label) { return detail::event_awaiter(*this, trace_label); }

    std::size_t waiting() const noexcept { return waiters_.size(); }

private:
    friend class detail::event_awaiter;
    detail::wait_list waiters_;
    bool set_ = false;
};

namespace detail {
inline bool event_awaiter::await_ready() const noexcept { return event_.set_; }
inline void event_awaiter::await_suspend(co::coroutine_handle<>) { park(event_.waiters_, "event.wait()"); }
}  // namespace detail

}  // namespace aio
