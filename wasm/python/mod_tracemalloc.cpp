// The tracemalloc module, measured from the C allocator: while tracing, the traced memory is the
// malloc heap in use now minus what was in use at start() (glibc's and emscripten's dlmalloc's
// mallinfo: chunk sizes, so allocator overhead included, where CPython counts requested sizes).
// Frees of memory allocated before start() can lower it: it is clamped at 0. The peak is the
// largest value any get_traced_memory() call saw (no hook sees every allocation). Under a
// sanitizer's allocator mallinfo reports nothing and both stay 0.
#include "python/detail.hpp"

#include <malloc.h>

#include <algorithm>
#include <cstdint>

namespace aio::py {

namespace {

struct Tracing {
    bool on = false;
    std::int64_t base = 0;
    std::int64_t peak = 0;
};
Tracing tracing;

std::int64_t heap_in_use() {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
    struct mallinfo2 m = mallinfo2();
#else
    struct mallinfo m = mallinfo();
#endif
    return static_cast<std::int64_t>(m.uordblks) + static_cast<std::int64_t>(m.hblkhd);  // + mmapped blocks
}

Value tm_start(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("_tracemalloc.start", kwnames);
    detail::check_args("_tracemalloc.start", nargs, 0, 1);
    if (nargs == 1) {
        std::int64_t frames = detail::as_integer(args[0]);
        if (frames < 1 || frames > 65535) raise(exc::ValueError, "the number of frames must be in range [1; 65535]");
    }
    if (!tracing.on) tracing = {true, heap_in_use(), 0};
    return Value();
}

Value tm_stop(const Value*, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("_tracemalloc.stop", kwnames);
    detail::check_args("_tracemalloc.stop", nargs, 0, 0);
    tracing = {};
    return Value();
}

Value tm_is_tracing(const Value*, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("_tracemalloc.is_tracing", kwnames);
    detail::check_args("_tracemalloc.is_tracing", nargs, 0, 0);
    return Value::boolean(tracing.on);
}

Value tm_get_traced_memory(const Value*, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("_tracemalloc.get_traced_memory", kwnames);
    detail::check_args("_tracemalloc.get_traced_memory", nargs, 0, 0);
    if (!tracing.on) return new_tuple({Value::integer(0), Value::integer(0)});
    std::int64_t current = std::max<std::int64_t>(0, heap_in_use() - tracing.base);
    tracing.peak = std::max(tracing.peak, current);
    return new_tuple({Value::integer(current), Value::integer(tracing.peak)});
}

}  // namespace

void init_tracemalloc(Dict& ns) {
    auto def = [&](const char* name, NativeFn fn) { ns.table.insert(new_str(name), new_function(name, fn)); };
    def("start", tm_start);
    def("stop", tm_stop);
    def("is_tracing", tm_is_tracing);
    def("get_traced_memory", tm_get_traced_memory);
}

}  // namespace aio::py
