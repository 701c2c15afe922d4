// Python threads as green threads on the aio loop (no OS threads, so the same on every host).
//
// A thread runs a function's frame as an aio coroutine (run_thread). Only one runs Python at a
// time (the loop is single-threaded: that is the GIL). A blocking builtin (time.sleep) calls
// may_suspend(): it is true only when the VM called the builtin directly from a thread's base
// frame (or the thread function is the builtin itself), with no C++ in between. The builtin then
// throws Suspend with an awaitable; the VM's call op catches it, leaves the frame awaiting it,
// and the thread's driver co_awaits it and resumes the frame with its value as the call's value.
// Otherwise (a coroutine, a function called by the thread function, map(time.sleep, ...)) the
// builtin blocks as it always did, holding the GIL.
#pragma once

#include "aio/coro.hpp"
#include "aio/future.hpp"
#include "python/object.hpp"
#include "python/vm.hpp"

#include <memory>
#include <vector>

namespace aio {
class event_loop;
class semaphore;
}

namespace aio::py {

// Thrown by a blocking builtin to suspend the calling thread's base frame on `awaitable`.
struct Suspend {
    Value awaitable;
};

// True while a builtin runs that the VM called directly from a thread's base frame; call()
// clears it, so anything called from C++ sees false.
extern bool vm_direct_call;

// True (and consumed) when the running builtin may throw Suspend.
inline bool may_suspend() {
    const bool ok = vm_direct_call;
    vm_direct_call = false;
    return ok;
}

// Calls a builtin (a function or a bound method) as the VM's call op does from a thread's base frame.
Value call_direct(const NativeFunction& fn, const Value* args, std::size_t nargs, const Tuple* kwnames);

// Runs a frame as a thread's base frame: blocking builtins it calls directly suspend it (the
// driver awaits what they return), so the loop goes on meanwhile.
aio::coro<Value> drive_base_frame(FramePtr frame);

// Runs fn(*args, **kw) as a Python thread (kwnames: the names of the last values of args).
aio::coro<Value> run_thread(Value fn, std::vector<Value> args, Value kwnames);

// The loop whose green thread is running Python now (nullptr in a coroutine or plain code).
aio::event_loop* green_thread_loop();

namespace asyncio {
// Starts fn(*args) as a thread task on `loop` (after taking one of `workers`, when given): the
// future gets its value or exception. run_in_executor and ThreadPoolExecutor.submit use it.
// `started` (optional) turns true when it got its worker and runs.
aio::future<Value> submit_to_thread(aio::event_loop& loop, std::shared_ptr<aio::semaphore> workers, Value fn,
                                    std::vector<Value> args, Value kwnames = {},
                                    std::shared_ptr<bool> started = nullptr);
// The worker bound of a ThreadPoolExecutor (nullptr for None: the default executor has no bound
// here); TypeError for anything else, RuntimeError after its shutdown.
std::shared_ptr<aio::semaphore> executor_workers(const Value& executor);
bool is_thread_pool_executor(const Value& v);
void init_threads(Dict& ns);  // asyncio.to_thread
}  // namespace asyncio

}  // namespace aio::py
