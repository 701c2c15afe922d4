// asyncio.timeout / timeout_at: async context managers over aio::timeout_scope. __aenter__ and
// __aexit__ run inside the awaiting task (a NativeAwaitable's coroutine runs in the caller's
// task), so the scope binds to the task whose body it limits, as asyncio's does.
#include "python/asyncio_internal.hpp"

#include "aio/timeout.hpp"

#include <memory>
#include <optional>

namespace aio::py::asyncio {

namespace {

struct TimeoutObject : Object {
    TimeoutObject(Type* t, std::optional<double> w) : Object(t), when(w) {}
    std::optional<double> when;                 // before entry, and after exit
    std::unique_ptr<aio::timeout_scope> scope;  // while the block runs
    bool expired = false;
    bool entered = false;
};
Type timeout_type("Timeout", &object_type, Kind::object);

TimeoutObject& self(const Value* args, std::size_t nargs, const char* method) {
    if (nargs == 0 || !isinstance(args[0], timeout_type))
        raise(exc::TypeError, std::string("descriptor '") + method + "' requires a 'Timeout' object");
    return *static_cast<TimeoutObject*>(args[0].obj());
}

std::optional<double> when_of(const Value& v) {
    if (v.is_none()) return std::nullopt;
    return to_seconds(v, "when");
}

aio::coro<Value> enter_body(Value s) {
    auto& t = *static_cast<TimeoutObject*>(s.obj());
    t.scope = std::make_unique<aio::timeout_scope>(t.when);
    co_return s;
}
Value m_aenter(const Value* args, std::size_t nargs, const Tuple*) {
    auto& t = self(args, nargs, "__aenter__");
    if (t.entered) raise(exc::RuntimeError, "Timeout has already been entered");
    t.entered = true;
    Value s = args[0];
    return awaitable("Timeout.__aenter__", [s] { return enter_body(s); });
}

// Turns the block's CancelledError into TimeoutError when the deadline caused it; any other
// exception is left to propagate (returns False).
aio::coro<Value> exit_body(Value s, Value exc) {
    auto& t = *static_cast<TimeoutObject*>(s.obj());
    std::unique_ptr<aio::timeout_scope> scope = std::move(t.scope);
    t.when = scope->when();
    struct record {
        TimeoutObject& t;
        aio::timeout_scope& scope;
        ~record() { t.expired = scope.expired(); }
    } on_exit{t, *scope};
    scope->exit(exc.is_none() ? std::exception_ptr() : to_aio_error(exc));
    co_return Value::boolean(false);
}
Value m_aexit(const Value* args, std::size_t nargs, const Tuple*) {
    auto& t = self(args, nargs, "__aexit__");
    if (!t.scope) raise(exc::RuntimeError, "Timeout has not been entered");
    Value s = args[0], e = nargs > 2 ? args[2] : Value();
    return awaitable("Timeout.__aexit__", [s, e] { return exit_body(s, e); });
}
Value m_when(const Value* args, std::size_t nargs, const Tuple*) {
    auto& t = self(args, nargs, "when");
    auto w = t.scope ? t.scope->when() : t.when;
    return w ? Value::real(*w) : Value();
}
Value m_reschedule(const Value* args, std::size_t nargs, const Tuple*) {
    auto& t = self(args, nargs, "reschedule");
    detail::check_args("reschedule()", nargs - 1, 1, 1);
    if (!t.scope) raise(exc::RuntimeError, "Timeout has not been entered");
    t.scope->reschedule(when_of(args[1]));
    return Value();
}
Value m_expired(const Value* args, std::size_t nargs, const Tuple*) {
    auto& t = self(args, nargs, "expired");
    return Value::boolean(t.scope ? t.scope->expired() : t.expired);
}

Value f_timeout(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs("timeout", kwnames, {"delay"});
    const Value* d = arg(args, nargs, kwnames, 0, "delay");
    if (!d) raise(exc::TypeError, "timeout() missing 1 required positional argument: 'delay'");
    std::optional<double> when;
    if (!d->is_none()) when = running_loop().time() + to_seconds(*d, "delay");
    return Value(new TimeoutObject(&timeout_type, when));
}
Value f_timeout_at(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs("timeout_at", kwnames, {"when"});
    const Value* w = arg(args, nargs, kwnames, 0, "when");
    if (!w) raise(exc::TypeError, "timeout_at() missing 1 required positional argument: 'when'");
    return Value(new TimeoutObject(&timeout_type, when_of(*w)));
}

}  // namespace

void init_timeouts(Dict& ns) {
    timeout_type.module = "asyncio.timeouts";
    def_method(timeout_type, "__aenter__", m_aenter);
    def_method(timeout_type, "__aexit__", m_aexit);
    def_method(timeout_type, "when", m_when);
    def_method(timeout_type, "reschedule", m_reschedule);
    def_method(timeout_type, "expired", m_expired);
    def(ns, "timeout", f_timeout);
    def(ns, "timeout_at", f_timeout_at);
    put(ns, "Timeout", Value(&timeout_type));
}

}  // namespace aio::py::asyncio
