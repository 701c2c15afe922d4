// event_loop: the facade over the loop's parts — its clock (detail/loop_clock.hpp), its
// scheduler (the ready queue and the timer heap, detail/scheduler.hpp), the way it is driven (by
// itself: run / run_until_complete, natively and in wasm tests, loop.cpp; or by the host's event
// loop: microtasks for ready work, one setTimeout for the earliest timer, macrotask slices,
// host_js.cpp and detail/host_slice.hpp) and a read-only inspection of them (loop_inspect.cpp).
#pragma once

#include "aio/detail/host_slice.hpp"
#include "aio/detail/live_generator.hpp"
#include "aio/detail/loop_clock.hpp"
#include "aio/detail/scheduler.hpp"
#include "aio/detail/task_core.hpp"
#include "aio/errors.hpp"
#include "aio/trace.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aio {

template <class T>
class coro;
template <class T>
class task;
template <class T>
class future;
class any_task;
class schedule_explorer;
class executor;

namespace detail {
// I/O that a self-driven loop waits for on its own thread beside its own work (natively:
// libcurl's multi handle, http_curl.cpp). While it is busy, the loop's idle wait is its wait();
// call_soon_threadsafe wakes it.
class io_poller {
public:
    virtual ~io_poller() = default;
    virtual bool busy() const = 0;
    // Blocks until some of its I/O is ready (and handles it), `wall_deadline_ns` (steady clock)
    // passes (-1: none) or wake() is called.
    virtual void wait(std::int64_t wall_deadline_ns) = 0;
    virtual void wake() = 0;  // any thread
    // The loop has no ready work and is about to wait (in wait(), if no timer is due first): a
    // poller that keeps a timer to drive it while the loop is busy drops it before, so that the
    // timer does not cut the wait short, and takes it up again after.
    virtual void before_wait() {}
    virtual void after_wait() {}
};
}  // namespace detail

struct loop_options {
    clock_kind clock = clock_kind::real;
    bool debug = false;                   // report steps slower than slow_callback_duration
    double slow_callback_duration = 0.1;  // seconds
    double host_slice_ms = 4.0;           // wasm host mode: work (ready, due timers) per slice before yielding
    // ... and at most about this many steps (ready items, due timers, ticks) per slice, whatever
    // the clock says: a slice's work (and the trace records the host then handles) stays bounded
    // on a slow or loaded machine too.
    unsigned host_slice_max_steps = 4096;
    // Loop time per wall time. Real clock: > 0 and finite (default 1). Virtual clock: infinity
    // (the default) jumps at once; a finite speed paces the jumps ("slow motion": 0.5 waits 2 s
    // of wall time before a jump of 1 s), the sequence of events staying the same.
    std::optional<double> speed{};
    // Schedule exploration (aio/schedule_explorer.hpp): ready work and timer ties in the order this picks.
    // Null: the environment's explorer (AIO_SCHEDULE_SEED), if any; else asyncio's FIFO order.
    std::shared_ptr<schedule_explorer> schedule{};
    // Every create_task on this loop starts eagerly (task_options::eager), as with asyncio 3.12's
    // loop.set_task_factory(asyncio.eager_task_factory).
    bool eager_tasks = false;
};

// The environment's clock for a program's loop: AIO_CLOCK=virtual turns a real-clock `options`
// into virtual_time (its speed kept), so an unchanged program's timers fire at once and exactly
// (how examples/ports are compared with CPython). Unset, empty or "real": `options` unchanged.
// Any other value throws std::invalid_argument. aio::run and aio::run_main apply it.
loop_options with_environment_clock(loop_options options);

// create_task's options. eager (asyncio 3.12's eager_start): when the loop runs on this thread,
// the coroutine's first step runs inside create_task (current_task() is the new task); a task
// that finishes there is done when create_task returns and never enters the ready queue, one
// that suspends goes on as a normal task. Its errors stay in the task. Unset: the loop's
// eager_tasks. name_number: with no name, the task is "Task-<name_number>" (for an interpreter
// numbering its tasks itself, as CPython does; held as the number, no string per task); 0: none.
struct task_options {
    std::string_view name{};
    std::optional<bool> eager{};
    std::uint64_t name_number = 0;
};

struct error_context;  // what the exception handler receives (future.hpp)

namespace detail {
class callback_item;
}  // namespace detail

// A scheduled callback (call_soon / call_later / call_at); cancel() before it runs.
class callback_handle {
public:
    callback_handle() = default;
    explicit callback_handle(detail::callback_item* item);
    callback_handle(const callback_handle& other);
    callback_handle& operator=(const callback_handle& other);
    ~callback_handle();
    void cancel();
    bool cancelled() const;
    double when() const;  // loop time it is due (call_soon: when it was scheduled)
    bool valid() const { return item_ != nullptr; }

private:
    detail::callback_item* item_ = nullptr;
};

class event_loop {
public:
    explicit event_loop(loop_options options = {});
    ~event_loop();
    event_loop(const event_loop&) = delete;
    event_loop& operator=(const event_loop&) = delete;

    // --- time ---
    double time() const { return static_cast<double>(now_ns()) * 1e-9; }
    std::int64_t now_ns() const { return clock_.now_ns(); }
    clock_kind clock() const { return clock_.kind(); }
    // Real clock: slow motion (< 1) or fast forward (> 1); loop time stays continuous. Virtual
    // clock: the pace of its jumps (infinity = instant); a wait in progress keeps the progress it
    // made and goes on at the new pace. Throws std::invalid_argument unless > 0 (and finite on
    // the real clock).
    void set_speed(double speed);
    // Virtual clock only: moves time forward by `seconds` at once, as a blocking call would on a
    // real clock (the sandbox's "blocking CPU work" step); due timers fire on the next tick.
    void advance_virtual_time(double seconds);
    double speed() const { return clock_.speed(); }  // infinity: an instant virtual clock
    // Virtual clock at a finite speed: nothing is ready and the loop is waiting out the wall time
    // before its jump to the next timer. time() stays at the last step's time until the jump.
    bool pacing() const;
    std::int64_t deadline_after(double delay_seconds) const { return clock_.deadline_after(delay_seconds); }
    static std::int64_t to_ns(double seconds) { return detail::loop_clock::to_ns(seconds); }

    // --- callbacks ---
    callback_handle call_soon(std::function<void()> callback);
    callback_handle call_later(double delay, std::function<void()> callback);
    callback_handle call_at(double when, std::function<void()> callback);
    // The only entry point that may be called from another thread.
    void call_soon_threadsafe(std::function<void()> callback);

    // --- tasks and futures (defined in task.hpp and future.hpp) ---
    template <class T>
    task<T> create_task(coro<T> c, std::string_view name = {});
    template <class T>
    task<T> create_task(coro<T> c, task_options options);
    // The loop-wide eager task factory (loop_options::eager_tasks).
    void set_eager_tasks(bool on) {
        options_.eager_tasks = on;
        plain_create_ = !closed_ && !on;
    }
    bool eager_tasks() const { return options_.eager_tasks; }
    template <class T = void>
    future<T> create_future();
    // The live tasks (at most `max`, newest first); task_count() is how many there are.
    std::vector<any_task> all_tasks(std::size_t max = static_cast<std::size_t>(-1)) const;
    std::size_t task_count() const { return task_count_; }

    // --- running (defined in run.hpp) ---
    // Runs the loop until `c` (wrapped in a task) is done; returns its value or rethrows.
    template <class T>
    T run_until_complete(coro<T> c);
    template <class T>
    T run_until_complete(const task<T>& t);
    template <class T>
    T run_until_complete(const future<T>& f);
    // asyncio.run on this loop: run main, then cancel and await what is left, then close.
    template <class T>
    T run(coro<T> main);
    void run_forever();  // until stop()
    void stop();
    // One tick without blocking: due timers, then the ready items present at its start.
    // Returns false when there was nothing to do. On a host-driven loop (wasm) it may be called
    // between host slices (not from inside a task or callback): the sandbox's step button, used
    // with set_paused(true).
    bool run_once();
    bool is_running() const { return running_; }
    void close();
    bool is_closed() const { return closed_; }
    std::uint64_t ticks() const { return tick_; }
    std::size_t ready_count() const { return ready_.size(); }
    std::size_t timer_count() const { return timers_.size(); }
    // The schedule explorer this loop follows (loop_options::schedule), null in FIFO order.
    schedule_explorer* explorer() const { return explorer_; }

    // Cancels every pending task and runs until they are done, reporting their errors
    // (the shutdown half of run()).
    void cancel_all_tasks();
    // After cancelling `tasks` at shutdown: reports a task still pending and an error raised
    // during a task's cleanup to the exception handler (asyncio.run's shutdown report).
    void report_shutdown_outcomes(const std::vector<any_task>& tasks);
    // Runs ticks until `f` is done (throws deadlock_error if it never can be).
    void run_until_done(detail::future_core& f);
    // shutdown_asyncgens(), cancel_all_tasks(), shutdown_default_executor(), then close(); errors
    // go to the exception handler.
    void shutdown_after_run() noexcept;
    // asyncio's shutdown_asyncgens: closes (aclose, concurrently, one task each) every async
    // generator of this loop that is suspended at a co_yield, so its cleanup code runs and may
    // await. start_closing_generators() starts those tasks; shutdown_asyncgens() also runs the
    // loop until they are done and reports their errors. Generators still alive after that are
    // forgotten (their frames are destroyed by their owners, as usual).
    std::vector<any_task> start_closing_generators();
    void shutdown_asyncgens();
    void forget_generators() noexcept;
    // --- used by async generators ---
    void generator_started(detail::live_generator& g) noexcept {
        g.loop = this;
        g.prev = nullptr;
        g.next = generators_head_;
        if (generators_head_) generators_head_->prev = &g;
        generators_head_ = &g;
    }
    void generator_gone(detail::live_generator& g) noexcept {
        if (g.prev) {
            g.prev->next = g.next;
        } else {
            generators_head_ = g.next;
        }
        if (g.next) g.next->prev = g.prev;
        g.prev = g.next = nullptr;
        g.loop = nullptr;
    }
    // Blocks until the default-executor calls (to_thread) made from this loop have finished
    // (thread_pool.cpp; asyncio's shutdown_default_executor, without stopping the shared pool).
    void shutdown_default_executor();
    // loop.set_default_executor: what run_in_executor(nullptr, ...) and to_thread use (null:
    // the process-wide pool, aio::default_executor()). The loop keeps it alive.
    void set_default_executor(std::shared_ptr<executor> ex);
    executor& get_default_executor() const;

    // --- errors, debug, trace ---
    void set_exception_handler(std::function<void(const error_context&)> handler);
    // The handler set, or an empty function (the default handler prints to stderr).
    const std::function<void(const error_context&)>& get_exception_handler() const { return exception_handler_; }
    void call_exception_handler(const error_context& context);
    void set_debug(bool on) { options_.debug = on; }
    bool get_debug() const { return options_.debug; }
    void set_slow_callback_duration(double seconds) { options_.slow_callback_duration = seconds; }
    double slow_callback_duration() const { return options_.slow_callback_duration; }
    void set_log_handler(std::function<void(std::string_view)> handler);
    void log(std::string_view message);
    void set_trace(std::function<void(const trace_event&)> subscriber);
    bool tracing() const { return static_cast<bool>(trace_); }
    void emit(trace_event event) {
        if (trace_) [[unlikely]] {
            event.time_ns = now_ns();
            event.tick = tick_;
            trace_(event);
        }
    }

    // --- outside work (threads, host I/O) that will come back through call_soon_threadsafe or
    // the host: while any is outstanding, an idle loop waits instead of reporting a deadlock.
    void hold_external() { external_.fetch_add(1, std::memory_order_relaxed); }
    void release_external() { external_.fetch_sub(1, std::memory_order_relaxed); }
    // The loop's I/O poller (null until one is set). Set once; the loop owns it and destroys it
    // after the frames of its unfinished tasks.
    detail::io_poller* io_poller() const { return io_poller_.load(std::memory_order_acquire); }
    void set_io_poller(std::unique_ptr<detail::io_poller> poller);

    // --- used by awaiters and tasks ---
    void schedule(detail::runnable& item) {
        if (item.queued) return;
        item.queued = true;
        // Calls only in tail position: an awaiter that inlines this needs no stack frame.
        if (!ready_.try_push(&item)) [[unlikely]]
            return schedule_growing(item);
        if (host_mode_) [[unlikely]]
            if (!driving_ && !drive_requested_) return request_drive();
    }
    void arm_timer(detail::timer_node& node, std::int64_t deadline);
    void disarm_timer(detail::timer_node& node);
    std::uint64_t next_task_id() { return ++last_task_id_; }
    // The pending tasks' intrusive list (all_tasks, the deadlock report); inline, as every task
    // passes through both.
    void task_started(detail::task_core& task) {
        task.list_prev = nullptr;
        task.list_next = tasks_head_;
        if (tasks_head_) tasks_head_->list_prev = &task;
        tasks_head_ = &task;
        ++task_count_;
        if (tracing()) [[unlikely]]
            trace_task_created(task);
    }
    void task_finished(detail::task_core& task) {
        if (task.list_prev) {
            task.list_prev->list_next = task.list_next;
        } else {
            tasks_head_ = task.list_next;
        }
        if (task.list_next) task.list_next->list_prev = task.list_prev;
        task.list_prev = task.list_next = nullptr;
        --task_count_;
    }

    // --- host mode (wasm): the host's event loop drives this loop ---
    // From now on ready work runs from a host microtask and timers from one host timer.
    void attach_to_host();
    bool attached_to_host() const { return host_mode_; }
    // Host mode: slices run so far and the most steps one of them ran (checked every
    // host_slice::check_every steps, so at most host_slice_max_steps + check_every - 1).
    std::uint64_t host_slices() const { return slice_.count(); }
    unsigned max_slice_steps() const { return slice_.most_steps(); }
    unsigned host_slice_max_steps() const { return options_.host_slice_max_steps; }
    // Called by the host glue: runs ready work for up to host_slice_ms, then yields.
    void host_drive(int source);
    // Called after every host-driven slice (aio::run_main uses it to finish or report a deadlock).
    void set_host_idle_handler(std::function<void()> handler) { host_idle_ = std::move(handler); }
    // Paused: host slices and the host timer do nothing until unpaused (run_once() still runs
    // one tick); unpausing schedules a host slice if work is ready. Only the host-driven loop
    // honours it: run/run_forever/run_until_complete ignore it.
    void set_paused(bool paused);
    bool paused() const { return paused_; }
    // Gives the host's event loop up: cancels the host timer, and this thread has no running loop
    // any more. The destructor does it too.
    void detach_from_host();
    // Nothing can happen any more: no ready work, no timer, no outside work.
    bool stalled() const;
    std::string describe_waiting_tasks() const;

    // --- inspection (the sandbox's snapshot) ---
    // The ready queue in run order (its first `max` items): each item's task id, 0 for a callback.
    std::vector<std::uint64_t> ready_task_ids(std::size_t max = static_cast<std::size_t>(-1)) const;
    struct timer_info {
        std::int64_t deadline_ns;
        std::uint64_t task_id;  // the sleeping task, 0 for a callback or timeout
    };
    // Earliest first; `max` of them (cheap when far fewer than pending are wanted).
    std::vector<timer_info> pending_timers(std::size_t max = static_cast<std::size_t>(-1)) const;
    int outside_work() const { return external_.load(std::memory_order_relaxed); }

private:
    friend class detail::task_core;
    // One iteration: outside work taken in, due timers expired, then each item that was ready
    // when it began run once. `pace`: a paced virtual clock waits before a jump (false: run_once
    // jumps at once). Inline, with waiting, timers, tracing, exploration, debug timing and host
    // slices out of line: a tick of plain ready work (a sleep(0) ping-pong) costs its caller's
    // loop a few tests.
    [[gnu::always_inline]] bool tick(bool may_block, bool pace) {
        if (inbox_ready_.load(std::memory_order_acquire)) [[unlikely]]
            take_inbox();
        if (ready_.empty() && !await_ready_work(may_block, pace)) return false;
        ++tick_;
        if (tracing() || !timers_.empty() || explorer_ || options_.debug || driving_) [[unlikely]] {
            tick_observed();
            return true;
        }
        for (std::size_t count = ready_.size(); count != 0; --count) {
            detail::runnable* r = ready_.pop();
            r->queued = false;
            run_step(*r);
            if (tracing()) [[unlikely]] {  // traced from this step on (set_trace)
                finish_tick_traced(count - 1);
                break;
            }
        }
        return true;
    }
    // One untraced step of a ready item: a task's inline (the usual item), anything else virtual.
    static void run_step(detail::runnable& item) {
        if (item.is_task())
            static_cast<detail::task_core&>(item).step();
        else
            item.run();
    }
    // tick()'s idle part: waits for work (or jumps the virtual clock); false if there is none.
    bool await_ready_work(bool may_block, bool pace);
    void tick_observed();  // tick()'s rare part: trace events, timers, then run_ready
    void finish_tick_traced(std::size_t count);  // the rest of a tick during which tracing began
    void wait_for_work(std::int64_t wall_deadline_ns);  // blocks (self-driven mode only); -1: none
    // Waits (if allowed) until the clock's jump to `deadline` is due. False: not yet, or outside
    // work came in.
    bool paced_jump_due(std::int64_t deadline, bool may_block);
    void take_inbox();
    void expire_timers();
    callback_handle call_at_ns(std::int64_t deadline, std::function<void()> callback);
    void run_ready(std::size_t count);
    void run_ready_timed(std::size_t count);  // debug mode: reports slow steps
    void request_drive();
    void schedule_growing(detail::runnable& item);  // schedule()'s rare part: the ring is full
    void sync_host_timer();
    [[noreturn]] void throw_deadlock() const;

    loop_options options_;
    schedule_explorer* explorer_ = nullptr;  // options_.schedule; null: FIFO (one branch per tick)
    detail::loop_clock clock_;
    detail::ready_queue ready_;
    detail::timer_heap timers_;
    std::uint64_t tick_ = 0;
    std::uint64_t last_task_id_ = 0;
    void trace_task_created(detail::task_core& task);
    detail::task_core* tasks_head_ = nullptr;  // pending tasks, intrusive list
    detail::live_generator* generators_head_ = nullptr;  // started async generators
    std::size_t task_count_ = 0;
    bool running_ = false;
    bool closed_ = false;
    // create_task(coro, name) can take its fast path: not closed, not eager by default.
    bool plain_create_ = true;
    bool closing_ = false;
    bool stop_requested_ = false;

    std::function<void(const error_context&)> exception_handler_;
    std::shared_ptr<executor> default_executor_;
    std::function<void(std::string_view)> log_handler_;
    std::function<void(const trace_event&)> trace_;

    std::mutex inbox_mutex_;
    std::condition_variable inbox_cv_;
    std::vector<std::function<void()>> inbox_;
    std::atomic<bool> inbox_ready_{false};
    std::atomic<int> external_{0};
    std::unique_ptr<detail::io_poller> owned_poller_;
    std::atomic<detail::io_poller*> io_poller_{nullptr};  // owned_poller_, readable from any thread

    bool host_mode_ = false;
    bool driving_ = false;
    detail::host_slice slice_;  // the budget of the host slice being driven
    bool drive_requested_ = false;
    bool paused_ = false;
    std::int64_t host_timer_deadline_ = -1;  // deadline of the armed host timer, -1 if none
    bool host_timer_waits_ = false;          // armed for a paced wait rather than at once
    std::function<void()> host_idle_;
};

// The loop running on this thread; throws runtime_error if none (asyncio's RuntimeError).
namespace detail {
[[noreturn]] void throw_no_running_loop();
}
inline event_loop& get_running_loop() {
    event_loop* loop = detail::this_thread.running_loop;
    if (!loop) [[unlikely]]
        detail::throw_no_running_loop();
    return *loop;
}
// Loop time of the running loop.
inline double time() { return get_running_loop().time(); }

namespace detail {
// RAII: marks `loop` as this thread's running loop; throws nested_run_error if one runs already.
class running_guard {
public:
    explicit running_guard(event_loop& loop);
    ~running_guard();
    running_guard(const running_guard&) = delete;
    running_guard& operator=(const running_guard&) = delete;

private:
    event_loop* previous_;
};
bool loop_alive(const event_loop* loop);
// thread_pool.cpp: the loop is going away; executor calls made from it stop waiting for it.
void detach_thread_calls(const event_loop& loop);
// wasm pthread builds (host_js.cpp): after call_soon_threadsafe from a worker, wakes the main
// thread's loop if the host drives it. No-op elsewhere.
void wake_host_loop(event_loop* loop);
}  // namespace detail

}  // namespace aio
