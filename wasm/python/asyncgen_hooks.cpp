// sys.set_asyncgen_hooks / get_asyncgen_hooks and the asyncgen_hooks named tuple. CPython keeps
// the hooks per thread and a loop's run_forever sets its own, restoring the old ones after; here
// the hooks set while a loop runs belong to that run, and those set with no loop running (plain
// code, the program's threads) to the rest.
#include "python/asyncgen_hooks.hpp"

#include "python/asyncio.hpp"
#include "python/builtins.hpp"
#include "python/detail.hpp"
#include "python/threads.hpp"

#include "aio/loop.hpp"

#include <unordered_map>

namespace aio::py {

// sys.get_asyncgen_hooks()'s type: a tuple whose items are also its attributes (a structseq).
Type asyncgen_hooks_type("asyncgen_hooks", &tuple_type, Kind::tuple);

namespace {

AsyncgenHooks& outside_loops() {
    static auto* h = new AsyncgenHooks;  // never destroyed: forget_asyncgen_hooks empties it
    return *h;
}
std::unordered_map<const aio::event_loop*, AsyncgenHooks>& set_in_loop() {
    static auto* m = new std::unordered_map<const aio::event_loop*, AsyncgenHooks>;
    return *m;
}

// The loop Python's code runs in now: none in a thread's function (CPython's threads have hooks of their own).
aio::event_loop* python_loop() {
    aio::event_loop* loop = aio::detail::this_thread.running_loop;
    return loop && !green_thread_loop() ? loop : nullptr;
}

AsyncgenHooks current() {
    if (const AsyncgenHooks* set = program_asyncgen_hooks()) return *set;
    aio::event_loop& loop = *python_loop();
    return {loop_asyncgen_hook(loop, false), loop_asyncgen_hook(loop, true)};
}

Value field(const Value* a, std::size_t i) { return a[0].as<Tuple>()->items.at(i); }
Value h_firstiter(const Value* a, std::size_t, const Tuple*) { return field(a, 0); }
Value h_finalizer(const Value* a, std::size_t, const Tuple*) { return field(a, 1); }
Value h_repr(const Value* a, std::size_t, const Tuple*) {
    return new_str("asyncgen_hooks(firstiter=" + repr(field(a, 0)) + ", finalizer=" + repr(field(a, 1)) + ")");
}

Value get_asyncgen_hooks(const Value*, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("sys.get_asyncgen_hooks", kwnames);
    if (nargs) raise(exc::TypeError, "sys.get_asyncgen_hooks() takes no arguments (" + std::to_string(nargs) + " given)");
    AsyncgenHooks h = current();
    auto* t = new Tuple({h.firstiter, h.finalizer});
    t->type = &asyncgen_hooks_type;
    return Value(t);
}

// set_asyncgen_hooks(firstiter=<unchanged>, finalizer=<unchanged>): each None or a callable.
Value set_asyncgen_hooks(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    const std::size_t nkw = kwnames ? kwnames->items.size() : 0;
    if (nargs + nkw > 2) raise(exc::TypeError, "function takes at most 2 arguments (" + std::to_string(nargs + nkw) + " given)");
    const Value* given[2] = {nargs > 0 ? &args[0] : nullptr, nargs > 1 ? &args[1] : nullptr};
    for (std::size_t i = 0; i < nkw; ++i) {
        const std::string& name = kwnames->items[i].as<Str>()->s;
        const int slot = name == "firstiter" ? 0 : name == "finalizer" ? 1 : -1;
        if (slot < 0) raise(exc::TypeError, "'" + name + "' is an invalid keyword argument for this function");
        if (given[slot])
            raise(exc::TypeError, "argument for function given by name ('" + name + "') and position (" +
                                      std::to_string(slot + 1) + ")");
        given[slot] = &args[nargs + i];
    }
    static const char* names[2] = {"firstiter", "finalizer"};
    for (int i = 1; i >= 0; --i)  // CPython checks the finalizer first
        if (given[i] && !given[i]->is_none() && !is_callable(*given[i]))
            raise(exc::TypeError, std::string("callable ") + names[i] + " expected, got " + type_name(*given[i]));
    AsyncgenHooks h = current();
    if (given[0]) h.firstiter = *given[0];
    if (given[1]) h.finalizer = *given[1];
    if (aio::event_loop* loop = python_loop()) set_in_loop()[loop] = std::move(h);
    else outside_loops() = std::move(h);
    return Value();
}

}  // namespace

const AsyncgenHooks* program_asyncgen_hooks() {
    aio::event_loop* loop = python_loop();
    if (!loop) return &outside_loops();
    auto it = set_in_loop().find(loop);
    return it == set_in_loop().end() ? nullptr : &it->second;
}

void forget_asyncgen_hooks(const aio::event_loop* loop) {
    if (loop) {
        set_in_loop().erase(loop);
        return;
    }
    set_in_loop().clear();
    outside_loops() = {};
}

void init_asyncgen_hooks(Dict& sys) {
    if (!asyncgen_hooks_type.dict.count("firstiter")) {
        def_getter(asyncgen_hooks_type, "firstiter", h_firstiter);
        def_getter(asyncgen_hooks_type, "finalizer", h_finalizer);
        def_method(asyncgen_hooks_type, "__repr__", h_repr);
        asyncgen_hooks_type.set_attr("n_fields", Value::integer(2));
    }
    define(sys, "get_asyncgen_hooks", get_asyncgen_hooks);
    define(sys, "set_asyncgen_hooks", set_asyncgen_hooks);
}

}  // namespace aio::py
