// The coroutine protocol's native half: NativeAwaitable, awaiting any awaitable from C++, and
// asyncio.CancelledError. run_coroutine (Python coroutine objects) lives with the VM.
#include "python/awaitable.hpp"

#include "python/detail.hpp"
#include "python/exceptions.hpp"

namespace aio::py {

Type native_awaitable_type("coroutine", &object_type, Kind::object);
Type cancelled_error_type("CancelledError", &exc::BaseException, Kind::exception);
// Shown as asyncio.exceptions.CancelledError in tracebacks, as CPython does.
static const bool cancelled_module_set = (cancelled_error_type.module = "asyncio.exceptions", true);

Value python_cancelled_error(const aio::cancelled_error& e) {
    if (e.message().empty()) return new_exception(cancelled_error_type, {});
    return new_exception(cancelled_error_type, {new_str(e.message())});
}

void rethrow_as_aio_cancel(const Value& cancelled_error) { throw aio::cancelled_error(str(cancelled_error)); }

namespace {

Value awaitable_repr(const Value* args, std::size_t, const Tuple*) {
    auto* a = args[0].as<NativeAwaitable>();
    return new_str(std::string("<coroutine object ") + a->qualname + " at " + detail::hex_address(a) + ">");
}

// Methods are registered on first use (types are globals; their dicts fill once).
void ensure_awaitable_methods() {
    static bool done = false;
    if (done) return;
    done = true;
    def_method(native_awaitable_type, "__repr__", awaitable_repr);
}

}  // namespace

NativeAwaitable::NativeAwaitable(const char* q) : Object(&native_awaitable_type), qualname(q) {
    ensure_awaitable_methods();
}

Value ParkedOn::await_resume() noexcept {
    try {
        return a_.unpark();
    } catch (const Error& e) {
        raising = true;
        return e.exc;
    } catch (const aio::cancelled_error& e) {
        raising = cancelled = true;
        return python_cancelled_error(e);
    } catch (...) {
        other = std::current_exception();
    }
    return Value();
}

aio::coro<Value> NativeAwaitable::begin() {
    ParkedOn parked(*this);
    Value v = co_await parked;
    if (parked.cancelled) rethrow_as_aio_cancel(v);
    if (parked.raising) throw Error(v);
    if (parked.other) std::rethrow_exception(parked.other);
    co_return v;
}

namespace {
struct FunctionAwaitable final : NativeAwaitable {
    FunctionAwaitable(std::string qualname, std::function<aio::coro<Value>()> start)
        : NativeAwaitable(""), name(std::move(qualname)), start(std::move(start)) {
        this->qualname = name.c_str();
    }
    aio::coro<Value> begin() override { return start(); }
    std::string name;  // an async generator's qualname, say
    std::function<aio::coro<Value>()> start;
};
}  // namespace

Value new_awaitable(std::string qualname, std::function<aio::coro<Value>()> start) {
    return Value(new FunctionAwaitable(std::move(qualname), std::move(start)));
}

bool is_python_coroutine(const Value& v);  // vm: a coroutine object made by `async def`

bool is_awaitable(const Value& v) {
    if (!v.is_object()) return false;
    if (v.obj()->type == &native_awaitable_type || is_python_coroutine(v)) return true;
    return type_of(v).lookup("__await__") != nullptr;
}

NativeAwaitable* claim_native(const Value& awaitable) {
    if (!awaitable.is_object() || awaitable.obj()->type != &native_awaitable_type) return nullptr;
    auto* a = awaitable.as<NativeAwaitable>();
    if (a->awaited) raise(exc::RuntimeError, "cannot reuse already awaited coroutine");
    a->awaited = true;
    return a;
}

aio::coro<Value> await_value(Value awaitable) {
    if (NativeAwaitable* a = claim_native(awaitable)) {
        Value now;
        if (a->finish_now(now)) co_return now;
        co_return co_await a->begin();  // one that parks: in a frame of its own here (rare)
    }
    if (is_python_coroutine(awaitable)) co_return co_await run_coroutine(awaitable);
    // asyncio's Future/Task: __await__ hands back a NativeAwaitable over the aio future.
    if (type_of(awaitable).lookup("__await__")) {
        Value inner = call_method(awaitable, "__await__", {});
        if (inner.is_object() && (inner.obj()->type == &native_awaitable_type || is_python_coroutine(inner)))
            co_return co_await await_value(std::move(inner));
        raise(exc::TypeError, "__await__() returned non-iterator of type '" + type_name(inner) + "'");
    }
    raise(exc::TypeError, "object " + type_name(awaitable) + " can't be used in 'await' expression");
}

}  // namespace aio::py
