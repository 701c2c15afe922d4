// set and frozenset methods.
#include "python/detail.hpp"

namespace aio::py {

using namespace detail;

namespace {

HashTable& table(const Value& self) { return self.as<Set>()->table; }

Value copy_of(const Value& self, Type& t) {
    Value r = new_set(t);
    auto& out = table(r);
    table(self).each([&](const HashTable::Entry& e) { out.insert(e.key, e.hash, Value()); });
    return r;
}

// Any iterable as a set (operands of the named methods need not be sets).
Value as_set(const Value& v) {
    if (is(v, Kind::set) || is(v, Kind::frozenset)) return v;
    Value s = new_set();
    for_each(v, [&](const Value& x) { table(s).insert(x, Value()); });
    return s;
}

Type& kind_type(const Value& self) { return is(self, Kind::set) ? set_type : frozenset_type; }

}  // namespace

// CPython looks a set key up as the frozenset of its items (`set() in {frozenset()}`).
Value detail::set_key(const Value& key) { return is(key, Kind::set) ? copy_of(key, frozenset_type) : key; }

namespace {

Value m_add(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("set.add", kw);
    check_args("set.add", n - 1, 1, 1);
    table(a[0]).insert(a[1], Value());
    return Value();
}

Value m_discard(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("set.discard", kw);
    check_args("set.discard", n - 1, 1, 1);
    table(a[0]).remove(set_key(a[1]));
    return Value();
}

Value m_remove(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("set.remove", kw);
    check_args("set.remove", n - 1, 1, 1);
    if (!table(a[0]).remove(set_key(a[1]))) raise(new_exception(exc::KeyError, {a[1]}));
    return Value();
}

Value m_pop(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("set.pop", kw);
    check_args("set.pop", n - 1, 0, 0);
    auto& t = table(a[0]);
    for (auto& e : t.entries)
        if (e.live) {
            Value k = e.key;
            t.remove(k);
            return k;
        }
    raise(new_exception(exc::KeyError, {new_str("pop from an empty set")}));
}

Value m_clear(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("set.clear", kw);
    check_args("set.clear", n - 1, 0, 0);
    table(a[0]).clear();
    return Value();
}

Value m_copy(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("set.copy", kw);
    check_args("set.copy", n - 1, 0, 0);
    return copy_of(a[0], kind_type(a[0]));
}

// union/intersection/difference/symmetric_difference accept any iterables.
template <BinOp Op>
Value combine(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("set method", kw);
    Value r = copy_of(a[0], kind_type(a[0]));
    for (std::size_t i = 1; i < n; ++i) r = inplace_op(Op, r, as_set(a[i]));
    if (is(a[0], Kind::frozenset)) r = copy_of(r, frozenset_type);
    return r;
}

template <BinOp Op>
Value combine_update(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("set method", kw);
    for (std::size_t i = 1; i < n; ++i) inplace_op(Op, a[0], as_set(a[i]));
    return Value();
}

Value m_issubset(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("set.issubset", kw);
    check_args("set.issubset", n - 1, 1, 1);
    return compare(CmpOp::le, a[0], as_set(a[1]));
}

Value m_issuperset(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("set.issuperset", kw);
    check_args("set.issuperset", n - 1, 1, 1);
    return compare(CmpOp::ge, a[0], as_set(a[1]));
}

Value m_isdisjoint(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("set.isdisjoint", kw);
    check_args("set.isdisjoint", n - 1, 1, 1);
    bool disjoint = true;
    for_each(a[1], [&](const Value& x) { disjoint = disjoint && !table(a[0]).find(x); });
    return Value::boolean(disjoint);
}

}  // namespace

namespace detail {
void init_set_methods() {
    for (Type* t : {&set_type, &frozenset_type}) {
        def_method(*t, "copy", m_copy);
        def_method(*t, "union", combine<BinOp::or_>);
        def_method(*t, "intersection", combine<BinOp::and_>);
        def_method(*t, "difference", combine<BinOp::sub>);
        def_method(*t, "symmetric_difference", combine<BinOp::xor_>);
        def_method(*t, "issubset", m_issubset);
        def_method(*t, "issuperset", m_issuperset);
        def_method(*t, "isdisjoint", m_isdisjoint);
    }
    def_method(set_type, "add", m_add);
    def_method(set_type, "discard", m_discard);
    def_method(set_type, "remove", m_remove);
    def_method(set_type, "pop", m_pop);
    def_method(set_type, "clear", m_clear);
    def_method(set_type, "update", combine_update<BinOp::or_>);
    def_method(set_type, "intersection_update", combine_update<BinOp::and_>);
    def_method(set_type, "difference_update", combine_update<BinOp::sub>);
    def_method(set_type, "symmetric_difference_update", combine_update<BinOp::xor_>);
}
}  // namespace detail

}  // namespace aio::py
