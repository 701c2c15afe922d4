#include "aio/trace.hpp"

namespace aio {

const char* to_string(trace_kind kind) {
    switch (kind) {
        case trace_kind::tick_begin: return "tick_begin";
        case trace_kind::tick_end: return "tick_end";
        case trace_kind::task_created: return "task_created";
        case trace_kind::task_started: return "task_started";
        case trace_kind::task_resumed: return "task_resumed";
        case trace_kind::task_suspended: return "task_suspended";
        case trace_kind::task_finished: return "task_finished";
        case trace_kind::task_cancel_requested: return "task_cancel_requested";
        case trace_kind::timer_armed: return "timer_armed";
        case trace_kind::timer_fired: return "timer_fired";
        case trace_kind::timer_cancelled: return "timer_cancelled";
        case trace_kind::callback_run: return "callback_run";
        case trace_kind::slow_step: return "slow_step";
        case trace_kind::host_wake: return "host_wake";
        case trace_kind::thread_fallback: return "thread_fallback";
    }
    return "?";
}

const char* to_string(wait_kind kind) {
    switch (kind) {
        case wait_kind::none: return "none";
        case wait_kind::yield: return "yield";
        case wait_kind::sleep: return "sleep";
        case wait_kind::future: return "future";
        case wait_kind::task: return "task";
        case wait_kind::primitive: return "primitive";
        case wait_kind::host_io: return "host_io";
        case wait_kind::thread: return "thread";
    }
    return "?";
}

const char* to_string(outcome kind) {
    switch (kind) {
        case outcome::none: return "none";
        case outcome::value: return "value";
        case outcome::exception: return "exception";
        case outcome::cancelled: return "cancelled";
    }
    return "?";
}

}  // namespace aio
