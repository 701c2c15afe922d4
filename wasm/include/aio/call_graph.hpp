// Call graphs, as Python 3.14's asyncio.capture_call_graph / format_call_graph /
// print_call_graph (and `python -m asyncio pstree`) show them: a task's chain of suspended
// coroutine frames, and what awaits it (tasks, or futures such as a gather's that feed one).
//
//   aio::print_call_graph(aio::capture_call_graph(worker));
//   * Task(name='worker', id=2)
//     + Call stack:
//     |   File 'app.cpp', line 10, in async fetch_all()
//     |   File 'app.cpp', line 4, in async fetch_one()
//     + Awaited by:
//        * Future(id=0x...)          <- the gather
//           + Awaited by:
//              * Task(name='main', id=1) ...
//
// Frames are named by the compiler at each coroutine's definition (function name, file, line of
// the definition: clang reports its first line, g++ its closing brace); a lambda coroutine is
// "operator()". The call stack lists outermost first, as a task's frames nest.
#pragma once

#include "aio/task.hpp"

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aio {

struct frame_info {
    std::string_view function;  // static strings from the compiler
    std::string_view file;
    int line = 0;
};

struct future_call_graph {
    any_future future;                     // a task or a plain future
    std::vector<frame_info> call_stack;    // a task's coroutine frames, outermost first
    std::vector<future_call_graph> awaited_by;
};

// The task's coroutine frames, outermost first (empty once it has finished).
std::vector<frame_info> call_stack(const any_task& task);
// What awaits `f` directly: tasks, and futures that feed tasks (a gather's).
std::vector<any_future> awaited_by(const any_future& f);
// The tasks that await `f`, directly or through such futures.
std::vector<any_task> awaiting_tasks(const any_future& f);

// What a suspended task waits on, as a debugger or the sandbox's loop panel shows it; nullopt
// while it is ready, running or done.
struct wait_point {
    wait_kind kind = wait_kind::none;
    std::string_view label;         // the wait point's own words ("lock", "http transfer"), or empty
    std::uint64_t task_id = 0;      // the awaited task, when it awaits one (0 otherwise)
    std::string task_name{};        // and its name
    std::int64_t deadline_ns = 0;   // a sleep's or timeout's deadline on the loop clock (0: none)
};
std::optional<wait_point> waiting_on(const any_task& task);

// `f` with its call stack and, recursively, what awaits it (a wait cycle is cut where it closes).
future_call_graph capture_call_graph(const any_future& f);
// The current task's graph; nullopt outside a task.
std::optional<future_call_graph> capture_call_graph();
std::string format_call_graph(const future_call_graph& graph);
void print_call_graph(const future_call_graph& graph, std::FILE* out = stdout);

}  // namespace aio
