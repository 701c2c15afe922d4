// async_with: Python's `async with` (an asynchronous context manager).
//
// A resource type provides
//     aio::coro<X>    aenter();                          // __aenter__; X may be void
//     aio::coro<bool> aexit(std::exception_ptr error);   // __aexit__; true suppresses `error`
// and is used as
//     co_await aio::async_with(conn, [&](Session& s) -> aio::coro<void> {
//         co_await s.send("hello");
//     });
// (for X = void the body takes no argument).
//
// Semantics, as in Python:
// - aenter() runs first; if it throws, aexit() is not called and the exception propagates.
// - Then the body runs with the value aenter() gave (by reference, alive for the whole body).
// - aexit() always runs once the body has started: with nullptr after a normal exit, with the
//   exception otherwise — including aio::cancelled_error when the task is cancelled inside the
//   body (aexit may still await; only a new cancel() interrupts it).
// - If aexit() returns true for an exception, the exception is suppressed: async_with then
//   completes normally without the body's value. If aexit() throws, that exception replaces the
//   body's and carries it as its context, as Python's __context__ (aio::with_context: for the
//   standard and aio exception types; aio::cause_of gives it, aio::describe shows "during
//   handling of"). A user type can carry it itself: rethrow `error` and throw its own with
//   std::throw_with_nested inside that handler.
//   aexit()'s return value is ignored after a normal exit.
// Result: for a body returning coro<void>, async_with returns coro<void>. For coro<R> it returns
// coro<std::optional<R>>: the body's value, or std::nullopt when aexit() suppressed an
// exception (Python: the statement after the `async with` runs, the block's assignment did not).
//
// The resource is taken by reference if it is an lvalue (it must outlive the awaiting) and moved
// into the coroutine frame at the call if it is an rvalue. The body callable is kept in the frame, so a
// capturing lambda coroutine is safe.
#pragma once

#include "aio/coro.hpp"
#include "aio/errors.hpp"
#include "aio/try_await.hpp"

#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

namespace aio {

namespace detail {

template <class Res>
using aenter_t = typename decltype(std::declval<Res&>().aenter())::value_type;

template <class Res, class Body>
using body_result_t = typename std::conditional_t<
    std::is_void_v<aenter_t<Res>>, std::invoke_result<Body&>,
    std::invoke_result<Body&, std::add_lvalue_reference_t<
                                  std::conditional_t<std::is_void_v<aenter_t<Res>>, int, aenter_t<Res>>>>>::
    type::value_type;

template <class R>
using with_result_t = std::conditional_t<std::is_void_v<R>, void, std::optional<R>>;

template <class Res, class Body>
coro<with_result_t<body_result_t<Res, Body>>> with_impl(Res& res, Body& body) {
    using entered_t = aenter_t<Res>;
    using R = body_result_t<Res, Body>;

    // __aenter__: an exception here propagates without calling aexit.
    std::optional<std::conditional_t<std::is_void_v<entered_t>, bool, entered_t>> entered;
    if constexpr (std::is_void_v<entered_t>) {
        co_await res.aenter();
        entered.emplace(true);
    } else {
        entered.emplace(co_await res.aenter());
    }

    auto outcome = co_await try_await([&]() -> coro<R> {
        if constexpr (std::is_void_v<entered_t>) {
            return body();
        } else {
            return body(*entered);
        }
    }());
    std::exception_ptr error = outcome.error();

    auto exited = co_await try_await(res.aexit(error));
    if (!exited) std::rethrow_exception(with_context(exited.error(), error));
    bool suppress = std::move(exited).value();
    if (error && !suppress) std::rethrow_exception(error);
    if constexpr (!std::is_void_v<R>) {
        if (error) co_return std::nullopt;
        co_return std::move(outcome).value();
    }
}

}  // namespace detail

// `async with res as x: body(x)` — see the top of this file.
template <class Res, class Body>
coro<detail::with_result_t<detail::body_result_t<Res, Body>>> async_with(Res& res, Body body) {
    co_return co_await detail::with_impl(res, body);
}

namespace detail {
// By value: the frame owns the manager from the call on, not from its first step, so a temporary
// in the awaiting expression (`co_await async_with(ACM{...}, body)`) may end whenever the
// compiler ends it (g++ 12 mishandles such temporaries in a co_await expression).
template <class Res, class Body>
coro<with_result_t<body_result_t<Res, Body>>> with_owned(Res res, Body body) {
    co_return co_await with_impl(res, body);
}
}  // namespace detail

template <class Res, class Body>
    requires(!std::is_lvalue_reference_v<Res>)
coro<detail::with_result_t<detail::body_result_t<Res, Body>>> async_with(Res&& res, Body body) {
    return detail::with_owned(std::move(res), std::move(body));
}

}  // namespace aio
