// collections.Counter: a dict of counts (tallying results: `Counter(r.status for r in results)`).
// Native, a dict subtype with no state of its own; its methods follow CPython 3.11's
// Lib/collections/__init__.py, so counts add with + and tie order is insertion order.
#include "python/builtins.hpp"
#include "python/detail.hpp"

#include <algorithm>

namespace aio::py {

using namespace detail;

namespace {

Value ctor_counter(Type&, const Value*, std::size_t, const Tuple*);
Type counter_type("Counter", &dict_type, Kind::dict, ctor_counter);

HashTable& counts(const Value& self) { return self.as<Dict>()->table; }

Value count_of(HashTable& t, const Value& key) {
    const HashTable::Entry* e = t.find(key);
    return e ? e->value : Value::integer(0);
}

// update/subtract(iterable=None, /, **kwds): a mapping's counts, or one per element, added to
// (sign +1) or taken from (-1) the counts there are.
void tally(const char* name, const Value* a, std::size_t n, const Tuple* kw, int sign) {
    if (n > 2)
        raise(exc::TypeError, std::string("Counter.") + name + "() takes from 1 to 2 positional arguments but " +
                                  std::to_string(n) + " were given");
    const Value& self = a[0];
    BinOp op = sign > 0 ? BinOp::add : BinOp::sub;
    auto add = [&](const Value& key, const Value& count) {
        Value now = count_of(counts(self), key);  // count_of's entry may move once arithmetic runs Python
        counts(self).insert(key, binary_op(op, now, count));
    };
    auto add_mapping = [&](const Value& mapping) {
        if (sign > 0 && counts(self).used == 0 && is(mapping, Kind::dict)) {  // a fast path in CPython too
            mapping.as<Dict>()->table.each([&](const HashTable::Entry& e) { counts(self).insert(e.key, e.value); });
            return;
        }
        for (const Value& key : to_vector(call_method(mapping, "keys", {}))) add(key, getitem(mapping, key));
    };
    if (n == 2 && !a[1].is_none()) {
        if (is(a[1], Kind::dict)) add_mapping(a[1]);  // CPython: a Mapping; dicts are the ones there are here
        else for_each(a[1], [&](const Value& x) { add(x, Value::integer(1)); });
    }
    if (kw) {
        Value given = new_dict();
        for (std::size_t i = 0; i < kw->items.size(); ++i) given.as<Dict>()->table.insert(kw->items[i], a[n + i]);
        add_mapping(given);
    }
}

Value ctor_counter(Type& t, const Value* a, std::size_t n, const Tuple* kw) {
    Value self(new WithAttrs<Dict>());  // a Counter takes attributes (CPython's is a Python class)
    self.obj()->type = &t;
    std::vector<Value> args{self};
    args.insert(args.end(), a, a + n + (kw ? kw->items.size() : 0));
    tally("__init__", args.data(), n + 1, kw, +1);
    return self;
}
Value c_init(const Value* a, std::size_t n, const Tuple* kw) {
    tally("__init__", a, n, kw, +1);
    return Value();
}
Value c_update(const Value* a, std::size_t n, const Tuple* kw) {
    tally("update", a, n, kw, +1);
    return Value();
}
Value c_subtract(const Value* a, std::size_t n, const Tuple* kw) {
    tally("subtract", a, n, kw, -1);
    return Value();
}
// c[missing] is 0, and not stored.
Value c_missing(const Value*, std::size_t n, const Tuple* kw) {
    slot_args(n - 1, 1, kw, "__missing__");
    return Value::integer(0);
}

// The (element, count) pairs, largest count first; equal counts keep insertion order.
std::vector<Value> by_count(const Value& self) {
    std::vector<Value> pairs;
    counts(self).each([&](const HashTable::Entry& e) { pairs.push_back(new_tuple({e.key, e.value})); });
    std::stable_sort(pairs.begin(), pairs.end(), [](const Value& x, const Value& y) {
        return truthy(compare(CmpOp::lt, y.as<Tuple>()->items[1], x.as<Tuple>()->items[1]));
    });
    return pairs;
}

// most_common(n=None)
Value c_most_common(const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("most_common", kw, {"n"});
    const std::size_t given = n - 1 + (kw ? kw->items.size() : 0);
    if (given > 1) raise(exc::TypeError, "Counter.most_common() takes from 1 to 2 positional arguments but " + std::to_string(given + 1) + " were given");
    const Value* limit = n > 1 ? &a[1] : kwarg(a, n, kw, "n");
    std::vector<Value> pairs = by_count(a[0]);
    if (limit && !limit->is_none()) {
        std::int64_t keep;
        if (!index_value(*limit, keep))  // what heapq.nlargest's `n >= size` raises
            raise(exc::TypeError, "'>=' not supported between instances of '" + type_name(*limit) + "' and 'int'");
        keep = std::max<std::int64_t>(0, keep);
        if (keep < static_cast<std::int64_t>(pairs.size())) pairs.resize(static_cast<std::size_t>(keep));
    }
    return new_list(std::move(pairs));
}

// elements(): each element as many times as its count (none for a count below 1).
Value c_elements(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("elements", kw);
    check_args("elements", n - 1, 0, 0);
    std::vector<Value> out;
    counts(a[0]).each([&](const HashTable::Entry& e) {
        for (std::int64_t i = 0, times = as_integer(e.value); i < times; ++i) out.push_back(e.key);
    });
    return iter(new_list(std::move(out)));
}

Value c_total(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("total", kw);
    check_args("total", n - 1, 0, 0);
    std::vector<Value> values;
    counts(a[0]).each([&](const HashTable::Entry& e) { values.push_back(e.value); });
    Value sum = Value::integer(0);
    for (const Value& v : values) sum = binary_op(BinOp::add, sum, v);
    return sum;
}

Value c_copy(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("copy", kw);
    check_args("copy", n - 1, 0, 0);
    return call(Value(a[0].obj()->type), {a[0]});
}

// Counter({'a': 3, 'b': 1}): most common first; Counter() when empty.
Value c_repr(const Value* a, std::size_t, const Tuple*) {
    const std::string& name = a[0].obj()->type->name;
    if (counts(a[0]).used == 0) return new_str(name + "()");
    Value ordered = new_dict();
    for (const Value& pair : by_count(a[0]))
        ordered.as<Dict>()->table.insert(pair.as<Tuple>()->items[0], pair.as<Tuple>()->items[1]);
    return new_str(name + "(" + repr(ordered) + ")");
}

}  // namespace

void init_counter(Dict& ns) {
    static bool typed = false;
    if (!typed) {
        typed = true;
        counter_type.module = "collections";
        def_method(counter_type, "__init__", c_init);
        def_method(counter_type, "update", c_update);
        def_method(counter_type, "subtract", c_subtract);
        def_method(counter_type, "__missing__", c_missing);
        def_method(counter_type, "most_common", c_most_common);
        def_method(counter_type, "elements", c_elements);
        def_method(counter_type, "total", c_total);
        def_method(counter_type, "copy", c_copy);
        def_method(counter_type, "__copy__", c_copy);
        def_method(counter_type, "__repr__", c_repr);
    }
    ns.table.insert(new_str("Counter"), Value(&counter_type));
}

}  // namespace aio::py
