// aio::barrier — asyncio.Barrier: `parties` tasks wait until all of them have arrived.
//
//     aio::barrier b(3);
//     std::size_t index = co_await b.wait();   // 0 .. parties-1, in arrival order
//     b.reset();    // waiting tasks get broken_barrier_error; the barrier is reusable afterwards
//     b.abort();    // broken: current and future wait() calls throw broken_barrier_error
//
// Semantics: asyncio 3.11's state machine (filling / draining / resetting / broken), step for
// step, so arrival indices and wake-up order match asyncio's also when the barrier is reused:
// - The task whose arrival completes the barrier returns at once (no suspension): the barrier is
//   draining, and every waiter is notified (woken in the order it started waiting).
// - A woken task re-checks the state when it runs (asyncio's Condition.wait_for): a task that
//   arrives while the barrier drains or resets waits until the last counted task has left and
//   then takes the next free index when it runs — after a task that re-entered in between.
// - A waiter cancelled while waiting leaves (n_waiting drops); the barrier is not broken.
// - reset() and abort() are plain functions here: asyncio's are coroutines only because they
//   take the barrier's internal condition lock, which is never held across a suspension.
// wait() is a coroutine (one pooled frame per call; asyncio's is one too).
#pragma once

#include "aio/coro.hpp"
#include "aio/detail/wait_list.hpp"

#include <cstddef>
#include <cstdint>
#include <stdexcept>

namespace aio {

// asyncio.BrokenBarrierError (a RuntimeError).
class broken_barrier_error : public std::runtime_error {
public:
    explicit broken_barrier_error(const std::string& what = "barrier is broken") : std::runtime_error(what) {}
};

namespace detail {

// One wait on the barrier's notification list (asyncio's Condition.wait without the lock):
// woken by notify_all, FIFO; the caller re-checks the state.
class [[nodiscard]] barrier_notified final : public wait_node {
public:
    barrier_notified(wait_list& l, const char* label) : list_(l), label_(label) {}
    ~barrier_notified() { unlink(); }
    bool await_ready() noexcept { return false; }
    void await_suspend(co::coroutine_handle<>) { park(list_, "barrier.wait()"); }
    void await_resume() {
        if (cancelled) raise_cancelled();
        task->resume_point();
    }
    bool on_cancel(task_core& t, std::string_view message) override {
        if (!linked()) return false;
        return cancel_queued(t, message);
    }
    std::string_view label() const override { return label_; }

private:
    wait_list& list_;
    const char* label_;
};

}  // namespace detail

class barrier {
public:
    // Throws std::invalid_argument if parties == 0 (asyncio's ValueError).
    explicit barrier(std::size_t parties) : parties_(parties) {
        if (parties == 0) throw std::invalid_argument("barrier: parties must be > 0");
    }
    barrier(const barrier&) = delete;
    barrier& operator=(const barrier&) = delete;

    // co_await: returns this task's arrival index once all parties have arrived; throws
    // broken_barrier_error if the barrier is (or gets) reset or aborted.
    coro<std::size_t> wait() {
        // Block while the barrier drains or resets.
        while (state_ == state::draining || state_ == state::resetting) {
            detail::barrier_notified door(notified_, "barrier.door");
            co_await door;
        }
        if (state_ == state::broken) throw broken_barrier_error("barrier aborted");
        std::size_t index = count_++;
        struct leave {  // asyncio's `finally: count -= 1; _exit()`
            barrier& b;
            ~leave() { b.exit(); }
        } on_exit{*this};
        if (index + 1 == parties_) {
            state_ = state::draining;
            notified_.wake_all(true);
        } else {
            while (state_ == state::filling) {
                detail::barrier_notified filled(notified_, "barrier");
                co_await filled;
            }
            if (state_ == state::broken || state_ == state::resetting)
                throw broken_barrier_error("barrier was reset or aborted");
        }
        co_return index;
    }

    // Back to the empty state; tasks waiting now get broken_barrier_error.
    void reset() {
        if (count_ > 0) {
            state_ = state::resetting;  // the last task out sets it filling again
        } else {
            state_ = state::filling;
        }
        notified_.wake_all(true);
    }
    // Breaks the barrier: current and future waits throw broken_barrier_error (until reset()).
    void abort() {
        state_ = state::broken;
        notified_.wake_all(true);
    }

    std::size_t parties() const noexcept { return parties_; }
    // Tasks waiting for the barrier to fill.
    std::size_t n_waiting() const noexcept { return state_ == state::filling ? count_ : 0; }
    bool broken() const noexcept { return state_ == state::broken; }
    // asyncio's _BarrierState value: "filling", "draining", "resetting" or "broken".
    const char* state_name() const noexcept {
        switch (state_) {
            case state::filling: return "filling";
            case state::draining: return "draining";
            case state::resetting: return "resetting";
            case state::broken: break;
        }
        return "broken";
    }

private:
    enum class state : std::uint8_t { filling, draining, resetting, broken };

    // A counted task leaves; the last one out ends draining/resetting.
    void exit() {
        if (--count_ == 0) {
            if (state_ == state::draining || state_ == state::resetting) state_ = state::filling;
            notified_.wake_all(true);
        }
    }

    std::size_t parties_;
    std::size_t count_ = 0;
    state state_ = state::filling;
    detail::wait_list notified_;  // every waiting task, in the order it started waiting
};

}  // namespace aio
