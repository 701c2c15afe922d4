// Operators and protocols: truth, hashing, equality and ordering, `in`, subscripts, iteration.
#include "python/detail.hpp"
#include "python/operator_names.hpp"

#include <algorithm>

namespace aio::py {

using namespace detail;

const char* symbol(BinOp op) noexcept {
    static const char* const names[] = {"+", "-", "*", "@", "/", "//", "%", "** or pow()", "<<", ">>", "&", "|", "^"};
    return names[static_cast<int>(op)];
}

const char* symbol(CmpOp op) noexcept {
    static const char* const names[] = {"<", "<=", "==", "!=", ">", ">="};
    return names[static_cast<int>(op)];
}

bool user_instance(const Value& v) { return is(v, Kind::instance) || is(v, Kind::exception) || python_subclass(v); }

bool python_subclass(const Value& v) {
    if (!v.is_object()) return false;
    const Type* t = v.obj()->type;
    return !t->mro.empty() && t->kind != Kind::instance && t->kind != Kind::exception;
}

// Protocols of objects the VM makes (instances of Python classes, generators): the special
// method from their class, called with self first; false when the class has none.
bool dunder(const Value& self, const char* name, std::initializer_list<Value> args, Value& out) {
    if (!self.is_object()) return false;
    Kind k = self.obj()->type->kind;
    if (k != Kind::instance && k != Kind::object && k != Kind::exception && !python_subclass(self)) return false;
    const Value* m = self.obj()->type->lookup(name);
    // builtin default: a builtin type's method, or object's (__repr__, __eq__, ...) for any object
    if (!m || (is(*m, Kind::function) && (k != Kind::object || builtin_method_of(m, object_type)))) return false;
    std::vector<Value> all{self};
    all.insert(all.end(), args.begin(), args.end());
    out = call(*m, all.data(), all.size());
    return true;
}

const Value* user_method(const Value& v, const char* name) {
    if (!v.is_object()) return nullptr;
    Kind k = v.obj()->type->kind;
    if (k != Kind::instance && k != Kind::exception && !python_subclass(v)) return nullptr;
    const Value* m = v.obj()->type->lookup(name);
    return m && !is(*m, Kind::function) ? m : nullptr;
}

bool truthy(const Value& v) {
    switch (v.tag()) {
    case Tag::none: return false;
    case Tag::boolean:
    case Tag::integer: return v.as_int() != 0;
    case Tag::real: return v.as_float() != 0.0;
    case Tag::object: break;
    }
    switch (v.obj()->type->kind) {
    case Kind::str: return v.as<Str>()->length != 0;
    case Kind::bytes:
    case Kind::list:
    case Kind::tuple:
    case Kind::dict:
    case Kind::set:
    case Kind::frozenset:
    case Kind::range:
    case Kind::dict_view: return len(v) != 0;
    default: {
        Value r;
        if (dunder(v, "__bool__", {}, r)) return truthy(r);
        if (dunder(v, "__len__", {}, r)) return truthy(r);
        return is_boxed_number(v) ? truthy(unboxed(v)) : true;
    }
    }
}

namespace {

std::int64_t bytes_hash(std::string_view s) noexcept {  // FNV-1a (CPython's siphash is randomized anyway)
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    auto r = static_cast<std::int64_t>(h >> 1);
    return r == -1 ? -2 : r;
}

// CPython's tuplehash (xxHash-based).
std::int64_t tuple_hash(const std::vector<Value>& items) {
    constexpr std::uint64_t p1 = 11400714785074694791ull, p2 = 14029467366897019727ull,
                            p5 = 2870177450012600261ull;
    std::uint64_t acc = p5;
    for (auto& x : items) {
        acc += static_cast<std::uint64_t>(hash(x)) * p2;
        acc = (acc << 31) | (acc >> 33);
        acc *= p1;
    }
    acc += items.size() ^ (p5 ^ 3527539ull);
    if (acc == static_cast<std::uint64_t>(-1)) return 1546275796;
    return static_cast<std::int64_t>(acc);
}

[[noreturn]] void unhashable(const Value& v) { raise(exc::TypeError, "unhashable type: '" + tp_name(type_of(v)) + "'"); }

// What a Python __hash__ returned, as CPython's slot_tp_hash takes it: an int (or an int
// subclass, bool) as it is, except that -1 (the C error value) becomes -2; anything else is a
// TypeError. So `hash(obj) == hash((x, y))` when __hash__ returns hash((x, y)).
std::int64_t hash_result(const Value& r) {
    const Value& n = unboxed(r);
    if (!n.is_intlike()) raise(exc::TypeError, "__hash__ method should return an integer");
    return n.as_int() == -1 ? -2 : n.as_int();
}

bool same_or_eq(const Value& a, const Value& b) {
    if (a.is_object() && a.is(b)) return true;
    return eq(a, b);
}

[[noreturn]] void unorderable(CmpOp op, const Value& a, const Value& b) {
    raise(exc::TypeError, std::string("'") + symbol(op) + "' not supported between instances of '" +
                              type_name(a) + "' and '" + type_name(b) + "'");
}

bool apply(CmpOp op, int c) {
    switch (op) {
    case CmpOp::lt: return c < 0;
    case CmpOp::le: return c <= 0;
    case CmpOp::eq: return c == 0;
    case CmpOp::ne: return c != 0;
    case CmpOp::gt: return c > 0;
    case CmpOp::ge: return c >= 0;
    }
    return false;
}

bool order(CmpOp op, const Value& a, const Value& b);

bool seq_order(CmpOp op, const std::vector<Value>& x, const std::vector<Value>& y) {
    std::size_t n = std::min(x.size(), y.size());
    for (std::size_t i = 0; i < n; ++i)
        if (!same_or_eq(x[i], y[i])) {
            if (op == CmpOp::eq) return false;
            if (op == CmpOp::ne) return true;
            return order(op, x[i], y[i]);
        }
    return apply(op, x.size() < y.size() ? -1 : x.size() > y.size());
}

bool is_set(Kind k) { return k == Kind::set || k == Kind::frozenset; }

bool subset(const HashTable& a, const HashTable& b) {
    if (a.used > b.used) return false;
    bool ok = true;
    a.each([&](const HashTable::Entry& e) {
        if (ok && !const_cast<HashTable&>(b).find(e.key, e.hash)) ok = false;
    });
    return ok;
}


// One operand's side of a comparison: what its Python-defined method for op returns (any
// object, as CPython: `a < b` need not be a bool), or for != without one the inverse of its
// __eq__ (object.__ne__; a builtin base keeps its own !=). False when it declines
// (NotImplemented) or has none.
bool compare_side(CmpOp op, const Value& self, const Value& other, Value& out) {
    Value r;
    if (!dunder(self, compare_names[static_cast<int>(op)], {other}, r)) {
        if (op != CmpOp::ne || python_subclass(self) || !dunder(self, "__eq__", {other}, r)) return false;
        if (is_not_implemented(r)) return false;
        out = Value::boolean(!truthy(r));
        return true;
    }
    if (is_not_implemented(r)) return false;
    out = std::move(r);
    return true;
}

// CPython's do_richcompare over the operands' methods: b's swapped one first when b's class is
// a proper subclass of a's, then a's, then b's swapped one; false when all decline.
bool compare_dunders(CmpOp op, const Value& a, const Value& b, Value& out) {
    static const CmpOp swapped[] = {CmpOp::gt, CmpOp::ge, CmpOp::eq, CmpOp::ne, CmpOp::lt, CmpOp::le};
    CmpOp reflected = swapped[static_cast<int>(op)];
    Type &ta = type_of(a), &tb = type_of(b);
    bool reflected_first = &ta != &tb && tb.is_subtype_of(ta);
    if (reflected_first && compare_side(reflected, b, a, out)) return true;
    if (compare_side(op, a, b, out)) return true;
    return !reflected_first && compare_side(reflected, b, a, out);
}

bool builtin_order(CmpOp op, const Value& a, const Value& b, bool dunders_tried);

// A comparison with a Python-defined operand: its methods' result, else for == and != the
// builtin equality when an operand's own method is the builtin one (a str, or a str subclass
// without the override) or identity, as CPython; else the builtin order.
Value user_compare(CmpOp op, const Value& a, const Value& b) {
    Value r;
    if (compare_dunders(op, a, b, r)) return r;
    if (op != CmpOp::eq && op != CmpOp::ne) return Value::boolean(builtin_order(op, a, b, true));
    const char* name = compare_names[static_cast<int>(op)];
    auto builtin_side = [&](const Value& v) { return !user_instance(v) || (python_subclass(v) && !user_method(v, name)); };
    bool same = builtin_side(a) || builtin_side(b) ? a.is(b) || builtin_eq(a, b) : a.is(b);
    return Value::boolean(same == (op == CmpOp::eq));
}

bool order(CmpOp op, const Value& a, const Value& b) {
    if ((a.is_object() || b.is_object()) && (user_instance(a) || user_instance(b)))  // its dunders first
        return truthy(user_compare(op, a, b));
    return builtin_order(op, a, b, false);
}

// The builtin types' comparisons (an int or float subclass by its number).
bool builtin_order(CmpOp op, const Value& a, const Value& b, bool dunders_tried) {
    if (op == CmpOp::eq) return eq(a, b);
    if (op == CmpOp::ne) return !eq(a, b);
    bool an = a.is_intlike() || a.is_float(), bn = b.is_intlike() || b.is_float();
    if (an && bn) {
        int c = num_cmp(a, b);
        return c != 2 && apply(op, c);
    }
    if (is_boxed_number(a) || is_boxed_number(b)) {
        const Value &x = unboxed(a), &y = unboxed(b);
        if ((x.is_intlike() || x.is_float()) && (y.is_intlike() || y.is_float())) {
            int c = num_cmp(x, y);
            return c != 2 && apply(op, c);
        }
    }
    Kind ka = kind_of(a), kb = kind_of(b);
    if (ka == Kind::str && kb == Kind::str) return apply(op, a.as<Str>()->s.compare(b.as<Str>()->s));
    if (ka == Kind::bytes && kb == Kind::bytes) return apply(op, a.as<Bytes>()->s.compare(b.as<Bytes>()->s));
    if (ka == Kind::list && kb == Kind::list) return seq_order(op, a.as<List>()->items, b.as<List>()->items);
    if (ka == Kind::tuple && kb == Kind::tuple) return seq_order(op, a.as<Tuple>()->items, b.as<Tuple>()->items);
    if (is_set(ka) && is_set(kb)) {
        auto& x = a.as<Set>()->table;
        auto& y = b.as<Set>()->table;
        switch (op) {
        case CmpOp::lt: return x.used < y.used && subset(x, y);
        case CmpOp::le: return subset(x, y);
        case CmpOp::gt: return x.used > y.used && subset(y, x);
        case CmpOp::ge: return subset(y, x);
        default: break;
        }
    }
    Value r;
    if (!dunders_tried && compare_dunders(op, a, b, r)) return truthy(r);
    unorderable(op, a, b);
}

}  // namespace

std::int64_t hash(const Value& v) {
    switch (v.tag()) {
    case Tag::none: return 0x5f3759df;
    case Tag::boolean:
    case Tag::integer: return int_hash(v.as_int());
    case Tag::real: return float_hash(v.as_float());
    case Tag::object: break;
    }
    if (v.obj()->type == &str_type) {  // the common key, its hash cached
        auto* s = static_cast<Str*>(v.obj());
        if (s->hash == -1) s->hash = bytes_hash(s->s);
        return s->hash;
    }
    if (user_instance(v))
        if (const Value* m = v.obj()->type->lookup("__hash__")) {
            if (m->is_none()) unhashable(v);  // __hash__ = None, or __eq__ defined without __hash__
            if (!is(*m, Kind::function)) return hash_result(call(*m, {v}));
        }
    return builtin_hash(v);
}

std::int64_t detail::identity_hash(const Value& v) {
    if (!v.is_object()) return hash(v);
    return static_cast<std::int64_t>(reinterpret_cast<std::uintptr_t>(v.obj()) >> 4);
}

// The hash of v's builtin type (a subclass's own __hash__ not consulted).
std::int64_t detail::builtin_hash(const Value& v) {
    if (!v.is_object()) return hash(v);
    switch (v.obj()->type->kind) {
    case Kind::integer:
    case Kind::real: return hash(unboxed(v));
    case Kind::str: {
        auto* s = v.as<Str>();
        if (s->hash == -1) s->hash = bytes_hash(s->s);
        return s->hash;
    }
    case Kind::bytes: return bytes_hash(v.as<Bytes>()->s);
    case Kind::tuple: return tuple_hash(v.as<Tuple>()->items);
    case Kind::frozenset: {
        std::uint64_t h = 1927868237ull;
        v.as<Set>()->table.each([&](const HashTable::Entry& e) {
            auto x = static_cast<std::uint64_t>(e.hash);
            h ^= ((x ^ (x << 16)) ^ 89869747ull) * 3644798167ull;
        });
        return static_cast<std::int64_t>(h >> 1);
    }
    case Kind::range: {
        auto* r = v.as<Range>();
        std::int64_t n = r->length();
        return tuple_hash({Value::integer(n), n ? Value::integer(r->start) : Value(), n > 1 ? Value::integer(r->step) : Value()});
    }
    case Kind::list:
    case Kind::dict:
    case Kind::set:
    case Kind::slice:
    case Kind::dict_view: unhashable(v);
    default: {
        Value r;
        if (dunder(v, "__hash__", {}, r)) return hash_result(r);
        return identity_hash(v);
    }
    }
}

std::int64_t len(const Value& v) {
    Value r;
    if (python_subclass(v) && dunder(v, "__len__", {}, r)) return r.as_int();
    return builtin_len(v);
}

std::int64_t builtin_len(const Value& v) {
    Value r;
    switch (kind_of(v)) {
    case Kind::str: return v.as<Str>()->length;
    case Kind::bytes: return static_cast<std::int64_t>(v.as<Bytes>()->s.size());
    case Kind::list: return static_cast<std::int64_t>(v.as<List>()->items.size());
    case Kind::tuple: return static_cast<std::int64_t>(v.as<Tuple>()->items.size());
    case Kind::dict: return static_cast<std::int64_t>(v.as<Dict>()->table.used);
    case Kind::set:
    case Kind::frozenset: return static_cast<std::int64_t>(v.as<Set>()->table.used);
    case Kind::range: return v.as<Range>()->length();
    case Kind::dict_view: return len(v.as<DictView>()->dict);
    default: {
        if (dunder(v, "__len__", {}, r)) return r.as_int();
        raise(exc::TypeError, "object of type '" + type_name(v) + "' has no len()");
    }
    }
}

bool eq(const Value& a, const Value& b) {
    bool an = a.is_intlike() || a.is_float(), bn = b.is_intlike() || b.is_float();
    if (an && bn) return num_eq(a, b);
    if (a.is(b)) return true;  // containers' shortcut (PyObject_RichCompareBool)
    if (user_instance(a) || user_instance(b)) return truthy(user_compare(CmpOp::eq, a, b));
    return !an && !bn && builtin_eq(a, b);
}

bool detail::same_items(const HashTable& x, HashTable& y) {
    if (x.used != y.used) return false;
    bool same = true;
    x.each([&](const HashTable::Entry& e) {
        if (!same) return;
        auto* f = y.find(e.key, e.hash);
        same = f && same_or_eq(e.value, f->value);
    });
    return same;
}

// == of two builtin values (a subclass's own __eq__ already tried).
bool detail::builtin_eq(const Value& a, const Value& b) {
    if (is_boxed_number(a) || is_boxed_number(b)) {
        const Value &x = unboxed(a), &y = unboxed(b);
        return (x.is_intlike() || x.is_float()) && (y.is_intlike() || y.is_float()) && num_eq(x, y);
    }
    Kind ka = kind_of(a), kb = kind_of(b);
    if (ka != kb && !(is_set(ka) && is_set(kb))) return false;
    switch (ka) {
    case Kind::str: {
        auto *x = a.as<Str>(), *y = b.as<Str>();
        return (x->hash == -1 || y->hash == -1 || x->hash == y->hash) && x->s == y->s;
    }
    case Kind::bytes: return a.as<Bytes>()->s == b.as<Bytes>()->s;
    case Kind::list: return seq_order(CmpOp::eq, a.as<List>()->items, b.as<List>()->items);
    case Kind::tuple: return seq_order(CmpOp::eq, a.as<Tuple>()->items, b.as<Tuple>()->items);
    case Kind::set:
    case Kind::frozenset: {
        auto& x = a.as<Set>()->table;
        auto& y = b.as<Set>()->table;
        return x.used == y.used && subset(x, y);
    }
    case Kind::dict: {
        for (const Value* side : {&a, &b})  // a builtin subtype's own == (OrderedDict's minds the order)
            if (const Type* t = side->obj()->type; t != &dict_type)
                if (const Value* m = t->lookup("__eq__"); m && !builtin_method_of(m, dict_type)) {
                    Value r = call(*m, {*side, side == &a ? b : a});
                    if (!is_not_implemented(r)) return truthy(r);
                }
        return same_items(a.as<Dict>()->table, b.as<Dict>()->table);
    }
    case Kind::range: {
        auto *x = a.as<Range>(), *y = b.as<Range>();
        std::int64_t n = x->length();
        if (n != y->length()) return false;
        if (n == 0) return true;
        if (x->start != y->start) return false;
        return n == 1 || x->step == y->step;
    }
    case Kind::slice: {
        auto *x = a.as<Slice>(), *y = b.as<Slice>();
        return eq(x->start, y->start) && eq(x->stop, y->stop) && eq(x->step, y->step);
    }
    default: {
        Value r;  // a builtin type's own __eq__ (deque)
        return ka == Kind::object && dunder(a, "__eq__", {b}, r) && !is_not_implemented(r) && truthy(r);
    }
    }
}

bool lt(const Value& a, const Value& b) { return order(CmpOp::lt, a, b); }

Value compare(CmpOp op, const Value& a, const Value& b) {
    if ((a.is_object() || b.is_object()) && (user_instance(a) || user_instance(b))) return user_compare(op, a, b);
    return Value::boolean(builtin_order(op, a, b, false));
}

bool contains(const Value& c, const Value& item) {
    Value r;
    if (python_subclass(c) && dunder(c, "__contains__", {item}, r)) return truthy(r);
    return builtin_contains(c, item);
}

bool builtin_contains(const Value& c, const Value& item) {
    switch (kind_of(c)) {
    case Kind::str:
        if (!is(item, Kind::str))
            raise(exc::TypeError, "'in <string>' requires string as left operand, not " + type_name(item));
        return c.as<Str>()->s.find(item.as<Str>()->s) != std::string::npos;
    case Kind::bytes:
        if (item.is_intlike() || is(item, Kind::integer)) {  // an int subclass by its number
            std::int64_t b = unboxed(item).as_int();
            if (b < 0 || b > 255) raise(exc::ValueError, "byte must be in range(0, 256)");
            return c.as<Bytes>()->s.find(static_cast<char>(b)) != std::string::npos;
        }
        if (!is(item, Kind::bytes))
            raise(exc::TypeError, "a bytes-like object is required, not '" + type_name(item) + "'");
        return c.as<Bytes>()->s.find(item.as<Bytes>()->s) != std::string::npos;
    case Kind::list:
        for (auto& x : c.as<List>()->items)
            if (same_or_eq(x, item)) return true;
        return false;
    case Kind::tuple:
        for (auto& x : c.as<Tuple>()->items)
            if (same_or_eq(x, item)) return true;
        return false;
    case Kind::dict: return c.as<Dict>()->table.find(item) != nullptr;
    case Kind::set:
    case Kind::frozenset: return c.as<Set>()->table.find(set_key(item)) != nullptr;
    case Kind::range: {
        auto* r = c.as<Range>();
        if (item.is_intlike()) {
            std::int64_t x = item.as_int();
            bool inside = r->step > 0 ? x >= r->start && x < r->stop : x <= r->start && x > r->stop;
            return inside && (x - r->start) % r->step == 0;
        }
        break;
    }
    case Kind::dict_view: {
        auto& table = c.as<DictView>()->dict.as<Dict>()->table;
        if (c.obj()->type == &dict_keys_type) return table.find(item) != nullptr;
        if (c.obj()->type == &dict_items_type) {
            if (!is(item, Kind::tuple) || item.as<Tuple>()->items.size() != 2) return false;
            auto* e = table.find(item.as<Tuple>()->items[0]);
            return e && same_or_eq(e->value, item.as<Tuple>()->items[1]);
        }
        break;
    }
    case Kind::iterator: break;
    default: {
        if (Value r; dunder(c, "__contains__", {item}, r)) return truthy(r);
        if (type_of(c).lookup("__iter__")) {
            bool found = false;
            for_each(c, [&](const Value& x) { found = found || same_or_eq(x, item); });
            return found;
        }
        raise(exc::TypeError, "argument of type '" + type_name(c) + "' is not iterable");
    }
    }
    bool found = false;
    Value it = iter(c), x;
    while (!found && next(it, x)) found = same_or_eq(x, item);
    return found;
}

// ---- subscripts ----

namespace {

[[noreturn]] void not_subscriptable(const Value& c) {
    raise(exc::TypeError, "'" + type_name(c) + "' object is not subscriptable");
}

template <class Get>
std::vector<Value> slice_items(const Slice& s, std::int64_t length, Get get) {
    std::int64_t b, e, st;
    std::int64_t n = s.indices(length, b, e, st);
    std::vector<Value> out;
    out.reserve(static_cast<std::size_t>(n));
    for (std::int64_t i = 0, k = b; i < n; ++i, k += st) out.push_back(get(k));
    return out;
}

std::int64_t checked_index(const Value& key, std::int64_t length, const char* what, const char* errname) {
    std::int64_t i = wrap_index(to_index(key, what), length);
    if (i < 0) raise(exc::IndexError, std::string(errname) + " out of range");
    return i;
}

}  // namespace

Value getitem(const Value& c, const Value& key) {
    if (kind_of(c) == Kind::instance || python_subclass(c)) {
        Value r;
        if (dunder(c, "__getitem__", {key}, r)) return r;
    }
    return builtin_getitem(c, key);
}

Value builtin_getitem(const Value& c, const Value& key) {
    Kind k = kind_of(c);
    bool sliced = is(key, Kind::slice);
    switch (k) {
    case Kind::list: {
        auto& items = c.as<List>()->items;
        auto n = static_cast<std::int64_t>(items.size());
        if (sliced) return new_list(slice_items(*key.as<Slice>(), n, [&](std::int64_t i) { return items[i]; }));
        return items[checked_index(key, n, "list", "list index")];
    }
    case Kind::tuple: {
        auto& items = c.as<Tuple>()->items;
        auto n = static_cast<std::int64_t>(items.size());
        if (sliced) return new_tuple(slice_items(*key.as<Slice>(), n, [&](std::int64_t i) { return items[i]; }));
        return items[checked_index(key, n, "tuple", "tuple index")];
    }
    case Kind::str: {
        auto* s = c.as<Str>();
        if (sliced) {
            std::int64_t b, e, st;
            std::int64_t n = key.as<Slice>()->indices(s->length, b, e, st);
            if (st == 1) {
                std::size_t from = byte_offset(*s, b), to = byte_offset(*s, b + n);
                return new_str(s->s.substr(from, to - from));
            }
            std::string out;
            for (std::int64_t i = 0, j = b; i < n; ++i, j += st) {
                std::size_t from = byte_offset(*s, j), to = byte_offset(*s, j + 1);
                out.append(s->s, from, to - from);
            }
            return new_str(std::move(out));
        }
        std::int64_t i;
        if (!index_value(key, i))
            raise(exc::TypeError, "string indices must be integers, not '" + type_name(key) + "'");
        i = wrap_index(i, s->length);
        if (i < 0) raise(exc::IndexError, "string index out of range");
        std::size_t from = byte_offset(*s, i), to = byte_offset(*s, i + 1);
        return new_str(s->s.substr(from, to - from));
    }
    case Kind::bytes: {
        auto& s = c.as<Bytes>()->s;
        auto n = static_cast<std::int64_t>(s.size());
        if (sliced) {
            std::string out;
            for (auto& b : slice_items(*key.as<Slice>(), n, [&](std::int64_t i) { return Value::integer(i); }))
                out.push_back(s[static_cast<std::size_t>(b.as_int())]);
            return Value(new Bytes(std::move(out)));
        }
        return Value::integer(static_cast<unsigned char>(s[checked_index(key, n, "byte", "index")]));
    }
    case Kind::range: {
        auto* r = c.as<Range>();
        if (sliced) {
            std::int64_t b, e, st;
            std::int64_t n = key.as<Slice>()->indices(r->length(), b, e, st);
            std::int64_t start = r->at(b), step = r->step * st;
            return Value(new Range(start, start + n * step, step));
        }
        return Value::integer(r->at(checked_index(key, r->length(), "range", "range object index")));
    }
    case Kind::dict: {
        auto* e = c.as<Dict>()->table.find(key);
        if (e) return e->value;
        if (c.obj()->type != &dict_type)  // a subclass's __missing__ (defaultdict's) supplies the value
            if (const Value* missing = c.obj()->type->lookup("__missing__")) return call(*missing, {c, key});
        raise(new_exception(exc::KeyError, {key}));
    }
    default: {
        Value r;  // a builtin type's own __getitem__ (contextvars.Context)
        if (k == Kind::object && dunder(c, "__getitem__", {key}, r)) return r;
        not_subscriptable(c);
    }
    }
}

void setitem(const Value& c, const Value& key, Value v) {
    switch (kind_of(c)) {
    case Kind::list: {
        auto& items = c.as<List>()->items;
        auto n = static_cast<std::int64_t>(items.size());
        if (!is(key, Kind::slice)) {
            std::int64_t i = wrap_index(to_index(key, "list"), n);
            if (i < 0) raise(exc::IndexError, "list assignment index out of range");
            items[static_cast<std::size_t>(i)] = std::move(v);
            return;
        }
        std::vector<Value> src = to_vector(v);
        std::int64_t b, e, st;
        std::int64_t count = key.as<Slice>()->indices(n, b, e, st);
        if (st == 1) {
            std::int64_t end = std::max(b, e);
            items.erase(items.begin() + b, items.begin() + end);
            items.insert(items.begin() + b, src.begin(), src.end());
            return;
        }
        if (static_cast<std::int64_t>(src.size()) != count)
            raise(exc::ValueError, "attempt to assign sequence of size " + std::to_string(src.size()) +
                                       " to extended slice of size " + std::to_string(count));
        for (std::int64_t i = 0, j = b; i < count; ++i, j += st) items[static_cast<std::size_t>(j)] = src[static_cast<std::size_t>(i)];
        return;
    }
    case Kind::dict: c.as<Dict>()->table.insert(key, std::move(v)); return;
    case Kind::str:
    case Kind::tuple:
    case Kind::bytes:
    case Kind::range:
        raise(exc::TypeError, "'" + type_name(c) + "' object does not support item assignment");
    default: {
        Value r;
        if (dunder(c, "__setitem__", {key, v}, r)) return;
        raise(exc::TypeError, "'" + type_name(c) + "' object does not support item assignment");
    }
    }
}

void delitem(const Value& c, const Value& key) {
    switch (kind_of(c)) {
    case Kind::list: {
        auto& items = c.as<List>()->items;
        auto n = static_cast<std::int64_t>(items.size());
        if (!is(key, Kind::slice)) {
            std::int64_t i = wrap_index(to_index(key, "list"), n);
            if (i < 0) raise(exc::IndexError, "list assignment index out of range");
            items.erase(items.begin() + i);
            return;
        }
        std::int64_t b, e, st;
        std::int64_t count = key.as<Slice>()->indices(n, b, e, st);
        std::vector<bool> drop(items.size());
        for (std::int64_t i = 0, j = b; i < count; ++i, j += st) drop[static_cast<std::size_t>(j)] = true;
        std::vector<Value> kept;
        for (std::size_t i = 0; i < items.size(); ++i)
            if (!drop[i]) kept.push_back(std::move(items[i]));
        items = std::move(kept);
        return;
    }
    case Kind::dict:
        if (!c.as<Dict>()->table.remove(key)) raise(new_exception(exc::KeyError, {key}));
        return;
    default: raise(exc::TypeError, "'" + type_name(c) + "' object doesn't support item deletion");
    }
}

std::int64_t Range::length() const noexcept {
    if (step > 0 && start < stop) return (stop - start - 1) / step + 1;
    if (step < 0 && start > stop) return (start - stop - 1) / (-step) + 1;
    return 0;
}

std::int64_t Slice::indices(std::int64_t length, std::int64_t& begin, std::int64_t& end,
                            std::int64_t& stride) const {
    auto bound = [](const Value& v) {
        std::int64_t i;
        if (index_value(v, i)) return i;
        raise(exc::TypeError, "slice indices must be integers or None or have an __index__ method");
    };
    stride = step.is_none() ? 1 : bound(step);
    if (stride == 0) raise(exc::ValueError, "slice step cannot be zero");
    auto clamp = [&](const Value& v, std::int64_t dflt) {
        if (v.is_none()) return dflt;
        std::int64_t i = bound(v);
        if (i < 0) {
            i += length;
            if (i < 0) i = stride < 0 ? -1 : 0;
        } else if (i >= length) {
            i = stride < 0 ? length - 1 : length;
        }
        return i;
    };
    begin = clamp(start, stride < 0 ? length - 1 : 0);
    end = clamp(stop, stride < 0 ? -1 : length);
    if (stride < 0) return end < begin ? (begin - end - 1) / (-stride) + 1 : 0;
    return begin < end ? (end - begin - 1) / stride + 1 : 0;
}

// ---- iteration ----

namespace {

// iter(v); `unpacking` words a non-iterable v as CPython's `a, b = v` does.
Value iter_of(const Value& v, bool unpacking) {
    Type* t = nullptr;
    switch (kind_of(v)) {
    case Kind::list: t = &list_iterator_type; break;
    case Kind::tuple: t = &tuple_iterator_type; break;
    case Kind::str: t = &str_iterator_type; break;
    case Kind::bytes: t = &bytes_iterator_type; break;
    case Kind::range: t = &range_iterator_type; break;
    case Kind::dict: t = &dict_keyiterator_type; break;
    case Kind::set:
    case Kind::frozenset: t = &set_iterator_type; break;
    case Kind::dict_view: {
        Type* vt = v.obj()->type;
        t = vt == &dict_keys_type ? &dict_keyiterator_type
          : vt == &dict_values_type ? &dict_valueiterator_type : &dict_itemiterator_type;
        auto* it = new SeqIterator(t, v.as<DictView>()->dict);
        auto& table = it->source.as<Dict>()->table;
        it->version = table.version;
        it->used = table.used;
        return Value(it);
    }
    case Kind::iterator: return v;
    default: {
        Value r;
        if (dunder(v, "__iter__", {}, r)) return r;
        raise(exc::TypeError, unpacking ? "cannot unpack non-iterable " + type_name(v) + " object"
                                        : "'" + type_name(v) + "' object is not iterable");
    }
    }
    auto* it = new SeqIterator(t, v);
    if (t == &dict_keyiterator_type || t == &set_iterator_type) {
        auto& table = t == &set_iterator_type ? v.as<Set>()->table : v.as<Dict>()->table;
        it->version = table.version;
        it->used = table.used;
    }
    return Value(it);
}

}  // namespace

Value iter(const Value& v) { return iter_of(v, false); }
Value unpack_iter(const Value& v) { return iter_of(v, true); }

bool next(const Value& iterator, Value& out) {
    if (!is(iterator, Kind::iterator) && type_of(iterator).lookup("__next__")) {
        try {
            out = call_method(iterator, "__next__", {});
            return true;
        } catch (const Error& e) {
            if (isinstance(e.exc, exc::StopIteration)) return false;
            throw;
        }
    }
    if (!is(iterator, Kind::iterator))
        raise(exc::TypeError, "'" + type_name(iterator) + "' object is not an iterator");
    if (auto* step = iterator.obj()->type->iternext) return step(iterator, out);
    auto* it = iterator.as<SeqIterator>();
    Type* t = it->type;
    const Value& src = it->source;
    if (src.is_none()) return false;  // exhausted iterators stay exhausted
    auto done = [&] {
        it->source = Value();
        return false;
    };
    if (t == &list_iterator_type || t == &tuple_iterator_type) {
        auto& items = t == &list_iterator_type ? src.as<List>()->items : src.as<Tuple>()->items;
        if (it->pos >= static_cast<std::int64_t>(items.size())) return done();
        out = items[static_cast<std::size_t>(it->pos++)];
        return true;
    }
    if (t == &str_iterator_type) {
        auto& s = src.as<Str>()->s;
        if (it->pos >= static_cast<std::int64_t>(s.size())) return done();
        std::size_t from = static_cast<std::size_t>(it->pos), to = from;
        decode_utf8(s, to);
        out = new_str(s.substr(from, to - from));
        it->pos = static_cast<std::int64_t>(to);
        return true;
    }
    if (t == &bytes_iterator_type) {
        auto& s = src.as<Bytes>()->s;
        if (it->pos >= static_cast<std::int64_t>(s.size())) return done();
        out = Value::integer(static_cast<unsigned char>(s[static_cast<std::size_t>(it->pos++)]));
        return true;
    }
    if (t == &range_iterator_type) {
        auto* r = src.as<Range>();
        if (it->pos >= r->length()) return done();
        out = Value::integer(r->at(it->pos++));
        return true;
    }
    // dict and set iterators walk the entries in insertion order
    bool is_set_it = t == &set_iterator_type;
    auto& table = is_set_it ? src.as<Set>()->table : src.as<Dict>()->table;
    if (table.used != it->used) {
        it->used = static_cast<std::size_t>(-1);  // stays broken like CPython's
        raise(exc::RuntimeError, is_set_it ? "Set changed size during iteration"
                                           : "dictionary changed size during iteration");
    }
    if (table.version != it->version && !is_set_it) {
        it->version = table.version;  // CPython reports a changed key set once
        raise(exc::RuntimeError, "dictionary keys changed during iteration");
    }
    while (it->pos < static_cast<std::int64_t>(table.entries.size()) && !table.entries[static_cast<std::size_t>(it->pos)].live) ++it->pos;
    if (it->pos >= static_cast<std::int64_t>(table.entries.size())) return done();
    auto& e = table.entries[static_cast<std::size_t>(it->pos++)];
    if (t == &dict_valueiterator_type) out = e.value;
    else if (t == &dict_itemiterator_type) out = new_tuple({e.key, e.value});
    else out = e.key;
    return true;
}

std::vector<Value> to_vector(const Value& iterable) {
    switch (kind_of(iterable)) {
    case Kind::list: return iterable.as<List>()->items;
    case Kind::tuple: return iterable.as<Tuple>()->items;
    default: break;
    }
    std::vector<Value> out;
    for_each(iterable, [&](const Value& x) { out.push_back(x); });
    return out;
}

}  // namespace aio::py
