// The collections module, the parts asyncio code leans on: deque (a work list taken from the
// left, a bounded log of recent events: `deque(maxlen=100)`) and defaultdict (grouping results by
// key). Both native, as CPython's C ones, so their errors and reprs are CPython's.
#include "python/builtins.hpp"
#include "python/detail.hpp"

#include <algorithm>
#include <deque>

namespace aio::py {

using namespace detail;

void init_counter(Dict& ns);     // collections_counter.cpp
void init_namedtuple(Dict& ns);  // collections_namedtuple.cpp
void init_ordereddict(Dict& ns); // collections_ordereddict.cpp

namespace {

// ---- deque ----

struct DequeObject : Object {
    explicit DequeObject(Type* t) : Object(t) {}
    std::deque<Value> items;
    std::int64_t maxlen = -1;    // -1: unbounded
    std::uint64_t version = 0;   // bumped by every change, so an iterator sees it was mutated

    void push_back(Value v) {
        ++version;
        if (maxlen == 0) return;
        if (static_cast<std::int64_t>(items.size()) == maxlen) items.pop_front();
        items.push_back(std::move(v));
    }
    void push_front(Value v) {
        ++version;
        if (maxlen == 0) return;
        if (static_cast<std::int64_t>(items.size()) == maxlen) items.pop_back();
        items.push_front(std::move(v));
    }
};

struct DequeIterator : Object {
    DequeIterator(Type* t, Value d, std::uint64_t v) : Object(t), deque(std::move(d)), version(v) {}
    Value deque;
    std::uint64_t version;
    std::size_t pos = 0;
};

Value ctor_deque(Type&, const Value*, std::size_t, const Tuple*);
Type deque_type("deque", &object_type, Kind::object, ctor_deque);
Type deque_iterator_type("_deque_iterator", &object_type, Kind::iterator);

DequeObject& deque_of(const Value& v) { return *static_cast<DequeObject*>(v.obj()); }

// deque(iterable=(), maxlen=None)
Value ctor_deque(Type& t, const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("deque", kw, {"iterable", "maxlen"});
    const std::size_t given = n + (kw ? kw->items.size() : 0);
    if (given > 2) raise(exc::TypeError, "deque() takes at most 2 arguments (" + std::to_string(given) + " given)");
    const Value* iterable = n > 0 ? &a[0] : kwarg(a, n, kw, "iterable");
    const Value* maxlen = n > 1 ? &a[1] : kwarg(a, n, kw, "maxlen");
    auto* d = new DequeObject(&t);
    Value self(d);
    if (maxlen && !maxlen->is_none()) {
        if (!index_value(*maxlen, d->maxlen)) raise(exc::TypeError, "an integer is required");
        if (d->maxlen < 0) raise(exc::ValueError, "maxlen must be non-negative");
    }
    if (iterable) for_each(*iterable, [&](const Value& x) { d->push_back(x); });
    return self;
}

std::int64_t deque_index(const DequeObject& d, const Value& key) {
    std::int64_t i;
    if (!index_value(key, i)) raise(exc::TypeError, "sequence index must be integer, not '" + type_name(key) + "'");
    i = wrap_index(i, static_cast<std::int64_t>(d.items.size()));
    if (i < 0) raise(exc::IndexError, "deque index out of range");
    return i;
}

Value d_append(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("append", kw);
    check_args("append", n - 1, 1, 1);
    deque_of(a[0]).push_back(a[1]);
    return Value();
}
Value d_appendleft(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("appendleft", kw);
    check_args("appendleft", n - 1, 1, 1);
    deque_of(a[0]).push_front(a[1]);
    return Value();
}
// pop() / popleft(): the item at that end.
Value take(const Value* a, std::size_t n, const Tuple* kw, const char* name, bool left) {
    no_kwargs(name, kw);
    check_args(name, n - 1, 0, 0);
    DequeObject& d = deque_of(a[0]);
    if (d.items.empty()) raise(exc::IndexError, "pop from an empty deque");
    ++d.version;
    Value v = std::move(left ? d.items.front() : d.items.back());
    left ? d.items.pop_front() : d.items.pop_back();
    return v;
}
Value d_pop(const Value* a, std::size_t n, const Tuple* kw) { return take(a, n, kw, "pop", false); }
Value d_popleft(const Value* a, std::size_t n, const Tuple* kw) { return take(a, n, kw, "popleft", true); }
// extend/extendleft: the items taken first, so `d.extend(d)` doubles d as CPython's does.
Value add_all(const Value* a, std::size_t n, const Tuple* kw, const char* name, bool left) {
    no_kwargs(name, kw);
    check_args(name, n - 1, 1, 1);
    for (Value& x : to_vector(a[1])) left ? deque_of(a[0]).push_front(std::move(x)) : deque_of(a[0]).push_back(std::move(x));
    return Value();
}
Value d_extend(const Value* a, std::size_t n, const Tuple* kw) { return add_all(a, n, kw, "extend", false); }
Value d_extendleft(const Value* a, std::size_t n, const Tuple* kw) { return add_all(a, n, kw, "extendleft", true); }
Value d_clear(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("clear", kw);
    check_args("clear", n - 1, 0, 0);
    DequeObject& d = deque_of(a[0]);
    ++d.version;
    std::deque<Value> gone;
    gone.swap(d.items);  // released after d is consistent: a destructor may look at d
    return Value();
}
// rotate(n=1): n steps to the right (left when negative).
Value d_rotate(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("rotate", kw);
    check_args("rotate", n - 1, 0, 1);
    DequeObject& d = deque_of(a[0]);
    const auto size = static_cast<std::int64_t>(d.items.size());
    if (size < 2) return Value();
    std::int64_t steps = (n > 1 ? as_integer(a[1]) : 1) % size;
    if (steps < 0) steps += size;
    ++d.version;
    std::rotate(d.items.begin(), d.items.end() - steps, d.items.end());
    return Value();
}
Value d_reverse(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("reverse", kw);
    check_args("reverse", n - 1, 0, 0);
    DequeObject& d = deque_of(a[0]);
    ++d.version;
    std::reverse(d.items.begin(), d.items.end());
    return Value();
}
Value d_count(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("count", kw);
    check_args("count", n - 1, 1, 1);
    std::vector<Value> items(deque_of(a[0]).items.begin(), deque_of(a[0]).items.end());  // eq may mutate d
    return Value::integer(std::count_if(items.begin(), items.end(), [&](const Value& x) { return eq(x, a[1]); }));
}
// The position of the first item equal to x, or -1.
std::int64_t find(const Value& self, const Value& x) {
    std::vector<Value> items(deque_of(self).items.begin(), deque_of(self).items.end());
    for (std::size_t i = 0; i < items.size(); ++i)
        if (eq(items[i], x)) return static_cast<std::int64_t>(i);
    return -1;
}
Value d_index(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("index", kw);
    check_args("index", n - 1, 1, 1);
    std::int64_t i = find(a[0], a[1]);
    if (i < 0) raise(exc::ValueError, repr(a[1]) + " is not in deque");
    return Value::integer(i);
}
Value d_remove(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("remove", kw);
    check_args("remove", n - 1, 1, 1);
    std::int64_t i = find(a[0], a[1]);
    DequeObject& d = deque_of(a[0]);
    if (i < 0 || i >= static_cast<std::int64_t>(d.items.size())) raise(exc::ValueError, repr(a[1]) + " is not in deque");
    ++d.version;
    Value gone = std::move(d.items[static_cast<std::size_t>(i)]);
    d.items.erase(d.items.begin() + i);
    return Value();
}
Value d_copy(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("copy", kw);
    check_args("copy", n - 1, 0, 0);
    const DequeObject& d = deque_of(a[0]);
    auto* c = new DequeObject(d.type);
    Value out(c);
    c->items = d.items;
    c->maxlen = d.maxlen;
    return out;
}
Value d_maxlen(const Value* a, std::size_t, const Tuple*) {
    std::int64_t m = deque_of(a[0]).maxlen;
    return m < 0 ? Value() : Value::integer(m);
}
Value d_len(const Value* a, std::size_t, const Tuple*) {
    return Value::integer(static_cast<std::int64_t>(deque_of(a[0]).items.size()));
}
Value d_getitem(const Value* a, std::size_t n, const Tuple* kw) {
    slot_args(n - 1, 1, kw, "__getitem__");
    const DequeObject& d = deque_of(a[0]);
    return d.items[static_cast<std::size_t>(deque_index(d, a[1]))];
}
Value d_setitem(const Value* a, std::size_t n, const Tuple* kw) {
    slot_args(n - 1, 2, kw, "__setitem__");
    DequeObject& d = deque_of(a[0]);
    Value old = std::exchange(d.items[static_cast<std::size_t>(deque_index(d, a[1]))], a[2]);
    return Value();
}
Value d_contains(const Value* a, std::size_t n, const Tuple* kw) {
    slot_args(n - 1, 1, kw, "__contains__");
    return Value::boolean(find(a[0], a[1]) >= 0);
}
// deque == deque compares items in order; anything else is NotImplemented (so `deque == list` is False).
Value d_eq(const Value* a, std::size_t n, const Tuple* kw) {
    slot_args(n - 1, 1, kw, "__eq__");
    if (!isinstance(a[1], deque_type)) return not_implemented();
    std::vector<Value> x(deque_of(a[0]).items.begin(), deque_of(a[0]).items.end());
    std::vector<Value> y(deque_of(a[1]).items.begin(), deque_of(a[1]).items.end());
    return Value::boolean(x.size() == y.size() && std::equal(x.begin(), x.end(), y.begin(), eq));
}
// Mutable, so unhashable as list (CPython: __hash__ is None; a method here keeps hash() of other
// native objects free of a second lookup).
Value d_hash(const Value*, std::size_t, const Tuple*) {
    raise(exc::TypeError, "unhashable type: '" + tp_name(deque_type) + "'");
}
Value d_repr(const Value* a, std::size_t, const Tuple*) {
    const DequeObject& d = deque_of(a[0]);
    ReprGuard guard(a[0].obj());
    if (!guard.active) return new_str("[...]");
    std::string out = d.type->name + "([";
    std::vector<Value> items(d.items.begin(), d.items.end());
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + repr(items[i]);
    out += "]";
    if (d.maxlen >= 0) out += ", maxlen=" + std::to_string(d.maxlen);
    return new_str(out + ")");
}
Value d_iter(const Value* a, std::size_t, const Tuple*) {
    return Value(new DequeIterator(&deque_iterator_type, a[0], deque_of(a[0]).version));
}
bool deque_next(const Value& self, Value& out) {
    auto& it = *static_cast<DequeIterator*>(self.obj());
    if (it.deque.is_none()) return false;
    const DequeObject& d = deque_of(it.deque);
    if (d.version != it.version) {
        it.deque = Value();
        raise(exc::RuntimeError, "deque mutated during iteration");
    }
    if (it.pos >= d.items.size()) {
        it.deque = Value();
        return false;
    }
    out = d.items[it.pos++];
    return true;
}

// ---- defaultdict ----

struct DefaultDict : Dict {
    Value factory;  // None: a missing key is a KeyError, as a plain dict's
    Value attrs;
    // A class statement's subclass takes attributes (so new_instance keeps this layout); a
    // defaultdict itself does not, as CPython's.
    Value* attr_slot() noexcept override;
};

Value ctor_defaultdict(Type&, const Value*, std::size_t, const Tuple*);
Type defaultdict_type("defaultdict", &dict_type, Kind::dict, ctor_defaultdict);

DefaultDict& defaultdict_of(const Value& v) { return *static_cast<DefaultDict*>(v.obj()); }
Value* DefaultDict::attr_slot() noexcept { return type == &defaultdict_type ? nullptr : &attrs; }

// defaultdict(default_factory=None, /, *dict_args, **dict_kwargs): the factory, then dict's update.
// Both the constructor and __init__ (a subclass's `super().__init__(factory)`) do it.
void fill_defaultdict(const Value& self, const Value* a, std::size_t n, const Tuple* kw) {
    if (n > 0) {
        if (!a[0].is_none() && !is_callable(a[0])) raise(exc::TypeError, "first argument must be callable or None");
        defaultdict_of(self).factory = a[0];
        ++a;
        --n;
    }
    call(getattr(self, "update"), a, n, kw);
}
Value ctor_defaultdict(Type& t, const Value* a, std::size_t n, const Tuple* kw) {
    auto* d = new DefaultDict;
    d->type = &t;
    Value self(d);
    fill_defaultdict(self, a, n, kw);
    return self;
}
Value dd_init(const Value* a, std::size_t n, const Tuple* kw) {
    fill_defaultdict(a[0], a + 1, n - 1, kw);
    return Value();
}

// d[key] for a missing key: default_factory() stored under key.
Value dd_missing(const Value* a, std::size_t n, const Tuple* kw) {
    slot_args(n - 1, 1, kw, "__missing__");
    Value factory = defaultdict_of(a[0]).factory;
    if (factory.is_none()) raise(new_exception(exc::KeyError, {a[1]}));
    Value v = call(factory, {});
    setitem(a[0], a[1], v);
    return v;
}
Value dd_repr(const Value* a, std::size_t, const Tuple*) {
    const DefaultDict& d = defaultdict_of(a[0]);
    std::string body = builtin_repr(a[0]), factory = "...";
    if (!d.factory.is_object()) factory = repr(d.factory);
    else if (ReprGuard guard(d.factory.obj()); guard.active) factory = repr(d.factory);  // a factory that holds d
    return new_str(d.type->name + "(" + factory + ", " + body + ")");
}
Value dd_copy(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("copy", kw);
    check_args("copy", n - 1, 0, 0);
    Value args[] = {defaultdict_of(a[0]).factory, a[0]};
    return call(Value(a[0].obj()->type), args, 2);
}
Value dd_factory(const Value* a, std::size_t, const Tuple*) { return defaultdict_of(a[0]).factory; }
Value dd_set_factory(const Value* a, std::size_t, const Tuple*) {
    defaultdict_of(a[0]).factory = a[1];
    return Value();
}

}  // namespace

void init_collections(Dict& ns) {
    static bool typed = false;
    if (!typed) {
        typed = true;
        deque_type.module = "collections";
        def_method(deque_type, "append", d_append);
        def_method(deque_type, "appendleft", d_appendleft);
        def_method(deque_type, "pop", d_pop);
        def_method(deque_type, "popleft", d_popleft);
        def_method(deque_type, "extend", d_extend);
        def_method(deque_type, "extendleft", d_extendleft);
        def_method(deque_type, "clear", d_clear);
        def_method(deque_type, "rotate", d_rotate);
        def_method(deque_type, "reverse", d_reverse);
        def_method(deque_type, "count", d_count);
        def_method(deque_type, "index", d_index);
        def_method(deque_type, "remove", d_remove);
        def_method(deque_type, "copy", d_copy);
        def_method(deque_type, "__copy__", d_copy);
        def_getter(deque_type, "maxlen", d_maxlen);
        def_method(deque_type, "__len__", d_len);
        def_method(deque_type, "__getitem__", d_getitem);
        def_method(deque_type, "__setitem__", d_setitem);
        def_method(deque_type, "__contains__", d_contains);
        def_method(deque_type, "__eq__", d_eq);
        def_method(deque_type, "__repr__", d_repr);
        def_method(deque_type, "__iter__", d_iter);
        def_method(deque_type, "__hash__", d_hash);
        deque_iterator_type.module = "_collections";
        deque_iterator_type.iternext = deque_next;

        defaultdict_type.module = "collections";
        def_method(defaultdict_type, "__init__", dd_init);
        def_method(defaultdict_type, "__missing__", dd_missing);
        def_method(defaultdict_type, "__repr__", dd_repr);
        def_method(defaultdict_type, "copy", dd_copy);
        def_method(defaultdict_type, "__copy__", dd_copy);
        def_member(defaultdict_type, "default_factory", dd_factory, dd_set_factory);
    }
    ns.table.insert(new_str("deque"), Value(&deque_type));
    ns.table.insert(new_str("defaultdict"), Value(&defaultdict_type));
    init_counter(ns);
    init_namedtuple(ns);
    init_ordereddict(ns);
}

}  // namespace aio::py
