// sleep(delay): suspends the calling task; sleep(0) yields to the other ready tasks once.
// sleep(delay, result) returns `result` when it is over (asyncio.sleep(delay, result)).
#pragma once

#include "aio/loop.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

namespace aio {

namespace detail {

// A bare yield (sleep(0)) needs only the delay and the task: that is all the awaiter holds until
// a real delay makes it arm a timer, whose node (with the wait-point interface the loop and
// cancellation see) is built then, in place.
class sleep_awaiter {
public:
    explicit sleep_awaiter(std::int64_t delay_ns) : delay_ns_(delay_ns) {}
    // Movable until awaited (so that a task can own it: gather(aio::sleep(1), ...)).
    sleep_awaiter(sleep_awaiter&& other) noexcept : delay_ns_(other.delay_ns_) {}
    sleep_awaiter& operator=(const sleep_awaiter&) = delete;

    bool await_ready() const noexcept { return false; }
    // The bare yield is the hot path, small enough to inline into the awaiting coroutine;
    // arming a timer and the errors are out of line (sleep.cpp).
    void await_suspend(co::coroutine_handle<>) {
        task_ = this_thread.current_task;
        if (delay_ns_ > 0 || !task_) [[unlikely]] {
            suspend_slow();
            return;
        }
        task_->loop().schedule(*task_);  // back of the ready queue
    }
    void await_resume() {
        task_->resume_point();
        // Like asyncio's cancelled sleep future: raises even if the request was withdrawn
        // (uncancel) before the task ran again.
        if (timer_ && timer_->cancelled) [[unlikely]]
            throw_cancelled();
    }

private:
    // The armed sleep: a timer that wakes the task, and the task's wait point.
    struct timed final : suspension, timer_node {
        explicit timed(task_core& t) : task(t) {}
        ~timed() {
            if (armed()) task.loop().disarm_timer(*this);
        }
        void fire() override { task.wake(); }
        bool on_cancel(task_core& t, std::string_view message) override;
        wait_kind kind() const override { return wait_kind::sleep; }
        std::int64_t deadline() const override { return timer_node::deadline; }

        task_core& task;
        bool cancelled = false;
    };

    void suspend_slow();  // outside a task (throws), or a real delay: arms the timer
    [[noreturn]] static void throw_cancelled();

    std::int64_t delay_ns_;
    task_core* task_ = nullptr;
    std::optional<timed> timer_;
};

// sleep(delay, result): a sleep that hands `result` back.
template <class T>
class sleep_result_awaiter {
public:
    sleep_result_awaiter(std::int64_t delay_ns, T result) : sleep_(delay_ns), result_(std::move(result)) {}
    bool await_ready() const noexcept { return false; }
    void await_suspend(co::coroutine_handle<> h) { sleep_.await_suspend(h); }
    T await_resume() {
        sleep_.await_resume();
        return std::move(result_);
    }

private:
    sleep_awaiter sleep_;
    T result_;
};

}  // namespace detail

inline detail::sleep_awaiter sleep(double seconds) {
    return detail::sleep_awaiter(seconds == 0 ? 0 : event_loop::to_ns(seconds));
}
template <class Rep, class Period>
detail::sleep_awaiter sleep(std::chrono::duration<Rep, Period> delay) {
    return detail::sleep_awaiter(std::chrono::duration_cast<std::chrono::nanoseconds>(delay).count());
}
template <class T>
detail::sleep_result_awaiter<std::decay_t<T>> sleep(double seconds, T&& result) {
    return {seconds == 0 ? 0 : event_loop::to_ns(seconds), std::forward<T>(result)};
}
template <class Rep, class Period, class T>
detail::sleep_result_awaiter<std::decay_t<T>> sleep(std::chrono::duration<Rep, Period> delay, T&& result) {
    return {std::chrono::duration_cast<std::chrono::nanoseconds>(delay).count(), std::forward<T>(result)};
}

}  // namespace aio
