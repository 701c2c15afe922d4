// try_await(aw): awaits `aw` and gives its outcome as result<T> instead of throwing — the C++
// spelling of Python's
//     try: x = await work()
//     except CancelledError: await cleanup(); raise
// (C++ allows no co_await inside a catch handler):
//     auto r = co_await aio::try_await(work());
//     if (r.error_is<aio::cancelled_error>()) co_await cleanup();
//     int x = std::move(r).value();  // rethrows the error, if any
// Works with anything co_await takes (coro, task, future, lock.acquire(), ...) and adds no
// coroutine frame: it wraps the awaitable's own awaiter. Use it inside the co_await expression
// (an awaiter that cannot move is referred to, not copied). Errors from any step of the await
// (a coroutine awaited twice, a task awaiting itself, a cancellation) end up in the result.
#pragma once

#include "aio/result.hpp"

#include <exception>
#include <type_traits>
#include <utility>

namespace aio {

namespace detail {

template <class A>
decltype(auto) awaiter_of(A& aw) {
    if constexpr (requires { aw.operator co_await(); }) {
        return aw.operator co_await();
    } else {
        return (aw);  // already an awaiter: use it in place
    }
}

template <class A>
class [[nodiscard]] try_awaiter {
    // An lvalue, or an awaiter that cannot move (lock.acquire(), sleep()): kept by reference, alive
    // until the end of the co_await expression. Anything else (a coro) is moved in and owned.
    using stored_t = std::conditional_t<std::is_move_constructible_v<std::remove_reference_t<A>>, A, A&&>;
    using inner_t = decltype(awaiter_of(std::declval<std::remove_reference_t<A>&>()));
    using value_t = std::remove_cvref_t<decltype(std::declval<inner_t&>().await_resume())>;

public:
    explicit try_awaiter(A&& aw) : aw_(std::forward<A>(aw)), inner_(awaiter_of(aw_)) {}
    try_awaiter(const try_awaiter&) = delete;
    try_awaiter& operator=(const try_awaiter&) = delete;

    bool await_ready() noexcept {
        try {
            return inner_.await_ready();
        } catch (...) {
            error_ = std::current_exception();
            return true;
        }
    }
    template <class H>
    auto await_suspend(H frame) noexcept {
        using R = decltype(inner_.await_suspend(frame));
        try {
            if constexpr (std::is_void_v<R>) {
                inner_.await_suspend(frame);
                return true;
            } else {
                return inner_.await_suspend(frame);
            }
        } catch (...) {
            error_ = std::current_exception();
            if constexpr (std::is_void_v<R> || std::is_same_v<R, bool>) {
                return false;  // resume at once: await_resume reports the error
            } else {
                return R(frame);
            }
        }
    }
    result<value_t> await_resume() noexcept {
        if (error_) return result<value_t>::failure(error_);
        return capture<value_t>([&]() -> value_t { return inner_.await_resume(); });
    }

private:
    stored_t aw_;
    inner_t inner_;
    std::exception_ptr error_;
};

}  // namespace detail

template <class A>
detail::try_awaiter<A> try_await(A&& aw) {
    return detail::try_awaiter<A>(std::forward<A>(aw));
}

}  // namespace aio
