// asyncio's task functions on aio's: sleep, create_task, gather, wait, wait_for, shield,
// as_completed, current_task, all_tasks, iscoroutine, ensure_future.
#include "python/asyncio_internal.hpp"
#include "python/hosted.hpp"
#include "python/vm.hpp"

#include "aio/gather.hpp"
#include "aio/shield.hpp"
#include "aio/sleep.hpp"
#include "aio/wait.hpp"

#include <memory>
#include <optional>

namespace aio::py::asyncio {

namespace {

// asyncio.sleep(delay, result): one object; the awaiting task parks on aio's sleep awaiter held
// in it (no coroutine frame: this is the hot path of every sleep(0) loop).
struct SleepAwaitable final : NativeAwaitable {
    SleepAwaitable(double delay, Value result) : NativeAwaitable("sleep"), delay(delay), result(std::move(result)) {
        parks = true;
    }
    ~SleepAwaitable() override { drop(); }
    void park(aio::detail::co::coroutine_handle<> h) override {
        auto& a = awaiter.make(*this, [&] { return aio::sleep(delay); });
        mapped_await([&] { a.await_suspend(h); });  // RuntimeError outside a task
    }
    Value unpark() override {
        awaiter.get().await_resume();  // only cancellation comes out of it
        return std::move(result);
    }
    void drop() noexcept override { awaiter.destroy(*this); }
    double delay;
    Value result;
    AwaiterRoom<aio::detail::sleep_awaiter> awaiter;
};

Value f_sleep(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs("sleep", kwnames, {"delay", "result"});
    const Value* d = arg(args, nargs, kwnames, 0, "delay");
    const Value* r = arg(args, nargs, kwnames, 1, "result");
    if (!d) raise(exc::TypeError, "sleep() missing 1 required positional argument: 'delay'");
    double delay = to_seconds(*d, "delay");
    Value result = r ? *r : Value();
    return Value(new SleepAwaitable(delay, std::move(result)));
}

Value f_create_task(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    auto options = task_options(args, nargs, kwnames);
    detail::check_args("create_task()", nargs, 1, 1);
    Value coro = args[0];
    auto t = spawn(coro, options.name, nullptr, options.context);
    return wrap_task(t, coro);
}

Value f_ensure_future(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs("ensure_future", kwnames, {"loop"});
    detail::check_args("ensure_future()", nargs, 1, 1);
    return ensure_future_value(args[0]);
}

// The list gather hands back: each child's value, or with return_exceptions its exception.
Value gathered(const std::vector<aio::task<Value>>& children, bool return_exceptions) {
    std::vector<Value> out;
    out.reserve(children.size());
    for (auto& c : children) {
        if (!return_exceptions) {
            out.push_back(c.result());
        } else if (c.cancelled()) {
            // CPython: CancelledError(fut._cancel_message or ''), and a finished task's message
            // is always None by then (Task.__step ends it with Future.cancel()).
            out.push_back(new_exception(cancelled_error_type, {new_str("")}));
        } else if (c.core()->has_exception()) {
            std::exception_ptr e;
            try {
                e = c.exception();
            } catch (...) {
                e = std::current_exception();
            }
            out.push_back(from_aio_error(e));
        } else {
            out.push_back(c.result());
        }
    }
    return new_list(std::move(out));
}

template <class G>
aio::coro<Value> await_gather(G g, std::vector<aio::task<Value>> children, bool return_exceptions) {
    co_await g;
    co_return gathered(children, return_exceptions);
}

// Completes the Python gather future the moment the runtime's gather completes: a waiter link
// on it, not a scheduled done callback, so that a task resuming from `await gather(...)` (woken by
// that same completion, later in the list) finds the future done, as in asyncio. Owns itself
// until then; the gather always completes, as it keeps itself alive until its children are done.
class gather_settler final : public aio::detail::waiter_node {
public:
    static void watch(aio::detail::future_core& gather, aio::future<Value> out,
                      std::vector<aio::task<Value>> children, bool return_exceptions) {
        auto* settler = new gather_settler(std::move(out), std::move(children), return_exceptions);
        if (gather.done()) {
            on_done(*settler, gather);
        } else {
            gather.add_waiter(*settler);
        }
    }

private:
    gather_settler(aio::future<Value> out, std::vector<aio::task<Value>> children, bool return_exceptions)
        : out_(std::move(out)), children_(std::move(children)), return_exceptions_(return_exceptions) {
        notify = &on_done;
    }
    static void on_done(aio::detail::waiter_node& node, aio::detail::future_core& done) {
        std::unique_ptr<gather_settler> self(static_cast<gather_settler*>(&node));
        aio::future<Value>& out = self->out_;
        if (out.done()) return;
        if (done.cancelled()) {
            out.cancel(aio::cancel_message(done.stored_error()));
        } else if (done.has_exception()) {
            out.set_exception(done.exception());
            out.core()->mark_retrieved();  // whoever awaits the Python future reads it from `done`
        } else {
            out.set_result(gathered(self->children_, self->return_exceptions_));
        }
    }
    aio::future<Value> out_;
    std::vector<aio::task<Value>> children_;
    bool return_exceptions_;
};

// gather(): a future over the children; cancelling it (or the task awaiting it) cancels them.
template <class G>
Value gather_future(G g, std::vector<aio::task<Value>> children, bool return_exceptions) {
    auto out = running_loop().create_future<Value>();
    gather_settler::watch(*g.core(), out, children, return_exceptions);
    Value v = wrap_future(out);
    FutureObject* f = as_future(v);
    f->ops->cancel_target = g;
    f->ops->set_result = nullptr;
    f->ops->wait = [g, children, return_exceptions] { return await_gather(g, children, return_exceptions); };
    return v;
}

Value f_gather(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs("gather", kwnames, {"return_exceptions"});
    const Value* rex = kw(args, nargs, kwnames, "return_exceptions");
    bool return_exceptions = rex && truthy(*rex);
    if (nargs == 0) {
        Value v = new_future();
        call_method(v, "set_result", {new_list()});
        return v;
    }
    std::vector<aio::task<Value>> children;
    for (std::size_t i = 0; i < nargs; ++i) children.push_back(ensure_task(args[i]));
    if (return_exceptions) return gather_future(aio::gather(aio::return_exceptions, children), children, true);
    return gather_future(aio::gather(children), children, false);
}

std::optional<double> optional_seconds(const Value* v) {
    if (!v || v->is_none()) return std::nullopt;
    return to_seconds(*v, "timeout");
}

aio::coro<Value> wait_for_body(Value aw, std::optional<double> timeout) {
    co_return co_await aio::wait_for(ensure_task(aw), timeout);
}

Value f_wait_for(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs("wait_for", kwnames, {"fut", "timeout"});
    const Value* aw = arg(args, nargs, kwnames, 0, "fut");
    const Value* t = arg(args, nargs, kwnames, 1, "timeout");
    if (!aw || !t) raise(exc::TypeError, "wait_for() missing 1 required positional argument: 'timeout'");
    Value target = *aw;
    auto timeout = optional_seconds(t);
    return awaitable("wait_for", [target, timeout] { return wait_for_body(target, timeout); });
}

aio::coro<Value> wait_body(std::vector<Value> items, aio::return_when when, std::optional<double> timeout) {
    std::vector<aio::task<Value>> tasks;
    for (auto& v : items) tasks.push_back(ensure_task(v));
    auto r = co_await aio::wait(tasks, when, timeout);
    // The sets hold what the caller passed in (a Future, not the task standing in for it).
    auto original = [&](const aio::task<Value>& t) {
        for (std::size_t i = 0; i < tasks.size(); ++i)
            if (tasks[i].core() == t.core()) return as_future(items[i]) ? items[i] : task_object(t);
        return task_object(t);
    };
    Value done = new_set(), pending = new_set();
    for (auto& t : r.done) done.as<Set>()->table.insert(original(t), Value());
    for (auto& t : r.pending) pending.as<Set>()->table.insert(original(t), Value());
    co_return new_tuple({done, pending});
}

Value f_wait(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs("wait", kwnames, {"fs", "timeout", "return_when"});
    const Value* fs = arg(args, nargs, kwnames, 0, "fs");
    const Value* t = arg(args, nargs, kwnames, 1, "timeout");
    const Value* rw = arg(args, nargs, kwnames, 2, "return_when");
    if (!fs) raise(exc::TypeError, "wait() missing 1 required positional argument: 'fs'");
    if (as_future(*fs) || is_awaitable(*fs))
        raise(exc::TypeError, "expect a list of futures, not " + type_name(*fs));
    aio::return_when when = aio::return_when::all_completed;
    if (rw) {
        std::string s = is(*rw, Kind::str) ? str(*rw) : "";
        if (s == "FIRST_COMPLETED") when = aio::return_when::first_completed;
        else if (s == "FIRST_EXCEPTION") when = aio::return_when::first_exception;
        else if (s != "ALL_COMPLETED") raise(exc::ValueError, "Invalid return_when value: " + str(*rw));
    }
    std::vector<Value> items = to_vector(*fs);
    if (items.empty()) raise(exc::ValueError, "Set of Tasks/Futures is empty.");
    auto timeout = optional_seconds(t);
    return awaitable("wait", [items, when, timeout] { return wait_body(items, when, timeout); });
}

Value f_shield(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("shield", kwnames);
    detail::check_args("shield()", nargs, 1, 1);
    auto inner = ensure_task(args[0]);
    if (inner.done()) return task_object(inner);
    return wrap_future(aio::shield(inner));
}

aio::coro<Value> next_completed(std::shared_ptr<aio::as_completed_range<aio::task<Value>>> range) {
    co_return co_await range->next();
}

// as_completed(fs, timeout=None): one awaitable per item, each giving the next to finish.
Value f_as_completed(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs("as_completed", kwnames, {"fs", "timeout"});
    const Value* fs = arg(args, nargs, kwnames, 0, "fs");
    const Value* t = arg(args, nargs, kwnames, 1, "timeout");
    if (!fs) raise(exc::TypeError, "as_completed() missing 1 required positional argument: 'fs'");
    if (as_future(*fs) || is_awaitable(*fs))
        raise(exc::TypeError, "expect an iterable of futures, not " + type_name(*fs));
    std::vector<aio::task<Value>> tasks;
    for (auto& v : to_vector(*fs)) tasks.push_back(ensure_task(v));
    std::size_t n = tasks.size();
    auto range = std::make_shared<aio::as_completed_range<aio::task<Value>>>(std::move(tasks), optional_seconds(t));
    std::vector<Value> out;
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(awaitable("_wait_for_one", [range] { return next_completed(range); }));
    return iter(new_list(std::move(out)));
}

Value f_current_task(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs("current_task", kwnames, {"loop"});
    detail::check_args("current_task()", nargs, 0, 1);
    (void)args;
    running_loop();
    return task_object(aio::current_task());
}

Value f_all_tasks(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs("all_tasks", kwnames, {"loop"});
    detail::check_args("all_tasks()", nargs, 0, 1);
    (void)args;
    Value out = new_set();
    aio::event_loop& loop = running_loop();
    // A hosted program shares its loop: its own tasks, not the module body's driver.
    const HostedProgram* h = hosted_program();
    if (h && h->loop != &loop) h = nullptr;
    for (auto& t : h ? h->io.tasks() : loop.all_tasks())
        if (!t.done() && !(h && t.id() == h->module_task->id())) out.as<Set>()->table.insert(task_object(t), Value());
    return out;
}

Value f_iscoroutine(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("iscoroutine", kwnames);
    detail::check_args("iscoroutine()", nargs, 1, 1);
    return Value::boolean(type_name(args[0]) == "coroutine" || isinstance(args[0], native_awaitable_type));
}

// An `async def` function, also through a bound method or functools.partial (as CPython's
// inspect.iscoroutinefunction); an async generator function is not one.
Value f_iscoroutinefunction(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("iscoroutinefunction", kwnames);
    detail::check_args("iscoroutinefunction()", nargs, 1, 1);
    Value f = args[0];
    for (;;) {
        if (isinstance(f, method_type)) f = f.as<Method>()->func;
        else if (Value inner = detail::unwrap_partial(f); !inner.is(f)) f = inner;
        else break;
    }
    bool coroutine = isinstance(f, function_type) && f.as<Function>()->co().is_coroutine && !f.as<Function>()->co().is_generator;
    return Value::boolean(coroutine);
}

}  // namespace

void init_tasks(Dict& ns) {
    def(ns, "sleep", f_sleep);
    def(ns, "create_task", f_create_task);
    def(ns, "ensure_future", f_ensure_future);
    def(ns, "gather", f_gather);
    def(ns, "wait_for", f_wait_for);
    def(ns, "wait", f_wait);
    def(ns, "shield", f_shield);
    def(ns, "as_completed", f_as_completed);
    def(ns, "current_task", f_current_task);
    def(ns, "all_tasks", f_all_tasks);
    def(ns, "iscoroutine", f_iscoroutine);
    def(ns, "iscoroutinefunction", f_iscoroutinefunction);
    put(ns, "FIRST_COMPLETED", new_str("FIRST_COMPLETED"));
    put(ns, "FIRST_EXCEPTION", new_str("FIRST_EXCEPTION"));
    put(ns, "ALL_COMPLETED", new_str("ALL_COMPLETED"));
}

}  // namespace aio::py::asyncio
