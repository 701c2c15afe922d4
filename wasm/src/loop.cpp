#include "aio/loop.hpp"
#include "aio/detail/type_name.hpp"

#include "aio/schedule.hpp"
#include "aio/task.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>
#include <typeinfo>

namespace aio {

namespace detail {

void ready_queue::grow() {
    std::vector<runnable*> bigger(items_.size() * 2);
    std::size_t n = size();
    for (std::size_t i = 0; i < n; ++i) bigger[i] = items_[(head_ + i) & mask_];
    items_.swap(bigger);
    mask_ = items_.size() - 1;
    head_ = 0;
    tail_ = n;
}

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

event_loop::event_loop(loop_options options)
    : options_(options),
      real_origin_(std::chrono::steady_clock::now().time_since_epoch().count()) {
    static_assert(std::is_same_v<std::chrono::steady_clock::duration, std::chrono::nanoseconds>);
    bool real = options_.clock == clock_kind::real;
    speed_ = options_.speed.value_or(real ? 1.0 : std::numeric_limits<double>::infinity());
    if (!(speed_ > 0) || (real && !std::isfinite(speed_)))
        throw std::invalid_argument(real ? "loop_options.speed must be a positive number"
                                         : "loop_options.speed must be a positive number or infinity");
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
    for (auto* node : heap_) {
        node->heap_index = detail::timer_node::not_armed;
        if (auto* item = dynamic_cast<detail::callback_item*>(node)) item->discard();
    }
    heap_.clear();
    pending.clear();
    auto& loops = detail::live_loops;
    loops.erase(std::remove(loops.begin(), loops.end(), this), loops.end());
    if (detail::this_thread.running_loop == this) detail::this_thread.running_loop = nullptr;
}

std::int64_t event_loop::now_ns() const {
    if (options_.clock == clock_kind::virtual_time) return virtual_now_;
    std::int64_t elapsed = std::chrono::steady_clock::now().time_since_epoch().count() - real_origin_;
    if (speed_ == 1.0) return real_base_ + elapsed;
    return real_base_ + static_cast<std::int64_t>(static_cast<double>(elapsed) * speed_);
}

namespace {
std::int64_t steady_ns() { return std::chrono::steady_clock::now().time_since_epoch().count(); }
}  // namespace

void event_loop::advance_virtual_time(double seconds) {
    if (options_.clock != clock_kind::virtual_time)
        throw invalid_state_error("advance_virtual_time: the loop runs on the real clock");
    if (!(seconds >= 0) || !std::isfinite(seconds)) throw std::invalid_argument("advance_virtual_time: seconds must be >= 0");
    virtual_now_ += to_ns(seconds);
    pace_wall_ = -1;
}

void event_loop::set_speed(double speed) {
    if (options_.clock == clock_kind::real) {
        if (!(speed > 0) || !std::isfinite(speed)) throw std::invalid_argument("speed must be a positive number");
        real_base_ = now_ns();
        real_origin_ = steady_ns();
    } else {
        if (!(speed > 0)) throw std::invalid_argument("speed must be a positive number or infinity");
        save_pace_progress();
    }
    speed_ = speed;
    if (host_mode_ && !driving_) {
        host_timer_deadline_ = -2;  // force the host timer to be re-armed for the new speed
        sync_host_timer();
    }
}

// ---------------------------------------------------------------- pacing (virtual clock)

bool event_loop::paced() const { return options_.clock == clock_kind::virtual_time && std::isfinite(speed_); }

// The pace of a wait before a jump: the finite speed, or real time while outside work is pending.
double event_loop::pace_speed() const { return std::isfinite(speed_) ? speed_ : 1.0; }

bool event_loop::pacing() const {
    bool outside = external_.load(std::memory_order_relaxed) > 0;
    return (paced() || (outside && options_.clock == clock_kind::virtual_time)) && !paused_ && pace_wall_ >= 0 && ready_.empty() && !heap_.empty() &&
           heap_.front()->deadline > virtual_now_;
}

// The steady-clock time at which the jump to `deadline` is due; starts the wait if none runs.
std::int64_t event_loop::paced_wall_deadline(std::int64_t deadline) {
    if (pace_wall_ < 0) {
        pace_wall_ = steady_ns();
        pace_virtual_ = static_cast<double>(virtual_now_);
    } else if (pace_held_) {
        pace_wall_ = steady_ns();
    }
    pace_held_ = false;
    double wall = static_cast<double>(pace_wall_) + (static_cast<double>(deadline) - pace_virtual_) / pace_speed();
    constexpr double far = static_cast<double>(std::numeric_limits<std::int64_t>::max() / 2);
    return wall >= far ? static_cast<std::int64_t>(far) : static_cast<std::int64_t>(wall);
}

// Waits (if allowed) until the jump to `deadline` is due. False: not yet, or outside work came in.
bool event_loop::paced_jump_due(std::int64_t deadline, bool may_block) {
    std::int64_t due = paced_wall_deadline(deadline);
    if (steady_ns() >= due) return true;
    if (!may_block) return false;
    while (steady_ns() < due && !inbox_ready_.load(std::memory_order_acquire)) wait_for_work(due);
    if (inbox_ready_.load(std::memory_order_acquire)) take_inbox();
    return steady_ns() >= due;
}

// Before a speed change or a pause: the imagined time reached so far becomes the new start, so
// the wait goes on from there (a pause does not count, a new speed applies from now on).
void event_loop::save_pace_progress() {
    if (pace_wall_ < 0 || options_.clock != clock_kind::virtual_time) return;
    std::int64_t now = steady_ns();
    pace_virtual_ += static_cast<double>(now - pace_wall_) * pace_speed();
    pace_wall_ = now;
}

std::int64_t event_loop::to_ns(double seconds) {
    if (std::isnan(seconds)) throw std::invalid_argument("delay is NaN");
    constexpr double limit = 9.0e18;
    double ns = seconds * 1e9;
    if (ns >= limit) return static_cast<std::int64_t>(limit);
    if (ns <= -limit) return -static_cast<std::int64_t>(limit);
    return std::llround(ns);
}

std::int64_t event_loop::deadline_after(double delay_seconds) const {
    std::int64_t delay = to_ns(delay_seconds);
    std::int64_t now = now_ns();
    constexpr std::int64_t far = std::numeric_limits<std::int64_t>::max() / 2;
    return delay > far - now ? far : now + delay;
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
#if defined(__EMSCRIPTEN_PTHREADS__)
    detail::wake_host_loop(this);
#endif
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

namespace {
bool earlier(const detail::timer_node* a, const detail::timer_node* b) {
    return a->deadline < b->deadline || (a->deadline == b->deadline && a->sequence < b->sequence);
}
}  // namespace

void event_loop::heap_place(std::uint32_t index, detail::timer_node* node) {
    heap_[index] = node;
    node->heap_index = index;
}

void event_loop::sift_up(std::uint32_t index) {
    detail::timer_node* node = heap_[index];
    while (index > 0) {
        std::uint32_t parent = (index - 1) / 2;
        if (!earlier(node, heap_[parent])) break;
        heap_place(index, heap_[parent]);
        index = parent;
    }
    heap_place(index, node);
}

void event_loop::sift_down(std::uint32_t index) {
    detail::timer_node* node = heap_[index];
    const auto n = static_cast<std::uint32_t>(heap_.size());
    for (;;) {
        std::uint32_t child = 2 * index + 1;
        if (child >= n) break;
        if (child + 1 < n && earlier(heap_[child + 1], heap_[child])) ++child;
        if (!earlier(heap_[child], node)) break;
        heap_place(index, heap_[child]);
        index = child;
    }
    heap_place(index, node);
}

void event_loop::arm_timer(detail::timer_node& node, std::int64_t deadline) {
    if (node.armed()) disarm_timer(node);
    node.deadline = deadline;
    node.sequence = ++timer_sequence_;
    heap_.push_back(&node);
    sift_up(static_cast<std::uint32_t>(heap_.size() - 1));
    emit({trace_kind::timer_armed, wait_kind::none, outcome::none, 0, 0, node.task_id, 0, deadline});
    if (host_mode_ && !driving_) sync_host_timer();
}

void event_loop::disarm_timer(detail::timer_node& node) {
    if (!node.armed()) return;
    std::uint32_t index = node.heap_index;
    node.heap_index = detail::timer_node::not_armed;
    detail::timer_node* last = heap_.back();
    heap_.pop_back();
    if (last != &node) {
        heap_place(index, last);
        sift_up(index);
        sift_down(last->heap_index);
    }
    emit({trace_kind::timer_cancelled, wait_kind::none, outcome::none, 0, 0, node.task_id, 0,
          node.deadline});
}

detail::timer_node* event_loop::pop_earliest_timer() {
    detail::timer_node* node = heap_.front();
    node->heap_index = detail::timer_node::not_armed;
    detail::timer_node* last = heap_.back();
    heap_.pop_back();
    if (last != node) {
        heap_place(0, last);
        sift_down(0);
    }
    return node;
}

// Exploration: when timers due at the same instant reach the front of the heap, the explorer
// shuffles the group: it goes back into the heap renumbered in the chosen order (so firing one
// may still disarm the others), and is then popped like any timers.
detail::timer_node* event_loop::pop_explored_timer() {
    detail::timer_node* node = pop_earliest_timer();
    bool shuffled = node->deadline == ties_deadline_ && node->sequence > ties_after_;
    if (shuffled || heap_.empty() || heap_.front()->deadline != node->deadline) return node;
    std::vector<detail::timer_node*> tied{node};
    while (!heap_.empty() && heap_.front()->deadline == node->deadline) tied.push_back(pop_earliest_timer());
    for (std::size_t i = 0; i + 1 < tied.size(); ++i)
        std::swap(tied[i], tied[i + explorer_->pick(tied.size() - i)]);
    ties_deadline_ = node->deadline;
    ties_after_ = timer_sequence_;
    for (detail::timer_node* t : tied) {
        t->sequence = ++timer_sequence_;
        heap_.push_back(t);
        sift_up(static_cast<std::uint32_t>(heap_.size() - 1));
    }
    return pop_earliest_timer();
}

void event_loop::expire_timers() {
    if (heap_.empty()) return;  // no clock read when there is nothing to expire
    std::int64_t now = now_ns();
    // Host-driven: 100,000 timers falling due at once must not make one long host task either, so
    // expiring stops with the slice too; the rest are still due next slice and are appended to
    // the ready queue behind these, in the same order as without the cut.
    while (!heap_.empty() && heap_.front()->deadline <= now && !(driving_ && slice_spent())) {
        detail::timer_node* node = explorer_ ? pop_explored_timer() : pop_earliest_timer();
        emit({trace_kind::timer_fired, wait_kind::none, outcome::none, 0, 0, node->task_id, 0,
              node->deadline});
        node->fire();
    }
}

// ---------------------------------------------------------------- running

bool event_loop::await_ready_work(bool may_block, bool pace) {
    bool have_timer = !heap_.empty();
    bool outside = external_.load(std::memory_order_relaxed) > 0;
    if (!have_timer && !outside) return false;
    if (options_.clock == clock_kind::virtual_time && have_timer) {
        // Outside work pending: time must not stand still, or a timeout on a silent server
        // never fires; the jump waits the wall time it stands for (at speed 1 when instant).
        std::int64_t next = heap_.front()->deadline;
        bool wait = outside || (pace && paced());
        if (next <= virtual_now_ || !wait || paced_jump_due(next, may_block)) {
            if (next > virtual_now_) pace_wall_ = -1;
            virtual_now_ = std::max(virtual_now_, next);
        } else if (ready_.empty()) {
            return false;  // the paced jump is not due yet
        } else if (!paced()) {
            // Instant clock: the outside work came in; only wall time spent waiting counts.
            save_pace_progress();
            pace_held_ = true;
        }
    } else {
        std::int64_t until = -1;
        if (have_timer && options_.clock == clock_kind::real) until = heap_.front()->deadline;
        if (until < 0 || now_ns() < until) {
            if (!may_block) return false;
            std::int64_t wall = -1;
            if (until >= 0) wall = real_origin_ + static_cast<std::int64_t>(static_cast<double>(until - real_base_) / speed_);
            wait_for_work(wall);
            if (inbox_ready_.load(std::memory_order_acquire)) take_inbox();
        }
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
    if (!heap_.empty()) expire_timers();
    run_ready(ready_.size());
    if (tracing()) [[unlikely]]
        emit({trace_kind::tick_end});
}

// Exploration: this tick's items run in an order the explorer picks, one "which of those left
// goes next" choice at a time (a Fisher-Yates shuffle of the first `count` items).
void event_loop::shuffle_ready(std::size_t count) {
    for (std::size_t i = 0; i + 1 < count; ++i) ready_.swap(i, i + explorer_->pick(count - i));
}

void event_loop::run_ready(std::size_t count) {
    if (explorer_) [[unlikely]] shuffle_ready(count);
    if (options_.debug) [[unlikely]] {
        run_ready_timed(count);
        return;
    }
    // Host-driven: stop when the slice is spent, even mid-tick; the rest stays queued in order.
    for (std::size_t i = 0; i < count && !(driving_ && slice_spent()); ++i) {
        detail::runnable* r = ready_.pop();
        r->queued = false;
        if (tracing()) [[unlikely]] {
            r->run_traced();
        } else {
            r->run();
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
    for (std::size_t i = 0; i < count && !(driving_ && slice_spent()); ++i) {
        detail::runnable* r = ready_.pop();
        r->queued = false;
        step_subject subject(r);
        auto start = std::chrono::steady_clock::now();
        const bool on_virtual = options_.clock == clock_kind::virtual_time;
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
    while (steady_ns() < wall_deadline_ns && !inbox_ready_.load(std::memory_order_acquire)) {
    }
#else
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

bool event_loop::slice_spent() {
    if (slice_over_) return true;
    max_slice_steps_ = std::max(max_slice_steps_, ++slice_steps_);
    if (++since_slice_check_ < slice_check_every) return false;
    since_slice_check_ = 0;
    slice_over_ = slice_steps_ >= options_.host_slice_max_steps ||
                  std::chrono::steady_clock::now().time_since_epoch().count() >= slice_deadline_;
    return slice_over_;
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
        save_pace_progress();
    } else if (pace_wall_ >= 0) {
        pace_wall_ = steady_ns();
    }
    paused_ = paused;
    if (!host_mode_ || driving_) return;
    if (!paused_ && !ready_.empty() && !drive_requested_) request_drive();
    sync_host_timer();
}

std::vector<std::uint64_t> event_loop::ready_task_ids(std::size_t max) const {
    std::vector<std::uint64_t> ids;
    std::size_t n = std::min(max, ready_.size());
    ids.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        auto* task = dynamic_cast<const detail::task_core*>(ready_.at(i));
        ids.push_back(task ? task->id() : 0);
    }
    return ids;
}

std::vector<event_loop::timer_info> event_loop::pending_timers(std::size_t max) const {
    std::vector<const detail::timer_node*> nodes(heap_.begin(), heap_.end());
    auto earlier = [](const detail::timer_node* a, const detail::timer_node* b) {
        return a->deadline < b->deadline || (a->deadline == b->deadline && a->sequence < b->sequence);
    };
    if (max < nodes.size()) {  // only the first `max`: no full sort of 100,000 timers
        std::partial_sort(nodes.begin(), nodes.begin() + static_cast<std::ptrdiff_t>(max), nodes.end(), earlier);
        nodes.resize(max);
    } else {
        std::sort(nodes.begin(), nodes.end(), earlier);
    }
    std::vector<timer_info> timers;
    timers.reserve(nodes.size());
    for (const auto* n : nodes) timers.push_back({n->deadline, n->task_id});
    return timers;
}

bool event_loop::stalled() const {
    return ready_.empty() && heap_.empty() && external_.load(std::memory_order_relaxed) == 0 &&
           !inbox_ready_.load(std::memory_order_acquire);
}

std::string event_loop::describe_waiting_tasks() const {
    std::string text;
    for (auto* t = tasks_head_; t; t = t->list_next) {
        text += "\n  " + t->name();
        if (auto* s = t->waiting_on()) {
            text += " waits on ";
            text += to_string(s->kind());
            if (s->target_id()) text += " (task id " + std::to_string(s->target_id()) + ")";
            if (!s->label().empty()) text += " " + std::string(s->label());
        } else {
            text += " is ready";
        }
    }
    return text;
}

void event_loop::throw_deadlock() const {
    throw deadlock_error("deadlock: nothing is ready, no timer and no outside work is pending, but " +
                         std::to_string(task_count_) + " task(s) still wait:" + describe_waiting_tasks());
}

void event_loop::run_until_done(detail::future_core& f) {
    if (closed_) throw loop_closed_error();
    detail::running_guard guard(*this);
    running_ = true;
    stop_requested_ = false;
    struct reset {
        bool& flag;
        ~reset() { flag = false; }
    } reset_running{running_};
    while (!f.done()) {
        if (stop_requested_) throw runtime_error("Event loop stopped before Future completed.");
        if (!tick(true, true)) throw_deadlock();
    }
}

void event_loop::run_forever() {
    if (closed_) throw loop_closed_error();
    detail::running_guard guard(*this);
    running_ = true;
    stop_requested_ = false;
    struct reset {
        bool& flag;
        ~reset() { flag = false; }
    } reset_running{running_};
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

std::vector<any_task> event_loop::all_tasks(std::size_t max) const {
    std::vector<any_task> tasks;
    tasks.reserve(std::min(max, task_count_));
    for (auto* t = tasks_head_; t && tasks.size() < max; t = t->list_next) tasks.emplace_back(t);
    return tasks;
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
