// thread_pool_executor, the default executor and the worker/loop hand-over of to_thread calls
// (see thread.hpp).
#include "aio/thread.hpp"

#include "aio/detail/context.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <condition_variable>
#include <deque>
#include <thread>
#include <unordered_map>
#include <vector>

#ifndef AIO_PTHREAD_POOL_SIZE
#define AIO_PTHREAD_POOL_SIZE 8
#endif

namespace aio {

bool threads_available() {
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
    return false;
#else
    return true;
#endif
}

void blocking_sleep(double seconds) {
    if (!(seconds >= 0) || !std::isfinite(seconds))
        throw std::invalid_argument("blocking_sleep: seconds must be a finite number >= 0");
    event_loop* loop = detail::this_thread.running_loop;
    if (loop && loop->clock() == clock_kind::virtual_time) {
        loop->advance_virtual_time(seconds);  // the loop thread itself is stuck that long
    } else if (!loop && detail::simulating_fallback()) {
        detail::add_simulated_time(seconds);
    } else {
        std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    }
}

// ---------------------------------------------------------------- thread_pool_executor

struct thread_pool_executor::state {
    std::mutex mutex;
    std::condition_variable cv;
    std::deque<std::function<void()>> queue;
    std::vector<std::thread> threads;
    std::size_t max_workers = 1;
    std::size_t idle = 0;
    std::size_t started = 0;
    bool shut_down = false;

    static void work(const std::shared_ptr<state>& self) {
        state& s = *self;
        std::unique_lock<std::mutex> lock(s.mutex);
        for (;;) {
            ++s.idle;
            s.cv.wait(lock, [&] { return s.shut_down || !s.queue.empty(); });
            --s.idle;
            if (s.queue.empty()) return;  // shut down and drained
            std::function<void()> item = std::move(s.queue.front());
            s.queue.pop_front();
            lock.unlock();
            item();
            item = nullptr;  // destroy the closure outside the lock
            lock.lock();
        }
    }
};

namespace {
std::size_t default_workers() {
    std::size_t n = std::min<std::size_t>(32, std::thread::hardware_concurrency() + 4);
#if defined(__EMSCRIPTEN_PTHREADS__)
    // Threads beyond the preallocated Worker pool would only start once the main thread returns
    // to the JS event loop.
    n = std::min<std::size_t>(n, AIO_PTHREAD_POOL_SIZE / 2 > 0 ? AIO_PTHREAD_POOL_SIZE / 2 : 1);
#endif
    return n;
}
}  // namespace

thread_pool_executor::thread_pool_executor(std::size_t max_workers) : state_(std::make_shared<state>()) {
    state_->max_workers = max_workers ? max_workers : default_workers();
}

thread_pool_executor::~thread_pool_executor() { shutdown(true); }

void thread_pool_executor::submit(std::function<void()> work) {
    if (!threads_available()) {  // a wasm build without pthreads: run it here and now
        work();
        return;
    }
    std::lock_guard<std::mutex> lock(state_->mutex);
    if (state_->shut_down) throw invalid_state_error("cannot schedule new work after shutdown");
    state_->queue.push_back(std::move(work));
    if (state_->queue.size() > state_->idle && state_->threads.size() < state_->max_workers) {
        state_->threads.emplace_back([s = state_] { state::work(s); });
        ++state_->started;
    }
    state_->cv.notify_one();
}

void thread_pool_executor::shutdown(bool wait) {
    std::vector<std::thread> threads;
    {
        std::lock_guard<std::mutex> lock(state_->mutex);
        state_->shut_down = true;
        if (wait) threads.swap(state_->threads);
    }
    state_->cv.notify_all();
    for (auto& t : threads) {
        if (t.get_id() == std::this_thread::get_id()) {
            t.detach();  // shut down from one of its own work items
        } else {
            t.join();
        }
    }
}

std::size_t thread_pool_executor::max_workers() const { return state_->max_workers; }

std::size_t thread_pool_executor::thread_count() const {
    std::lock_guard<std::mutex> lock(state_->mutex);
    return state_->started;
}

executor& default_executor() {
    static thread_pool_executor pool;  // joined at exit
    return pool;
}

// ---------------------------------------------------------------- calls and shutdown

namespace {
// Default-pool calls still running, per loop (the key is never dereferenced).
struct default_calls {
    std::mutex mutex;
    std::condition_variable cv;
    std::unordered_map<const void*, std::size_t> outstanding;
};
default_calls& calls() {
    static default_calls* instance = new default_calls;  // never destroyed: workers may outlive exit
    return *instance;
}
void count_down(const void* key) {
    default_calls& c = calls();
    {
        std::lock_guard<std::mutex> lock(c.mutex);
        auto it = c.outstanding.find(key);
        if (it != c.outstanding.end() && --it->second == 0) c.outstanding.erase(it);
    }
    c.cv.notify_all();
}
thread_local int fallback_depth = 0;
thread_local std::vector<detail::context_data*> fallback_contexts;  // saved by each fallback_scope
thread_local detail::fallback_scope* innermost_fallback = nullptr;
}  // namespace

namespace detail {

void count_default_call(event_loop& loop, thread_call_base& call) {
    default_calls& c = calls();
    std::lock_guard<std::mutex> lock(c.mutex);
    ++c.outstanding[&loop];
    call.shutdown_key = &loop;
}

void uncount_default_call(thread_call_base& call) {
    if (const void* key = std::exchange(call.shutdown_key, nullptr)) count_down(key);
}

namespace {
// Calls attached on this (loop) thread, so that a loop going away can detach its own.
thread_local std::vector<std::shared_ptr<thread_call_base>> attached_calls;

// The caller's context of each call submitted while context variables are in use, taken by the
// worker that runs it (context_var.hpp: to_thread carries the caller's context).
struct carried_contexts {
    std::mutex mutex;
    std::unordered_map<const thread_call_base*, context_data*> map;
};
carried_contexts& carried() {
    static carried_contexts* instance = new carried_contexts;  // never destroyed: workers may outlive exit
    return *instance;
}
void carry_context(const thread_call_base& call) {
    context_data* c = context_retain_current();
    if (!c) return;
    carried_contexts& cc = carried();
    std::lock_guard<std::mutex> lock(cc.mutex);
    context_data*& slot = cc.map[&call];
    context_release(slot);  // left by a call at this address that never ran (submit failed)
    slot = c;
}
context_data* take_context(const thread_call_base& call) {
    carried_contexts& cc = carried();
    std::lock_guard<std::mutex> lock(cc.mutex);
    auto it = cc.map.find(&call);
    if (it == cc.map.end()) return nullptr;
    context_data* c = it->second;
    cc.map.erase(it);
    return c;
}
}  // namespace

void thread_call_base::attach(event_loop& l, future_core& result) {
    loop = &l;
    target_ = &result;
    result.add_ref();
    notify = [](waiter_node& node, future_core&) { static_cast<thread_call_base&>(node).detach(); };
    result.add_waiter(*this);  // done before delivery (cancelled): stop waiting for the worker
    l.hold_external();
    attached_calls.push_back(shared_from_this());
    if (contexts_in_use) carry_context(*this);
}

void thread_call_base::execute() noexcept {
    {
        context_carry in_callers_context(take_context(*this));
        invoke();
    }
    {
        std::lock_guard<std::mutex> lock(mutex);
        if (loop) {
            loop->call_soon_threadsafe([self = shared_from_this()] { self->deliver(); });
        }
    }
    uncount_default_call(*this);
}

void thread_call_base::release_target() noexcept {
    if (linked_to) future_core::remove_waiter(*this);
    if (future_core* f = std::exchange(target_, nullptr)) f->release();
    auto self = std::find_if(attached_calls.begin(), attached_calls.end(), [this](auto& c) { return c.get() == this; });
    if (self != attached_calls.end()) {
        auto keep = std::move(*self);  // the last reference may be this one: drop it last
        attached_calls.erase(self);
    }
}

void thread_call_base::deliver() noexcept {
    event_loop* l;
    {
        std::lock_guard<std::mutex> lock(mutex);
        l = std::exchange(loop, nullptr);
    }
    if (!l) return;  // the future was cancelled or the loop went away first: the result is dropped
    l->release_external();
    auto keep = shared_from_this();
    if (linked_to) future_core::remove_waiter(*this);
    if (!target_->done()) deliver_value();
    release_target();
}

void thread_call_base::detach() noexcept {
    event_loop* l;
    {
        std::lock_guard<std::mutex> lock(mutex);
        l = std::exchange(loop, nullptr);
    }
    if (!l) return;
    l->release_external();
    auto keep = shared_from_this();
    release_target();
}

void detach_thread_calls(const event_loop& loop) {
    std::vector<std::shared_ptr<thread_call_base>> mine;
    for (auto& c : attached_calls)
        if (c->loop == &loop) mine.push_back(c);
    for (auto& c : mine) c->detach();
}

void report_thread_fallback(event_loop& loop) {
    task_core* task = this_thread.current_task;
    loop.emit({trace_kind::thread_fallback, wait_kind::thread, outcome::none, 0, 0, task ? task->id() : 0, 0,
               0, 0, "to_thread"});
    loop.log("to_thread: no threads on this host; ran f on the loop thread");
}

fallback_scope::fallback_scope() : saved_(this_thread), outer_(innermost_fallback) {
    // f runs in its caller's context, outside any task (as on a worker thread).
    fallback_contexts.push_back(context_install(contexts_in_use ? context_retain_current() : nullptr));
    this_thread = thread_context{};
    ++fallback_depth;
    innermost_fallback = this;
}

fallback_scope::~fallback_scope() {
    innermost_fallback = outer_;
    --fallback_depth;
    this_thread = saved_;
    context_restore(fallback_contexts.back());
    fallback_contexts.pop_back();
}

bool in_thread_fallback() { return fallback_depth > 0; }

fallback_scope* simulating_fallback() {
    fallback_scope* f = innermost_fallback;
    return f && f->saved_.running_loop && f->saved_.running_loop->clock() == clock_kind::virtual_time ? f : nullptr;
}

void add_simulated_time(double seconds) {
    if (fallback_scope* f = simulating_fallback()) f->simulated_ += seconds;
}

loop_options options_for_run(loop_options options) {
    if (simulating_fallback() && options.clock == clock_kind::real) {
        options.clock = clock_kind::virtual_time;
        options.speed.reset();  // instant: the outer loop paces the result's delivery
    }
    return options;
}

void account_run(const event_loop& loop) {
    if (loop.clock() == clock_kind::virtual_time) add_simulated_time(loop.time());
}

void deliver_after(event_loop& loop, double delay, std::function<void()> deliver) {
    if (delay <= 0) {
        deliver();
        return;
    }
    char text[96];
    std::snprintf(text, sizeof text, "to_thread: f's blocking time (%.2f s) passed on the virtual clock, as on a thread", delay);
    loop.log(text);
    loop.call_later(delay, std::move(deliver));
}

}  // namespace detail

void event_loop::set_default_executor(std::shared_ptr<executor> ex) { default_executor_ = std::move(ex); }

executor& event_loop::get_default_executor() const {
    return default_executor_ ? *default_executor_ : aio::default_executor();
}

void event_loop::shutdown_default_executor() {
    default_calls& c = calls();
    std::unique_lock<std::mutex> lock(c.mutex);
    c.cv.wait(lock, [&] { return c.outstanding.find(this) == c.outstanding.end(); });
}

}  // namespace aio
