// Structured events the loop emits to one subscriber (the sandbox timeline is built on them).
// With no subscriber the cost is one predictable branch per event site.
#pragma once

#include <cstdint>
#include <string_view>

namespace aio {

enum class trace_kind : std::uint8_t {
    tick_begin,             // `value` = ready items this tick
    tick_end,
    task_created,           // `other_id` = parent task id (0 if none), `text` = name
    task_started,           // first step of a task
    task_resumed,           // later steps
    task_suspended,         // `wait` says on what; `other_id`/`deadline_ns`/`text` detail it
    task_finished,          // `result` says how; `text` = error message if any
    task_cancel_requested,  // `text` = cancel message
    timer_armed,            // `deadline_ns`; `task_id` when a task sleeps
    timer_fired,
    timer_cancelled,
    callback_run,           // a call_soon / call_later callback
    slow_step,              // debug mode: `value` = step duration in ns
    host_wake,              // wasm: the host drove the loop; `text` = microtask/macrotask/timer
    thread_fallback,        // a to_thread call ran on the loop thread (no threads on this host)
};

enum class wait_kind : std::uint8_t {
    none,
    yield,      // sleep(0): straight back into the ready queue
    sleep,      // a timer
    future,     // a future (other_id = its id if it is a task)
    task,       // another task
    primitive,  // lock, event, condition, semaphore, barrier, queue
    host_io,    // a host operation (JS promise, fetch, storage)
    thread,     // to_thread / executor work
};

enum class outcome : std::uint8_t { none, value, exception, cancelled };

struct trace_event {
    trace_kind kind;
    wait_kind wait = wait_kind::none;
    outcome result = outcome::none;
    std::int64_t time_ns = 0;      // loop time
    std::uint64_t tick = 0;        // loop tick counter
    std::uint64_t task_id = 0;
    std::uint64_t other_id = 0;
    std::int64_t deadline_ns = 0;
    std::int64_t value = 0;
    std::string_view text{};
};

const char* to_string(trace_kind kind);
const char* to_string(wait_kind kind);
const char* to_string(outcome kind);

}  // namespace aio
