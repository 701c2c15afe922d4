// Shared by generator.cpp and async_generator.cpp: the object behind generators, coroutines
// and async generators (a suspended Frame), and one resumption of it.
#pragma once

#include "python/vm.hpp"

#include "aio/coro.hpp"

namespace aio {
class event_loop;
}

namespace aio::py {

extern Type async_generator_type;

struct Generator : Object {
    Generator(Type* t, FramePtr f, std::string q)
        : Object(t), frame(std::move(f)), qualname(std::move(q)) {}
    FramePtr frame;  // null once finished
    std::string qualname;
    Value code;             // the Code it runs, kept after the frame ends (asyncio's Task repr shows it)
    bool running = false;   // inside run_frame
};

// An async generator (its type is async_generator_type) with what only it has.
struct AsyncGenerator final : Generator {
    using Generator::Generator;
    ~AsyncGenerator() override;
    bool running_async = false;  // an asend/athrow is being awaited
    // Whether the loop's first-iteration hook has been called (on the first anext/asend/athrow/
    // aclose), and the loop whose finalizer closes it when it is dropped unfinished
    // (asyncio_asyncgens.cpp; null: none, as CPython's without a running loop).
    bool hooks_inited = false;
    // Hooks the program set (sys.set_asyncgen_hooks) applied at the first iteration: then the
    // finalizer (None or a callable) is what a drop calls, not the loop's.
    bool program_hooks = false;
    aio::event_loop* finalizer_loop = nullptr;
    Value finalizer;
};

// "generator", "coroutine" or "async generator" (for messages).
const char* kind_name(const Generator& g);

// Resumes the frame with `sent` (or raises `thrown` in it): yielded/awaiting with `out` the value,
// or returned with `out` the return value. Exceptions escape as py::Error (StopIteration leaving
// the frame becomes RuntimeError, as CPython's PEP 479).
Exit step(Generator& g, Value sent, Value thrown, Value& out);

// The exception throw(typ[, val[, tb]]) and athrow raise, from their arguments after self (n of
// them, at least 1): an instance as it is; a class called with val (an instance of it is used
// as it is, a tuple spread, None none); tb (None or a __traceback__) becomes its traceback.
Value thrown_exception(const Value* args, std::size_t n);

// <generator object f at 0x...> for each kind.
Value gen_repr(const Value* a, std::size_t n, const Tuple* kw);

void register_async_generator_methods();

// asyncio's async generator hooks (asyncio_asyncgens.cpp). first_iteration: an async generator's
// first anext/asend/athrow/aclose; on a running loop it is registered for shutdown_asyncgens.
// dropped: its last reference went (~Generator); when unfinished, the frame moves to a new
// generator object whose aclose() is scheduled on its loop, as CPython's finalizer hook does.
void asyncgen_first_iteration(AsyncGenerator& g);
void asyncgen_dropped(AsyncGenerator& g) noexcept;
// What the loop's task for a dropped generator runs: its aclose() (async_generator.cpp).
aio::coro<Value> close_dropped_async_generator(Value gen);
Value asyncgen_aclose(const Value& gen);

}  // namespace aio::py
