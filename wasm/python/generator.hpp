// Shared by generator.cpp and async_generator.cpp: the object behind generators, coroutines
// and async generators (a suspended Frame), and one resumption of it.
#pragma once

#include "python/vm.hpp"

namespace aio::py {

extern Type async_generator_type;

struct Generator : Object {
    Generator(Type* t, FramePtr f, std::string q)
        : Object(t), frame(std::move(f)), qualname(std::move(q)) {}
    FramePtr frame;  // null once finished
    std::string qualname;
    Value code;                  // the Code it runs, kept after the frame ends (asyncio's Task repr shows it)
    bool running = false;        // inside run_frame
    bool running_async = false;  // an async generator's asend/athrow is being awaited
};

// "generator", "coroutine" or "async generator" (for messages).
const char* kind_name(const Generator& g);

// Resumes the frame with `sent` (or raises `thrown` in it): yielded/awaiting with `out` the value,
// or returned with `out` the return value. Exceptions escape as py::Error (StopIteration leaving
// the frame becomes RuntimeError, as CPython's PEP 479).
Exit step(Generator& g, Value sent, Value thrown, Value& out);

// <generator object f at 0x...> for each kind.
Value gen_repr(const Value* a, std::size_t n, const Tuple* kw);

void register_async_generator_methods();

}  // namespace aio::py
