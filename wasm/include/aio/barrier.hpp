// aio::barrier — asyncio.Barrier: `parties` tasks wait until all of them have arrived.
//
//     aio::barrier b(3);
//     std::size_t index = co_await b.wait();   // 0 .. parties-1, in arrival order
//     b.reset();    // waiting tasks get broken_barrier_error; the barrier is reusable afterwards
//     b.abort();    // broken: current and future wait() calls throw broken_barrier_error
//
// Semantics (asyncio 3.11+):
// - The task whose arrival completes the barrier returns at once (no suspension) and releases
//   the others. While those released tasks have not all left (draining), or while a reset is in
//   progress, newcomers wait at the door; they are admitted FIFO when the barrier refills.
// - A waiter cancelled while waiting leaves (n_waiting drops); the barrier is not broken.
// - reset() and abort() are plain functions here: asyncio's are coroutines only because they
//   take the barrier's internal condition lock, which this implementation does not need.
// Waiting allocates nothing (intrusive node in the waiting frame).
#pragma once

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

class barrier;

namespace detail {

class [[nodiscard]] barrier_awaiter final : public wait_node {
public:
    explicit barrier_awaiter(barrier& b) : barrier_(b) {}
    inline ~barrier_awaiter();

    inline bool await_ready();
    inline void await_suspend(co::coroutine_handle<>);
    inline std::size_t await_resume();

    inline bool on_cancel(task_core& t, std::string_view message) override;
    inline std::string_view label() const override;

private:
    friend class aio::barrier;
    enum class phase : std::uint8_t {
        at_door,   // waits for draining/resetting to end (not counted yet)
        waiting,   // counted, waits for the barrier to fill
        released,  // counted, admitted from the door as the last party: released the others
        left,      // gone (cancelled)
    };
    barrier& barrier_;
    std::size_t index_ = 0;
    phase phase_ = phase::at_door;
    bool counted_ = false;
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
    detail::barrier_awaiter wait() { return detail::barrier_awaiter(*this); }

    // Back to the empty state; tasks waiting now get broken_barrier_error.
    void reset() {
        if (count_ > 0) {
            state_ = state::resetting;
        } else {
            state_ = state::filling;
        }
        filling_.wake_all(true);
        admit();
    }
    // Breaks the barrier: current and future waits throw broken_barrier_error (until reset()).
    void abort() {
        state_ = state::broken;
        filling_.wake_all(true);
        door_.wake_all(false);
    }

    std::size_t parties() const noexcept { return parties_; }
    // Tasks waiting for the barrier to fill.
    std::size_t n_waiting() const noexcept { return state_ == state::filling ? count_ : 0; }
    bool broken() const noexcept { return state_ == state::broken; }

private:
    friend class detail::barrier_awaiter;
    enum class state : std::uint8_t { filling, draining, resetting, broken };

    // Counts `w` in; true if it was the last party (the barrier is then released).
    bool arrive(detail::barrier_awaiter& w) {
        w.index_ = count_++;
        w.counted_ = true;
        if (count_ < parties_) return false;
        state_ = state::draining;
        filling_.wake_all(true);
        return true;
    }
    // A counted task leaves; the last one out ends draining/resetting and opens the door.
    void leave(detail::barrier_awaiter& w) {
        w.counted_ = false;
        if (--count_ == 0 && (state_ == state::draining || state_ == state::resetting)) {
            state_ = state::filling;
            admit();
        }
    }
    // Lets tasks waiting at the door in, FIFO, while the barrier is filling.
    void admit() {
        while (state_ == state::filling && !door_.empty()) {
            auto* w = static_cast<detail::barrier_awaiter*>(door_.pop_front());
            if (arrive(*w)) {
                w->phase_ = detail::barrier_awaiter::phase::released;
                detail::wait_list::wake(*w, true);
            } else {
                w->phase_ = detail::barrier_awaiter::phase::waiting;
                filling_.push_back(*w);
            }
        }
    }

    std::size_t parties_;
    std::size_t count_ = 0;
    state state_ = state::filling;
    detail::wait_list filling_;  // counted, waiting for the last party
    detail::wait_list door_;     // waiting for draining/resetting to end
};

namespace detail {

inline bool barrier_awaiter::await_ready() {
    switch (barrier_.state_) {
        case barrier::state::broken:
            throw broken_barrier_error("barrier aborted");
        case barrier::state::draining:
        case barrier::state::resetting:
            phase_ = phase::at_door;
            return false;
        case barrier::state::filling:
            break;
    }
    if (barrier_.arrive(*this)) {
        barrier_.leave(*this);  // the last party passes straight through
        return true;
    }
    phase_ = phase::waiting;
    return false;
}

inline void barrier_awaiter::await_suspend(co::coroutine_handle<>) {
    park(phase_ == phase::at_door ? barrier_.door_ : barrier_.filling_, "barrier.wait()");
}

inline std::size_t barrier_awaiter::await_resume() {
    if (!task) return index_;  // completed the barrier without suspending
    granted = false;
    switch (phase_) {
        case phase::at_door:  // woken by abort(), or cancelled
            task->resume_point();
            throw broken_barrier_error("barrier aborted");
        case phase::waiting: {
            bool passed = barrier_.state_ == barrier::state::draining;
            barrier_.leave(*this);
            phase_ = phase::left;
            task->resume_point();
            if (!passed) throw broken_barrier_error("barrier was reset or aborted");
            return index_;
        }
        case phase::released:
            barrier_.leave(*this);
            phase_ = phase::left;
            task->resume_point();
            return index_;
        case phase::left:
            break;
    }
    task->resume_point();            // cancelled while waiting: throws
    throw cancelled_error();  // (the cancellation was withdrawn meanwhile; still not a pass)
}

inline bool barrier_awaiter::on_cancel(task_core& t, std::string_view message) {
    if (!linked()) return false;
    unlink();
    if (counted_) barrier_.leave(*this);
    phase_ = phase::left;
    t.set_pending_cancel(message);
    t.wake();
    return true;
}

inline std::string_view barrier_awaiter::label() const {
    return phase_ == phase::at_door ? "barrier.door" : "barrier";
}

inline barrier_awaiter::~barrier_awaiter() {
    unlink();
    if (counted_) barrier_.leave(*this);
}

}  // namespace detail

}  // namespace aio
