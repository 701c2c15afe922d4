// asyncio.Future and asyncio.Task: Python views of aio futures and tasks, and the helpers every
// asyncio awaitable uses (the error-mapping wrapper, ensure_task).
#include "python/asyncio_internal.hpp"
#include "python/code.hpp"
#include "python/generator.hpp"
#include "python/hosted.hpp"
#include "python/vm.hpp"

#include "aio/future.hpp"
#include "aio/task_group.hpp"

#include <cmath>
#include <unordered_set>

namespace aio::py::asyncio {

namespace {
Value ctor_future(Type& t, const Value*, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs("Future", kwnames, {"loop"});
    detail::check_args("Future()", nargs, 0, 0);
    if (&t != &future_type) raise(exc::TypeError, "cannot create '" + t.name + "' instances");
    return new_future();
}
}  // namespace

Type future_type("Future", &object_type, Kind::object, ctor_future);
Type task_type("Task", &future_type, Kind::object);

namespace {

// CPython's process-wide counter: every Task takes a number, named or not.
std::uint64_t next_task_number() {
    static std::uint64_t n = 0;
    return ++n;
}

}  // namespace

// Lets an aio error out of a coroutine as Python sees it (cancellation stays aio's).
aio::coro<Value> mapped(aio::coro<Value> body) {
    std::exception_ptr error;
    try {
        co_return co_await std::move(body);
    } catch (const aio::cancelled_error&) {
        throw;
    } catch (const Error&) {
        throw;
    } catch (...) {
        error = std::current_exception();
    }
    throw Error(from_aio_error(error));
}

namespace {

template <class H>
aio::coro<Value> await_handle(H h) {
    co_return co_await h;
}

// Every task a Python loop runs is a task<Value> made by spawn().
aio::task<Value> typed_task(const FutureObject& f) {
    return aio::task<Value>(static_cast<aio::detail::task_state<Value>*>(static_cast<aio::detail::task_core*>(f.handle.core())));
}

// A task's root coroutine: a Python coroutine's own driver (no frame in between), else an await
// of the awaitable.
aio::coro<Value> await_body(Value coro) { co_return co_await await_value(coro); }
aio::coro<Value> task_body(Value coro) { return is_python_coroutine(coro) ? run_coroutine(std::move(coro)) : await_body(std::move(coro)); }

FutureObject& self_of(const Value* args, const char* method) {
    FutureObject* f = args ? as_future(args[0]) : nullptr;
    if (!f) raise(exc::TypeError, std::string("descriptor '") + method + "' requires a 'Future' object");
    return *f;
}

// A sync call's view of an aio error: always a Python exception (CancelledError included).
[[noreturn]] void raise_mapped(const std::exception_ptr& e) { throw Error(from_aio_error(e)); }

Value m_done(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("done", kwnames);
    detail::check_args("done()", nargs - 1, 0, 0);
    return Value::boolean(self_of(args, "done").handle.done());
}
Value m_cancelled(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("cancelled", kwnames);
    detail::check_args("cancelled()", nargs - 1, 0, 0);
    return Value::boolean(self_of(args, "cancelled").handle.cancelled());
}
Value m_cancel(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    FutureObject& f = self_of(args, "cancel");
    detail::only_kwargs("cancel", kwnames, {"msg"});
    const Value* msg = arg(args + 1, nargs - 1, kwnames, 0, "msg");
    std::string text = msg && !msg->is_none() ? str(*msg) : "";
    if (f.ops && f.ops->cancel_target.valid()) {
        if (f.handle.done()) return Value::boolean(false);
        return Value::boolean(f.ops->cancel_target.cancel(text));
    }
    return Value::boolean(f.handle.cancel(text));
}
Value m_result(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    FutureObject& f = self_of(args, "result");
    detail::no_kwargs("result", kwnames);
    detail::check_args("result()", nargs - 1, 0, 0);
    try {
        f.handle.core()->check_result();
    } catch (...) {
        raise_mapped(std::current_exception());
    }
    return f.read();
}
Value m_exception(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    FutureObject& f = self_of(args, "exception");
    detail::no_kwargs("exception", kwnames);
    detail::check_args("exception()", nargs - 1, 0, 0);
    std::exception_ptr e;
    try {
        e = f.handle.exception();
    } catch (...) {
        raise_mapped(std::current_exception());
    }
    return e ? from_aio_error(e) : Value();
}
Value m_set_result(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    FutureObject& f = self_of(args, "set_result");
    detail::no_kwargs("set_result", kwnames);
    detail::check_args("set_result()", nargs - 1, 1, 1);
    if (!f.ops || !f.ops->set_result) raise(exc::RuntimeError, "Task does not support set_result operation");
    if (f.handle.done()) raise(invalid_state_error_type, "invalid state");
    f.ops->set_result(args[1]);
    return Value();
}
Value m_set_exception(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    FutureObject& f = self_of(args, "set_exception");
    detail::no_kwargs("set_exception", kwnames);
    detail::check_args("set_exception()", nargs - 1, 1, 1);
    if (!f.ops || !f.ops->set_result) raise(exc::RuntimeError, "Task does not support set_exception operation");
    if (f.handle.done()) raise(invalid_state_error_type, "invalid state");
    Value e = args[1];
    if (is(e, Kind::type) && is_exception_type(*e.as<Type>())) e = call(e, nullptr, 0);
    if (!is(e, Kind::exception)) raise(exc::TypeError, "invalid exception object");
    if (isinstance(e, exc::StopIteration))
        raise(exc::TypeError, "StopIteration interacts badly with generators and cannot be raised into a Future");
    f.handle.core()->set_error(to_aio_error(e));
    return Value();
}
Value m_add_done_callback(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    FutureObject& f = self_of(args, "add_done_callback");
    detail::only_kwargs("add_done_callback", kwnames, {"context"});
    detail::check_args("add_done_callback()", nargs - 1, 1, 1);
    Value self = args[0], fn = args[1];
    const Value* c = kw(args, nargs, kwnames, "context");
    Value context = c && !c->is_none() ? *c : callback_context();
    // Called via the loop (call_soon), as asyncio does; an error in it is reported, not raised.
    auto id = f.handle.add_done_callback(
        [self, fn, context](const aio::any_future&) { run_callback(fn, {self}, false, context); });
    if (!f.callbacks) f.callbacks = std::make_unique<std::vector<std::pair<Value, std::uint64_t>>>();
    f.callbacks->emplace_back(fn, id);
    return Value();
}
Value m_remove_done_callback(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    FutureObject& f = self_of(args, "remove_done_callback");
    detail::no_kwargs("remove_done_callback", kwnames);
    detail::check_args("remove_done_callback()", nargs - 1, 1, 1);
    std::int64_t removed = 0;
    if (auto* callbacks = f.callbacks.get()) {
        for (auto it = callbacks->begin(); it != callbacks->end();) {
            if (it->first.is(args[1]) || eq(it->first, args[1])) {
                removed += static_cast<std::int64_t>(f.handle.remove_done_callback(it->second));
                it = callbacks->erase(it);
            } else {
                ++it;
            }
        }
    }
    return Value::integer(removed);
}
Value m_await(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    FutureObject& f = self_of(args, "__await__");
    detail::no_kwargs("__await__", kwnames);
    detail::check_args("__await__()", nargs - 1, 0, 0);
    return awaitable(f.type == &task_type ? "Task" : "Future", f.awaiting());
}
aio::any_task task_of(FutureObject& f, const char* method) {
    if (f.type != &task_type) raise(exc::AttributeError, std::string("'Future' object has no attribute '") + method + "'");
    return aio::any_task(static_cast<aio::detail::task_core*>(f.handle.core()));
}

Value m_get_name(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("get_name", kwnames);
    detail::check_args("get_name()", nargs - 1, 0, 0);
    return new_str(task_of(self_of(args, "get_name"), "get_name").get_name());
}
Value m_set_name(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("set_name", kwnames);
    detail::check_args("set_name()", nargs - 1, 1, 1);
    task_of(self_of(args, "set_name"), "set_name").set_name(str(args[1]));
    return Value();
}
Value m_get_coro(const Value* args, std::size_t, const Tuple*) { return self_of(args, "get_coro").coro; }
Value m_cancelling(const Value* args, std::size_t, const Tuple*) {
    return Value::integer(task_of(self_of(args, "cancelling"), "cancelling").cancelling());
}
Value m_uncancel(const Value* args, std::size_t, const Tuple*) {
    return Value::integer(task_of(self_of(args, "uncancel"), "uncancel").uncancel());
}

std::string coro_text(const Value& coro, bool done) {
    std::string where = coroutine_where(coro);  // a Python coroutine: its name, file and line
    if (!where.empty()) return "<" + where + ">";
    std::string name;
    Value q;
    if (is_awaitable(coro) && isinstance(coro, native_awaitable_type))
        name = coro.as<NativeAwaitable>()->qualname;
    else if (try_getattr(coro, "__qualname__", q))
        name = str(q);
    else
        name = repr(coro);
    return "<" + name + "() " + (done ? "done" : "running") + ">";
}

// CPython's shapes: <Future pending>, <Future finished result=3>, <Task cancelled name='x' coro=<...>>.
Value m_repr(const Value* args, std::size_t, const Tuple*) {
    FutureObject& f = self_of(args, "__repr__");
    bool task = f.type == &task_type;
    auto& h = f.handle;
    std::string state = !h.done() ? "pending" : h.cancelled() ? "cancelled" : "finished";
    if (task && !h.done() && task_of(f, "__repr__").cancelling() > 0) state = "cancelling";
    std::string out = "<" + f.type->name + " " + state;
    if (task) {
        out += " name=" + detail::str_repr(task_of(f, "__repr__").get_name());
        out += " coro=" + coro_text(f.coro, h.done());
    }
    if (h.done() && !h.cancelled()) {
        if (h.core()->has_exception()) {
            out += " exception=" + repr(from_aio_error(h.core()->stored_error()));  // not marked retrieved
        } else {
            out += " result=" + repr(f.read());
        }
    }
    return new_str(out + ">");
}

}  // namespace

FutureObject::~FutureObject() {
    if (type == &task_type) {
        auto* task = static_cast<aio::detail::task_core*>(handle.core());
        if (task->host_object() == this) task->set_host_object(nullptr);
    }
    report_unretrieved();
}

// asyncio's Future.__del__: a future or task dropped with an exception nobody retrieved is
// reported to its loop's exception handler, with (as CPython) the future itself in the
// context: a new view of it, as this one is going. Not while anyone else still holds it (aio
// reports it then when the last handle goes, without the future).
void FutureObject::report_unretrieved() noexcept {
    aio::detail::future_core* core = handle.core();
    if (!core || !core->has_exception() || core->retrieved() || !aio::detail::loop_alive(&core->loop())) return;
    ops.reset();  // their handles are not other holders
    if (core->use_count() != 1) return;
    core->mark_retrieved();
    try {
        Value again;
        if (type == &task_type) {
            auto* state = static_cast<aio::detail::task_state<Value>*>(static_cast<aio::detail::task_core*>(core));
            again = wrap_task(aio::task<Value>(state), coro);
        }
        const char* message = again.is_none() ? "Future exception was never retrieved" : "Task exception was never retrieved";
        core->loop().call_exception_handler({message, core->stored_error(), 0, {}, handle});
    } catch (...) {  // a destructor: the report is all that can fail, and it has been tried
    }
}

FutureObject* as_future(const Value& v) {
    if (!v.is_object() || !v.obj()->type->is_subtype_of(future_type)) return nullptr;
    return static_cast<FutureObject*>(v.obj());
}

aio::event_loop& running_loop() {
    if (!aio::detail::this_thread.running_loop) raise(exc::RuntimeError, "no running event loop");
    return *aio::detail::this_thread.running_loop;
}

double to_seconds(const Value& v, const char* what) {
    double d;
    if (detail::real_value(v, d)) return d;
    (void)what;
    raise(exc::TypeError, "'<=' not supported between instances of '" + type_name(v) + "' and 'int'");
}

namespace {
struct MappedAwaitable final : NativeAwaitable {
    MappedAwaitable(const char* qualname, std::function<aio::coro<Value>()> body)
        : NativeAwaitable(qualname), body(std::move(body)) {}
    aio::coro<Value> begin() override { return mapped(body()); }
    std::function<aio::coro<Value>()> body;
};
}  // namespace

Value awaitable(const char* qualname, std::function<aio::coro<Value>()> body) {
    return Value(new MappedAwaitable(qualname, std::move(body)));
}

Value FutureObject::read() const { return ops ? ops->read() : typed_task(*this).result(); }
std::function<aio::coro<Value>()> FutureObject::awaiting() const {
    if (ops) return ops->wait;
    return [t = typed_task(*this)] { return await_handle(t); };
}

Value wrap_future(aio::future<Value> f) {
    auto* o = new FutureObject(&future_type, f);
    o->ops = std::make_unique<FutureObject::Ops>();
    o->ops->read = [f] { return f.result(); };
    o->ops->wait = [f] { return await_handle(f); };
    o->ops->set_result = [f](Value v) { f.set_result(std::move(v)); };
    return Value(o);
}

Value new_future() { return wrap_future(running_loop().create_future<Value>()); }

void FutureObject::pending_ended(aio::detail::waiter_node& node, aio::detail::future_core& core) {
    // The keep-alive reference, now held by `task` (a waiter must not run Python while the task
    // completes, so a last reference goes in a callback).
    Value task(&static_cast<FutureObject&>(node));
    --task.obj()->refs;
    // Held elsewhere too (gather's list, a variable): dropping this reference frees nothing.
    if (task.obj()->refs == 1 && !core.loop().is_closed()) core.loop().call_soon([task = std::move(task)] {});
}

void FutureObject::keep_while_pending() {
    auto* core = handle.core();
    if (core->done()) return;
    notify = &FutureObject::pending_ended;
    incref(this);
    core->add_waiter(*this);
}

Value wrap_task(aio::task<Value> t, Value coro) {
    auto* o = new FutureObject(&task_type, t);
    o->coro = std::move(coro);
    aio::detail::core_access::of(t)->set_host_object(o);  // current_task() etc. give this one
    Value task(o);
    o->keep_while_pending();
    return task;
}

Value task_object(aio::any_task t) {
    if (!t.valid()) return Value();
    if (void* o = aio::detail::core_access::of(t)->host_object()) return Value(static_cast<FutureObject*>(o));
    // Every task a Python loop runs is a task<Value> made by spawn().
    auto* state = static_cast<aio::detail::task_state<Value>*>(aio::detail::core_access::of(t));
    return wrap_task(aio::task<Value>(state), Value());
}

namespace {
// What every new task checks and takes: a coroutine, and a number for its default name.
std::uint64_t task_number(const Value& coro) {
    if (!isinstance(coro, native_awaitable_type) && type_name(coro) != "coroutine")
        raise(exc::TypeError, "a coroutine was expected, got " + repr(coro));
    return next_task_number();
}
// create_task's options for a task numbered `number`: without name= it is Task-<number> (held
// as the number: no string per task).
aio::task_options numbered(std::string_view name, std::uint64_t number) {
    return {name, {}, name.empty() ? number : 0};
}
}  // namespace

namespace {
// The loop's reports name a Python task after its coroutine (blocker() defined at x.py:2), not
// after task_body. Interned: the loop may print a site after the coroutine is gone.
aio::task<Value> named_after(aio::task<Value> t, const Value& coro) {
    if (!is_python_coroutine(coro)) return t;
    Code& code = *coro.as<Generator>()->code.as<Code>();
    if (!code.site_function) {
        static std::unordered_set<std::string> interned;
        code.site_function = interned.insert(code.qualname).first->c_str();
        code.site_file = interned.insert(code.filename).first->c_str();
    }
    aio::detail::core_access::of(t)->set_root_site(code.site_function, code.site_file, code.firstlineno);
    return t;
}
}  // namespace

namespace {
// What a call of the coroutine's function looked like, as a learner reads it in the tutorial:
// task_func('A', 1) (parameters in order, keyword-only ones as name=value; long reprs cut).
std::string call_text(const Generator& g) {
    const Code& code = *g.code.as<Code>();
    std::string out = g.qualname + "(";
    const int params = code.argcount + code.kwonlyargcount;
    for (int i = 0; g.frame && i < params && i < static_cast<int>(g.frame->fast.size()); ++i) {
        std::string text;
        try {
            text = repr(g.frame->fast[static_cast<std::size_t>(i)]);
        } catch (const Error&) {
            text = "?";
        }
        if (text.size() > 24) text = text.substr(0, 21) + "...";
        if (i) out += ", ";
        if (i >= code.argcount) out += code.varnames[static_cast<std::size_t>(i)] + "=";
        out += text;
        if (out.size() > 80) return out + ", ...)";
    }
    return out + ")";
}

// A hosted program's task without name= gets its lane named after its call (the session's
// timeline); its asyncio name stays Task-N.
aio::task<Value> labelled(aio::task<Value> t, const Value& coro, bool named) {
    const HostedProgram* h = hosted_program();
    if (!named && h && h->io.label && is_python_coroutine(coro)) h->io.label(t.id(), call_text(*coro.as<Generator>()));
    return t;
}
}  // namespace

aio::task<Value> spawn(Value coro, std::string name, aio::event_loop* loop, const Value& context) {
    const bool named = !name.empty();
    const std::uint64_t number = task_number(coro);
    auto t = (loop ? *loop : running_loop()).create_task(task_body(coro), numbered(name, number));
    assign_context(*aio::detail::core_access::of(t), context);  // before its first step
    return labelled(named_after(t, coro), coro, named);
}

aio::task<Value> spawn_in(aio::task_group& group, Value coro, std::string name, const Value& context) {
    const bool named = !name.empty();
    const std::uint64_t number = task_number(coro);
    auto t = group.create_task(task_body(coro), numbered(name, number));
    assign_context(*aio::detail::core_access::of(t), context);
    return labelled(named_after(t, coro), coro, named);
}

TaskOptions task_options(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs("create_task", kwnames, {"name", "context"});
    const Value* name = kw(args, nargs, kwnames, "name");
    const Value* context = kw(args, nargs, kwnames, "context");
    if (context) check_context_arg(*context);
    return {name && !name->is_none() ? str(*name) : "", context ? *context : Value()};
}

aio::task<Value> ensure_task(const Value& aw) {
    if (FutureObject* f = as_future(aw)) {
        if (f->type == &task_type) return typed_task(*f);
        // A plain Future: a task that awaits it stands in (its result, error or cancellation).
        return running_loop().create_task(mapped(f->awaiting()()), numbered({}, next_task_number()));
    }
    if (!is_awaitable(aw))
        raise(exc::TypeError, "An asyncio.Future, a coroutine or an awaitable is required");
    Value coro = aw;
    if (type_name(aw) == "coroutine" || isinstance(aw, native_awaitable_type)) return spawn(coro);
    return running_loop().create_task(task_body(coro), numbered({}, next_task_number()));
}

Value ensure_future_value(const Value& aw) {
    if (as_future(aw)) return aw;
    return task_object(ensure_task(aw));
}

void init_futures(Dict& ns) {
    future_type.module = task_type.module = "_asyncio";  // CPython's C implementation
    for (Type* t : {&future_type}) {
        def_method(*t, "done", m_done);
        def_method(*t, "cancelled", m_cancelled);
        def_method(*t, "cancel", m_cancel);
        def_method(*t, "result", m_result);
        def_method(*t, "exception", m_exception);
        def_method(*t, "set_result", m_set_result);
        def_method(*t, "set_exception", m_set_exception);
        def_method(*t, "add_done_callback", m_add_done_callback);
        def_method(*t, "remove_done_callback", m_remove_done_callback);
        def_method(*t, "__await__", m_await);
        def_method(*t, "__repr__", m_repr);
    }
    def_method(task_type, "get_name", m_get_name);
    def_method(task_type, "set_name", m_set_name);
    def_method(task_type, "get_coro", m_get_coro);
    def_method(task_type, "cancelling", m_cancelling);
    def_method(task_type, "uncancel", m_uncancel);
    put(ns, "Future", Value(&future_type));
    put(ns, "Task", Value(&task_type));
}

}  // namespace aio::py::asyncio
