// Host mode (wasm): the browser's or Node's own event loop drives the aio loop.
//   ready work  -> one queueMicrotask per burst; a burst longer than host_slice_ms continues in
//                  a macrotask (setImmediate in Node, MessageChannel in browsers) so pages paint
//   timers      -> exactly one host setTimeout, for the earliest deadline, re-armed as it changes
// The native build has no host loop: host_none.cpp.
#include "aio/loop.hpp"
#include "aio/run.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

#include <emscripten.h>
#include <emscripten/threading.h>

namespace {
enum source { microtask = 0, macrotask = 1, host_timer = 2 };
const char* source_name(int s) {
    return s == microtask ? "microtask" : s == macrotask ? "macrotask" : "timer";
}
}  // namespace

// clang-format off
EM_JS(void, aio_js_queue_microtask, (void* loop), {
    queueMicrotask(() => _aio_host_drive(loop, 0));
});
EM_JS(void, aio_js_queue_macrotask, (void* loop), {
    if (typeof setImmediate === 'function') {
        setImmediate(() => _aio_host_drive(loop, 1));
    } else {
        if (!Module.aioChannel) {
            Module.aioChannel = new MessageChannel();
            Module.aioChannelQueue = [];
            Module.aioChannel.port1.onmessage = () => _aio_host_drive(Module.aioChannelQueue.shift(), 1);
        }
        Module.aioChannelQueue.push(loop);
        Module.aioChannel.port2.postMessage(0);
    }
});
EM_JS(void, aio_js_set_timer, (void* loop, double delay_ms), {
    Module.aioTimers = Module.aioTimers || new Map();
    const old = Module.aioTimers.get(loop);
    if (old !== undefined) clearTimeout(old);
    if (delay_ms < 0) { Module.aioTimers.delete(loop); return; }
    Module.aioTimersArmed = (Module.aioTimersArmed || 0) + 1;
    Module.aioTimers.set(loop, setTimeout(() => {
        Module.aioTimers.delete(loop);
        _aio_host_drive(loop, 2);
    }, delay_ms));
});
// clang-format on

extern "C" EMSCRIPTEN_KEEPALIVE void aio_host_drive(void* loop, int source) {
    // A microtask or macrotask queued before the loop was destroyed finds it gone.
    if (aio::detail::loop_alive(static_cast<aio::event_loop*>(loop)))
        static_cast<aio::event_loop*>(loop)->host_drive(source);
}

#if defined(__EMSCRIPTEN_PTHREADS__)
// A worker posted to a loop with call_soon_threadsafe: on the main thread, drive that loop from a
// microtask if it is the host-driven one (never from inside whatever the main thread is doing).
// clang-format off
EM_JS(void, aio_js_queue_wake, (void* loop), {
    queueMicrotask(() => _aio_host_wake_drive(loop));
});
// clang-format on
extern "C" EMSCRIPTEN_KEEPALIVE void aio_host_wake_drive(void* p) {
    auto* loop = static_cast<aio::event_loop*>(p);
    if (aio::detail::loop_alive(loop) && loop->attached_to_host()) loop->host_drive(microtask);
}
namespace {
void queue_wake_on_main(void* loop) { aio_js_queue_wake(loop); }
}  // namespace
#endif

namespace aio {

void event_loop::attach_to_host() {
    if (host_mode_) return;
    if (detail::this_thread.running_loop && detail::this_thread.running_loop != this)
        throw nested_run_error("another event loop is already attached or running on this thread");
    host_mode_ = true;
    detail::this_thread.running_loop = this;
    if (!ready_.empty()) request_drive();
    sync_host_timer();
}

void event_loop::detach_from_host() {
    if (!host_mode_) return;
    host_mode_ = false;
    if (host_timer_deadline_ != -1) aio_js_set_timer(this, -1);
    host_timer_deadline_ = -1;
    if (detail::this_thread.running_loop == this) detail::this_thread.running_loop = nullptr;
}

void event_loop::request_drive() {
    drive_requested_ = true;
    aio_js_queue_microtask(this);
}

void event_loop::sync_host_timer() {
    std::int64_t want = -1;
    if (!timers_.empty() && ready_.empty() && !drive_requested_ && !paused_) want = timers_.earliest().deadline;
    // Virtual time: the next timer is due as soon as the host can, or, paced (a finite speed, or
    // outside work pending), once the wall time the jump stands for has passed.
    bool waits = clock_.is_virtual() && want > clock_.virtual_now() &&
                 (clock_.paced() || external_.load(std::memory_order_relaxed) > 0);
    if (want == host_timer_deadline_ && waits == host_timer_waits_) return;
    // Real clock: a host timer armed for no later than the earliest deadline may stay, also
    // while a slice is due anyway (ready work): firing early only runs a slice that arms the
    // right one. Re-arming costs two host calls, and a burst of requests with timeouts moves the
    // earliest deadline with every response. Idle with no timer left, it is cancelled (an armed
    // host timer keeps Node's process alive).
    if (!clock_.is_virtual() && host_timer_deadline_ >= 0 && !paused_ && !timers_.empty() &&
        host_timer_deadline_ <= timers_.earliest().deadline)
        return;
    host_timer_deadline_ = want;
    host_timer_waits_ = waits;
    if (want < 0) {
        aio_js_set_timer(this, -1);
    } else if (clock_.is_virtual()) {
        double delay_ms = 0;
        if (waits) delay_ms = static_cast<double>(clock_.jump_due_at(want) - detail::loop_clock::steady_ns()) / 1e6;
        aio_js_set_timer(this, delay_ms < 0 ? 0 : delay_ms);
    } else {
        double delay_ms = static_cast<double>(want - now_ns()) / 1e6 / clock_.speed();
        aio_js_set_timer(this, delay_ms < 0 ? 0 : delay_ms);
    }
}

void event_loop::host_drive(int source) {
    if (source == host_timer) host_timer_deadline_ = -1;
    if (source != host_timer) drive_requested_ = false;
    if (driving_ || closed_ || paused_ || !host_mode_) return;
    driving_ = true;
    emit({trace_kind::host_wake, wait_kind::none, outcome::none, 0, 0, 0, 0, 0, source,
          source_name(source)});
    slice_.begin(options_.host_slice_ms, options_.host_slice_max_steps);
    running_ = true;
    while (tick(false, true)) {
        if (ready_.empty() && (!clock_.is_virtual() || timers_.empty())) break;
        // Ticks of a few tasks each: count each tick as a checking step too.
        if (slice_.over() || slice_.spent()) {
            drive_requested_ = true;
            aio_js_queue_macrotask(this);
            break;
        }
    }
    running_ = false;
    driving_ = false;
    sync_host_timer();
    if (host_idle_) host_idle_();
}

namespace detail {

bool use_host_loop() { return emscripten_is_main_runtime_thread() && !in_thread_fallback(); }

void wake_host_loop([[maybe_unused]] event_loop* loop) {
#if defined(__EMSCRIPTEN_PTHREADS__)
    if (!emscripten_is_main_runtime_thread())
        emscripten_async_run_in_main_runtime_thread(EM_FUNC_SIG_VI, queue_wake_on_main, loop);
#endif
}

[[noreturn]] void run_in_host(event_loop& loop, any_task main, std::function<int()> exit_status) {
    // When main is done: close the async generators still suspended at a co_yield (as
    // event_loop::shutdown_after_run does), cancel what is left, let it finish on the host loop,
    // report what its cleanup raised (as event_loop::cancel_all_tasks does natively), then exit.
    struct shutdown_state {
        bool closing = false;
        bool finishing = false;
        std::vector<any_task> closers;
        std::vector<any_task> leftover;
    };
    auto state = std::make_shared<shutdown_state>();
    loop.set_host_idle_handler([&loop, main, exit_status, state] {
        if (!main.done()) {
            if (loop.stalled()) {
                std::string text;
                try {
                    throw deadlock_error("deadlock: main() waits but nothing can wake it:" +
                                         loop.describe_waiting_tasks());
                } catch (const std::exception& e) {
                    text = e.what();
                }
                std::fprintf(stderr, "aio: %s\n", text.c_str());
                emscripten_force_exit(1);
            }
            return;
        }
        auto pending = [](const std::vector<any_task>& tasks) {
            return std::any_of(tasks.begin(), tasks.end(), [](const any_task& t) { return !t.done(); });
        };
        if (!state->closing) {
            state->closing = true;
            state->closers = loop.start_closing_generators();
        }
        if (!state->finishing) {
            if (pending(state->closers) && !loop.stalled()) return;  // they close on the next slices
            for (auto& t : state->closers) {
                if (t.done() && !t.cancelled() && t.exception())
                    loop.call_exception_handler({"an error occurred during closing of asynchronous generator",
                                                 t.exception(), t.id(), t.get_name()});
            }
            state->finishing = true;
            state->leftover = loop.all_tasks();
            for (auto& t : state->leftover) t.cancel();
            if (!loop.all_tasks().empty()) return;  // they finish on the next slices
        }
        if (!loop.all_tasks().empty() && !loop.stalled()) return;
        loop.report_shutdown_outcomes(state->leftover);
        state->leftover.clear();
        int status = exit_status();
        std::fflush(stdout);
        std::fflush(stderr);
        emscripten_force_exit(status);
    });
    loop.attach_to_host();
    emscripten_exit_with_live_runtime();
    __builtin_unreachable();
}

}  // namespace detail
}  // namespace aio
