// A Python program hosted by an embedder's loop (the sandbox session's): its module body runs as
// a green thread on that loop, so `asyncio.run(main())` at the top of the program starts `main`
// as a task of that loop (on its timeline, paused and stepped with it) instead of a loop of its
// own. One hosted program at a time: the front-end's modules and output are process-wide.
#pragma once

#include "aio/coro.hpp"
#include "aio/task.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace aio::py {

struct HostedIo {
    std::function<void(int fd, std::string_view text)> write;  // the program's stdout (1) and stderr (2)
    std::function<std::vector<aio::any_task>()> tasks;           // its live tasks (asyncio.all_tasks)
    // Names the lane of a task created without name= after its call: task_func('A', 1).
    std::function<void(std::uint64_t task, std::string_view text)> label;
};

// What a hosted program's asyncio sees while it runs (null when none runs).
struct HostedProgram {
    aio::event_loop* loop = nullptr;
    const aio::detail::task_core* module_task = nullptr;  // the task driving the module body
    HostedIo io;
};
HostedProgram* hosted_program();

// Runs `source` as __main__ on the running loop, as `python3 FILE` would: the exit status
// (SyntaxError report or traceback on stderr and 1; SystemExit's code). Throws std::logic_error
// if another hosted program runs. Cancelling its task abandons the program where it waits.
aio::coro<int> run_hosted(std::string source, std::string filename, HostedIo io);

}  // namespace aio::py
