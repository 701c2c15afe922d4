// The lazy builtins: enumerate, zip, map, filter, reversed (types, like CPython's, whose
// instances are iterators) and iter/next. Their next() is the Type::iternext slot.
#include "python/builtins.hpp"
#include "python/detail.hpp"

namespace aio::py {

using namespace detail;

namespace {

Value ctor_enumerate(Type&, const Value* a, std::size_t n, const Tuple* kw);
Value ctor_zip(Type&, const Value* a, std::size_t n, const Tuple* kw);
Value ctor_map(Type&, const Value* a, std::size_t n, const Tuple* kw);
Value ctor_filter(Type&, const Value* a, std::size_t n, const Tuple* kw);
Value ctor_reversed(Type&, const Value* a, std::size_t n, const Tuple* kw);

// One layout for all of them: the source iterators, a function, a counter.
struct LazyIter : Object {
    LazyIter(Type* t, std::vector<Value> its, Value f = {}, std::int64_t c = 0)
        : Object(t), iters(std::move(its)), fn(std::move(f)), count(c) {}
    std::vector<Value> iters;
    Value fn;           // map's function, filter's predicate (None: truth), zip: strict flag
    std::int64_t count;  // enumerate's next index; reverse iterators' next position
    bool done = false;
};

bool enumerate_next(const Value& self, Value& out) {
    auto* e = self.as<LazyIter>();
    Value x;
    if (!next(e->iters[0], x)) return false;
    out = new_tuple({Value::integer(e->count++), std::move(x)});
    return true;
}

bool zip_next(const Value& self, Value& out) {
    auto* z = self.as<LazyIter>();
    if (z->done || z->iters.empty()) return false;
    std::vector<Value> items(z->iters.size());
    for (std::size_t k = 0; k < z->iters.size(); ++k) {
        if (next(z->iters[k], items[k])) continue;
        z->done = true;
        if (!truthy(z->fn)) return false;
        // strict=True: every other iterator must be exhausted at the same point.
        if (k > 0)
            raise(exc::ValueError, "zip() argument " + std::to_string(k + 1) + " is shorter than argument" +
                                       (k == 1 ? " 1" : "s 1-" + std::to_string(k)));
        Value extra;
        for (std::size_t j = 1; j < z->iters.size(); ++j)
            if (next(z->iters[j], extra))
                raise(exc::ValueError, "zip() argument " + std::to_string(j + 1) + " is longer than argument" +
                                           (j == 1 ? " 1" : "s 1-" + std::to_string(j)));
        return false;
    }
    out = new_tuple(std::move(items));
    return true;
}

bool map_next(const Value& self, Value& out) {
    auto* m = self.as<LazyIter>();
    std::vector<Value> args(m->iters.size());
    for (std::size_t k = 0; k < m->iters.size(); ++k)
        if (!next(m->iters[k], args[k])) return false;
    out = call(m->fn, args.data(), args.size());
    return true;
}

bool filter_next(const Value& self, Value& out) {
    auto* f = self.as<LazyIter>();
    Value x;
    while (next(f->iters[0], x)) {
        bool keep = f->fn.is_none() ? truthy(x) : truthy(call(f->fn, {x}));
        if (keep) {
            out = std::move(x);
            return true;
        }
    }
    return false;
}

// reversed() over a list (re-checks the length each step, as the list may shrink).
bool list_reverse_next(const Value& self, Value& out) {
    auto* r = self.as<LazyIter>();
    if (r->done) return false;
    auto& items = r->iters[0].as<List>()->items;
    if (r->count < 0 || r->count >= static_cast<std::int64_t>(items.size())) {
        r->done = true;
        return false;
    }
    out = items[static_cast<std::size_t>(r->count--)];
    return true;
}

// reversed() over any sequence with len and indexing (tuple, str, bytes, ...).
bool sequence_reverse_next(const Value& self, Value& out) {
    auto* r = self.as<LazyIter>();
    if (r->done || r->count < 0) {
        r->done = true;
        return false;
    }
    out = getitem(r->iters[0], Value::integer(r->count--));
    return true;
}

// reversed() over a dict or one of its views: entries from the end.
bool dict_reverse_next(const Value& self, Value& out);

}  // namespace

Type enumerate_type("enumerate", &object_type, Kind::iterator, ctor_enumerate);
Type zip_type("zip", &object_type, Kind::iterator, ctor_zip);
Type map_type("map", &object_type, Kind::iterator, ctor_map);
Type filter_type("filter", &object_type, Kind::iterator, ctor_filter);
Type reversed_type("reversed", &object_type, Kind::iterator, ctor_reversed);
Type list_reverseiterator_type("list_reverseiterator", &object_type, Kind::iterator);
Type dict_reversekeyiterator_type("dict_reversekeyiterator", &object_type, Kind::iterator);
Type dict_reversevalueiterator_type("dict_reversevalueiterator", &object_type, Kind::iterator);
Type dict_reverseitemiterator_type("dict_reverseitemiterator", &object_type, Kind::iterator);
Type callable_iterator_type("callable_iterator", &object_type, Kind::iterator);

namespace {

bool callable_next(const Value& self, Value& out) {
    auto* c = self.as<LazyIter>();  // iters[0]: the sentinel
    if (c->done) return false;
    out = call(c->fn, nullptr, 0);
    if (eq(out, c->iters[0])) {
        c->done = true;
        return false;
    }
    return true;
}

bool dict_reverse_next(const Value& self, Value& out) {
    auto* r = self.as<LazyIter>();
    if (r->done) return false;
    auto& table = r->iters[0].as<Dict>()->table;
    if (static_cast<std::int64_t>(table.used) != r->fn.as_int()) {
        r->done = true;
        raise(exc::RuntimeError, "dictionary changed size during iteration");
    }
    while (r->count >= 0 && !table.entries[static_cast<std::size_t>(r->count)].live) --r->count;
    if (r->count < 0) {
        r->done = true;
        return false;
    }
    auto& e = table.entries[static_cast<std::size_t>(r->count--)];
    Type* t = self.obj()->type;
    out = t == &dict_reversekeyiterator_type     ? e.key
        : t == &dict_reversevalueiterator_type ? e.value
                                               : new_tuple({e.key, e.value});
    return true;
}

[[maybe_unused]] const bool slots_set = [] {
    enumerate_type.iternext = enumerate_next;
    zip_type.iternext = zip_next;
    map_type.iternext = map_next;
    filter_type.iternext = filter_next;
    reversed_type.iternext = sequence_reverse_next;
    list_reverseiterator_type.iternext = list_reverse_next;
    dict_reversekeyiterator_type.iternext = dict_reverse_next;
    dict_reversevalueiterator_type.iternext = dict_reverse_next;
    dict_reverseitemiterator_type.iternext = dict_reverse_next;
    callable_iterator_type.iternext = callable_next;
    return true;
}();

// enumerate(iterable, start=0)
Value ctor_enumerate(Type&, const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("enumerate", kw, {"iterable", "start"});
    std::size_t total = n + (kw ? kw->items.size() : 0);
    if (total > 2)
        raise(exc::TypeError, "enumerate() takes at most 2 arguments (" + std::to_string(total) + " given)");
    const Value* it = n >= 1 ? &a[0] : kwarg(a, n, kw, "iterable");
    const Value* start = n >= 2 ? &a[1] : kwarg(a, n, kw, "start");
    if (!it) raise(exc::TypeError, "enumerate() missing required argument 'iterable'");
    Value source = iter(*it);
    return Value(new LazyIter(&enumerate_type, {source}, Value(), start ? as_integer(*start) : 0));
}

// zip(*iterables, strict=False)
Value ctor_zip(Type&, const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("zip", kw, {"strict"});
    const Value* strict = kwarg(a, n, kw, "strict");
    std::vector<Value> its;
    for (std::size_t k = 0; k < n; ++k) its.push_back(iter(a[k]));
    return Value(new LazyIter(&zip_type, std::move(its), Value::boolean(strict && truthy(*strict))));
}

// map(function, iterable, *iterables)
Value ctor_map(Type&, const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("map", kw);
    if (n < 2) raise(exc::TypeError, "map() must have at least two arguments.");
    std::vector<Value> its;
    for (std::size_t k = 1; k < n; ++k) its.push_back(iter(a[k]));
    return Value(new LazyIter(&map_type, std::move(its), a[0]));
}

// filter(function or None, iterable)
Value ctor_filter(Type&, const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("filter", kw);
    check_args("filter", n, 2, 2);
    return Value(new LazyIter(&filter_type, {iter(a[1])}, a[0]));
}

Value ctor_reversed(Type&, const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("reversed", kw);
    if (n != 1) raise(exc::TypeError, "reversed expected 1 argument, got " + std::to_string(n));
    const Value& seq = a[0];
    switch (kind_of(seq)) {
    case Kind::list:
        return Value(new LazyIter(&list_reverseiterator_type, {seq}, Value(), len(seq) - 1));
    case Kind::range: {
        auto* r = seq.as<Range>();
        std::int64_t count = r->length();
        if (count == 0) return iter(Value(new Range(0, 0, 1)));
        std::int64_t last = r->at(count - 1);
        return iter(Value(new Range(last, last - count * r->step, -r->step)));
    }
    case Kind::dict:
    case Kind::dict_view: {
        Value d = is(seq, Kind::dict) ? seq : seq.as<DictView>()->dict;
        Type* vt = seq.obj()->type;
        Type* t = vt == &dict_values_type  ? &dict_reversevalueiterator_type
                : vt == &dict_items_type ? &dict_reverseitemiterator_type
                                         : &dict_reversekeyiterator_type;
        auto& table = d.as<Dict>()->table;
        return Value(new LazyIter(t, {d}, Value::integer(static_cast<std::int64_t>(table.used)),
                                  static_cast<std::int64_t>(table.entries.size()) - 1));
    }
    case Kind::tuple:
    case Kind::str:
    case Kind::bytes:
        return Value(new LazyIter(&reversed_type, {seq}, Value(), len(seq) - 1));
    default: break;
    }
    // Objects of user classes: __reversed__, else the sequence protocol.
    Type& t = type_of(seq);
    if (const Value* rev = t.lookup("__reversed__")) return call(*rev, {seq});
    if (t.lookup("__len__") && t.lookup("__getitem__"))
        return Value(new LazyIter(&reversed_type, {seq}, Value(), len(seq) - 1));
    raise(exc::TypeError, "'" + t.name + "' object is not reversible");
}

// iter(object) / iter(callable, sentinel)
Value b_iter(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("iter", kw);
    check_args("iter", n, 1, 2);
    if (n == 1) return iter(a[0]);
    if (!is_callable(a[0])) raise(exc::TypeError, "iter(v, w): v must be callable");
    return Value(new LazyIter(&callable_iterator_type, {a[1]}, a[0]));
}

// next(iterator[, default])
Value b_next(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("next", kw);
    check_args("next", n, 1, 2);
    Value out;
    if (next(a[0], out)) return out;
    if (n == 2) return a[1];
    raise(new_exception(exc::StopIteration, {}));
}

}  // namespace

void init_builtin_iterators(Dict& ns) {
    for (Type* t : {&enumerate_type, &zip_type, &map_type, &filter_type, &reversed_type})
        define(ns, t->name.c_str(), Value(t));
    define(ns, "iter", b_iter);
    define(ns, "next", b_next);
    init_async_builtins(ns);
}

}  // namespace aio::py
