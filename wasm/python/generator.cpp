// Generator and coroutine objects: a suspended Frame plus send/throw/close. A coroutine is
// driven by run_coroutine, an aio coroutine that awaits whatever the frame awaits (a nested
// run_coroutine for a Python coroutine), so each Python coroutine is its own aio frame.
#include "python/generator.hpp"

#include "python/awaitable.hpp"
#include "python/detail.hpp"

namespace aio::py {

Type generator_type("generator", &object_type, Kind::object);
Type coroutine_type("coroutine", &object_type, Kind::object);
Type async_generator_type("async_generator", &object_type, Kind::object);

AsyncGenerator::~AsyncGenerator() {
    if (finalizer_loop || program_hooks) asyncgen_dropped(*this);
}

const char* kind_name(const Generator& g) {
    if (g.type == &coroutine_type) return "coroutine";
    if (g.type == &async_generator_type) return "async generator";
    return "generator";
}

// One step: resumes the frame; true with `out` = the yielded (or awaited) value, false when it
// returned (`out` = the return value). Exceptions escape as py::Error.
Exit step(Generator& g, Value sent, Value thrown, Value& out) {
    if (g.running) raise(exc::ValueError, kind_name(g) + std::string(" already executing"));
    if (!g.frame) {
        if (!thrown.is_none()) throw Error(thrown);
        if (g.type == &coroutine_type) raise(exc::RuntimeError, "cannot reuse already awaited coroutine");
        out = Value();
        return Exit::returned;
    }
    if (!g.frame->started && !sent.is_none() && thrown.is_none())
        raise(exc::TypeError, "can't send non-None value to a just-started " + std::string(kind_name(g)));
    g.running = true;
    Exit r;
    try {
        r = run_frame(*g.frame, out, std::move(sent), std::move(thrown));
    } catch (const Error& e) {
        g.running = false;
        g.frame.reset();
        // StopIteration (and StopAsyncIteration in an async generator) must not look like the end
        const bool async_stop = g.type == &async_generator_type && isinstance(e.exc, exc::StopAsyncIteration);
        if (isinstance(e.exc, exc::StopIteration) || async_stop) {
            std::string what = async_stop ? "StopAsyncIteration" : "StopIteration";
            Value re = new_exception(exc::RuntimeError, {new_str(kind_name(g) + std::string(" raised ") + what)});
            re.as<ExceptionObject>()->cause = e.exc;
            re.as<ExceptionObject>()->context = e.exc;
            throw Error(re);
        }
        throw;
    }
    g.running = false;
    if (r == Exit::returned) g.frame.reset();
    return r;
}

namespace {

Generator& self_gen(const Value& v) { return *v.as<Generator>(); }

[[noreturn]] void stop_iteration(const Value& v) {
    if (v.is_none()) raise(new_exception(exc::StopIteration, {}));
    raise(new_exception(exc::StopIteration, {v}));
}

Value gen_send(const Value* a, std::size_t n, const Tuple*) {
    Value out;
    if (step(self_gen(a[0]), n > 1 ? a[1] : Value(), Value(), out) == Exit::returned) stop_iteration(out);
    return out;
}
Value gen_next(const Value* a, std::size_t, const Tuple*) { return gen_send(a, 1, nullptr); }
Value gen_iter(const Value* a, std::size_t, const Tuple*) { return a[0]; }
Value gen_throw(const Value* a, std::size_t n, const Tuple*) {
    if (n < 2) raise(exc::TypeError, "throw expected at least 1 argument, got 0");
    detail::check_args("throw", n - 1, 1, 3);
    Value e = thrown_exception(a + 1, n - 1);
    Value out;
    if (step(self_gen(a[0]), Value(), e, out) == Exit::returned) stop_iteration(out);
    return out;
}
}  // namespace

Value thrown_exception(const Value* args, std::size_t n) {
    const Value& typ = args[0];
    const Value none;
    const Value& val = n > 1 ? args[1] : none;
    const Value& tb = n > 2 ? args[2] : none;
    if (!tb.is_none() && !is(tb, Kind::list)) raise(exc::TypeError, "throw() third argument must be a traceback object");
    Value e;
    if (is(typ, Kind::type) && typ.as<Type>()->is_subtype_of(exc::BaseException)) {
        if (is(val, Kind::exception) && type_of(val).is_subtype_of(*typ.as<Type>())) e = val;
        else if (val.is_none()) e = call(typ, {});
        else if (is(val, Kind::tuple)) e = call(typ, val.as<Tuple>()->items.data(), val.as<Tuple>()->items.size());
        else e = call(typ, {val});
    } else if (is(typ, Kind::exception)) {
        if (!val.is_none()) raise(exc::TypeError, "instance exception may not have a separate value");
        e = typ;
    } else {
        raise(exc::TypeError, "exceptions must be classes or instances deriving from BaseException, not " + type_name(typ));
    }
    if (!tb.is_none()) setattr(e, "__traceback__", tb);
    return e;
}

namespace {
Value gen_close(const Value* a, std::size_t, const Tuple*) {
    auto& g = self_gen(a[0]);
    if (!g.frame || !g.frame->started) {
        g.frame.reset();
        return Value();
    }
    Value out;
    try {
        if (step(g, Value(), new_exception(exc::GeneratorExit, {}), out) != Exit::returned)
            raise(exc::RuntimeError, "generator ignored GeneratorExit");
    } catch (const Error& e) {
        if (!isinstance(e.exc, exc::GeneratorExit) && !isinstance(e.exc, exc::StopIteration)) throw;
    }
    return Value();
}
}  // namespace

Value gen_repr(const Value* a, std::size_t, const Tuple*) {
    auto& g = *a[0].as<Generator>();
    return new_str("<" + g.type->name + " object " + g.qualname + " at " + detail::hex_address(&g) + ">");
}

Value gen_name(const Value* a, std::size_t, const Tuple*) { return new_str(a[0].as<Generator>()->code.as<Code>()->name); }
Value gen_qualname(const Value* a, std::size_t, const Tuple*) { return new_str(a[0].as<Generator>()->qualname); }

// coroutine.__await__(): what an awaitable class's own __await__ hands on (`return
// self._coro.__await__()`). CPython's is a coroutine_wrapper iterator over it; here the coroutine
// itself, which await_value runs as it does the coroutine.
Value coro_await(const Value* a, std::size_t n, const Tuple* kw) {
    detail::no_kwargs("__await__", kw);
    detail::check_args("__await__()", n - 1, 0, 0);
    return a[0];
}

void register_generator_methods() {
    for (Type* t : {&generator_type, &coroutine_type, &async_generator_type}) {
        def_getter(*t, "__name__", gen_name);
        def_getter(*t, "__qualname__", gen_qualname);
    }
    for (Type* t : {&generator_type, &coroutine_type}) {
        def_method(*t, "send", gen_send);
        def_method(*t, "throw", gen_throw);
        def_method(*t, "close", gen_close);
        def_method(*t, "__repr__", gen_repr);
    }
    def_method(coroutine_type, "__await__", coro_await);
    def_method(generator_type, "__next__", gen_next);
    def_method(generator_type, "__iter__", gen_iter);
    register_async_generator_methods();
}

Value new_generator(FramePtr f, const Function& fn) {
    Type* t = fn.co().is_coroutine ? (fn.co().is_generator ? &async_generator_type : &coroutine_type) : &generator_type;
    Generator* g = t == &async_generator_type ? new AsyncGenerator(t, std::move(f), fn.qualname)
                                              : new Generator(t, std::move(f), fn.qualname);
    g->code = g->frame->code_holder;
    return Value(g);
}

std::string coroutine_where(const Value& coroutine) {
    if (!is_python_coroutine(coroutine)) return {};
    const Generator& g = *coroutine.as<Generator>();
    const Code& code = *g.code.as<Code>();
    // CPython: a frame not started yet stands at its `def` line.
    if (g.frame) return g.qualname + "() running at " + code.filename + ":" + std::to_string(g.frame->line ? g.frame->line : code.firstlineno);
    return g.qualname + "() done, defined at " + code.filename + ":" + std::to_string(code.firstlineno);
}

bool is_python_coroutine(const Value& v) { return v.is_object() && v.obj()->type == &coroutine_type; }

namespace {
// run_coroutine's cold paths, out of its coroutine frame (their temporaries would take room in
// every suspended task's frame).
void check_coroutine(const Value& coroutine) {
    init_vm();
    if (!is_python_coroutine(coroutine)) raise(exc::TypeError, "a coroutine was expected, got " + repr(coroutine));
}
// step() with `in` sent, or raised in the frame when `raising`.
[[gnu::noinline]] Exit resume(Generator& g, Value in, bool raising, Value& out) {
    return raising ? step(g, Value(), std::move(in), out) : step(g, std::move(in), Value(), out);
}
Value bad_yield(const Value& out) { return new_exception(exc::RuntimeError, {new_str("Task got bad yield: " + repr(out))}); }

}  // namespace

aio::coro<Value> run_coroutine(Value coroutine) {
    check_coroutine(coroutine);
    auto& g = *coroutine.as<Generator>();
    // What the frame resumes with (an exception to raise in it when `raising`) and what it gave.
    // (Few locals: they live in every suspended task's frame.)
    Value in, out;
    bool raising = false, cancelled = false;
    for (;;) {
        // Cancelled at an await with no handler around it: the frame ends here, the
        // CancelledError leaving it as run_frame would let it out (no throw through the eval loop).
        if (cancelled && raising && isinstance(in, cancelled_error_type) && g.frame && !g.running &&
            unwinds_at_once(*g.frame, in)) {
            g.frame.reset();
            rethrow_as_aio_cancel(in);
        }
        Exit r;
        try {
            r = resume(g, std::move(in), raising, out);
        } catch (const Error& e) {
            // A CancelledError leaving the frame is aio's cancellation again.
            if (cancelled && isinstance(e.exc, cancelled_error_type)) rethrow_as_aio_cancel(e.exc);
            throw;
        }
        in = Value();
        raising = false;
        if (r == Exit::returned) co_return out;
        if (r == Exit::yielded) {
            in = bad_yield(out);
            raising = true;
            continue;
        }
        NativeAwaitable* parking = nullptr;
        try {
            // A native awaitable (asyncio.sleep, queue.get, a Task, ...) directly: one
            // coroutine frame fewer per await, none when it finishes at once.
            if (NativeAwaitable* a = claim_native(out)) {
                if (a->finish_now(in)) {
                } else if (a->parks) {
                    parking = a;
                } else {
                    in = co_await a->begin();
                }
            } else {
                in = co_await await_value(out);
            }
        } catch (const Error& e) {
            in = e.exc;
            raising = true;
        } catch (const aio::cancelled_error& e) {
            cancelled = true;
            in = python_cancelled_error(e);
            raising = true;
        }
        if (parking) {  // outside the try: see ParkedOn
            ParkedOn parked(*parking);
            in = co_await parked;
            if (parked.other) std::rethrow_exception(parked.other);
            raising = parked.raising;
            cancelled = cancelled || parked.cancelled;
        }
    }
}

}  // namespace aio::py
