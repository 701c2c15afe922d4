// collections.OrderedDict: a dict (dicts keep insertion order) with move_to_end, popitem from
// either end, an order-sensitive == between two of them, and its own repr. Native, a dict
// subtype without state of its own.
#include "python/builtins.hpp"
#include "python/detail.hpp"

namespace aio::py {

using namespace detail;

namespace {

Value ctor_ordereddict(Type&, const Value*, std::size_t, const Tuple*);
Type ordereddict_type("OrderedDict", &dict_type, Kind::dict, ctor_ordereddict);

HashTable& table_of(const Value& v) { return v.as<Dict>()->table; }

Value ctor_ordereddict(Type& t, const Value* a, std::size_t n, const Tuple* kw) {
    if (n > 1) raise(exc::TypeError, "expected at most 1 arguments, got " + std::to_string(n));
    Value self(new WithAttrs<Dict>());  // an OrderedDict takes attributes, as CPython's
    self.obj()->type = &t;
    call(getattr(self, "update"), a, n, kw);
    return self;
}

// The `last` argument of move_to_end / popitem (positional or keyword).
bool last_arg(const char* name, const Value* a, std::size_t n, const Tuple* kw, std::size_t at) {
    only_kwargs(name, kw, {"last"});
    const Value* last = n > at ? &a[at] : kwarg(a, n, kw, "last");
    return !last || truthy(*last);
}

// move_to_end(key, last=True): to the end, or with last=False to the front (the table rebuilt).
Value od_move_to_end(const Value* a, std::size_t n, const Tuple* kw) {
    if (n < 2) raise(exc::TypeError, "OrderedDict.move_to_end() missing required argument 'key' (pos 1)");
    check_args("move_to_end", n - 1, 1, 2);
    const bool last = last_arg("move_to_end", a, n, kw, 2);
    HashTable& t = table_of(a[0]);
    Value value;
    if (!t.remove(a[1], &value)) raise(new_exception(exc::KeyError, {a[1]}));
    if (last) {
        t.insert(a[1], value);
        return Value();
    }
    std::vector<std::pair<Value, Value>> rest;
    t.each([&](const HashTable::Entry& e) { rest.emplace_back(e.key, e.value); });
    t.clear();
    t.insert(a[1], value);
    for (auto& [k, v] : rest) t.insert(k, v);
    return Value();
}

// popitem(last=True): the (key, value) at the end, or at the front with last=False.
Value od_popitem(const Value* a, std::size_t n, const Tuple* kw) {
    check_args("popitem", n - 1, 0, 1);
    const bool last = last_arg("popitem", a, n, kw, 1);
    HashTable& t = table_of(a[0]);
    if (t.used == 0) raise(new_exception(exc::KeyError, {new_str("dictionary is empty")}));
    Value key;
    bool first = true;
    t.each([&](const HashTable::Entry& e) {
        if (last || first) key = e.key;
        first = false;
    });
    Value value;
    t.remove(key, &value);
    return new_tuple({key, value});
}

// Two OrderedDicts are equal with the same items in the same order; with a dict, as dicts.
Value od_eq(const Value* a, std::size_t n, const Tuple* kw) {
    slot_args(n - 1, 1, kw, "__eq__");
    if (!is(a[1], Kind::dict)) return not_implemented();
    if (!same_items(table_of(a[0]), table_of(a[1]))) return Value::boolean(false);
    if (!isinstance(a[1], ordereddict_type)) return Value::boolean(true);
    std::vector<Value> mine, theirs;
    table_of(a[0]).each([&](const HashTable::Entry& e) { mine.push_back(e.key); });
    table_of(a[1]).each([&](const HashTable::Entry& e) { theirs.push_back(e.key); });
    for (std::size_t i = 0; i < mine.size(); ++i)
        if (!eq(mine[i], theirs[i])) return Value::boolean(false);
    return Value::boolean(true);
}

// OrderedDict([('a', 1), ('b', 2)]) (3.11's form), OrderedDict() when empty.
Value od_repr(const Value* a, std::size_t, const Tuple*) {
    const std::string& name = a[0].obj()->type->name;
    if (table_of(a[0]).used == 0) return new_str(name + "()");
    ReprGuard guard(a[0].obj());
    if (!guard.active) return new_str("...");
    std::vector<Value> items;
    table_of(a[0]).each([&](const HashTable::Entry& e) { items.push_back(new_tuple({e.key, e.value})); });
    return new_str(name + "(" + repr(new_list(std::move(items))) + ")");
}

Value od_copy(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("copy", kw);
    check_args("copy", n - 1, 0, 0);
    return call(Value(a[0].obj()->type), {a[0]});
}

}  // namespace

void init_ordereddict(Dict& ns) {
    static bool typed = false;
    if (!typed) {
        typed = true;
        ordereddict_type.module = "collections";
        def_method(ordereddict_type, "move_to_end", od_move_to_end);
        def_method(ordereddict_type, "popitem", od_popitem);
        def_method(ordereddict_type, "__eq__", od_eq);
        def_method(ordereddict_type, "__repr__", od_repr);
        def_method(ordereddict_type, "copy", od_copy);
        def_method(ordereddict_type, "__copy__", od_copy);
    }
    ns.table.insert(new_str("OrderedDict"), Value(&ordereddict_type));
}

}  // namespace aio::py
