// Python threads as green threads on the aio loop (see threads.hpp): the driver, and
// asyncio.to_thread / loop.run_in_executor on top of it.
#include "python/threads.hpp"

#include "python/asyncio_internal.hpp"
#include "python/vm.hpp"

#include "aio/loop.hpp"
#include "aio/semaphore.hpp"
#include "aio/shield.hpp"

#include <memory>

namespace aio::py {

bool vm_direct_call = false;

namespace {

// The green thread running Python now: set while its driver runs a step, so nested
// asyncio.run knows it is called from a thread (CPython allows that, a new loop per thread).
aio::event_loop*& current_green_loop() {
    static aio::event_loop* loop = nullptr;
    return loop;
}

struct GreenStep {
    explicit GreenStep(aio::event_loop* l) : saved(current_green_loop()) { current_green_loop() = l; }
    ~GreenStep() { current_green_loop() = saved; }
    aio::event_loop* saved;
};

aio::event_loop* loop_here() { return aio::detail::this_thread.running_loop; }

// The plain Python function (and the self to put first) a thread can drive frame by frame.
const Function* drivable(const Value& fn, Value& self) {
    Value f = fn;
    if (is(fn, Kind::object) && fn.obj()->type == &method_type) {
        self = fn.as<Method>()->self;
        f = fn.as<Method>()->func;
    }
    if (!is(f, Kind::object) || f.obj()->type != &function_type) return nullptr;
    const Function* pf = f.as<Function>();
    if (pf->co().is_generator || pf->co().is_coroutine) return nullptr;
    return pf;
}

}  // namespace

aio::event_loop* green_thread_loop() {
    aio::event_loop* l = current_green_loop();
    return l && l == loop_here() ? l : nullptr;
}

Value call_direct(const NativeFunction& fn, const Value* args, std::size_t nargs, const Tuple* kwnames) {
    struct Clear {
        ~Clear() { vm_direct_call = false; }
    } clear;
    if (fn.self.is_none()) {
        if (fn.owner) check_unbound_self(fn, args, nargs);
        vm_direct_call = true;
        return fn.fn(args, nargs, kwnames);
    }
    std::vector<Value> all{fn.self};  // a bound method: self goes first, as call() does
    all.insert(all.end(), args, args + nargs + (kwnames ? kwnames->items.size() : 0));
    vm_direct_call = true;
    return fn.fn(all.data(), nargs + 1, kwnames);
}

aio::coro<Value> drive_base_frame(FramePtr frame) {
    aio::event_loop* loop = loop_here();
    frame->thread_base = true;
    Value sent, thrown, out;
    for (;;) {
        Exit r;
        {
            GreenStep step(loop);
            r = run_frame(*frame, out, std::move(sent), std::move(thrown));
        }
        sent = Value();
        thrown = Value();
        if (r == Exit::returned) co_return out;
        try {
            sent = co_await await_value(out);
        } catch (const Error& e) {
            thrown = e.exc;
        }
    }
}

aio::coro<Value> run_thread(Value fn, std::vector<Value> args, Value kwnames) {
    init_vm();
    // A partial's function runs as the base frame, so its blocking calls release the GIL too.
    while (detail::apply_partial(fn, args, kwnames)) {
    }
    const Tuple* kw = kwnames.is_none() ? nullptr : kwnames.as<Tuple>();
    const std::size_t npos = args.size() - (kw ? kw->items.size() : 0);
    aio::event_loop* loop = loop_here();
    Value self;
    if (const Function* pf = drivable(fn, self)) {
        FramePtr frame;
        if (self.is_none()) {
            frame = make_frame(*pf, args.data(), npos, kw);
        } else {
            args.insert(args.begin(), self);
            frame = make_frame(*pf, args.data(), npos + 1, kw);
        }
        co_return co_await drive_base_frame(std::move(frame));
    }
    Value awaited;
    try {
        GreenStep step(loop);
        if (kind_of(fn) == Kind::function)
            co_return call_direct(*fn.as<NativeFunction>(), args.data(), npos, kw);
        co_return call(fn, args.data(), npos, kw);
    } catch (const Suspend& s) {
        awaited = s.awaitable;
    }
    co_return co_await await_value(awaited);
}

namespace asyncio {

namespace {

// The thread as a task of its own: cancelling whoever awaits it does not stop it (as CPython,
// whose thread cannot be stopped either); its value is then dropped.
aio::task<Value> start_thread(Value fn, std::vector<Value> args, Value kwnames) {
    return running_loop().create_task(run_thread(std::move(fn), std::move(args), std::move(kwnames)), "thread");
}

aio::coro<Value> await_thread(Value fn, std::vector<Value> args, Value kwnames) {
    // CPython's to_thread is run_in_executor(None, ...): a default executor set on the loop
    // bounds these threads too.
    if (auto workers = executor_workers(default_executor(running_loop()))) {
        auto job = submit_to_thread(running_loop(), std::move(workers), std::move(fn), std::move(args), std::move(kwnames));
        co_return co_await aio::shield(job);
    }
    auto t = start_thread(std::move(fn), std::move(args), std::move(kwnames));
    co_return co_await aio::shield(t);
}

// asyncio.to_thread(func, /, *args, **kwargs): a coroutine that starts the thread when awaited.
Value f_to_thread(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    if (nargs == 0) raise(exc::TypeError, "to_thread() missing 1 required positional argument: 'func'");
    Value fn = args[0];
    std::vector<Value> rest(args + 1, args + nargs + (kwnames ? kwnames->items.size() : 0));
    Value kw = kwnames ? Value(const_cast<Tuple*>(kwnames)) : Value();
    return awaitable("to_thread", [fn, rest, kw] { return await_thread(fn, rest, kw); });
}

// One submitted call: waits for a free worker of its executor, runs, fills `out` unless it was
// cancelled meanwhile.
aio::coro<void> executor_job(std::shared_ptr<aio::semaphore> workers, Value fn, std::vector<Value> args,
                             Value kwnames, aio::future<Value> out, std::shared_ptr<bool> started) {
    if (workers) co_await workers->acquire();
    if (out.done()) {  // cancelled while it waited for a worker
        if (workers) workers->release();
        co_return;
    }
    if (started) *started = true;
    Value result;
    std::exception_ptr error;
    try {
        result = co_await run_thread(std::move(fn), std::move(args), std::move(kwnames));
    } catch (...) {
        error = std::current_exception();
    }
    if (workers) workers->release();
    if (out.done()) co_return;
    if (error) out.set_exception(error);
    else out.set_result(std::move(result));
}

}  // namespace

aio::future<Value> submit_to_thread(aio::event_loop& loop, std::shared_ptr<aio::semaphore> workers, Value fn,
                                    std::vector<Value> args, Value kwnames, std::shared_ptr<bool> started) {
    aio::future<Value> out = loop.create_future<Value>();
    loop.create_task(executor_job(std::move(workers), std::move(fn), std::move(args), std::move(kwnames), out,
                                  std::move(started)),
                     "thread");
    return out;
}

void init_threads(Dict& ns) { def(ns, "to_thread", f_to_thread); }

}  // namespace asyncio
}  // namespace aio::py
