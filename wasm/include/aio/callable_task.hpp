// create_task(callable, args...): a task whose frame owns the callable and its arguments.
//
//     aio::create_task([s = std::string("x")]() -> aio::coro<void> { use(s); co_return; });
//
// Passing `lambda()` (the coroutine it returns) would leave the coroutine pointing at the lambda
// object's captures, which die at the end of the statement; this form moves the lambda (and the
// arguments) into a coroutine frame that lives as long as the task, so captures stay valid.
// task_group::create_task has the same form.
#pragma once

#include "aio/task.hpp"

#include <concepts>
#include <functional>
#include <type_traits>
#include <utility>

namespace aio {

namespace detail {

template <class X>
struct is_coro : std::false_type {};
template <class T>
struct is_coro<coro<T>> : std::true_type {};

// A callable (called with lvalues of the stored arguments) that returns a coro<T>.
template <class F, class... A>
concept coro_callable = std::invocable<F&, A&...> && is_coro<std::invoke_result_t<F&, A&...>>::value;

template <class F, class... A>
using callable_result_t = typename std::invoke_result_t<F&, A&...>::value_type;

// By value: the frame owns `f` and `args` for as long as the coroutine `f` returns runs.
template <class F, class... A>
coro<callable_result_t<F, A...>> invoke_owned(F f, A... args) {
    if constexpr (std::is_void_v<callable_result_t<F, A...>>) {
        co_await std::invoke(f, args...);
    } else {
        co_return co_await std::invoke(f, args...);
    }
}

}  // namespace detail

// Schedules `f(args...)` on the running loop; `f` and `args` are moved into the task.
template <class F, class... A>
    requires detail::coro_callable<std::decay_t<F>, std::decay_t<A>...>
auto create_task(F&& f, A&&... args) {
    return create_task(detail::invoke_owned(std::decay_t<F>(std::forward<F>(f)),
                                            std::decay_t<A>(std::forward<A>(args))...));
}

}  // namespace aio
