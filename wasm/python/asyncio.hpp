// What the asyncio and time modules share with the rest of the front-end: the options a fresh
// loop gets (so an embedder or a test can pick aio's virtual clock) and the mapping between
// aio's errors and Python's exceptions.
#pragma once

#include "aio/loop.hpp"
#include "python/exceptions.hpp"

#include <exception>
#include <functional>

namespace aio::py {

// Options for every loop asyncio.run / new_event_loop creates. Set before the program runs
// (e.g. `run_options().loop.clock = aio::clock_kind::virtual_time`).
struct RunOptions {
    aio::loop_options loop;
};
RunOptions& run_options();

// On the virtual clock the program has one clock: a loop's time continues from where the
// program's time stands when the loop starts running, and stays where the loop left it after
// (time.sleep outside a loop moves it). Every run of a loop is wrapped in one of these.
// A program's virtual time starts at 0 (time.time() 2026-01-01 00:00:00 UTC), whatever the
// programs run before it in this process left it at, as each CPython process starts afresh.
void start_program_clock();
class ProgramClockRun {
public:
    explicit ProgramClockRun(const aio::event_loop& loop);
    ~ProgramClockRun();
    ProgramClockRun(const ProgramClockRun&) = delete;
    ProgramClockRun& operator=(const ProgramClockRun&) = delete;

private:
    const aio::event_loop& loop_;
    const aio::event_loop* outer_;
    double outer_origin_;
};

// An error caught at a co_await as the Python exception object CPython would raise there:
// py::Error -> its exception, cancelled_error -> CancelledError(msg), timeout_error ->
// TimeoutError (its cause the CancelledError), invalid_state_error -> InvalidStateError(msg),
// queue_empty/full/shut_down -> QueueEmpty/QueueFull/QueueShutDown, std::invalid_argument ->
// ValueError, exception_group -> ExceptionGroup, any other -> RuntimeError(what).
Value from_aio_error(const std::exception_ptr& error);
// The reverse: CancelledError -> aio::cancelled_error(msg), anything else -> py::Error.
std::exception_ptr to_aio_error(const Value& exception);
// Throws `error` as Python sees it: aio::cancelled_error and py::Error unchanged (the coroutine
// driver maps cancellations), everything else as py::Error(from_aio_error(error)).
[[noreturn]] void rethrow_for_python(const std::exception_ptr& error);

// asyncio's own exception types (CancelledError is cancelled_error_type, awaitable.hpp).
extern Type invalid_state_error_type, queue_empty_type, queue_full_type, queue_shut_down_type,
    broken_barrier_error_type;

// A hosted program's loop (the host's) reports the program's errors (Python exceptions) as
// asyncio does, to its handler or its stderr; the host's own go on to the host's handler, which
// this returns, to be put back at the program's end.
namespace asyncio {
std::function<void(const aio::error_context&)> report_python_errors(aio::event_loop& loop);
}

void init_asyncio(Dict& ns);
// Drops the loop asyncio.get_event_loop() made outside a running loop (a program's end).
void forget_implicit_loop();
void init_time(Dict& ns);

}  // namespace aio::py
