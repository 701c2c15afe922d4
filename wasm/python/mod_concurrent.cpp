// concurrent.futures: ThreadPoolExecutor and Future over the green threads of threads.hpp.
//
// With a running loop, submit() starts the call as a thread on it (at most max_workers at once)
// and the Future follows it. Without one (plain sync code), submit() runs the call at once, to
// the end, as a thread that never overlaps with anything, and returns a done Future.
// Waiting for a pending Future (result(), exception(), shutdown(wait=True)) suspends the
// calling thread when a thread's function calls it directly; anywhere else (a coroutine: CPython
// would block the whole loop there, which here would never end) result()/exception() raise
// RuntimeError and shutdown() returns without waiting.
#include "python/asyncio_internal.hpp"
#include "python/threads.hpp"
#include "python/vm.hpp"

#include "aio/loop.hpp"
#include "aio/semaphore.hpp"
#include "aio/shield.hpp"

#include <algorithm>
#include <thread>

namespace aio::py {

namespace {

struct ConcFuture : Object {
    using Object::Object;
    aio::future<Value> handle;                         // the thread's, when it ran on a loop
    std::shared_ptr<bool> started = std::make_shared<bool>(false);
    bool ran_sync = false;                             // ran at submit(): value or error is set
    Value value, error;
};

struct Executor : Object {
    using Object::Object;
    std::int64_t max_workers = 1;
    std::shared_ptr<aio::semaphore> workers;
    bool shut = false;
    std::vector<Value> futures;  // submitted and not known to be done
};

Value ctor_executor(Type&, const Value*, std::size_t, const Tuple*);
Type future_type("Future", &object_type, Kind::object);
Type executor_type("ThreadPoolExecutor", &object_type, Kind::object, ctor_executor);

ConcFuture& fut(const Value* args, std::size_t nargs, const char* method) {
    if (nargs == 0 || !isinstance(args[0], future_type))
        raise(exc::TypeError, std::string("descriptor '") + method + "' requires a 'Future' object");
    return *static_cast<ConcFuture*>(args[0].obj());
}
Executor& exe(const Value* args, std::size_t nargs, const char* method) {
    if (nargs == 0 || !isinstance(args[0], executor_type))
        raise(exc::TypeError, std::string("descriptor '") + method + "' requires a 'ThreadPoolExecutor' object");
    return *static_cast<Executor*>(args[0].obj());
}

bool is_done(const ConcFuture& f) { return f.ran_sync || (f.handle.valid() && f.handle.done()); }

// The exception of a done future (None when it has a value); CancelledError when cancelled.
Value error_of(const ConcFuture& f) {
    if (f.ran_sync) return f.error;
    if (f.handle.cancelled()) return new_exception(cancelled_error_type, {});
    std::exception_ptr e = f.handle.exception();
    if (!e) return Value();
    try {
        std::rethrow_exception(e);
    } catch (const Error& err) {
        return err.exc;
    } catch (...) {
        return from_aio_error(std::current_exception());
    }
}

aio::coro<Value> wait_then(aio::future<Value> h, std::function<Value()> then) {
    try {
        co_await aio::shield(h);
    } catch (const aio::cancelled_error&) {
        if (!h.cancelled()) throw;  // the waiting thread itself was cancelled
    } catch (...) {  // the call's error: `then` reads it
    }
    co_return then();
}

aio::coro<Value> wait_all(std::vector<aio::future<Value>> hs, std::function<Value()> then) {
    for (auto& h : hs) co_await wait_then(h, [] { return Value(); });
    co_return then();
}

std::vector<aio::future<Value>> pending_of(const std::vector<Value>& futures);

// `then()` once `f` is done: at once, or by suspending the calling thread until it is (the
// thread resumes with then()'s value as the call's), or RuntimeError where nothing can wait.
Value when_done(const Value& self, const char* method, std::function<Value()> then) {
    auto& f = *static_cast<ConcFuture*>(self.obj());
    if (is_done(f)) return then();
    if (may_suspend()) {
        aio::future<Value> h = f.handle;
        throw Suspend{new_awaitable(method, [h, then] { return wait_then(h, then); })};
    }
    raise(exc::RuntimeError, std::string("Future.") + method +
                                 "() would block the event loop (aio's threads run on it): await the call "
                                 "with loop.run_in_executor, or wait from a thread's function");
}

Value m_result(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs("result", kwnames, {"timeout"});
    fut(args, nargs, "result");
    Value self = args[0];
    return when_done(self, "result", [self] {
        Value e = error_of(*static_cast<ConcFuture*>(self.obj()));
        if (!e.is_none()) throw Error(e);
        auto& f = *static_cast<ConcFuture*>(self.obj());
        return f.ran_sync ? f.value : f.handle.result();
    });
}
Value m_exception(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs("exception", kwnames, {"timeout"});
    fut(args, nargs, "exception");
    Value self = args[0];
    return when_done(self, "exception", [self] {
        Value e = error_of(*static_cast<ConcFuture*>(self.obj()));
        if (isinstance(e, cancelled_error_type)) throw Error(e);
        return e;
    });
}
Value m_done(const Value* args, std::size_t nargs, const Tuple*) { return Value::boolean(is_done(fut(args, nargs, "done"))); }
Value m_running(const Value* args, std::size_t nargs, const Tuple*) {
    auto& f = fut(args, nargs, "running");
    return Value::boolean(!is_done(f) && *f.started);
}
Value m_cancelled(const Value* args, std::size_t nargs, const Tuple*) {
    auto& f = fut(args, nargs, "cancelled");
    return Value::boolean(f.handle.valid() && f.handle.cancelled());
}
// Only a call still waiting for a worker can be cancelled (as CPython).
Value m_cancel(const Value* args, std::size_t nargs, const Tuple*) {
    auto& f = fut(args, nargs, "cancel");
    if (f.handle.valid() && f.handle.cancelled()) return Value::boolean(true);
    if (is_done(f) || *f.started) return Value::boolean(false);
    f.handle.cancel();
    return Value::boolean(true);
}
void run_callback(const Value& fn, const Value& self) {
    try {
        call(fn, {self});
    } catch (const Error& e) {
        host().write(2, "exception calling callback for " + repr(self) + "\n" + format_exception(e.exc));
    }
}
Value m_add_done_callback(const Value* args, std::size_t nargs, const Tuple*) {
    auto& f = fut(args, nargs, "add_done_callback");
    detail::check_args("add_done_callback()", nargs - 1, 1, 1);
    Value self = args[0], fn = args[1];
    if (is_done(f)) run_callback(fn, self);
    else f.handle.add_done_callback([self, fn](const aio::future<Value>&) { run_callback(fn, self); });
    return Value();
}
Value m_future_repr(const Value* args, std::size_t nargs, const Tuple*) {
    auto& f = fut(args, nargs, "__repr__");
    std::string state = !is_done(f) ? (*f.started ? "running" : "pending") : m_cancelled(args, nargs, nullptr).as_bool() ? "cancelled" : "finished";
    std::string tail;
    if (state == "finished") {
        Value e = error_of(f);
        tail = e.is_none() ? " returned " + type_name(f.ran_sync ? f.value : f.handle.result()) : " raised " + type_name(e);
    }
    return new_str("<Future at " + detail::hex_address(&f) + " state=" + state + tail + ">");
}

// ---- ThreadPoolExecutor ----
std::vector<aio::future<Value>> pending_of(const std::vector<Value>& futures) {
    std::vector<aio::future<Value>> pending;
    for (auto& f : futures)
        if (!is_done(*static_cast<ConcFuture*>(f.obj()))) pending.push_back(static_cast<ConcFuture*>(f.obj())->handle);
    return pending;
}

Value ctor_executor(Type& t, const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs("ThreadPoolExecutor", kwnames, {"max_workers", "thread_name_prefix", "initializer", "initargs"});
    detail::check_args("ThreadPoolExecutor()", nargs, 0, 4);
    const Value* mw = asyncio::arg(args, nargs, kwnames, 0, "max_workers");
    const Value* init = asyncio::arg(args, nargs, kwnames, 2, "initializer");
    if (init && !init->is_none()) raise(exc::NotImplementedError, "ThreadPoolExecutor(initializer=...) is not supported here");
    auto* e = new Executor(&t);
    Value v(e);
    if (mw && !mw->is_none()) {
        const Value& n = unboxed(*mw);
        if (!n.is_intlike()) raise(exc::TypeError, "'<=' not supported between instances of '" + type_name(*mw) + "' and 'int'");
        if (n.as_int() <= 0) raise(exc::ValueError, "max_workers must be greater than 0");
        e->max_workers = n.as_int();
    } else {
        // CPython: min(32, os.cpu_count() + 4)
        e->max_workers = std::min<std::int64_t>(32, static_cast<std::int64_t>(std::max(1u, std::thread::hardware_concurrency())) + 4);
    }
    e->workers = std::make_shared<aio::semaphore>(e->max_workers);
    return v;
}

Value e_submit(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    auto& e = exe(args, nargs, "submit");
    if (nargs < 2) raise(exc::TypeError, "submit() missing 1 required positional argument: 'fn'");
    if (e.shut) raise(exc::RuntimeError, "cannot schedule new futures after shutdown");
    auto* f = new ConcFuture(&future_type);
    Value fv(f);
    std::vector<Value> rest(args + 2, args + nargs + (kwnames ? kwnames->items.size() : 0));
    Value kw = kwnames ? Value(const_cast<Tuple*>(kwnames)) : Value();
    if (auto* loop = aio::detail::this_thread.running_loop) {
        f->handle = asyncio::submit_to_thread(*loop, e.workers, args[1], std::move(rest), kw, f->started);
        e.futures.erase(std::remove_if(e.futures.begin(), e.futures.end(),
                                       [](const Value& x) { return is_done(*static_cast<ConcFuture*>(x.obj())); }),
                        e.futures.end());
        e.futures.push_back(fv);
        return fv;
    }
    f->ran_sync = *f->started = true;
    try {
        f->value = call(args[1], rest.data(), nargs - 2, kwnames);
    } catch (const Error& err) {
        f->error = err.exc;
    }
    return fv;
}

Value e_map(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs("map", kwnames, {"timeout", "chunksize"});
    const bool can_wait = may_suspend();
    if (nargs < 3) raise(exc::TypeError, "map() missing 1 required positional argument: 'fn'");
    std::vector<Value> its;
    for (std::size_t i = 2; i < nargs; ++i) its.push_back(iter(args[i]));
    std::vector<Value> futures;
    for (;;) {
        std::vector<Value> call_args{args[0], args[1]};
        Value x;
        for (auto& it : its) {
            if (!next(it, x)) break;
            call_args.push_back(x);
        }
        if (call_args.size() != its.size() + 2) break;
        futures.push_back(e_submit(call_args.data(), call_args.size(), nullptr));
    }
    // an iterator over the results in order, once all are done (the first error raises here)
    auto results = [futures] {
        std::vector<Value> values;
        for (auto& f : futures) values.push_back(m_result(&f, 1, nullptr));
        return iter(new_list(std::move(values)));
    };
    auto pending = pending_of(futures);
    if (pending.empty()) return results();
    if (can_wait) throw Suspend{new_awaitable("map", [pending, results] { return wait_all(pending, results); })};
    raise(exc::RuntimeError, "ThreadPoolExecutor.map() would block the event loop (aio's threads run on it): "
                             "call it from a thread's function");
}

Value e_shutdown(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs("shutdown", kwnames, {"wait", "cancel_futures"});
    auto& e = exe(args, nargs, "shutdown");
    const Value* wait = asyncio::arg(args + 1, nargs - 1, kwnames, 0, "wait");
    const Value* cancel = asyncio::arg(args + 1, nargs - 1, kwnames, 1, "cancel_futures");
    e.shut = true;
    if (cancel && truthy(*cancel))
        for (auto& f : e.futures) m_cancel(&f, 1, nullptr);
    if (wait && !truthy(*wait)) return Value();
    auto pending = pending_of(e.futures);
    if (!pending.empty() && may_suspend())
        throw Suspend{new_awaitable("shutdown", [pending] { return wait_all(pending, [] { return Value(); }); })};
    return Value();
}

Value e_enter(const Value* args, std::size_t nargs, const Tuple*) {
    exe(args, nargs, "__enter__");
    return args[0];
}
Value e_exit(const Value* args, std::size_t nargs, const Tuple*) {
    exe(args, nargs, "__exit__");
    e_shutdown(args, 1, nullptr);
    return Value::boolean(false);
}

}  // namespace

void init_concurrent_futures(Dict& ns) {
    ensure_builtins();
    future_type.module = "concurrent.futures._base";
    executor_type.module = "concurrent.futures.thread";
    def_method(future_type, "result", m_result);
    def_method(future_type, "exception", m_exception);
    def_method(future_type, "done", m_done);
    def_method(future_type, "running", m_running);
    def_method(future_type, "cancelled", m_cancelled);
    def_method(future_type, "cancel", m_cancel);
    def_method(future_type, "add_done_callback", m_add_done_callback);
    def_method(future_type, "__repr__", m_future_repr);
    def_method(executor_type, "submit", e_submit);
    def_method(executor_type, "map", e_map);
    def_method(executor_type, "shutdown", e_shutdown);
    def_method(executor_type, "__enter__", e_enter);
    def_method(executor_type, "__exit__", e_exit);
    asyncio::put(ns, "ThreadPoolExecutor", Value(&executor_type));
    asyncio::put(ns, "Future", Value(&future_type));
    asyncio::put(ns, "CancelledError", Value(&cancelled_error_type));
    asyncio::put(ns, "TimeoutError", Value(&exc::TimeoutError));
}

// `import concurrent.futures` binds the package `concurrent`.
void init_concurrent(Dict& ns) { asyncio::put(ns, "futures", import_module("concurrent.futures")); }

namespace asyncio {

bool is_thread_pool_executor(const Value& v) { return isinstance(v, executor_type); }

std::shared_ptr<aio::semaphore> executor_workers(const Value& executor) {
    if (executor.is_none()) return nullptr;
    if (!isinstance(executor, executor_type))
        raise(exc::AttributeError, "'" + type_name(executor) + "' object has no attribute 'submit'");
    auto& e = *static_cast<Executor*>(executor.obj());
    if (e.shut) raise(exc::RuntimeError, "cannot schedule new futures after shutdown");
    return e.workers;
}

}  // namespace asyncio
}  // namespace aio::py
