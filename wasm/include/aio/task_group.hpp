// Structured concurrency (asyncio.TaskGroup):
//   co_await aio::with_task_group([&](aio::task_group& tg) -> aio::coro<void> {
//       tg.create_task(fetch(1));
//       tg.create_task(fetch(2));
//   });  // returns when every child is done
// The first child that fails cancels its siblings and the body; when all are done the errors
// are thrown together as exception_group. A cancellation of the enclosing task cancels the
// children too and propagates once they are done.
#pragma once

#include "aio/callable_task.hpp"
#include "aio/task.hpp"
#include "aio/try_await.hpp"

#include <list>
#include <optional>

namespace aio {

class task_group {
public:
    task_group(const task_group&) = delete;
    task_group& operator=(const task_group&) = delete;

    template <class T>
    task<T> create_task(coro<T> c, std::string_view name = {}) {
        if (state_ == state::finished) throw runtime_error("TaskGroup is finished");
        if (aborting_) throw runtime_error("TaskGroup is shutting down");
        task<T> t = loop_->create_task(std::move(c), name);
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
    std::size_t pending() const { return pending_; }

    template <class F>
    friend auto with_task_group(F body) -> coro<typename std::invoke_result_t<F&, task_group&>::value_type>;

private:
    enum class state { running, exiting, finished };
    struct link : detail::waiter_node {
        task_group* group = nullptr;
        any_task child;
        ~link() {
            if (linked_to) detail::future_core::remove_waiter(*this);
        }
    };

    task_group();
    ~task_group() { abort_soon_.cancel(); }
    void watch(const any_task& t);
    void child_done(link& l);
    void abort();
    coro<void> exit(std::exception_ptr body_error);  // waits for the children, may throw

    event_loop* loop_;
    detail::task_core* parent_;
    std::list<link> links_;
    std::size_t pending_ = 0;
    std::vector<std::exception_ptr> errors_;
    future<void> all_done_;
    callback_handle abort_soon_;
    state state_ = state::running;
    bool aborting_ = false;
    bool parent_cancel_requested_ = false;
};

template <class F>
auto with_task_group(F body) -> coro<typename std::invoke_result_t<F&, task_group&>::value_type> {
    using R = typename std::invoke_result_t<F&, task_group&>::value_type;
    task_group group;
    auto outcome = co_await try_await(body(group));
    co_await group.exit(outcome.error());
    if constexpr (std::is_void_v<R>) {
        outcome.value();
    } else {
        co_return std::move(outcome).value();
    }
}

}  // namespace aio
