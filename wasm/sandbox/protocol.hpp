// The sandbox's side of the C++/JS contract as tables: the session's own event kinds, the
// limits, the recipe step kinds. Module.protocol() (protocol_bindings.cpp) gives them to JS, and
// web/tools/protocol.mjs generates the static copies (declarations, docs) from that.
#pragma once

#include "recipe.hpp"
#include "session.hpp"

#include "aio/trace_names.hpp"

#include <variant>
#include <vector>

namespace aio::sandbox {

// stream_kind by name, in enum order from 32 (a new kind goes last, here too).
inline constexpr aio::named_kind<stream_kind> stream_kind_names[] = {
    {stream_kind::output, "output"},
    {stream_kind::error, "error"},
    {stream_kind::log, "log"},
    {stream_kind::run_done, "run_done"},
    {stream_kind::deadlock, "deadlock"},
    {stream_kind::task_label, "task_label"},
    {stream_kind::message, "message"},
};

// Each limit of `limits` (recipe.hpp) by name: the one list the JS options are read by
// (bindings.cpp), Module.protocol() gives JS, and the docs' limits table is generated from.
struct limit_info {
    const char* name;
    std::variant<std::size_t limits::*, double limits::*> field;
    const char* meaning;
    bool at_run_time;  // checked while the recipe runs (otherwise when it is validated)
};

inline const limit_info limit_table[] = {
    {"max_tasks", &limits::max_tasks, "tasks created over the run", true},
    {"max_depth", &limits::max_depth, "nesting of tasks and blocks (at most 256, whatever is asked)", false},
    {"max_steps", &limits::max_steps, "steps executed over the run", true},
    {"max_repeat", &limits::max_repeat, "one repeat's count", false},
    {"max_duration", &limits::max_duration, "loop seconds before the run is cancelled", true},
    {"max_cpu_ms", &limits::max_cpu_ms, "milliseconds of one cpu / to_thread step", false},
    {"max_output_lines", &limits::max_output_lines, "lines printed, then \"output truncated\"", true},
    {"max_recipe_bytes", &limits::max_recipe_bytes,
     "bytes of recipe text (at most 16 MiB; JS checks it before copying the text into wasm)", false},
    {"max_queued_bytes", &limits::max_queued_bytes, "bytes held by the items of all queues at once", true},
    {"max_live_tasks", &limits::max_live_tasks, "tasks of the recipe alive at once", true},
    {"max_http_body_bytes", &limits::max_http_body_bytes,
     "bytes of one http step's response body (the transfer is aborted, the step fails)", true},
    {"max_value_bytes", &limits::max_value_bytes, "bytes of one store_put value (as JSON) or write_file text", false},
    {"max_written_bytes", &limits::max_written_bytes, "bytes store_put and write_file write over the run", true},
};

// A limit's value in `bounds` as a number.
inline double limit_value(const limits& bounds, const limit_info& l) {
    return std::visit([&](auto field) { return static_cast<double>(bounds.*field); }, l.field);
}

// A step kind's JSON form: {NAME: value of `type`, modifier: ...}. Types: number, integer,
// string, boolean, task (a task object), tasks (an array of them), steps, string|number, json.
struct step_arg {
    const char* name;
    const char* type;
    bool required = false;
};

struct step_info {
    step::op kind;
    const char* name;
    const char* type;                 // the value of the step's own key
    std::vector<step_arg> modifiers;  // other keys allowed beside it
};

// Every step kind, in enum order: what the parser accepts and Module.protocol() gives JS.
const std::vector<step_info>& step_kinds();

}  // namespace aio::sandbox
