// aio::condition — asyncio.Condition: a lock plus a queue of tasks waiting to be notified.
//
//     aio::condition cv;                 // owns its lock; aio::condition cv(lk) shares `lk`
//     {
//         auto held = co_await cv.scoped();      // asyncio: async with cv:
//         co_await cv.wait_for([&] { return ready; });
//         ...
//     }
//     // elsewhere, holding the lock:
//     cv.notify();        // or notify(n), notify_all()
//
// Semantics (asyncio 3.13):
// - wait() requires the lock held (else invalid_state_error, asyncio's RuntimeError), releases it,
//   suspends until notified, then re-acquires the lock before returning — also when the wait is
//   cancelled: cancelled_error is thrown with the lock held again, so a scoped_hold around it
//   stays correct.
// - notify(n) / notify_all() require the lock held; they wake the n longest waiting tasks, FIFO.
//   A notified waiter queues for the lock at once (ahead of tasks that call acquire() later).
// - A waiter that was notified but then cancelled passes its notification on to the next waiter
//   (asyncio gh-112202), so notifications are not lost.
// - wait_for(pred) returns the predicate's value once it is truthy (checked first, and after each
//   wake-up). It is a coroutine (one pooled frame per call); wait() itself allocates nothing.
#pragma once

#include "aio/coro.hpp"
#include "aio/lock.hpp"

#include <type_traits>

namespace aio {

namespace detail {

class [[nodiscard]] condition_awaiter final : public wait_node {
public:
    explicit condition_awaiter(condition& c) : cond_(c) {}
    inline ~condition_awaiter();

    inline bool await_ready();
    inline void await_suspend(co::coroutine_handle<>);
    inline bool await_resume();  // true, as asyncio's wait()

    inline bool on_cancel(task_core& t, std::string_view message) override;
    inline std::string_view label() const override;

private:
    friend class aio::condition;
    condition& cond_;
    bool notified_ = false;
};

}  // namespace detail

class condition {
public:
    condition() : lock_(&own_lock_) {}
    // Shares an existing lock (several conditions may use the same lock).
    explicit condition(aio::lock& shared) : lock_(&shared) {}
    condition(const condition&) = delete;
    condition& operator=(const condition&) = delete;

    aio::lock& get_lock() const noexcept { return *lock_; }
    bool locked() const noexcept { return lock_->locked(); }
    detail::lock_awaiter acquire() { return lock_->acquire(); }
    void release() { lock_->release(); }
    void release_held() noexcept { lock_->release_held(); }
    // co_await: acquires the lock and yields a scoped_hold<condition> that releases it.
    detail::scoped_awaiter<condition, detail::lock_awaiter> scoped() {
        return detail::scoped_awaiter<condition, detail::lock_awaiter>(*this, *lock_);
    }

    // co_await: releases the lock, waits for a notification, re-acquires the lock.
    detail::condition_awaiter wait() { return detail::condition_awaiter(*this); }

    // Waits until pred() is truthy; returns its last value. The lock must be held.
    template <class Pred>
    coro<std::decay_t<std::invoke_result_t<Pred&>>> wait_for(Pred pred) {
        auto result = pred();
        while (!result) {
            co_await wait();
            result = pred();
        }
        co_return result;
    }

    // Wakes up to n waiters (FIFO). Throws aio::runtime_error unless the lock is held.
    void notify(std::size_t n = 1) {
        if (!lock_->locked()) throw runtime_error("cannot notify on un-acquired lock");
        notify_held(n);
    }
    void notify_all() { notify(waiters_.size()); }

    std::size_t waiting() const noexcept { return waiters_.size(); }

private:
    friend class detail::condition_awaiter;
    void notify_held(std::size_t n) {
        for (; n > 0; --n) {
            auto* w = static_cast<detail::condition_awaiter*>(waiters_.pop_front());
            if (!w) break;
            w->notified_ = true;
            lock_->acquire_for(*w);
        }
    }

    aio::lock own_lock_;
    aio::lock* lock_;
    detail::wait_list waiters_;
};

namespace detail {

inline bool condition_awaiter::await_ready() {
    if (!cond_.lock_->locked())
        throw runtime_error("cannot wait on un-acquired lock");
    return false;
}

inline void condition_awaiter::await_suspend(co::coroutine_handle<>) {
    park(cond_.waiters_, "condition.wait()");
    cond_.lock_->release_held();
}

inline bool condition_awaiter::await_resume() {
    // Always resumed holding the lock again (granted by the lock).
    granted = false;
    if (task->has_pending_cancel()) {
        if (notified_) cond_.notify_held(1);  // do not swallow the notification
        task->resume_point();
    }
    return true;
}

inline bool condition_awaiter::on_cancel(task_core& t, std::string_view message) {
    if (!linked()) return false;
    t.set_pending_cancel(message);
    if (list == &cond_.waiters_) {
        // Still waiting for a notification: leave, then re-acquire the lock before raising.
        unlink();
        cond_.lock_->acquire_for(*this);
    }
    // else already queued for the lock: keep waiting for it, raise once it is ours.
    return true;
}

inline std::string_view condition_awaiter::label() const {
    return list == &cond_.waiters_ ? "condition" : "condition.relock";
}

inline condition_awaiter::~condition_awaiter() {
    if (linked()) {
        unlink();
    } else if (granted) {
        cond_.lock_->release_held();
    }
}

}  // namespace detail

}  // namespace aio
