// task<T>: a coroutine scheduled on the loop (asyncio.Task). A shared handle; the loop keeps the
// task alive while it runs, so dropping every handle does not stop it.
#pragma once

#include "aio/coro.hpp"
#include "aio/future.hpp"

namespace aio {

namespace detail {

struct eager_start_t {};

template <class T>
class task_state final : public task_core, public value_slot<T> {
public:
    using root_handle = co::coroutine_handle<coro_promise<T>>;
    task_state(event_loop& loop, std::string_view name, root_handle root, std::uint64_t name_number = 0)
        : task_core(loop, loop.next_task_id(), name, name_number), root_(root) {
        root.promise().owner = this;
        root.promise().started = true;
        start(root);
    }
    // Registered but not queued: the creator runs the first step (run()) at once.
    task_state(event_loop& loop, std::string_view name, root_handle root, std::uint64_t name_number, eager_start_t)
        : task_core(loop, loop.next_task_id(), name, name_number), root_(root) {
        root.promise().owner = this;
        root.promise().started = true;
        start_unqueued(root);
    }
    ~task_state() override { destroy_root(); }
    const promise_base* root_frame() const override { return root_ ? &root_.promise() : nullptr; }

private:
    void finish_from_root() override {
        coro_promise<T>& p = root_.promise();
        if (p.error) [[unlikely]] {
            std::exception_ptr error = std::move(p.error);
            destroy_root();
            finish(std::move(error));
            return;
        }
        if constexpr (!std::is_void_v<T>) this->value.emplace(std::move(*p.value));
        destroy_root();
        finish_value();
    }
    void destroy_root() override {
        if (root_) std::exchange(root_, {}).destroy();
    }
    root_handle root_;
};

inline void task_core::start(co::coroutine_handle<> root) {
    start_unqueued(root);
    loop_->schedule(*this);
}

inline void task_core::start_unqueued(co::coroutine_handle<> root) {
    top_ = root;
    add_ref();  // the loop's reference, dropped when the task finishes
    loop_->task_started(*this);
}

}  // namespace detail

// Untyped task handle (what all_tasks() and current_task() return).
class any_task : public any_future {
public:
    any_task() = default;
    explicit any_task(detail::task_core* core) : any_future(core) {}

    std::uint64_t id() const { return tcore().id(); }
    std::string get_name() const { return tcore().name(); }
    void set_name(std::string name) const { tcore().set_name(std::move(name)); }
    // Pending cancellation requests (asyncio's Task.cancelling / uncancel).
    std::uint32_t cancelling() const { return tcore().cancelling(); }
    std::uint32_t uncancel() const { return tcore().uncancel(); }
    std::uint64_t add_done_callback(std::function<void(const any_task&)> callback) const {
        return add_callback_as<any_task>(std::move(callback));
    }

protected:
    friend struct detail::core_access;
    detail::task_core* typed_core() const { return static_cast<detail::task_core*>(core_.get()); }
    detail::task_core& tcore() const { return static_cast<detail::task_core&>(checked()); }
};

template <class T = void>
class task : public any_task {
public:
    using value_type = T;
    task() = default;
    explicit task(detail::task_state<T>* state) : any_task(state) {}

    T result() const {
        checked().check_result();
        return state().read();
    }
    std::uint64_t add_done_callback(std::function<void(const task&)> callback) const {
        return add_callback_as<task>(std::move(callback));
    }
    detail::future_awaiter<T> operator co_await() const& {
        return detail::future_awaiter<T>(core_.get(), core_ ? &state() : nullptr);
    }
    detail::future_awaiter<T, true> operator co_await() && {
        detail::value_slot<T>* slot = core_ ? &state() : nullptr;
        return detail::future_awaiter<T, true>(std::move(core_), slot);
    }

private:
    friend struct detail::core_access;
    detail::task_state<T>* typed_core() const {
        return static_cast<detail::task_state<T>*>(core_.get());
    }
    detail::task_state<T>& state() const { return *typed_core(); }
};

template <class T>
task<T> event_loop::create_task(coro<T> c, std::string_view name) {
    // One flag for "closed or eager by default" keeps the common path at one test.
    if (!plain_create_) [[unlikely]]
        return create_task(std::move(c), task_options{name});
    auto root = c.release("create_task");
    return task<T>(new detail::task_state<T>(*this, name, root));
}

template <class T>
task<T> event_loop::create_task(coro<T> c, task_options options) {
    if (closed_) throw loop_closed_error();
    auto root = c.release("create_task");
    // As asyncio: eager only while the loop runs (here: is this thread's running loop).
    if (!options.eager.value_or(options_.eager_tasks) || detail::this_thread.running_loop != this)
        return task<T>(new detail::task_state<T>(*this, options.name, root, options.name_number));
    // The handle holds a reference before the step runs: a task finishing in it stays alive.
    task<T> t(new detail::task_state<T>(*this, options.name, root, options.name_number, detail::eager_start_t{}));
    if (tracing()) {
        detail::core_access::of(t)->run_traced();
    } else {
        detail::core_access::of(t)->run();
    }
    return t;
}

// Schedules `c` on the running loop.
template <class T>
task<T> create_task(coro<T> c, std::string_view name = {}) {
    return get_running_loop().create_task(std::move(c), name);
}
// create_task(c, {.eager = true}): see task_options.
template <class T>
task<T> create_task(coro<T> c, task_options options) {
    return get_running_loop().create_task(std::move(c), options);
}

// The task running now on this thread (empty handle outside a task).
inline any_task current_task() { return any_task(detail::this_thread.current_task); }
inline std::vector<any_task> all_tasks() { return get_running_loop().all_tasks(); }

namespace detail {
template <class A>
inline constexpr bool is_shared_or_coro_v = false;
template <class T>
inline constexpr bool is_shared_or_coro_v<coro<T>> = true;
template <class T>
inline constexpr bool is_shared_or_coro_v<task<T>> = true;
template <class T>
inline constexpr bool is_shared_or_coro_v<future<T>> = true;

// Any other awaitable: a class with operator co_await or await_ready/suspend/resume (a sleep, a
// user's awaiter), movable so that a task can own it.
template <class A>
concept foreign_awaitable =
    !is_shared_or_coro_v<A> && std::is_move_constructible_v<A> &&
    (requires(A& a) { a.operator co_await().await_resume(); } || requires(A& a) { a.await_resume(); });

template <class A>
auto awaited_of(A& a) {
    if constexpr (requires { a.operator co_await(); }) {
        return std::type_identity<decltype(a.operator co_await().await_resume())>{};
    } else {
        return std::type_identity<decltype(a.await_resume())>{};
    }
}
template <class A>
using awaited_t = std::decay_t<typename decltype(awaited_of(std::declval<A&>()))::type>;

// The coroutine a wrapping task runs: owns the awaitable and awaits it.
template <class A>
coro<awaited_t<A>> await_owned(A aw) {
    co_return co_await std::move(aw);
}
}  // namespace detail

// Turns an awaitable argument into something with a shared result: coroutines and any other
// awaitable (aio::sleep(1), a user's awaiter) become tasks, tasks and futures pass through
// (asyncio.ensure_future).
template <class T>
task<T> ensure_future(coro<T> c) {
    return create_task(std::move(c));
}
template <class A>
    requires detail::foreign_awaitable<std::decay_t<A>>
auto ensure_future(A&& aw) {
    return create_task(detail::await_owned(std::decay_t<A>(std::forward<A>(aw))));
}
template <class T>
const task<T>& ensure_future(const task<T>& t) {
    return t;
}
template <class T>
const future<T>& ensure_future(const future<T>& f) {
    return f;
}

template <class A>
using ensure_future_t = std::decay_t<decltype(ensure_future(std::declval<A>()))>;
template <class A>
using await_result_t = typename ensure_future_t<A>::value_type;

}  // namespace aio
