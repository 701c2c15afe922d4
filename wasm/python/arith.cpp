// Binary and unary operators with CPython's results and error messages.
#include "python/detail.hpp"
#include "python/operator_names.hpp"

#include <algorithm>
#include <cstdint>

namespace aio::py {

using namespace detail;

// operator_names.hpp's tables.
const char* const forward_names[13] = {"__add__",      "__sub__", "__mul__",    "__matmul__", "__truediv__",
                                       "__floordiv__", "__mod__", "__pow__",    "__lshift__", "__rshift__",
                                       "__and__",      "__or__",  "__xor__"};
const char* const reflected_names[13] = {"__radd__",      "__rsub__", "__rmul__", "__rmatmul__", "__rtruediv__",
                                         "__rfloordiv__", "__rmod__", "__rpow__", "__rlshift__", "__rrshift__",
                                         "__rand__",      "__ror__",  "__rxor__"};
const char* const compare_names[6] = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};

namespace {

// `inplace` picks CPython's "+=" wording (pow keeps "** or pow()" only in the binary form).
[[noreturn]] void unsupported(BinOp op, const Value& a, const Value& b, bool inplace = false) {
    std::string sym = !inplace ? symbol(op) : op == BinOp::pow ? "**=" : std::string(symbol(op)) + "=";
    raise(exc::TypeError, "unsupported operand type(s) for " + sym + ": '" + type_name(a) + "' and '" +
                              type_name(b) + "'");
}

const char* const inplace_names[] = {"__iadd__",      "__isub__", "__imul__",    "__imatmul__", "__itruediv__",
                                     "__ifloordiv__", "__imod__", "__ipow__",    "__ilshift__", "__irshift__",
                                     "__iand__",      "__ior__",  "__ixor__"};

// The binary protocol (binary_dunders) with op's special methods.
bool user_binary(BinOp op, const Value& a, const Value& b, Value& out) {
    if (op == BinOp::mod && is(a, Kind::str)) return false;  // str % x formats x, as CPython
    auto i = static_cast<std::size_t>(op);
    return binary_dunders(forward_names[i], reflected_names[i], a, b, out);
}

bool is_seq(Kind k) { return k == Kind::str || k == Kind::list || k == Kind::tuple || k == Kind::bytes; }
bool is_set(Kind k) { return k == Kind::set || k == Kind::frozenset; }

}  // namespace

void detail::check_size(std::int64_t n) {
    if (n > (std::int64_t{1} << 28)) raise(new_exception(exc::MemoryError, {}));  // no args, as CPython
}

namespace {

Value repeat(const Value& seq, std::int64_t n) {
    if (n < 0) n = 0;
    std::size_t count = 0;
    // The count checked as a 64-bit number before it becomes a size_t (32 bits in wasm).
    auto check = [&](std::size_t size) {
        if (size == 0) n = 0;  // '' * 10**18 is '' at once, not 10**18 empty appends
        check_size(n > INT32_MAX ? n : n * static_cast<std::int64_t>(size));  // no overflow: size < 2**31
        count = static_cast<std::size_t>(n);
    };
    switch (kind_of(seq)) {
    case Kind::str: {
        auto& s = seq.as<Str>()->s;
        check(s.size());
        std::string out;
        out.reserve(s.size() * count);
        for (std::size_t i = 0; i < count; ++i) out += s;
        return new_str(std::move(out));
    }
    case Kind::bytes: {
        auto& s = seq.as<Bytes>()->s;
        check(s.size());
        std::string out;
        for (std::size_t i = 0; i < count; ++i) out += s;
        return Value(new Bytes(std::move(out)));
    }
    default: {
        const auto& items = kind_of(seq) == Kind::list ? seq.as<List>()->items : seq.as<Tuple>()->items;
        check(items.size());
        std::vector<Value> out;
        out.reserve(items.size() * count);
        for (std::size_t i = 0; i < count; ++i) out.insert(out.end(), items.begin(), items.end());
        return kind_of(seq) == Kind::list ? new_list(std::move(out)) : new_tuple(std::move(out));
    }
    }
}

// Set algebra into `out` (a fresh set of a's kind, or a itself in place).
void set_op(BinOp op, HashTable& out, const HashTable& a, const HashTable& b) {
    auto& bt = const_cast<HashTable&>(b);
    switch (op) {
    case BinOp::or_:
        b.each([&](const HashTable::Entry& e) { out.insert(e.key, e.hash, Value()); });
        break;
    case BinOp::and_: {
        std::vector<Value> drop;
        a.each([&](const HashTable::Entry& e) {
            if (!bt.find(e.key, e.hash)) drop.push_back(e.key);
        });
        for (auto& k : drop) out.remove(k);
        break;
    }
    case BinOp::sub:
        b.each([&](const HashTable::Entry& e) { out.remove(e.key); });
        break;
    case BinOp::xor_:
        b.each([&](const HashTable::Entry& e) {
            if (!out.remove(e.key)) out.insert(e.key, e.hash, Value());
        });
        break;
    default: break;
    }
}

// The builtin types' operators (user dunders already tried).
Value builtin_binary(BinOp op, const Value& a, const Value& b, bool inplace) {
    Kind ka = kind_of(a), kb = kind_of(b);
    switch (op) {
    case BinOp::add:
        if (ka == Kind::str && kb == Kind::str) return new_str(a.as<Str>()->s + b.as<Str>()->s);
        if (ka == Kind::list && kb == Kind::list) {
            std::vector<Value> items = a.as<List>()->items;
            auto& more = b.as<List>()->items;
            items.insert(items.end(), more.begin(), more.end());
            return new_list(std::move(items));
        }
        if (ka == Kind::tuple && kb == Kind::tuple) {
            std::vector<Value> items = a.as<Tuple>()->items;
            auto& more = b.as<Tuple>()->items;
            items.insert(items.end(), more.begin(), more.end());
            return new_tuple(std::move(items));
        }
        if (ka == Kind::bytes && kb == Kind::bytes) return Value(new Bytes(a.as<Bytes>()->s + b.as<Bytes>()->s));
        if (ka == Kind::str || ka == Kind::list || ka == Kind::tuple) {
            const Type* t = &type_of(a);
            while (!t->mro.empty()) t = t->base;  // CPython names the builtin, not a subclass
            raise(exc::TypeError, "can only concatenate " + t->name + " (not \"" + type_name(b) + "\") to " + t->name);
        }
        if (ka == Kind::bytes) raise(exc::TypeError, "can't concat " + type_name(b) + " to bytes");
        break;
    case BinOp::mul:
        if (is_seq(ka) || is_seq(kb)) {
            const Value& seq = is_seq(ka) ? a : b;
            const Value& n = is_seq(ka) ? b : a;
            std::int64_t count;
            if (!index_value(n, count))
                raise(exc::TypeError, "can't multiply sequence by non-int of type '" + type_name(n) + "'");
            return repeat(seq, count);
        }
        break;
    case BinOp::mod:
        if (ka == Kind::str) return new_str(percent_format(*a.as<Str>(), b));
        break;
    case BinOp::or_:
        if (ka == Kind::dict && kb == Kind::dict) {
            Value d = new_dict();
            auto& t = d.as<Dict>()->table;
            a.as<Dict>()->table.each([&](const HashTable::Entry& e) { t.insert(e.key, e.hash, e.value); });
            b.as<Dict>()->table.each([&](const HashTable::Entry& e) { t.insert(e.key, e.hash, e.value); });
            return d;
        }
        [[fallthrough]];
    case BinOp::and_:
    case BinOp::sub:
    case BinOp::xor_:
        if (is_set(ka) && is_set(kb)) {
            Value r = new_set(ka == Kind::set ? set_type : frozenset_type);
            auto& t = r.as<Set>()->table;
            a.as<Set>()->table.each([&](const HashTable::Entry& e) { t.insert(e.key, e.hash, Value()); });
            set_op(op, t, a.as<Set>()->table, b.as<Set>()->table);
            return r;
        }
        break;
    default: break;
    }
    unsupported(op, a, b, inplace);
}

}  // namespace

// CPython's binary_op1 when an operand is a user-class instance: the left's method, then the
// right's reflected one (first instead when the right's class is a subclass of the left's that
// overrides it). False when neither exists or both return NotImplemented.
bool binary_dunders(const char* forward, const char* reflected, const Value& a, const Value& b, Value& out) {
    if (!user_instance(a) && !user_instance(b)) return false;
    Type &ta = type_of(a), &tb = type_of(b);
    const Value* left = user_method(a, forward);
    const Value* right = &ta == &tb ? nullptr : user_method(b, reflected);
    auto attempt = [&](const Value* m, const Value& self, const Value& other) {
        out = call(*m, {self, other});
        return !is_not_implemented(out);
    };
    if (left && right && tb.is_subtype_of(ta)) {
        const Value* inherited = ta.lookup(reflected);
        if (!inherited || !inherited->is(*right)) {
            if (attempt(right, b, a)) return true;
            right = nullptr;
        }
    }
    if (left && attempt(left, a, b)) return true;
    return right && attempt(right, b, a);
}

namespace {
// An int or float subclass without the operator's method: int's or float's (a plain number).
bool boxed_binary(BinOp op, const Value& a, const Value& b, Value& out) {
    return (is_boxed_number(a) || is_boxed_number(b)) && numeric_binary(op, unboxed(a), unboxed(b), out);
}
}  // namespace

Value binary_op(BinOp op, const Value& a, const Value& b) {
    Value out;
    if (numeric_binary(op, a, b, out) || user_binary(op, a, b, out) || boxed_binary(op, a, b, out)) return out;
    return builtin_binary(op, a, b, false);
}

// CPython's order: a's __iop__, then the binary protocol, then the builtin in-place forms.
Value inplace_op(BinOp op, const Value& a, const Value& b) {
    Value out;
    if (numeric_binary(op, a, b, out)) return out;
    if (const Value* m = user_method(a, inplace_names[static_cast<std::size_t>(op)])) {
        out = call(*m, {a, b});
        if (!is_not_implemented(out)) return out;
    }
    if (user_binary(op, a, b, out) || boxed_binary(op, a, b, out)) return out;
    Kind ka = kind_of(a), kb = kind_of(b);
    if (ka == Kind::list && op == BinOp::add) {
        std::vector<Value> more = to_vector(b);
        auto& items = a.as<List>()->items;
        items.insert(items.end(), more.begin(), more.end());
        return a;
    }
    if (ka == Kind::list && op == BinOp::mul && b.is_intlike()) {
        a.as<List>()->items = repeat(a, b.as_int()).as<List>()->items;
        return a;
    }
    if (ka == Kind::set && is_set(kb) &&
        (op == BinOp::or_ || op == BinOp::and_ || op == BinOp::sub || op == BinOp::xor_)) {
        auto& t = a.as<Set>()->table;
        if (a.is(b)) return binary_op(op, a, b);
        set_op(op, t, t, b.as<Set>()->table);
        return a;
    }
    if (ka == Kind::dict && op == BinOp::or_) {
        call_method(a, "update", {b});
        return a;
    }
    return builtin_binary(op, a, b, true);
}

Value unary_op(UnOp op, const Value& a) {
    if (op == UnOp::not_) return Value::boolean(!truthy(a));
    if (a.is_intlike()) {
        std::int64_t i = a.as_int();
        switch (op) {
        case UnOp::neg:
            if (i == INT64_MIN) raise(exc::OverflowError, "integer result does not fit in 64 bits (aio's int is 64-bit)");
            return Value::integer(-i);
        case UnOp::pos: return Value::integer(i);
        case UnOp::invert: return Value::integer(~i);
        default: break;
        }
    }
    if (a.is_float()) {
        if (op == UnOp::neg) return Value::real(-a.as_float());
        if (op == UnOp::pos) return a;
    }
    static const char* const names[] = {"__neg__", "__pos__", "__invert__"};
    if (const Value* m = user_method(a, names[static_cast<int>(op)])) return call(*m, {a});
    if (is_boxed_number(a)) return unary_op(op, unboxed(a));
    const char* sym = op == UnOp::neg ? "-" : op == UnOp::pos ? "+" : "~";
    raise(exc::TypeError, std::string("bad operand type for unary ") + sym + ": '" + type_name(a) + "'");
}

}  // namespace aio::py
