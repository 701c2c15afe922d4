// The trace's enums (trace.hpp) by name: the one list to_string() looks up and JS reads through
// Module.protocol() (wasm/sandbox/protocol_bindings.cpp), whose codes are these positions.
#pragma once

#include "aio/trace.hpp"

#include <cstddef>

namespace aio {

// In enum order. A new enumerator goes last, here too (tests/test_protocol.cpp checks every
// value appears once, in order).
template <class Kind>
struct named_kind {
    Kind kind;
    const char* name;
};

inline constexpr named_kind<trace_kind> trace_kind_names[] = {
    {trace_kind::tick_begin, "tick_begin"},
    {trace_kind::tick_end, "tick_end"},
    {trace_kind::task_created, "task_created"},
    {trace_kind::task_started, "task_started"},
    {trace_kind::task_resumed, "task_resumed"},
    {trace_kind::task_suspended, "task_suspended"},
    {trace_kind::task_finished, "task_finished"},
    {trace_kind::task_cancel_requested, "task_cancel_requested"},
    {trace_kind::timer_armed, "timer_armed"},
    {trace_kind::timer_fired, "timer_fired"},
    {trace_kind::timer_cancelled, "timer_cancelled"},
    {trace_kind::callback_run, "callback_run"},
    {trace_kind::slow_step, "slow_step"},
    {trace_kind::host_wake, "host_wake"},
    {trace_kind::thread_fallback, "thread_fallback"},
};

inline constexpr named_kind<wait_kind> wait_kind_names[] = {
    {wait_kind::none, "none"},           {wait_kind::yield, "yield"},   {wait_kind::sleep, "sleep"},
    {wait_kind::future, "future"},       {wait_kind::task, "task"},     {wait_kind::primitive, "primitive"},
    {wait_kind::host_io, "host_io"},     {wait_kind::thread, "thread"},
};

inline constexpr named_kind<outcome> outcome_names[] = {
    {outcome::none, "none"}, {outcome::value, "value"}, {outcome::exception, "exception"}, {outcome::cancelled, "cancelled"},
};

// The name of `kind` in `table` ("?" for a value the table does not list).
template <class Kind, std::size_t N>
constexpr const char* name_in(const named_kind<Kind> (&table)[N], Kind kind) {
    for (const auto& k : table)
        if (k.kind == kind) return k.name;
    return "?";
}

}  // namespace aio
