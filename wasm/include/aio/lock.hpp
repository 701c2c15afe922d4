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
// Waiting allocates nothing (detail/grant_wait.hpp).
#pragma once

#include "aio/detail/grant_wait.hpp"
#include "aio/detail/wait_list.hpp"

namespace aio {

class lock;
class condition;

namespace detail {

using lock_awaiter = grant_awaiter<lock>;
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
    friend class detail::grant_awaiter<lock>;
    friend class detail::condition_awaiter;
    friend class condition;
    static constexpr const char* wait_label = "lock";
    static constexpr const char* acquire_name = "lock.acquire()";

    // The fast path of acquire(): free, and nobody queues.
    bool try_take() noexcept {
        if (locked_ || !waiters_.empty()) return false;
        locked_ = true;
        return true;
    }

    // Acquires on behalf of an already parked waiter `n` (condition re-acquisition): takes the
    // lock and wakes `n` if it is free and nobody queues, otherwise queues `n` at the back.
    void acquire_for(detail::wait_node& n) {
        if (try_take()) {
            detail::wait_list::wake(n, true);
        } else {
            waiters_.push_back(n);
        }
    }

    detail::wait_list waiters_;
    bool locked_ = false;
};

}  // namespace aio
