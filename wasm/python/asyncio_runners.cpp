// asyncio.Runner: one loop (made on first use, as new_event_loop() makes it) for several run()
// calls; close() (or leaving the `with` block) cancels what is left and closes it, as
// asyncio.run does at its end. Each run's main task runs in the Runner's own contextvars context
// (a copy of the one current at its first use) unless run(context=) names another. Not done:
// loop_factory.
#include "python/asyncio_internal.hpp"
#include "python/threads.hpp"

namespace aio::py::asyncio {

namespace {

enum class RunnerState { created, initialized, closed };

struct RunnerObject : Object {
    explicit RunnerObject(Type* t) : Object(t) {}
    RunnerState state = RunnerState::created;
    Value debug;  // None: the loop's default
    Value loop;   // the loop object while initialized
    Value context;  // what run()'s main tasks run in, made with the loop
};

Value ctor_runner(Type& t, const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs("Runner", kwnames, {"debug", "loop_factory"});
    if (nargs)
        raise(exc::TypeError, "Runner.__init__() takes 1 positional argument but " + std::to_string(nargs + 1) +
                                  " were given");
    const Value* factory = kw(args, nargs, kwnames, "loop_factory");
    if (factory && !factory->is_none()) raise(exc::TypeError, "Runner(loop_factory=) is not supported yet");
    auto* r = new RunnerObject(&t);
    if (const Value* d = kw(args, nargs, kwnames, "debug")) r->debug = *d;
    return Value(r);
}
Type runner_type("Runner", &object_type, Kind::object, ctor_runner);

RunnerObject& self(const Value* args, std::size_t nargs, const char* method) {
    if (nargs == 0 || !isinstance(args[0], runner_type))
        raise(exc::TypeError, std::string("descriptor '") + method + "' requires a 'Runner' object");
    return *static_cast<RunnerObject*>(args[0].obj());
}

// asyncio's _lazy_init: the loop on first use; refused once closed.
aio::event_loop& lazy_init(RunnerObject& r) {
    if (r.state == RunnerState::closed) raise(exc::RuntimeError, "Runner is closed");
    if (r.state == RunnerState::created) {
        r.loop = new_loop_object();
        r.context = copy_current_context();
        if (!r.debug.is_none()) loop_of(r.loop).set_debug(truthy(r.debug));
        r.state = RunnerState::initialized;
    }
    return loop_of(r.loop);
}

Value m_run(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    auto& r = self(args, nargs, "run");
    detail::only_kwargs("run", kwnames, {"context"});
    detail::check_args("run()", nargs - 1, 1, 1);
    const Value* c = kw(args, nargs, kwnames, "context");
    if (c) check_context_arg(*c);
    const Value& coro = args[1];
    if (type_name(coro) != "coroutine" && !isinstance(coro, native_awaitable_type))
        raise(exc::ValueError, "a coroutine was expected, got " + repr(coro));
    aio::event_loop* thread_of = green_thread_loop();
    if (aio::detail::this_thread.running_loop && !thread_of)
        raise(exc::RuntimeError, "Runner.run() cannot be called from a running event loop");
    aio::event_loop& loop = lazy_init(r);
    Value context = c && !c->is_none() ? *c : r.context;
    auto run = [&] { return run_main_task(loop, coro, false, context); };
    return thread_of ? beside_thread_loop(*thread_of, loop, run) : run();
}

Value m_close(const Value* args, std::size_t nargs, const Tuple*) {
    auto& r = self(args, nargs, "close");
    if (r.state != RunnerState::initialized) return Value();
    Value loop = std::move(r.loop);
    r.loop = Value();
    r.state = RunnerState::closed;
    aio::event_loop& l = loop_of(loop);
    auto shut_down = [&] {  // runs the loop until its tasks are cancelled
        ProgramClockRun clock_run(l);
        shut_down_loop(l);
        return Value();
    };
    aio::event_loop* thread_of = green_thread_loop();
    return thread_of ? beside_thread_loop(*thread_of, l, shut_down) : shut_down();
}

Value m_get_loop(const Value* args, std::size_t nargs, const Tuple*) {
    auto& r = self(args, nargs, "get_loop");
    lazy_init(r);
    return r.loop;
}

Value m_enter(const Value* args, std::size_t nargs, const Tuple*) {
    lazy_init(self(args, nargs, "__enter__"));
    return args[0];
}
Value m_exit(const Value* args, std::size_t nargs, const Tuple*) {
    m_close(args, nargs > 0 ? 1 : 0, nullptr);
    return Value();
}

}  // namespace

void init_runners(Dict& ns) {
    runner_type.module = "asyncio.runners";
    def_method(runner_type, "run", m_run);
    def_method(runner_type, "close", m_close);
    def_method(runner_type, "get_loop", m_get_loop);
    def_method(runner_type, "__enter__", m_enter);
    def_method(runner_type, "__exit__", m_exit);
    put(ns, "Runner", Value(&runner_type));
}

}  // namespace aio::py::asyncio
