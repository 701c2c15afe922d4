// Async generators (`yield` inside `async def`) and the builtins aiter/anext. __anext__, asend,
// athrow and aclose return awaitables whose aio coroutine resumes the generator's frame, awaits
// on its behalf whatever it awaits (as run_coroutine does for a coroutine) and completes with
// the next yielded value, or StopAsyncIteration when the frame returns.
#include "python/generator.hpp"

#include "python/awaitable.hpp"
#include "python/builtins.hpp"
#include "python/detail.hpp"

#include "aio/sleep.hpp"

namespace aio::py {

namespace {

using detail::check_args;
using detail::no_kwargs;

enum class Mode { send, throw_, close };

const char* method_name(Mode m) { return m == Mode::send ? "anext" : m == Mode::throw_ ? "athrow" : "aclose"; }

// Clears the "an asend/athrow/aclose is in progress" flag however the drive ends.
struct RunningAsync {
    explicit RunningAsync(AsyncGenerator& g) : g(g) { g.running_async = true; }
    ~RunningAsync() { g.running_async = false; }
    AsyncGenerator& g;
};

aio::coro<Value> drive(Value gen, Value sent, Value thrown, Mode mode) {
    auto& g = *gen.as<AsyncGenerator>();
    if (g.running_async)
        raise(exc::RuntimeError, method_name(mode) + std::string("(): asynchronous generator is already running"));
    // closing an unstarted generator, or throwing into a finished one, does nothing (3.11)
    if ((mode == Mode::close && (!g.frame || !g.frame->started)) || (mode == Mode::throw_ && !g.frame)) {
        g.frame.reset();
        co_return Value();
    }
    RunningAsync flag(g);
    bool cancelled = false, closed = false;
    Value out;
    for (;;) {
        Exit r;
        try {
            r = step(g, std::move(sent), std::move(thrown), out);
        } catch (const Error& e) {
            if (mode != Mode::close || !isinstance(e.exc, exc::GeneratorExit)) {
                // A CancelledError leaving the frame is aio's cancellation again.
                if (cancelled && isinstance(e.exc, cancelled_error_type)) rethrow_as_aio_cancel(e.exc);
                throw;
            }
            closed = true;
        }
        if (closed) co_return Value();
        sent = Value();
        thrown = Value();
        if (r == Exit::returned) {
            if (mode == Mode::close) co_return Value();
            raise(new_exception(exc::StopAsyncIteration, {}));
        }
        if (r == Exit::yielded) {
            if (mode == Mode::close) raise(exc::RuntimeError, "async generator ignored GeneratorExit");
            co_return out;
        }
        try {
            sent = co_await await_value(out);
        } catch (const Error& e) {
            thrown = e.exc;
        } catch (const aio::cancelled_error& e) {
            cancelled = true;
            thrown = python_cancelled_error(e);
        }
    }
}

Value awaitable_of(const Value& gen, Value sent, Value thrown, Mode mode) {
    auto& g = *gen.as<AsyncGenerator>();
    if (!g.hooks_inited) asyncgen_first_iteration(g);
    return new_awaitable(g.qualname, [gen, sent, thrown, mode] { return drive(gen, sent, thrown, mode); });
}

Value ag_aiter(const Value* a, std::size_t, const Tuple*) { return a[0]; }
Value ag_anext(const Value* a, std::size_t, const Tuple*) { return awaitable_of(a[0], Value(), Value(), Mode::send); }
Value ag_asend(const Value* a, std::size_t n, const Tuple*) {
    check_args("asend", n - 1, 1, 1);
    return awaitable_of(a[0], a[1], Value(), Mode::send);
}
Value ag_athrow(const Value* a, std::size_t n, const Tuple*) {
    check_args("athrow", n - 1, 1, 3);
    return awaitable_of(a[0], Value(), thrown_exception(a + 1, n - 1), Mode::throw_);
}
Value ag_aclose(const Value* a, std::size_t, const Tuple*) {
    return awaitable_of(a[0], Value(), new_exception(exc::GeneratorExit, {}), Mode::close);
}

// aiter(async_iterable)
Value b_aiter(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("aiter", kw);
    check_args("aiter", n, 1, 1);
    if (!type_of(a[0]).lookup("__aiter__")) raise(exc::TypeError, "'" + type_name(a[0]) + "' object is not an async iterable");
    Value it = call_method(a[0], "__aiter__", {});
    if (!type_of(it).lookup("__anext__"))
        raise(exc::TypeError, "aiter() returned not an async iterator of type '" + type_name(it) + "'");
    return it;
}

aio::coro<Value> anext_or_default(Value awaitable, Value dflt) {
    try {
        co_return co_await await_value(std::move(awaitable));
    } catch (const Error& e) {
        if (!isinstance(e.exc, exc::StopAsyncIteration)) throw;
    }
    co_return dflt;
}

// anext(async_iterator[, default])
Value b_anext(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("anext", kw);
    check_args("anext", n, 1, 2);
    if (!type_of(a[0]).lookup("__anext__")) raise(exc::TypeError, "'" + type_name(a[0]) + "' object is not an async iterator");
    Value aw = call_method(a[0], "__anext__", {});
    if (n == 1) return aw;
    Value dflt = a[1];
    return new_awaitable("anext", [aw, dflt] { return anext_or_default(aw, dflt); });
}

}  // namespace

// The aclose() task the loop makes for a dropped generator, made at once with a first step that
// only yields: the generator is then closed on the loop's next step but one, as CPython's
// call_soon(create_task, agen.aclose()) does. Cancelled in that first step (as at asyncio.run's
// end right after the drop), CPython's Task throws the CancelledError straight into the
// generator's frame, skipping aclose's GeneratorExit; if the frame then awaits, aclose begins
// when that await ends and throws GeneratorExit in there. Kept for its output: a `finally` then
// runs up to its first await.
aio::coro<Value> close_dropped_async_generator(Value gen) {
    bool cancelled = false;
    try {
        co_await aio::sleep(0);
    } catch (const aio::cancelled_error&) {
        cancelled = true;
    }
    if (!cancelled) co_return co_await drive(gen, Value(), new_exception(exc::GeneratorExit, {}), Mode::close);
    if (auto* task = aio::detail::this_thread.current_task) task->uncancel();
    auto& g = *gen.as<AsyncGenerator>();
    Value out;
    Exit r;
    try {
        RunningAsync flag(g);
        r = step(g, Value(), new_exception(cancelled_error_type, {}), out);
    } catch (const Error& e) {
        if (isinstance(e.exc, cancelled_error_type)) throw aio::cancelled_error();
        if (isinstance(e.exc, exc::StopAsyncIteration) || isinstance(e.exc, exc::GeneratorExit)) co_return Value();
        throw;
    }
    if (r == Exit::returned) co_return Value();
    if (r == Exit::yielded) raise(exc::RuntimeError, "async generator ignored GeneratorExit");
    try {
        RunningAsync flag(g);
        co_await await_value(out);
    } catch (...) {  // whatever the await ended with, GeneratorExit comes next
    }
    co_return co_await drive(gen, Value(), new_exception(exc::GeneratorExit, {}), Mode::close);
}

Value asyncgen_aclose(const Value& gen) { return ag_aclose(&gen, 1, nullptr); }

void register_async_generator_methods() {
    def_method(async_generator_type, "__aiter__", ag_aiter);
    def_method(async_generator_type, "__anext__", ag_anext);
    def_method(async_generator_type, "asend", ag_asend);
    def_method(async_generator_type, "athrow", ag_athrow);
    def_method(async_generator_type, "aclose", ag_aclose);
    def_method(async_generator_type, "__repr__", gen_repr);
}

void init_async_builtins(Dict& ns) {
    define(ns, "aiter", b_aiter);
    define(ns, "anext", b_anext);
}

}  // namespace aio::py
