// Running blocking functions off the loop: to_thread (asyncio.to_thread) and run_in_executor
// (loop.run_in_executor) with a thread pool (concurrent.futures.ThreadPoolExecutor).
//
//   int n = co_await aio::to_thread(count_lines, path);          // default executor
//   aio::thread_pool_executor pool(2);                            // at most 2 threads
//   aio::future<std::string> f = aio::run_in_executor(pool, checksum, data);  // submitted now
//   co_await other();                                             // overlaps with checksum
//   auto s = co_await f;
//
// - run_in_executor submits f(args...) when it is called and returns a future<T> (awaitable any
//   number of times; cancelling it, or a task awaiting it, cancels the wait). to_thread is a
//   coroutine, as in asyncio: it submits when awaited, and the awaiting task's wait kind is
//   `thread`. f's value, or the exception f threw, comes back on the loop thread. The function
//   and the arguments are copied (decayed) at the call; pass std::ref for references.
// - The executor `nullptr` is the loop's default executor: the one given to
//   event_loop::set_default_executor, else the process-wide pool (default_executor()).
// - While a call is outstanding the loop counts it as outside work (hold_external), so an idle
//   loop waits for it instead of reporting a deadlock.
// - Cancelling does not stop the thread (nothing can): the awaiting task gets cancelled_error
//   at once, and the value f produces later is dropped (destroyed on the worker thread). Nothing
//   refers to the future or the loop after the cancel, nor after the loop is destroyed.
// - The default pool is process-wide (min(32, cores + 4) threads, created on demand; in a wasm
//   pthread build at most AIO_PTHREAD_POOL_SIZE). event_loop::shutdown_default_executor() waits
//   for the default-pool calls made from that loop to finish; event_loop::run and aio::run call
//   it at shutdown (after cancelling the remaining tasks), as asyncio.run does. Its threads are
//   joined at process exit.
// - f may itself call aio::run(...) (a fresh loop on the worker thread; the nested tutorial case).
//
// Hosts without threads (a wasm build without -pthread, e.g. a plain web page): there is no
// thread to run f on, so f runs on the loop thread (run_in_executor: when called, returning a done
// future; to_thread: when awaited),
// blocking the loop meanwhile, and say so every time: the loop logs "to_thread: no threads on
// this host; ran f on the loop thread" (event_loop::log) and emits trace_kind::thread_fallback.
// f then runs as if on another thread: it sees no running loop, so it may call aio::run (which
// then drives its own loop to completion). threads_available() tells which case applies.
//
// blocking_sleep (time.sleep) keeps lessons about blocking true on the virtual clock without
// freezing a thread-less host (a web page): where the caller's loop runs on the virtual clock,
// a blocking sleep on the loop thread moves that clock (the loop is stuck for that long, exactly:
// later timers are late, the slow-step report shows it), and one inside a to_thread that fell
// back to the loop thread counts as that call's simulated thread time: the call's result is
// delivered that much later on the virtual clock, so three gathered calls take one call's time
// as on real threads. An aio::run inside such a call runs its loop on the virtual clock too and
// its duration counts the same way. The loop logs the simulated time. Elsewhere (a real clock,
// a real worker thread) it is std::this_thread::sleep_for.
#pragma once

#include "aio/future.hpp"

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace aio {

// Something that runs work items on other threads (concurrent.futures.Executor).
class executor {
public:
    virtual ~executor() = default;
    // Runs `work` on some thread. Throws invalid_state_error after shutdown.
    virtual void submit(std::function<void()> work) = 0;
};

// A fixed-maximum pool of worker threads, started on demand (ThreadPoolExecutor).
class thread_pool_executor final : public executor {
public:
    // max_workers 0 means the default, min(32, hardware threads + 4) (wasm: capped at the
    // pthread pool size).
    explicit thread_pool_executor(std::size_t max_workers = 0);
    // shutdown(true): queued work still runs, then the threads are joined.
    ~thread_pool_executor() override;
    thread_pool_executor(const thread_pool_executor&) = delete;
    thread_pool_executor& operator=(const thread_pool_executor&) = delete;

    void submit(std::function<void()> work) override;
    // No new work accepted from now on. wait=true blocks until the queued and running work is
    // done and the threads have exited; wait=false returns at once (the destructor still joins).
    void shutdown(bool wait = true);
    std::size_t max_workers() const;
    std::size_t thread_count() const;  // threads started so far (never more than max_workers)

    struct state;

private:
    std::shared_ptr<state> state_;
};

// The process-wide pool: the default executor of a loop that was given none
// (event_loop::set_default_executor).
executor& default_executor();

// True where to_thread really runs functions on other threads (native, wasm with pthreads).
bool threads_available();

// time.sleep(seconds): blocks the calling thread, or simulates that on the virtual clock (above).
// Throws std::invalid_argument for a negative or non-finite duration.
void blocking_sleep(double seconds);

namespace detail {

// The part of a call that worker and loop thread share. The loop-side fields (loop, target) are
// set on the loop thread and cleared there when the result is delivered, the future is done
// otherwise (cancelled) or the loop goes away; the worker reads `loop` only under the mutex, so
// it never posts to a loop that no longer waits for it. The call watches its future through the
// waiter_node base (loop thread only).
class thread_call_base : public waiter_node, public std::enable_shared_from_this<thread_call_base> {
public:
    virtual ~thread_call_base() = default;
    // Loop thread: links the call to `result` and `loop` (holds the loop's outside work).
    void attach(event_loop& loop, future_core& result);
    // Worker thread: run the function, then post deliver() to the loop if still wanted.
    void execute() noexcept;
    // Loop thread: the future is done or the loop closes; nothing waits for this call any more.
    void detach() noexcept;

    std::mutex mutex;
    event_loop* loop = nullptr;          // null once delivered or detached
    const void* shutdown_key = nullptr;  // loop whose shutdown_default_executor waits for this

protected:
    virtual void invoke() = 0;         // worker thread
    virtual void deliver_value() = 0;  // loop thread, future pending: move the outcome over
    std::exception_ptr error_;
    future_core* target_ = nullptr;    // loop thread; one reference held while attached

private:
    void deliver() noexcept;
    void release_target() noexcept;
};

template <class R, class Fn>
class thread_call final : public thread_call_base {
public:
    explicit thread_call(Fn fn) : fn_(std::move(fn)) {}
    // Runs the function here and now (no threads on this host).
    void invoke_inline() { invoke(); }
    void deliver_to(future_state<R>& f) {
        if (error_) {
            f.set_error(std::move(error_));
        } else if constexpr (std::is_void_v<R>) {
            f.set_result();
        } else {
            f.set_result(std::move(*value_));
        }
    }

private:
    void invoke() override {
        try {
            if constexpr (std::is_void_v<R>) {
                std::invoke(fn_);
            } else {
                value_.emplace(std::invoke(fn_));
            }
        } catch (...) {
            error_ = std::current_exception();
        }
    }
    void deliver_value() override { deliver_to(*static_cast<future_state<R>*>(target_)); }
    Fn fn_;
    std::conditional_t<std::is_void_v<R>, bool, std::optional<R>> value_{};
};

// Awaits the call's future; reports wait_kind::thread to the trace and deadlock reports.
template <class R>
class thread_awaiter final : public completion_wait {
public:
    explicit thread_awaiter(future<R> result)
        : completion_wait(detail::core_access::of(result)), result_(std::move(result)) {}

    bool await_ready() const { return core_->done(); }
    void await_suspend(co::coroutine_handle<>) {
        awaiting_task("to_thread can only be awaited inside a task");
        wait();
    }
    R await_resume() {
        if (task_) task_->resume_point();
        core_->check_result();
        return static_cast<future_state<R>*>(core_)->read();
    }
    wait_kind kind() const override { return wait_kind::thread; }
    std::string_view label() const override { return "to_thread"; }

private:
    future<R> result_;  // keeps the future alive while awaited
};

// No threads on this host: logs and emits trace_kind::thread_fallback.
void report_thread_fallback(event_loop& loop);

// Runs f as if on another thread (no running loop, no current task) on this one. From a loop on
// the virtual clock it is a simulated thread: blocking_sleep adds to simulated_seconds().
class fallback_scope {
public:
    fallback_scope();
    ~fallback_scope();
    fallback_scope(const fallback_scope&) = delete;
    fallback_scope& operator=(const fallback_scope&) = delete;

    double simulated_seconds() const { return simulated_; }

private:
    friend void add_simulated_time(double seconds);
    friend fallback_scope* simulating_fallback();
    thread_context saved_;
    fallback_scope* outer_;
    double simulated_ = 0;
};

// The innermost fallback_scope of this thread if its loop runs on the virtual clock, else null.
fallback_scope* simulating_fallback();
void add_simulated_time(double seconds);
// Runs `deliver` (a fallback call's outcome to its future) now, or `delay` seconds later on the
// loop's clock: its simulated thread time, which the loop logs.
void deliver_after(event_loop& loop, double delay, std::function<void()> deliver);

// Loop-thread bookkeeping (thread_pool.cpp): shutdown_default_executor waits for counted calls.
void count_default_call(event_loop& loop, thread_call_base& call);
void uncount_default_call(thread_call_base& call);  // submit failed: it will never run

// Submits fn now (loop.run_in_executor): the returned future gets its value or exception. `ex`
// null: the loop's default executor.
template <class Fn>
future<std::invoke_result_t<Fn&>> submit_call(executor* ex, Fn fn) {
    using R = std::invoke_result_t<Fn&>;
    event_loop& loop = get_running_loop();
    future<R> result = loop.create_future<R>();
    auto call = std::make_shared<thread_call<R, Fn>>(std::move(fn));
    if (!threads_available()) {
        report_thread_fallback(loop);
        double simulated = 0;
        {
            fallback_scope as_if_on_a_thread;
            call->invoke_inline();
            simulated = as_if_on_a_thread.simulated_seconds();
        }
        deliver_after(loop, simulated, [call, result] {
            if (!result.done()) call->deliver_to(*detail::core_access::of(result));  // not if cancelled meanwhile
        });
        return result;
    }
    executor& target = ex ? *ex : loop.get_default_executor();
    call->attach(loop, *detail::core_access::of(result));
    if (!ex) count_default_call(loop, *call);
    try {
        target.submit([call] { call->execute(); });
    } catch (...) {
        if (!ex) uncount_default_call(*call);
        call->detach();
        throw;
    }
    return result;
}

// to_thread (on `ex`, null: the default executor): submits when awaited, then awaits the call's
// future with the wait kind `thread`.
template <class Fn>
coro<std::invoke_result_t<Fn&>> call_in_thread(executor* ex, Fn fn) {
    co_return co_await thread_awaiter<std::invoke_result_t<Fn&>>(submit_call(ex, std::move(fn)));
}

template <class F, class... A>
using call_result_t = std::decay_t<std::invoke_result_t<std::decay_t<F>, std::decay_t<A>...>>;

template <class F, class... A>
auto bind_call(F&& f, A&&... args) {
    return [f = std::forward<F>(f), ... args = std::forward<A>(args)]() mutable -> call_result_t<F, A...> {
        return std::invoke(std::move(f), std::move(args)...);
    };
}

}  // namespace detail

// asyncio.to_thread(f, *args): a coroutine that runs f(args...) on the loop's default executor
// when awaited; see the top of this file.
template <class F, class... A>
coro<detail::call_result_t<F, A...>> to_thread(F&& f, A&&... args) {
    return detail::call_in_thread(nullptr, detail::bind_call(std::forward<F>(f), std::forward<A>(args)...));
}

// loop.run_in_executor(executor, f, *args): submits f(args...) now and returns its future.
// `ex` must outlive the call's completion.
template <class F, class... A>
future<detail::call_result_t<F, A...>> run_in_executor(executor& ex, F&& f, A&&... args) {
    return detail::submit_call(&ex, detail::bind_call(std::forward<F>(f), std::forward<A>(args)...));
}
// loop.run_in_executor(None, f, *args): the loop's default executor.
template <class F, class... A>
future<detail::call_result_t<F, A...>> run_in_executor(std::nullptr_t, F&& f, A&&... args) {
    return detail::submit_call(nullptr, detail::bind_call(std::forward<F>(f), std::forward<A>(args)...));
}

}  // namespace aio
