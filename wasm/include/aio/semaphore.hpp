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
// Waiting allocates nothing (detail/grant_wait.hpp).
#pragma once

#include "aio/detail/grant_wait.hpp"
#include "aio/detail/wait_list.hpp"

#include <cstddef>
#include <stdexcept>

namespace aio {

class semaphore;

namespace detail {
using semaphore_awaiter = grant_awaiter<semaphore>;
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
    friend class detail::grant_awaiter<semaphore>;
    static constexpr const char* wait_label = "semaphore";
    static constexpr const char* acquire_name = "semaphore.acquire()";

    // The fast path of acquire(): a permit is free and nobody queues.
    bool try_take() noexcept {
        if (locked()) return false;
        --value_;
        return true;
    }
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

}  // namespace aio
