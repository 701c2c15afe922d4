// _functools, the native part of the functools module (lib_functools.cpp): partial (what run_in_executor and call_soon
// take to pass arguments: `loop.run_in_executor(None, partial(fetch, url, timeout=5))`), wraps /
// update_wrapper (decorators of coroutine functions) and reduce. partial is native, as CPython's
// C one, so a traceback through it shows no functools frame.
#include "python/builtins.hpp"
#include "python/detail.hpp"

namespace aio::py {

using namespace detail;

namespace {

struct PartialObject : Object {
    PartialObject(Type* t, Value f, Value a, Value k) : Object(t), func(std::move(f)), args(std::move(a)), keywords(std::move(k)) {}
    Value func;
    Value args;      // tuple
    Value keywords;  // dict of str -> value
};

Value ctor_partial(Type&, const Value*, std::size_t, const Tuple*);
Type partial_type("partial", &object_type, Kind::object, ctor_partial);

PartialObject& partial_of(const Value& v) { return *static_cast<PartialObject*>(v.obj()); }

// partial(func, *args, **keywords); a partial of a partial flattens, as CPython's.
Value ctor_partial(Type& t, const Value* a, std::size_t n, const Tuple* kw) {
    if (n == 0) raise(exc::TypeError, "type 'partial' takes at least one argument");
    if (!is_callable(a[0])) raise(exc::TypeError, "the first argument must be callable");
    Value func = a[0];
    std::vector<Value> args;
    Value keywords = new_dict();
    if (isinstance(func, partial_type)) {
        PartialObject& inner = partial_of(func);
        args = inner.args.as<Tuple>()->items;
        inner.keywords.as<Dict>()->table.each([&](const HashTable::Entry& e) { keywords.as<Dict>()->table.insert(e.key, e.value); });
        func = inner.func;
    }
    args.insert(args.end(), a + 1, a + n);
    if (kw)
        for (std::size_t i = 0; i < kw->items.size(); ++i) keywords.as<Dict>()->table.insert(kw->items[i], a[n + i]);
    return Value(new PartialObject(&t, std::move(func), new_tuple(std::move(args)), std::move(keywords)));
}

// p(*more, **more_keywords): func(*args, *more, **{**keywords, **more_keywords}).
Value partial_call(const Value* a, std::size_t n, const Tuple* kw) {
    Value fn = a[0];
    std::vector<Value> args(a + 1, a + n + (kw ? kw->items.size() : 0));
    Value kwnames = kw ? Value(const_cast<Tuple*>(kw)) : Value();
    apply_partial(fn, args, kwnames);
    std::size_t nkw = kwnames.is_none() ? 0 : kwnames.as<Tuple>()->items.size();
    return call(fn, args.data(), args.size() - nkw, nkw ? kwnames.as<Tuple>() : nullptr);
}

Value partial_repr(const Value* a, std::size_t, const Tuple*) {
    PartialObject& p = partial_of(a[0]);
    ReprGuard guard(a[0].obj());
    if (!guard.active) return new_str("...");
    std::string out = "functools.partial(" + repr(p.func);
    for (const Value& v : p.args.as<Tuple>()->items) out += ", " + repr(v);
    p.keywords.as<Dict>()->table.each([&](const HashTable::Entry& e) { out += ", " + as_str(e.key)->s + "=" + repr(e.value); });
    return new_str(out + ")");
}

Value partial_func(const Value* a, std::size_t, const Tuple*) { return partial_of(a[0]).func; }
Value partial_args(const Value* a, std::size_t, const Tuple*) { return partial_of(a[0]).args; }
Value partial_keywords(const Value* a, std::size_t, const Tuple*) { return partial_of(a[0]).keywords; }

const char* const wrapper_assignments[] = {"__module__", "__name__", "__qualname__", "__doc__"};

// update_wrapper(wrapper, wrapped): wrapper takes wrapped's name, docstring, module and
// attributes, and __wrapped__ (assigned=/updated= are not taken).
Value update_wrapper(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("update_wrapper", kw);
    check_args("update_wrapper()", n, 2, 2);
    const Value &wrapper = a[0], &wrapped = a[1];
    for (const char* name : wrapper_assignments) {
        Value v;
        if (try_getattr(wrapped, name, v)) setattr(wrapper, name, v);
    }
    Value from, to;
    if (try_getattr(wrapped, "__dict__", from) && is(from, Kind::dict) && try_getattr(wrapper, "__dict__", to) &&
        is(to, Kind::dict))
        from.as<Dict>()->table.each([&](const HashTable::Entry& e) { to.as<Dict>()->table.insert(e.key, e.value); });
    setattr(wrapper, "__wrapped__", wrapped);
    return wrapper;
}

// wraps(wrapped): the decorator that update_wrapper(wrapper, wrapped)s what it decorates.
Value wraps_apply(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("wraps", kw);
    check_args("wraps()", n, 2, 2);  // the bound wrapped, then the wrapper
    Value both[] = {a[1], a[0]};
    return update_wrapper(both, 2, nullptr);
}
Value wraps(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("wraps", kw);
    check_args("wraps()", n, 1, 1);
    Value bound[] = {new_function("wraps", wraps_apply), a[0]};
    return ctor_partial(partial_type, bound, 2, nullptr);
}

// reduce(function, iterable[, initial])
Value reduce(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("reduce", kw);
    check_args("reduce()", n, 2, 3);
    Value it = iter(a[1]);
    Value acc, item;
    if (n == 3) acc = a[2];
    else if (!next(it, acc)) raise(exc::TypeError, "reduce() of empty iterable with no initial value");
    while (next(it, item)) acc = call(a[0], {acc, item});
    return acc;
}

}  // namespace

bool detail::apply_partial(Value& fn, std::vector<Value>& args, Value& kwnames) {
    if (!isinstance(fn, partial_type)) return false;
    PartialObject& p = partial_of(fn);
    const Tuple* kw = kwnames.is_none() ? nullptr : kwnames.as<Tuple>();
    const std::size_t given_kw = kw ? kw->items.size() : 0, npos = args.size() - given_kw;
    const auto& stored = p.args.as<Tuple>()->items;
    std::vector<Value> all(stored.begin(), stored.end());
    all.insert(all.end(), args.begin(), args.begin() + static_cast<std::ptrdiff_t>(npos));
    std::vector<Value> names;
    p.keywords.as<Dict>()->table.each([&](const HashTable::Entry& e) {
        for (std::size_t i = 0; i < given_kw; ++i)
            if (eq(kw->items[i], e.key)) return;  // the call's own value wins
        names.push_back(e.key);
        all.push_back(e.value);
    });
    for (std::size_t i = 0; i < given_kw; ++i) {
        names.push_back(kw->items[i]);
        all.push_back(args[npos + i]);
    }
    Value func = p.func;  // fn may hold the last reference to p
    args = std::move(all);
    kwnames = names.empty() ? Value() : new_tuple(std::move(names));
    fn = std::move(func);
    return true;
}

Value detail::unwrap_partial(Value v) {
    while (isinstance(v, partial_type)) v = partial_of(v).func;
    return v;
}

void init_functools(Dict& ns) {
    static bool typed = false;
    if (!typed) {
        typed = true;
        partial_type.module = "functools";
        def_method(partial_type, "__call__", partial_call);
        def_method(partial_type, "__repr__", partial_repr);
        def_getter(partial_type, "func", partial_func);
        def_getter(partial_type, "args", partial_args);
        def_getter(partial_type, "keywords", partial_keywords);
    }
    ns.table.insert(new_str("partial"), Value(&partial_type));
    ns.table.insert(new_str("update_wrapper"), new_function("update_wrapper", update_wrapper));
    ns.table.insert(new_str("wraps"), new_function("wraps", wraps));
    ns.table.insert(new_str("reduce"), new_function("reduce", reduce));
    std::vector<Value> names;
    for (const char* name : wrapper_assignments) names.push_back(new_str(name));
    ns.table.insert(new_str("WRAPPER_ASSIGNMENTS"), new_tuple(std::move(names)));
    ns.table.insert(new_str("WRAPPER_UPDATES"), new_tuple({new_str("__dict__")}));
}

}  // namespace aio::py
