// The gc module: the front-end frees by reference counting and has no cycle collector (README
// "Object model"), so collect() finds nothing to free and returns 0; enable/disable only flip the
// flag isenabled() reports. Enough for programs that call gc.collect() before measuring memory.
#include "python/detail.hpp"

namespace aio::py {

namespace {

bool enabled = true;

Value gc_collect(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs("collect()", kwnames, {"generation"});
    detail::check_args("collect()", nargs + (kwnames ? kwnames->items.size() : 0), 0, 1);
    if (nargs + (kwnames ? kwnames->items.size() : 0) == 1) {
        std::int64_t g = detail::as_integer(args[0]);
        if (g < 0 || g > 2) raise(exc::ValueError, "invalid generation");
    }
    return Value::integer(0);
}

Value gc_enable(const Value*, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("gc.enable", kwnames);
    detail::check_args("gc.enable", nargs, 0, 0);
    enabled = true;
    return Value();
}

Value gc_disable(const Value*, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("gc.disable", kwnames);
    detail::check_args("gc.disable", nargs, 0, 0);
    enabled = false;
    return Value();
}

Value gc_isenabled(const Value*, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("gc.isenabled", kwnames);
    detail::check_args("gc.isenabled", nargs, 0, 0);
    return Value::boolean(enabled);
}

}  // namespace

void init_gc(Dict& ns) {
    auto def = [&](const char* name, NativeFn fn) { ns.table.insert(new_str(name), new_function(name, fn)); };
    def("collect", gc_collect);
    def("enable", gc_enable);
    def("disable", gc_disable);
    def("isenabled", gc_isenabled);
}

}  // namespace aio::py
