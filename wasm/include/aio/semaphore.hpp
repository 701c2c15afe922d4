// aio::semaphore / aio::bounded_semaphore — asyncio.Semaphore / asyncio.BoundedSemaphore.
//
//     aio::semaphore sem(3);
//     co_await sem.acquire();  ...  sem.release();
//     {
//         auto held = co_await sem.scoped();   // asyncio: async with sem:
//         ...
//     }                                        // released here, also on exception/cancellation
//
// Semantics (asyncio 3.11+ fairness):
// - acquire() takes a permit without suspending only if one is free AND no task is waiting;
//   otherwise the task queues, even if a permit is momentarily free (newcomers never jump the
//   queue). Waiters are served strictly FIFO: release() hands its permit straight to the first
//   waiter.
// - A waiter cancelled while queued leaves without a permit; one cancelled after it was handed a
//   permit but before it ran passes the permit on to the next waiter (or back to the count).
// - Constructing with a negative value throws std::invalid_argument (asyncio's ValueError).
// - bounded_semaphore::release() beyond the initial value throws std::invalid_argument.
// Waiting allocates nothing: the awaiter is an intrusive node in the waiting coroutine's frame.
#pragma once

#include "aio/detail/wait_list.hpp"

#include <cstddef>
#include <stdexcept>

namespace aio {

class semaphore;

namespace detail {

class [[nodiscard]] semaphore_awaiter final : public wait_node {
public:
    explicit semaphore_awaiter(semaphore& s) : sem_(s) {}
    inline ~semaphore_awaiter();

    inline bool await_ready() noexcept;
    inline void await_suspend(co::coroutine_handle<>);
    inline bool await_resume();  // true, as asyncio's acquire()

    bool on_cancel(task_core& t, std::string_view message) override {
        return linked() && cancel_queued(t, message);
    }
    std::string_view label() const override { return "semaphore"; }

private:
    semaphore& sem_;
};

}  // namespace detail

class semaphore {
public:
    explicit semaphore(std::ptrdiff_t value = 1) : value_(checked(value)) {}
    semaphore(const semaphore&) = delete;
    semaphore& operator=(const semaphore&) = delete;

    // True if acquire() would suspend (no permit free, or tasks already waiting).
    bool locked() const noexcept { return value_ == 0 || !waiters_.empty(); }
    // Free permits (not in asyncio's public API; for tests and diagnostics).
    std::ptrdiff_t value() const noexcept { return value_; }
    std::size_t waiting() const noexcept { return waiters_.size(); }

    // co_await: takes a permit.
    detail::semaphore_awaiter acquire() { return detail::semaphore_awaiter(*this); }
    // co_await: takes a permit and yields a scoped_hold that gives it back when destroyed.
    detail::scoped_awaiter<semaphore, detail::semaphore_awaiter> scoped() {
        return detail::scoped_awaiter<semaphore, detail::semaphore_awaiter>(*this);
    }
    // Returns a permit: to the first waiter if any, else to the count.
    void release() { release_held(); }
    void release_held() noexcept {
        if (!waiters_.wake_first(true)) ++value_;
    }

private:
    friend class detail::semaphore_awaiter;
    static std::ptrdiff_t checked(std::ptrdiff_t value) {
        if (value < 0) throw std::invalid_argument("semaphore initial value must be >= 0");
        return value;
    }

protected:
    detail::wait_list waiters_;
    std::ptrdiff_t value_;
};

// A semaphore that refuses to be released more often than acquired.
class bounded_semaphore : public semaphore {
public:
    explicit bounded_semaphore(std::ptrdiff_t value = 1) : semaphore(value), bound_(value) {}

    // Throws std::invalid_argument if it would raise the count above the initial value.
    void release() {
        if (value_ >= bound_) throw std::invalid_argument("bounded_semaphore released too many times");
        semaphore::release();
    }

private:
    std::ptrdiff_t bound_;
};

namespace detail {

inline bool semaphore_awaiter::await_ready() noexcept {
    if (sem_.locked()) return false;
    --sem_.value_;
    return true;
}

inline void semaphore_awaiter::await_suspend(co::coroutine_handle<>) {
    park(sem_.waiters_, "semaphore.acquire()");
}

inline bool semaphore_awaiter::await_resume() {
    if (!task) return true;  // took the fast path
    if (!std::exchange(granted, false)) raise_cancelled();  // cancelled while queued
    if (task->has_pending_cancel()) {
        sem_.release_held();  // cancelled after the hand-over: pass the permit on
        task->resume_point();
    }
    return true;
}

inline semaphore_awaiter::~semaphore_awaiter() {
    if (linked()) {
        unlink();
    } else if (granted) {
        sem_.release_held();
    }
}

}  // namespace detail

}  // namespace aio
