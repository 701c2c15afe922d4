// Structured concurrency (asyncio.TaskGroup):
//   co_await aio::with_task_group([&](aio::task_group& tg) -> aio::coro<void> {
//       tg.create_task(fetch(1));
//       tg.create_task(fetch(2));
//   });  // returns when every child is done
// or, as `tg = TaskGroup(); async with tg: ...`, with a group object that outlives the block
// (inspect it after, or pass it around before entering):
//   aio::task_group tg;
//   co_await aio::async_with(tg, [&]() -> aio::coro<void> { tg.create_task(fetch(1)); });
// async_with enters the group, runs the body and always exits it (waits for the children):
// there is no exit to forget. A group is entered once; create_task before entering, after the
// exit or once a failure is cancelling the group throws aio::runtime_error with asyncio's words.
// The first child that fails cancels its siblings and the body; when all are done the errors
// are thrown together as exception_group. A cancellation of the enclosing task cancels the
// children too and propagates once they are done.
#pragma once

#include "aio/callable_task.hpp"
#include "aio/task.hpp"
#include "aio/try_await.hpp"

#include <list>
#include <string>
#include <type_traits>
#include <optional>

namespace aio {

class task_group;

namespace detail {
template <class F>
auto call_group_body(F& body, task_group& group) {
    if constexpr (std::is_invocable_v<F&, task_group&>) {
        return body(group);
    } else {
        return body();
    }
}
template <class F>
using group_body_t = typename decltype(call_group_body(std::declval<F&>(), std::declval<task_group&>()))::value_type;
}  // namespace detail

class task_group {
public:
    task_group() = default;  // not entered yet (asyncio.TaskGroup())
    ~task_group() { abort_soon_.cancel(); }
    task_group(const task_group&) = delete;
    task_group& operator=(const task_group&) = delete;

    template <class T>
    task<T> create_task(coro<T> c, std::string_view name = {}) {
        check_accepting();
        task<T> t = loop_->create_task(std::move(c), name);
        watch(t);
        return t;
    }
    template <class T>
    task<T> create_task(coro<T> c, task_options options) {
        check_accepting();
        task<T> t = loop_->create_task(std::move(c), options);
        watch(t);
        return t;
    }
    // tg.create_task(callable, args...): the task's frame owns the callable (aio/callable_task.hpp).
    template <class F, class... A>
        requires detail::coro_callable<std::decay_t<F>, std::decay_t<A>...>
    auto create_task(F&& f, A&&... args) {
        return create_task(detail::invoke_owned(std::decay_t<F>(std::forward<F>(f)),
                                                std::decay_t<A>(std::forward<A>(args))...));
    }
    // Children not done yet (asyncio's repr: tasks=N).
    std::size_t pending() const { return pending_; }
    bool entered() const { return entered_; }
    // A failure (or the body's error) is cancelling the children: create_task is refused.
    bool cancelling() const { return aborting_; }
    // asyncio's repr: "<TaskGroup tasks=2 errors=1 cancelling>", "<TaskGroup entered>".
    std::string repr() const;

    template <class Body>
    friend auto async_with(task_group& group, Body body) -> coro<detail::group_body_t<Body>>;
    template <class F>
    friend auto with_task_group(F body) -> coro<typename std::invoke_result_t<F&, task_group&>::value_type>;

    // The two halves of async_with, for a front-end whose `async with` calls __aenter__ and
    // __aexit__ separately (the Python TaskGroup). Prefer async_with: it cannot forget the exit.
    void enter();  // binds the group to the running task (its parent)
    coro<void> exit(std::exception_ptr body_error);  // waits for the children, may throw
    // Throws what create_task would (not entered, finished, shutting down), before the caller
    // builds the child's coroutine.
    void check_accepting() const;

private:
    enum class state { running, exiting, finished };
    struct link : detail::waiter_node {
        task_group* group = nullptr;
        any_task child;
        ~link() {
            if (linked_to) detail::future_core::remove_waiter(*this);
        }
    };

    void watch(const any_task& t);
    void child_done(link& l);
    void abort();

    event_loop* loop_ = nullptr;
    detail::task_core* parent_ = nullptr;
    std::list<link> links_;
    std::size_t pending_ = 0;
    std::vector<std::exception_ptr> errors_;
    future<void> all_done_;
    callback_handle abort_soon_;
    state state_ = state::running;
    bool entered_ = false;
    bool aborting_ = false;
    bool parent_cancel_requested_ = false;
};

// `async with tg: body()`: enters `group`, runs the body (a callable returning a coroutine,
// taking the group or nothing; kept in the frame) and exits the group, which waits for every child.
template <class Body>
auto async_with(task_group& group, Body body) -> coro<detail::group_body_t<Body>> {
    using R = detail::group_body_t<Body>;
    group.enter();
    auto outcome = co_await try_await(detail::call_group_body(body, group));
    co_await group.exit(outcome.error());
    if constexpr (std::is_void_v<R>) {
        outcome.value();
    } else {
        co_return std::move(outcome).value();
    }
}

// `async with TaskGroup() as tg: body(tg)` with a group that lives for the block only.
template <class F>
auto with_task_group(F body) -> coro<typename std::invoke_result_t<F&, task_group&>::value_type> {
    using R = typename std::invoke_result_t<F&, task_group&>::value_type;
    task_group group;
    group.enter();
    auto outcome = co_await try_await(body(group));
    co_await group.exit(outcome.error());
    if constexpr (std::is_void_v<R>) {
        outcome.value();
    } else {
        co_return std::move(outcome).value();
    }
}

}  // namespace aio
