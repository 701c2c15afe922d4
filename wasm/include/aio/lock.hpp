// aio::lock — asyncio.Lock: a mutual-exclusion lock for tasks (not threads).
//
//     aio::lock lk;
//     co_await lk.acquire();            // asyncio: await lk.acquire()
//     ...
//     lk.release();
//
//     {
//         auto held = co_await lk.scoped();   // asyncio: async with lk:
//         ...
//     }                                       // released here, also on exception/cancellation
//
// Semantics (asyncio 3.11+):
// - acquire() takes the lock without suspending only if it is free and no task is waiting;
//   otherwise the task queues. Waiters are served strictly FIFO: release() hands the lock straight
//   to the first waiter, so a newcomer cannot take it in between.
// - A waiter cancelled while queued leaves the queue without taking the lock. One cancelled after
//   it was handed the lock but before it ran passes the lock on to the next waiter.
// - release() of an unlocked lock throws invalid_state_error (asyncio's RuntimeError). Like
//   asyncio's, the lock has no owner: any task may release it.
// Waiting allocates nothing: the awaiter is an intrusive node in the waiting coroutine's frame.
#pragma once

#include "aio/detail/wait_list.hpp"

namespace aio {

class lock;
class condition;

namespace detail {

class [[nodiscard]] lock_awaiter final : public wait_node {
public:
    explicit lock_awaiter(lock& l) : lock_(l) {}
    inline ~lock_awaiter();

    inline bool await_ready() noexcept;
    void await_suspend(co::coroutine_handle<>) { park(owner_list(), "lock.acquire()"); }
    inline bool await_resume();  // true, as asyncio's acquire()

    bool on_cancel(task_core& t, std::string_view message) override {
        return linked() && cancel_queued(t, message);
    }
    std::string_view label() const override { return "lock"; }

private:
    inline wait_list& owner_list();
    lock& lock_;
};

class condition_awaiter;

}  // namespace detail

class lock {
public:
    lock() = default;
    lock(const lock&) = delete;
    lock& operator=(const lock&) = delete;

    bool locked() const noexcept { return locked_; }

    // co_await: acquires the lock (suspends while another task holds it or tasks queue for it).
    detail::lock_awaiter acquire() { return detail::lock_awaiter(*this); }
    // co_await: acquires and yields a scoped_hold<lock> that releases it when destroyed.
    detail::scoped_awaiter<lock, detail::lock_awaiter> scoped() {
        return detail::scoped_awaiter<lock, detail::lock_awaiter>(*this);
    }
    // Releases; the first waiter (if any) gets the lock. Throws aio::runtime_error if unlocked.
    void release() {
        if (!locked_) throw runtime_error("Lock is not acquired.");
        release_held();
    }

    // Number of tasks queued for the lock (not in asyncio; for tests and diagnostics).
    std::size_t waiting() const noexcept { return waiters_.size(); }

    // Release known to be valid (the lock is held): hands the lock to the first waiter.
    void release_held() noexcept {
        if (!waiters_.wake_first(true)) locked_ = false;
    }

private:
    friend class detail::lock_awaiter;
    friend class detail::condition_awaiter;
    friend class condition;

    // Acquires on behalf of an already parked waiter `n` (condition re-acquisition): takes the
    // lock and wakes `n` if it is free and nobody queues, otherwise queues `n` at the back.
    void acquire_for(detail::wait_node& n) {
        if (!locked_ && waiters_.empty()) {
            locked_ = true;
            detail::wait_list::wake(n, true);
        } else {
            waiters_.push_back(n);
        }
    }

    detail::wait_list waiters_;
    bool locked_ = false;
};

namespace detail {

inline wait_list& lock_awaiter::owner_list() { return lock_.waiters_; }

inline bool lock_awaiter::await_ready() noexcept {
    if (!lock_.locked_ && lock_.waiters_.empty()) {
        lock_.locked_ = true;
        return true;
    }
    return false;
}

inline bool lock_awaiter::await_resume() {
    if (!task) return true;  // took the fast path
    if (!std::exchange(granted, false)) raise_cancelled();  // cancelled while queued
    if (task->has_pending_cancel()) {
        lock_.release_held();  // cancelled after the hand-over: pass the lock on
        task->resume_point();
    }
    return true;
}

inline lock_awaiter::~lock_awaiter() {
    if (linked()) {
        unlink();
    } else if (granted) {
        lock_.release_held();  // frame destroyed before it could use the lock
    }
}

}  // namespace detail

}  // namespace aio
