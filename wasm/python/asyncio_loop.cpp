// asyncio.run and the event loop object (get_running_loop, get_event_loop, new_event_loop):
// a Python view of an aio::event_loop. run() makes a fresh aio loop with run_options().
#include "python/asyncgen_hooks.hpp"
#include "python/asyncio_internal.hpp"
#include "python/hosted.hpp"
#include "python/threads.hpp"

#include "aio/run.hpp"
#include "aio/thread.hpp"
#include "aio/wait.hpp"

#include <memory>
#include <unordered_map>

namespace aio::py::asyncio {

namespace {

struct LoopObject : Object {
    LoopObject(Type* t, aio::event_loop* l) : Object(t), loop(l) {}
    ~LoopObject() override;
    aio::event_loop* loop;
    std::unique_ptr<aio::event_loop> owned;  // new_event_loop()'s
    Value slow_callback_duration;  // the number the program set, printed back as given (1, not 1.0)
};
// asyncio's Handle (call_soon) or TimerHandle (call_later, call_at): the aio handle, and the
// callback with its arguments for the repr.
struct HandleObject : Object {
    HandleObject(Type* t, aio::callback_handle h, Value f, std::vector<Value> a)
        : Object(t), handle(std::move(h)), fn(std::move(f)), args(std::move(a)) {}
    aio::callback_handle handle;
    Value fn;
    std::vector<Value> args;
};

Type loop_type("_UnixSelectorEventLoop", &object_type, Kind::object);
Type handle_type("Handle", &object_type, Kind::object);
Type timer_handle_type("TimerHandle", &handle_type, Kind::object);

std::unordered_map<const aio::event_loop*, LoopObject*>& loop_objects() {
    static std::unordered_map<const aio::event_loop*, LoopObject*> map;
    return map;
}
LoopObject::~LoopObject() {
    if (owned) forget_asyncgens(*owned);
    auto it = loop_objects().find(loop);
    if (it != loop_objects().end() && it->second == this) loop_objects().erase(it);
}

std::unordered_map<const aio::event_loop*, Value>& default_executors() {
    static std::unordered_map<const aio::event_loop*, Value> map;
    return map;
}

}  // namespace

Value default_executor(const aio::event_loop& loop) {
    auto it = default_executors().find(&loop);
    return it == default_executors().end() ? Value() : it->second;
}

void forget_default_executor(const aio::event_loop& loop) noexcept {
    // Moved out first: dropping the executor may run Python code that looks at the map.
    auto node = default_executors().extract(&loop);
}

Value loop_object(aio::event_loop& loop) {
    auto it = loop_objects().find(&loop);
    if (it != loop_objects().end()) return Value(it->second);
    auto* o = new LoopObject(&loop_type, &loop);
    loop_objects()[&loop] = o;
    return Value(o);
}

aio::event_loop& loop_of(const Value& v) {
    if (!isinstance(v, loop_type)) raise(exc::TypeError, "an event loop is required");
    return *static_cast<LoopObject*>(v.obj())->loop;
}

namespace {

// Ends the Python view of an error outside any loop: always a Python exception.
[[noreturn]] void raise_mapped(const std::exception_ptr& e) { throw Error(from_aio_error(e)); }

bool is_coroutine(const Value& v) { return type_name(v) == "coroutine" || isinstance(v, native_awaitable_type); }

}  // namespace

namespace {

// Runs `loop` until `f` is done, then one step more: asyncio's run_until_complete stops the loop
// from a done callback of its future, so what is ready when main ends (a task's next step, the
// aclose() task of a generator main dropped) runs once more before the loop stops.
void run_until_complete(aio::event_loop& loop, aio::detail::future_core& f) {
    struct end_of_run {  // the async generator hooks set during the run go with it, as run_forever's
        aio::event_loop& loop;
        ~end_of_run() { forget_asyncgen_hooks(&loop); }
    } end{loop};
    loop.run_until_done(f);
    auto stop = loop.create_future<Value>();
    loop.call_soon([stop]() mutable { stop.set_result(Value()); });
    loop.run_until_done(*stop.core());
}

}  // namespace

Value run_main_task(aio::event_loop& loop, Value coro, bool shutdown, const Value& context) {
    ProgramClockRun clock_run(loop);
    auto t = spawn(coro, {}, &loop, context);
    Value keep = wrap_task(t, coro);  // current_task() inside is this object
    try {
        run_until_complete(loop, *t.core());
    } catch (...) {
        if (shutdown) shut_down_loop(loop);
        raise_mapped(std::current_exception());
    }
    if (shutdown) shut_down_loop(loop);
    try {
        return t.result();
    } catch (...) {
        raise_mapped(std::current_exception());
    }
}

Value beside_thread_loop(aio::event_loop& outer, aio::event_loop& inner, const std::function<Value()>& run) {
    Value result;
    std::exception_ptr error;
    const double start = inner.time();
    {
        aio::detail::fallback_scope away;  // no running loop, no current task, as on a thread
        try {
            result = run();
        } catch (...) {
            error = std::current_exception();
        }
    }
    const double waited = inner.time() - start;
    if (waited > 0 && outer.clock() == aio::clock_kind::virtual_time) outer.advance_virtual_time(waited);
    if (error) std::rethrow_exception(error);
    return result;
}

namespace {

// asyncio.run(main) at the top of a hosted program: main is a task of the host's loop, and at
// its end the program's other tasks are cancelled and awaited, as asyncio.run does.
aio::coro<Value> run_hosted_main(Value coro, Value debug) {
    aio::event_loop& loop = running_loop();
    struct restore_debug {  // also when the program is cancelled during the cleanup below
        aio::event_loop& loop;
        bool was = loop.get_debug();
        ~restore_debug() { loop.set_debug(was); }
    } restore{loop};
    if (!debug.is_none()) loop.set_debug(truthy(debug));
    auto t = spawn(coro, {}, &loop);
    Value keep = wrap_task(t, coro);  // current_task() inside is this object
    Value result;
    std::exception_ptr error;
    try {
        result = co_await t;
    } catch (...) {
        error = std::current_exception();
    }
    std::vector<aio::any_task> rest;
    for (auto& other : hosted_program()->io.tasks())
        if (!other.done() && other.id() != aio::detail::this_thread.current_task->id()) rest.push_back(other);
    for (auto& other : rest) other.cancel();
    if (!rest.empty()) co_await aio::wait(std::move(rest));  // never throws their errors
    co_await shutdown_asyncgens(loop);
    forget_asyncgens(loop);
    if (error) raise_mapped(error);
    co_return result;
}

// The event loop policy's state for the program, as 3.11's BaseDefaultEventLoopPolicy keeps it
// for the main thread: the loop set_event_loop() set, and whether it was ever called. Until then
// get_event_loop() makes (once) a loop; after it (asyncio.run calls it, and set_event_loop(None)
// at its end) an unset loop is a RuntimeError. A closed loop stays the current one.
struct PolicyState {
    Value loop;  // None or a loop object
    bool set_called = false;
};
PolicyState& policy() {
    static PolicyState state;
    return state;
}

Value f_run(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs("run", kwnames, {"main", "debug"});
    const Value* main = arg(args, nargs, kwnames, 0, "main");
    const Value* debug = arg(args, nargs, kwnames, 1, "debug");
    if (!main) raise(exc::TypeError, "run() missing 1 required positional argument: 'main'");
    aio::event_loop* thread_of = green_thread_loop();
    if (aio::detail::this_thread.running_loop && !thread_of)
        raise(exc::RuntimeError, "asyncio.run() cannot be called from a running event loop");
    if (!is_coroutine(*main)) raise(exc::ValueError, "a coroutine was expected, got " + repr(*main));
    // As asyncio.Runner in the main thread (a program's body): the policy's loop is run's own while
    // it runs (get_event_loop() returns the running loop then anyway) and None after it.
    HostedProgram* hosted = hosted_program();
    if (!thread_of || (hosted && thread_of == hosted->loop && aio::detail::this_thread.current_task == hosted->module_task))
        policy() = {Value(), true};
    // The body of a hosted program calling it directly: main runs on the host's loop. Anywhere
    // else (inside a function the body called) it runs on a loop of its own, as from a thread.
    if (HostedProgram* h = hosted_program(); h && thread_of == h->loop &&
                                             aio::detail::this_thread.current_task == h->module_task && may_suspend()) {
        Value coro = *main, dbg = debug ? *debug : Value();
        throw Suspend{awaitable("run", [coro, dbg] { return run_hosted_main(coro, dbg); })};
    }
    aio::loop_options options = run_options().loop;
    if (debug && !debug->is_none()) options.debug = truthy(*debug);
    aio::event_loop loop(options);
    report_like_asyncio(loop);
    auto run = [&] { return run_main_task(loop, *main, true); };
    return thread_of ? beside_thread_loop(*thread_of, loop, run) : run();
}

Value f_get_running_loop(const Value*, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("get_running_loop", kwnames);
    detail::check_args("get_running_loop()", nargs, 0, 0);
    if (green_thread_loop()) raise(exc::RuntimeError, "no running event loop");  // a thread has none
    return loop_object(running_loop());
}

}  // namespace

Value new_loop_object() {
    auto owned = std::make_unique<aio::event_loop>(run_options().loop);
    report_like_asyncio(*owned);
    Value v = loop_object(*owned);
    static_cast<LoopObject*>(v.obj())->owned = std::move(owned);
    return v;
}

namespace {

Value f_new_event_loop(const Value*, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("new_event_loop", kwnames);
    detail::check_args("new_event_loop()", nargs, 0, 0);
    return new_loop_object();
}

Value f_get_event_loop(const Value*, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("get_event_loop", kwnames);
    detail::check_args("get_event_loop()", nargs, 0, 0);
    // A Python thread (a hosted program's body) has no running loop: it gets the policy's.
    if (auto* l = aio::detail::this_thread.running_loop; l && !green_thread_loop()) return loop_object(*l);
    PolicyState& p = policy();
    if (p.loop.is_none() && !p.set_called) {
        p.loop = new_loop_object();
        p.set_called = true;
    }
    if (p.loop.is_none()) raise(exc::RuntimeError, "There is no current event loop in thread 'MainThread'.");
    return p.loop;
}

Value f_set_event_loop(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("set_event_loop", kwnames);
    detail::check_args("set_event_loop()", nargs, 1, 1);
    if (!args[0].is_none() && !isinstance(args[0], loop_type))
        raise(exc::TypeError, "loop must be an instance of AbstractEventLoop or None, not '" + type_name(args[0]) + "'");
    policy() = {args[0], true};
    return Value();
}

// ---- loop methods ----
LoopObject& self(const Value* args, std::size_t nargs, const char* method) {
    if (nargs == 0 || !isinstance(args[0], loop_type))
        raise(exc::TypeError, std::string("descriptor '") + method + "' requires an event loop");
    return *static_cast<LoopObject*>(args[0].obj());
}
Value l_time(const Value* args, std::size_t nargs, const Tuple*) {
    return Value::real(self(args, nargs, "time").loop->time());
}
// The callback with its positional arguments (args[first] on), for the loop to call once; its
// error goes to the loop's exception handler, as asyncio's Handle._run reports it.
// context= (default: a copy of the current one) is used as asyncio's Handle does: any object,
// whose run() is called then.
template <class Schedule>
Value schedule_callback(const Value* args, std::size_t nargs, const Tuple* kwnames, std::size_t first, bool timer,
                        Schedule schedule) {
    if (first >= nargs) raise(exc::TypeError, "missing callback");
    Value fn = args[first];
    std::vector<Value> rest(args + first + 1, args + nargs);
    const Value* c = kw(args, nargs, kwnames, "context");
    Value context = c && !c->is_none() ? *c : callback_context();
    aio::callback_handle h = schedule([fn, rest, timer, context] { run_callback(fn, rest, timer, context); });
    return handle_object(std::move(h), fn, std::move(rest), timer);
}
Value l_call_soon(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs("call_soon", kwnames, {"context"});
    auto& l = self(args, nargs, "call_soon");
    return schedule_callback(args, nargs, kwnames, 1, false, [&](auto fn) { return l.loop->call_soon(std::move(fn)); });
}
// The program's threads are green threads of the loop's thread (threads.cpp): call_soon is safe.
Value l_call_soon_threadsafe(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs("call_soon_threadsafe", kwnames, {"context"});
    auto& l = self(args, nargs, "call_soon_threadsafe");
    return schedule_callback(args, nargs, kwnames, 1, false, [&](auto fn) { return l.loop->call_soon(std::move(fn)); });
}
Value l_call_later(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs("call_later", kwnames, {"context"});
    auto& l = self(args, nargs, "call_later");
    detail::check_args("call_later()", nargs - 1, 2, static_cast<std::size_t>(-1));
    double delay = to_seconds(args[1], "delay");
    return schedule_callback(args, nargs, kwnames, 2, true, [&](auto fn) { return l.loop->call_later(delay, std::move(fn)); });
}
Value l_call_at(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs("call_at", kwnames, {"context"});
    auto& l = self(args, nargs, "call_at");
    detail::check_args("call_at()", nargs - 1, 2, static_cast<std::size_t>(-1));
    double when = to_seconds(args[1], "when");
    return schedule_callback(args, nargs, kwnames, 2, true, [&](auto fn) { return l.loop->call_at(when, std::move(fn)); });
}
Value l_set_exception_handler(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("set_exception_handler", kwnames);
    auto& l = self(args, nargs, "set_exception_handler");
    detail::check_args("set_exception_handler()", nargs - 1, 1, 1);
    return set_exception_handler(*l.loop, args[1]);
}
Value l_get_exception_handler(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("get_exception_handler", kwnames);
    auto& l = self(args, nargs, "get_exception_handler");
    detail::check_args("get_exception_handler()", nargs - 1, 0, 0);
    return get_exception_handler(*l.loop);
}
Value l_call_exception_handler(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("call_exception_handler", kwnames);
    auto& l = self(args, nargs, "call_exception_handler");
    detail::check_args("call_exception_handler()", nargs - 1, 1, 1);
    call_exception_handler(*l.loop, args[1]);
    return Value();
}
Value l_default_exception_handler(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("default_exception_handler", kwnames);
    self(args, nargs, "default_exception_handler");
    detail::check_args("default_exception_handler()", nargs - 1, 1, 1);
    default_exception_handler(args[1]);
    return Value();
}
Value l_create_future(const Value* args, std::size_t nargs, const Tuple*) {
    return wrap_future(self(args, nargs, "create_future").loop->create_future<Value>());
}
Value l_create_task(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    auto& l = self(args, nargs, "create_task");
    auto options = task_options(args, nargs, kwnames);
    detail::check_args("create_task()", nargs - 1, 1, 1);
    return wrap_task(spawn(args[1], options.name, l.loop, options.context), args[1]);
}
Value l_run_until_complete(const Value* args, std::size_t nargs, const Tuple*) {
    auto& l = self(args, nargs, "run_until_complete");
    detail::check_args("run_until_complete()", nargs - 1, 1, 1);
    if (l.loop->is_closed()) raise(exc::RuntimeError, "Event loop is closed");
    aio::event_loop* thread_of = green_thread_loop();
    if (aio::detail::this_thread.running_loop && !thread_of) raise(exc::RuntimeError, "This event loop is already running");
    if (thread_of == l.loop) raise(exc::RuntimeError, "This event loop is already running");
    auto run = [&] {
        if (FutureObject* f = as_future(args[1])) {
            try {
                ProgramClockRun clock_run(*l.loop);
                run_until_complete(*l.loop, *f->handle.core());
            } catch (...) {
                raise_mapped(std::current_exception());
            }
            return call_method(args[1], "result", {});
        }
        if (!is_coroutine(args[1])) raise(exc::TypeError, "An asyncio.Future, a coroutine or an awaitable is required");
        return run_main_task(*l.loop, args[1], false);
    };
    return thread_of ? beside_thread_loop(*thread_of, *l.loop, run) : run();
}
Value l_run_in_executor(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("run_in_executor", kwnames);
    auto& l = self(args, nargs, "run_in_executor");
    if (nargs < 3) raise(exc::TypeError, "BaseEventLoop.run_in_executor() missing " + std::string(nargs < 2 ? "2 required positional arguments: 'executor' and 'func'" : "1 required positional argument: 'func'"));
    auto workers = executor_workers(args[1].is_none() ? default_executor(*l.loop) : args[1]);
    return wrap_future(submit_to_thread(*l.loop, std::move(workers), args[2], std::vector<Value>(args + 3, args + nargs)));
}
// set_default_executor(executor): run_in_executor(None, ...) and to_thread use it.
Value l_set_default_executor(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("set_default_executor", kwnames);
    auto& l = self(args, nargs, "set_default_executor");
    detail::check_args("set_default_executor", nargs - 1, 1, 1);
    if (!is_thread_pool_executor(args[1])) raise(exc::TypeError, "executor must be ThreadPoolExecutor instance");
    default_executors()[l.loop] = args[1];
    return Value();
}
Value l_close(const Value* args, std::size_t nargs, const Tuple*) {
    auto& l = self(args, nargs, "close");
    if (l.loop->is_running()) raise(exc::RuntimeError, "Cannot close a running event loop");
    l.loop->close();
    forget_asyncgens(*l.loop);
    return Value();
}
Value l_shutdown_asyncgens(const Value* args, std::size_t nargs, const Tuple*) {
    aio::event_loop* loop = self(args, nargs, "shutdown_asyncgens").loop;
    return awaitable("BaseEventLoop.shutdown_asyncgens", [loop] { return shutdown_asyncgens(*loop); });
}
// <_UnixSelectorEventLoop running=True closed=False debug=False>, as BaseEventLoop's.
Value l_repr(const Value* args, std::size_t nargs, const Tuple*) {
    auto& l = self(args, nargs, "__repr__");
    auto flag = [](bool b) { return b ? "True" : "False"; };
    return new_str("<" + l.type->name + " running=" + flag(l.loop->is_running()) + " closed=" +
                   flag(l.loop->is_closed()) + " debug=" + flag(l.loop->get_debug()) + ">");
}
Value l_is_running(const Value* args, std::size_t nargs, const Tuple*) {
    return Value::boolean(self(args, nargs, "is_running").loop->is_running());
}
Value l_is_closed(const Value* args, std::size_t nargs, const Tuple*) {
    return Value::boolean(self(args, nargs, "is_closed").loop->is_closed());
}
Value l_get_debug(const Value* args, std::size_t nargs, const Tuple*) {
    return Value::boolean(self(args, nargs, "get_debug").loop->get_debug());
}
Value l_set_debug(const Value* args, std::size_t nargs, const Tuple*) {
    auto& l = self(args, nargs, "set_debug");
    detail::check_args("set_debug()", nargs - 1, 1, 1);
    l.loop->set_debug(truthy(args[1]));
    return Value();
}

// asyncio's plain attribute: debug mode reports steps slower than this many seconds. CPython
// stores anything and fails at the next step; here a non-number is refused at assignment.
Value l_slow_callback_duration(const Value* args, std::size_t nargs, const Tuple*) {
    auto& l = self(args, nargs, "slow_callback_duration");
    if (!l.slow_callback_duration.is_none()) return l.slow_callback_duration;
    return Value::real(l.loop->slow_callback_duration());
}
Value l_set_slow_callback_duration(const Value* args, std::size_t nargs, const Tuple*) {
    auto& l = self(args, nargs, "slow_callback_duration");
    Kind k = kind_of(args[1]);
    if (k != Kind::integer && k != Kind::real && k != Kind::boolean)
        raise(exc::TypeError, "slow_callback_duration must be a number, not " + type_name(args[1]));
    l.loop->set_slow_callback_duration(detail::to_double(args[1]));
    l.slow_callback_duration = args[1];
    return Value();
}

HandleObject& handle(const Value* args, std::size_t nargs) {
    if (nargs == 0 || !isinstance(args[0], handle_type)) raise(exc::TypeError, "a Handle is required");
    return *static_cast<HandleObject*>(args[0].obj());
}
// <Handle cb(1) at x.py:3>, <TimerHandle when=1.0 cb(1) at x.py:3>, "cancelled" after the name.
Value h_repr(const Value* args, std::size_t nargs, const Tuple*) {
    HandleObject& h = handle(args, nargs);
    std::string text = "<" + h.type->name;
    if (h.handle.cancelled()) text += " cancelled";
    if (h.type == &timer_handle_type) text += " when=" + repr(Value::real(h.handle.when()));
    if (!h.handle.cancelled()) text += " " + callback_text(h.fn, h.args);
    return new_str(text + ">");
}
Value h_cancel(const Value* args, std::size_t nargs, const Tuple*) {
    handle(args, nargs).handle.cancel();
    return Value();
}
Value h_cancelled(const Value* args, std::size_t nargs, const Tuple*) {
    return Value::boolean(handle(args, nargs).handle.cancelled());
}
Value h_when(const Value* args, std::size_t nargs, const Tuple*) {
    return Value::real(handle(args, nargs).handle.when());
}

}  // namespace

Value handle_object(aio::callback_handle h, Value fn, std::vector<Value> args, bool timer) {
    return Value(new HandleObject(timer ? &timer_handle_type : &handle_type, std::move(h), std::move(fn), std::move(args)));
}

void init_loop(Dict& ns) {
    loop_type.module = "asyncio.unix_events";
    handle_type.module = timer_handle_type.module = "asyncio.events";
    def_method(loop_type, "time", l_time);
    def_method(loop_type, "call_soon", l_call_soon);
    def_method(loop_type, "call_soon_threadsafe", l_call_soon_threadsafe);
    def_method(loop_type, "call_later", l_call_later);
    def_method(loop_type, "call_at", l_call_at);
    def_method(loop_type, "create_future", l_create_future);
    def_method(loop_type, "create_task", l_create_task);
    def_method(loop_type, "run_until_complete", l_run_until_complete);
    def_method(loop_type, "run_in_executor", l_run_in_executor);
    def_method(loop_type, "set_default_executor", l_set_default_executor);
    def_method(loop_type, "close", l_close);
    def_method(loop_type, "shutdown_asyncgens", l_shutdown_asyncgens);
    def_method(loop_type, "is_running", l_is_running);
    def_method(loop_type, "__repr__", l_repr);
    def_method(loop_type, "is_closed", l_is_closed);
    def_method(loop_type, "get_debug", l_get_debug);
    def_method(loop_type, "set_debug", l_set_debug);
    def_member(loop_type, "slow_callback_duration", l_slow_callback_duration, l_set_slow_callback_duration);
    def_method(loop_type, "set_exception_handler", l_set_exception_handler);
    def_method(loop_type, "get_exception_handler", l_get_exception_handler);
    def_method(loop_type, "call_exception_handler", l_call_exception_handler);
    def_method(loop_type, "default_exception_handler", l_default_exception_handler);
    def_method(handle_type, "cancel", h_cancel);
    def_method(handle_type, "cancelled", h_cancelled);
    def_method(timer_handle_type, "when", h_when);
    def_method(handle_type, "__repr__", h_repr);
    def(ns, "run", f_run);
    def(ns, "get_running_loop", f_get_running_loop);
    def(ns, "get_event_loop", f_get_event_loop);
    def(ns, "new_event_loop", f_new_event_loop);
    def(ns, "set_event_loop", f_set_event_loop);
}

}  // namespace aio::py::asyncio

namespace aio::py {

// A program's end drops the loop get_event_loop() made for it (not a later program's, and not
// at exit, after the thread's loop registry is gone).
void forget_implicit_loop() { asyncio::policy() = {}; }

}  // namespace aio::py

namespace aio::py {

// The asyncio module: every part, plus the errors (TimeoutError is the builtin one).
void init_asyncio(Dict& ns) {
    ensure_builtins();
    asyncio::init_futures(ns);
    asyncio::init_tasks(ns);
    asyncio::init_sync(ns);
    asyncio::init_queues(ns);
    asyncio::init_loop(ns);
    asyncio::init_timeouts(ns);
    asyncio::init_taskgroups(ns);
    asyncio::init_runners(ns);
    asyncio::init_threads(ns);
    asyncio::put(ns, "CancelledError", Value(&cancelled_error_type));
    asyncio::put(ns, "TimeoutError", Value(&exc::TimeoutError));
    asyncio::put(ns, "InvalidStateError", Value(&invalid_state_error_type));
    invalid_state_error_type.module = broken_barrier_error_type.module = "asyncio.exceptions";
}

}  // namespace aio::py
