#include "aio/loop.hpp"
#include "aio/detail/type_name.hpp"

#include "aio/schedule_explorer.hpp"
#include "aio/task.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <typeinfo>

namespace aio {

using detail::loop_clock;

namespace detail {

// A call_soon / call_later callback. The loop holds one reference while it is queued or armed.
class callback_item final : public runnable, public timer_node, public pooled {
public:
    callback_item(event_loop& loop, std::function<void()> fn) : loop_(&loop), fn_(std::move(fn)) {}

    void run() override {
        if (!cancelled_) {
            loop_->emit({trace_kind::callback_run});
            try {
                fn_();
            } catch (...) {
                loop_->call_exception_handler(
                    {"Exception in callback", std::current_exception(), 0, {}, {}, callback_handle(this)});
            }
        }
        fn_ = nullptr;
        release();
    }
    void fire() override { loop_->schedule(*this); }
    void cancel() {
        if (cancelled_) return;
        cancelled_ = true;
        fn_ = nullptr;
        if (armed()) {
            loop_->disarm_timer(*this);
            release();
        }
    }
    void discard() {  // the loop is going away
        fn_ = nullptr;
        release();
    }
    bool cancelled() const { return cancelled_; }
    const std::type_info& target_type() const { return fn_.target_type(); }
    double when() const { return static_cast<double>(deadline) * 1e-9; }
    void add_ref() { ++refs_; }
    void release() {
        if (--refs_ == 0) delete this;
    }

private:
    event_loop* loop_;
    std::function<void()> fn_;
    std::uint32_t refs_ = 1;
    bool cancelled_ = false;
};

namespace {
thread_local std::vector<const event_loop*> live_loops;
}

bool loop_alive(const event_loop* loop) {
    return std::find(live_loops.begin(), live_loops.end(), loop) != live_loops.end();
}

running_guard::running_guard(event_loop& loop) : previous_(this_thread.running_loop) {
    if (previous_)
        throw nested_run_error(
            "cannot run an event loop while another one is running on this thread (run() called "
            "from a coroutine or callback?)");
    this_thread.running_loop = &loop;
}

running_guard::~running_guard() { this_thread.running_loop = previous_; }

}  // namespace detail

callback_handle::callback_handle(detail::callback_item* item) : item_(item) {
    if (item_) item_->add_ref();
}
callback_handle::callback_handle(const callback_handle& other) : callback_handle(other.item_) {}
callback_handle& callback_handle::operator=(const callback_handle& other) {
    callback_handle copy(other);
    std::swap(item_, copy.item_);
    return *this;
}
callback_handle::~callback_handle() {
    if (item_) item_->release();
}
void callback_handle::cancel() {
    if (item_) item_->cancel();
}
bool callback_handle::cancelled() const { return item_ && item_->cancelled(); }
double callback_handle::when() const { return item_ ? item_->when() : 0.0; }

void detail::throw_no_running_loop() { throw runtime_error("no running event loop"); }

loop_options with_environment_clock(loop_options options) {
    const char* clock = std::getenv("AIO_CLOCK");
    if (!clock || !*clock || std::string_view(clock) == "real") return options;
    if (std::string_view(clock) != "virtual")
        throw std::invalid_argument(std::string("AIO_CLOCK must be 'virtual' or 'real', not '") + clock + "'");
    options.clock = clock_kind::virtual_time;
    return options;
}

event_loop::event_loop(loop_options options) : options_(options), clock_(options.clock, options.speed) {
    if (!options_.schedule) options_.schedule = environment_schedule();
    explorer_ = options_.schedule.get();
    plain_create_ = !options_.eager_tasks;
    detail::live_loops.push_back(this);
}

event_loop::~event_loop() {
    detach_from_host();
    forget_generators();
    detail::detach_thread_calls(*this);
    closing_ = true;
    // Destroy the frames of tasks that never finished (their awaiters unhook themselves), then
    // mark those tasks cancelled so that handles outliving the loop see a finished task.
    std::vector<detail::core_ref<detail::task_core>> pending;
    for (auto* t = tasks_head_; t; t = t->list_next) pending.emplace_back(t);
    for (auto& t : pending) t->destroy_root();
    for (auto& t : pending) {
        if (!t->done()) t->finish(std::make_exception_ptr(cancelled_error("event loop closed")));
    }
    while (!ready_.empty()) {
        detail::runnable* r = ready_.pop();
        r->queued = false;
        if (auto* item = dynamic_cast<detail::callback_item*>(r)) item->discard();
    }
    timers_.clear([](detail::timer_node& node) {
        if (auto* item = dynamic_cast<detail::callback_item*>(&node)) item->discard();
    });
    pending.clear();
    // After the frames: their transfers were handed back to it.
    io_poller_.store(nullptr, std::memory_order_release);
    owned_poller_.reset();
    auto& loops = detail::live_loops;
    loops.erase(std::remove(loops.begin(), loops.end(), this), loops.end());
    if (detail::this_thread.running_loop == this) detail::this_thread.running_loop = nullptr;
}

void event_loop::advance_virtual_time(double seconds) { clock_.advance(seconds); }

void event_loop::set_speed(double speed) {
    clock_.set_speed(speed);
    if (host_mode_ && !driving_) {
        host_timer_deadline_ = -2;  // force the host timer to be re-armed for the new speed
        sync_host_timer();
    }
}

bool event_loop::pacing() const {
    bool outside = external_.load(std::memory_order_relaxed) > 0;
    return (clock_.paced() || (outside && clock_.is_virtual())) && !paused_ && clock_.waiting_for_jump() &&
           ready_.empty() && !timers_.empty() && timers_.earliest().deadline > clock_.virtual_now();
}

bool event_loop::paced_jump_due(std::int64_t deadline, bool may_block) {
    std::int64_t due = clock_.jump_due_at(deadline);
    if (loop_clock::steady_ns() >= due) return true;
    if (!may_block) return false;
    // The I/O poller may complete futures in the wait: their tasks are ready work.
    while (loop_clock::steady_ns() < due && !inbox_ready_.load(std::memory_order_acquire) && ready_.empty())
        wait_for_work(due);
    if (inbox_ready_.load(std::memory_order_acquire)) take_inbox();
    return loop_clock::steady_ns() >= due;
}

// ---------------------------------------------------------------- callbacks

callback_handle event_loop::call_soon(std::function<void()> callback) {
    if (closed_) throw loop_closed_error();
    auto* item = new detail::callback_item(*this, std::move(callback));
    item->deadline = now_ns();
    callback_handle handle(item);
    schedule(*item);
    return handle;
}

callback_handle event_loop::call_later(double delay, std::function<void()> callback) {
    return call_at_ns(deadline_after(delay), std::move(callback));
}

callback_handle event_loop::call_at(double when, std::function<void()> callback) {
    return call_at_ns(to_ns(when), std::move(callback));
}

callback_handle event_loop::call_at_ns(std::int64_t deadline, std::function<void()> callback) {
    if (closed_) throw loop_closed_error();
    auto* item = new detail::callback_item(*this, std::move(callback));
    callback_handle handle(item);
    arm_timer(*item, deadline);
    return handle;
}

void event_loop::call_soon_threadsafe(std::function<void()> callback) {
    {
        std::lock_guard<std::mutex> lock(inbox_mutex_);
        inbox_.push_back(std::move(callback));
        inbox_ready_.store(true, std::memory_order_release);
    }
    inbox_cv_.notify_one();
    if (detail::io_poller* poller = io_poller()) poller->wake();
#if defined(__EMSCRIPTEN_PTHREADS__)
    detail::wake_host_loop(this);
#endif
}

void event_loop::set_io_poller(std::unique_ptr<detail::io_poller> poller) {
    if (owned_poller_) throw invalid_state_error("set_io_poller(): the loop has an I/O poller already");
    owned_poller_ = std::move(poller);
    io_poller_.store(owned_poller_.get(), std::memory_order_release);
}

void event_loop::schedule_growing(detail::runnable& item) {
    ready_.grow();
    ready_.try_push(&item);
    if (host_mode_ && !driving_ && !drive_requested_) request_drive();
}

void event_loop::take_inbox() {
    std::vector<std::function<void()>> items;
    {
        std::lock_guard<std::mutex> lock(inbox_mutex_);
        items.swap(inbox_);
        inbox_ready_.store(false, std::memory_order_relaxed);
    }
    for (auto& fn : items) call_soon(std::move(fn));
}

// ---------------------------------------------------------------- timers

void event_loop::arm_timer(detail::timer_node& node, std::int64_t deadline) {
    if (node.armed()) disarm_timer(node);
    timers_.arm(node, deadline);
    emit({trace_kind::timer_armed, wait_kind::none, outcome::none, 0, 0, node.task_id, 0, deadline});
    if (host_mode_ && !driving_) sync_host_timer();
}

void event_loop::disarm_timer(detail::timer_node& node) {
    if (!node.armed()) return;
    timers_.disarm(node);
    emit({trace_kind::timer_cancelled, wait_kind::none, outcome::none, 0, 0, node.task_id, 0,
          node.deadline});
}

void event_loop::expire_timers() {
    if (timers_.empty()) return;  // no clock read when there is nothing to expire
    std::int64_t now = now_ns();
    // Host-driven: 100,000 timers falling due at once must not make one long host task either, so
    // expiring stops with the slice too; the rest are still due next slice and are appended to
    // the ready queue behind these, in the same order as without the cut.
    while (!timers_.empty() && timers_.earliest().deadline <= now && !(driving_ && slice_.spent())) {
        detail::timer_node* node = explorer_ ? timers_.pop_explored(*explorer_) : timers_.pop_earliest();
        emit({trace_kind::timer_fired, wait_kind::none, outcome::none, 0, 0, node->task_id, 0,
              node->deadline});
        node->fire();
    }
}

// ---------------------------------------------------------------- running

bool event_loop::await_ready_work(bool may_block, bool pace) {
    bool have_timer = !timers_.empty();
    bool outside = external_.load(std::memory_order_relaxed) > 0;
    if (!have_timer && !outside) return false;
    if (clock_.is_virtual() && have_timer) {
        // Outside work pending: time must not stand still, or a timeout on a silent server
        // never fires; the jump waits the wall time it stands for (at speed 1 when instant).
        std::int64_t next = timers_.earliest().deadline;
        bool wait = outside || (pace && clock_.paced());
        if (next <= clock_.virtual_now() || !wait || paced_jump_due(next, may_block)) {
            clock_.jump_to(next);
        } else if (ready_.empty()) {
            return false;  // the paced jump is not due yet
        } else if (!clock_.paced()) {
            clock_.hold_pace();  // instant clock: the outside work came in
        }
    } else {
        detail::io_poller* poller = may_block ? io_poller() : nullptr;
        if (poller && !poller->busy()) poller = nullptr;
        if (poller) poller->before_wait();
        std::int64_t until = -1;
        if (!timers_.empty() && !clock_.is_virtual()) until = timers_.earliest().deadline;
        if (until < 0 || now_ns() < until) {
            if (!may_block) return false;
            wait_for_work(until >= 0 ? clock_.wall_time_of(until) : -1);
            if (inbox_ready_.load(std::memory_order_acquire)) take_inbox();
        }
        if (poller) poller->after_wait();
    }
    return true;
}

void event_loop::finish_tick_traced(std::size_t count) {
    run_ready(count);
    emit({trace_kind::tick_end});
}

void event_loop::tick_observed() {
    // The trace events are built only when traced, expire_timers called only with timers armed.
    if (tracing()) [[unlikely]]
        emit({trace_kind::tick_begin, wait_kind::none, outcome::none, 0, 0, 0, 0, 0,
              static_cast<std::int64_t>(ready_.size())});
    if (!timers_.empty()) expire_timers();
    run_ready(ready_.size());
    if (tracing()) [[unlikely]]
        emit({trace_kind::tick_end});
}

void event_loop::run_ready(std::size_t count) {
    if (explorer_) [[unlikely]] ready_.shuffle_front(count, *explorer_);
    if (options_.debug) [[unlikely]] {
        run_ready_timed(count);
        return;
    }
    // Host-driven: stop when the slice is spent, even mid-tick; the rest stays queued in order.
    for (std::size_t i = 0; i < count && !(driving_ && slice_.spent()); ++i) {
        detail::runnable* r = ready_.pop();
        r->queued = false;
        if (tracing()) [[unlikely]] {
            r->run_traced();
        } else {
            run_step(*r);
        }
    }
}

namespace {
// What a step ran, as asyncio's debug log names it: the task with its coroutine, or the callback.
struct step_subject {
    detail::core_ref<detail::task_core> task;
    const char* function = "";
    const char* file = "";
    int line = 0;
    const std::type_info* callback = nullptr;

    explicit step_subject(detail::runnable* r) {
        if (auto* t = dynamic_cast<detail::task_core*>(r)) {
            task = detail::core_ref<detail::task_core>(t);
            if (const auto* p = t->root_frame()) {
                function = p->function;
                file = p->file;
                line = p->line;
            }
        } else if (auto* item = dynamic_cast<detail::callback_item*>(r)) {
            callback = &item->target_type();
        }
    }
    // "<Task pending name='main' coro=<amain() defined at app.cpp:12>>" (the line of the
    // coroutine's definition: aio records no current line) or "<Handle amain()::{lambda()#1}>".
    std::string describe() const {
        if (task) {
            const char* state = !task->done() ? "pending" : task->cancelled() ? "cancelled" : "finished";
            std::string text = std::string("<Task ") + state + " name='" + task->name() + "'";
            if (*function) text += std::string(" coro=<") + function + "() defined at " + file + ":" + std::to_string(line) + ">";
            return text + ">";
        }
        if (!callback) return "<Handle>";
        return "<Handle " + detail::readable_type_name(callback->name()) + ">";
    }
};
}  // namespace

void event_loop::run_ready_timed(std::size_t count) {
    for (std::size_t i = 0; i < count && !(driving_ && slice_.spent()); ++i) {
        detail::runnable* r = ready_.pop();
        r->queued = false;
        step_subject subject(r);
        auto start = std::chrono::steady_clock::now();
        const bool on_virtual = clock_.is_virtual();
        const std::int64_t loop_start = on_virtual ? now_ns() : 0;
        if (tracing()) {
            r->run_traced();
        } else {
            r->run();
        }
        // asyncio times a step on the loop's clock; on the virtual clock a step moves it only by
        // advance_virtual_time (the Python front-end's blocking time.sleep), exactly, while a C++
        // step that blocks shows in wall time alone: the longer of the two is what the step took.
        auto took = std::max(std::chrono::steady_clock::now() - start,
                             std::chrono::steady_clock::duration(std::chrono::nanoseconds(on_virtual ? now_ns() - loop_start : 0)));
        double seconds = std::chrono::duration<double>(took).count();
        if (seconds >= options_.slow_callback_duration) {
            std::string what = subject.describe();
            char text[64];
            std::snprintf(text, sizeof text, " took %.3f seconds", seconds);
            log("Executing " + what + text);
            emit({trace_kind::slow_step, wait_kind::none, outcome::none, 0, 0, subject.task ? subject.task->id() : 0, 0,
                  0, static_cast<std::int64_t>(std::chrono::nanoseconds(took).count()), what});
        }
    }
}

void event_loop::wait_for_work(std::int64_t wall_deadline_ns) {
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
    // No other thread can post work here: only time can pass.
    if (wall_deadline_ns < 0)
        throw deadlock_error(
            "the loop waits for host work (a JS promise, fetch, storage) but is not driven by the "
            "host: start it with aio::run_main() so the browser/Node event loop can deliver results");
    while (loop_clock::steady_ns() < wall_deadline_ns && !inbox_ready_.load(std::memory_order_acquire)) {
    }
#else
    if (detail::io_poller* poller = io_poller(); poller && poller->busy()) {
        // A post after this test wakes the poller (call_soon_threadsafe), so it is not missed.
        if (!inbox_ready_.load(std::memory_order_acquire)) poller->wait(wall_deadline_ns);
        return;
    }
    std::unique_lock<std::mutex> lock(inbox_mutex_);
    auto ready = [this] { return inbox_ready_.load(std::memory_order_acquire); };
    if (wall_deadline_ns < 0) {
        inbox_cv_.wait(lock, ready);
    } else {
        auto until = std::chrono::steady_clock::time_point(std::chrono::nanoseconds(wall_deadline_ns));
        inbox_cv_.wait_until(lock, until, ready);
    }
#endif
}

bool event_loop::run_once() {
    if (host_mode_) {
        // The host-driven loop is this thread's running loop already: no running_guard, but never
        // from inside one of its own slices or ticks.
        if (driving_) throw nested_run_error("run_once() cannot be called from inside the loop's own tick");
        driving_ = running_ = true;
        struct reset {
            event_loop& loop;
            ~reset() { loop.driving_ = loop.running_ = false; }
        };
        bool ran;
        {
            reset done{*this};
            ran = tick(false, false);
        }
        if (!paused_ && !ready_.empty() && !drive_requested_) request_drive();
        sync_host_timer();
        return ran;
    }
    detail::running_guard guard(*this);
    return tick(false, false);
}

void event_loop::set_paused(bool paused) {
    if (paused_ == paused) return;
    // A paced wait keeps its progress, but the paused time does not count.
    if (paused) {
        clock_.save_pace_progress();
    } else {
        clock_.resume_pace();
    }
    paused_ = paused;
    if (!host_mode_ || driving_) return;
    if (!paused_ && !ready_.empty() && !drive_requested_) request_drive();
    sync_host_timer();
}

void event_loop::throw_deadlock() const {
    throw deadlock_error("deadlock: nothing is ready, no timer and no outside work is pending, but " +
                         std::to_string(task_count_) + " task(s) still wait:" + describe_waiting_tasks());
}

namespace {
// What run_until_done and run_forever share: the loop is this thread's running loop, and says it
// is running, until the scope ends.
struct self_driven {
    detail::running_guard guard;
    bool& running;
    self_driven(event_loop& loop, bool& running_flag) : guard(loop), running(running_flag) { running = true; }
    ~self_driven() { running = false; }
    self_driven(const self_driven&) = delete;
    self_driven& operator=(const self_driven&) = delete;
};
}  // namespace

void event_loop::run_until_done(detail::future_core& f) {
    if (closed_) throw loop_closed_error();
    self_driven scope(*this, running_);
    stop_requested_ = false;
    while (!f.done()) {
        if (stop_requested_) throw runtime_error("Event loop stopped before Future completed.");
        if (!tick(true, true)) throw_deadlock();
    }
}

void event_loop::run_forever() {
    if (closed_) throw loop_closed_error();
    self_driven scope(*this, running_);
    stop_requested_ = false;
    while (!stop_requested_) {
        if (!tick(true, true)) throw_deadlock();
    }
}

void event_loop::stop() { stop_requested_ = true; }

void event_loop::close() {
    if (running_) throw runtime_error("Cannot close a running event loop");
    closed_ = true;
    plain_create_ = false;
}

void event_loop::cancel_all_tasks() {
    std::vector<any_task> tasks = all_tasks();
    if (tasks.empty()) return;
    for (auto& t : tasks) t.cancel();
    {
        detail::running_guard guard(*this);
        auto all_done = [&] {
            return std::all_of(tasks.begin(), tasks.end(), [](auto& t) { return t.done(); });
        };
        while (!all_done() && tick(true, true)) {
        }
    }
    report_shutdown_outcomes(tasks);
}

void event_loop::report_shutdown_outcomes(const std::vector<any_task>& tasks) {
    for (auto& t : tasks) {
        if (!t.done()) {
            call_exception_handler(
                {"task still pending after it was cancelled at shutdown", nullptr, t.id(), t.get_name(), t});
        } else if (!t.cancelled()) {
            if (auto error = t.exception())
                call_exception_handler({"unhandled exception during run() shutdown", error, t.id(), t.get_name(), t});
        }
    }
}

std::vector<any_task> event_loop::start_closing_generators() {
    std::vector<detail::live_generator*> live;
    for (auto* g = generators_head_; g; g = g->next) live.push_back(g);
    std::reverse(live.begin(), live.end());  // first started, first closed
    std::vector<any_task> closing;
    for (auto* g : live) closing.emplace_back(create_task(g->close(*g), "aclose"));
    return closing;
}

void event_loop::shutdown_asyncgens() {
    std::vector<any_task> closing = start_closing_generators();
    if (closing.empty()) return;
    {
        detail::running_guard guard(*this);
        auto all_done = [&] {
            return std::all_of(closing.begin(), closing.end(), [](auto& t) { return t.done(); });
        };
        while (!all_done() && tick(true, true)) {
        }
    }
    for (auto& t : closing) {
        if (t.done() && !t.cancelled() && t.exception())
            call_exception_handler({"an error occurred during closing of asynchronous generator", t.exception(),
                                    t.id(), t.get_name()});
    }
}

void event_loop::forget_generators() noexcept {
    while (generators_head_) generator_gone(*generators_head_);
}

void event_loop::shutdown_after_run() noexcept {
    try {
        // Generators first: cancelling the tasks that own them would destroy their frames
        // without running their cleanup.
        shutdown_asyncgens();
        cancel_all_tasks();
        shutdown_default_executor();
    } catch (...) {
        call_exception_handler({"error while shutting down the loop", std::current_exception()});
    }
    forget_generators();
    closed_ = true;
    plain_create_ = false;
}

// ---------------------------------------------------------------- tasks

void event_loop::trace_task_created(detail::task_core& task) {
    auto* parent = detail::this_thread.current_task;
    std::string name = task.name();
    emit({trace_kind::task_created, wait_kind::none, outcome::none, 0, 0, task.id(), parent ? parent->id() : 0, 0,
          0, name});
}

// ---------------------------------------------------------------- errors, logging, trace

void event_loop::set_exception_handler(std::function<void(const error_context&)> handler) {
    exception_handler_ = std::move(handler);
}

void event_loop::call_exception_handler(const error_context& context) {
    if (exception_handler_) {
        try {
            exception_handler_(context);
            return;
        } catch (...) {
            std::fprintf(stderr, "aio: the exception handler threw: %s\n",
                         describe(std::current_exception()).c_str());
        }
    }
    std::string text = context.message;
    if (!context.task_name.empty()) text += "\n  task: " + context.task_name;
    if (context.exception) text += "\n  exception: " + describe(context.exception);
    std::fprintf(stderr, "aio: %s\n", text.c_str());
}

void event_loop::set_log_handler(std::function<void(std::string_view)> handler) {
    log_handler_ = std::move(handler);
}

void event_loop::log(std::string_view message) {
    if (log_handler_) {
        log_handler_(message);
    } else {
        std::fprintf(stderr, "aio: %.*s\n", static_cast<int>(message.size()), message.data());
    }
}

void event_loop::set_trace(std::function<void(const trace_event&)> subscriber) {
    trace_ = std::move(subscriber);
    // Traced from inside a task's step: the rest of the tick runs traced, and that step's end
    // is reported too, as the loop tests tracing between steps only.
    if (trace_ && detail::this_thread.running_loop == this && detail::this_thread.current_task)
        detail::this_thread.current_task->trace_step_end();
}

}  // namespace aio
