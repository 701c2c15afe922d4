// The eager builtin functions: numbers (abs round divmod pow sum min max), sorted, any/all,
// format, characters (ord chr hex oct bin), identity (id hash callable) and attributes.
#include "python/builtins.hpp"
#include "python/detail.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace aio::py {

using namespace detail;

bool is_callable(const Value& v) {
    Kind k = kind_of(v);
    return k == Kind::function || k == Kind::type || type_of(v).lookup("__call__");
}

namespace {

// The one-argument builtins share their arity check.
const Value& one_arg(const char* name, const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs(name, kw);
    check_args(name, n, 1, 1);
    return a[0];
}

Value b_abs(const Value* a, std::size_t n, const Tuple* kw) {
    const Value& x = one_arg("abs", a, n, kw);
    if (x.is_float()) return Value::real(std::fabs(x.as_float()));
    if (x.is_intlike()) return x.as_int() < 0 ? unary_op(UnOp::neg, x) : Value::integer(x.as_int());
    if (const Value* m = type_of(x).lookup("__abs__")) return call(*m, {x});
    if (is_boxed_number(x)) return b_abs(&unboxed(x), 1, nullptr);
    raise(exc::TypeError, "bad operand type for abs(): '" + type_name(x) + "'");
}

// round(int, ndigits < 0): to a multiple of 10**-ndigits, halves to even.
Value round_int(std::int64_t x, std::int64_t ndigits) {
    if (ndigits >= 0) return Value::integer(x);
    if (ndigits < -18) return Value::integer(0);
    __int128 q = 1;
    for (std::int64_t k = 0; k < -ndigits; ++k) q *= 10;
    __int128 r = x % q;
    if (r < 0) r += q;
    __int128 base = x - r;
    if (2 * r > q || (2 * r == q && (base / q) % 2 != 0)) base += q;
    if (base > INT64_MAX || base < INT64_MIN)
        raise(exc::OverflowError, "integer result does not fit in 64 bits (aio's int is 64-bit)");
    return Value::integer(static_cast<std::int64_t>(base));
}

// round(float, ndigits): correctly rounded through the decimal text (printf rounds exactly,
// halves to even), as CPython's dtoa-based round does.
double round_float(double x, std::int64_t ndigits) {
    if (!std::isfinite(x) || x == 0.0 || ndigits > 323) return x;
    if (ndigits < -308) return 0.0 * x;
    std::string buf(400, '\0');
    auto print = [&](const char* fmt, int prec) {
        int len = std::snprintf(buf.data(), buf.size(), fmt, prec, x);
        if (len >= static_cast<int>(buf.size())) {
            buf.resize(static_cast<std::size_t>(len) + 1);
            std::snprintf(buf.data(), buf.size(), fmt, prec, x);
        }
        return std::strtod(buf.c_str(), nullptr);
    };
    double r;
    if (ndigits >= 0) {
        r = print("%.*f", static_cast<int>(ndigits));
    } else {
        std::snprintf(buf.data(), buf.size(), "%.16e", x);
        long exp10 = std::strtol(std::strchr(buf.c_str(), 'e') + 1, nullptr, 10);
        long digits = exp10 + 1 + static_cast<long>(ndigits);  // significant digits kept
        if (digits > 0) {
            r = print("%.*e", static_cast<int>(digits - 1));
        } else {
            // |x| < 10**-ndigits: 0 or one unit, halves going to 0 (even).
            double unit = std::pow(10.0, static_cast<double>(-ndigits));
            r = digits == 0 && std::fabs(x) > unit / 2 ? std::copysign(unit, x) : 0.0 * x;
        }
    }
    if (std::isinf(r)) raise(exc::OverflowError, "rounded value too large to represent");
    return r;
}

Value float_to_int(double d) {
    if (std::isnan(d)) raise(exc::ValueError, "cannot convert float NaN to integer");
    if (std::isinf(d)) raise(exc::OverflowError, "cannot convert float infinity to integer");
    if (d >= 9223372036854775808.0 || d < -9223372036854775808.0)
        raise(exc::OverflowError, "int too large for a 64-bit int (aio's int is 64-bit)");
    return Value::integer(static_cast<std::int64_t>(d));
}

// round(number, ndigits=None)
Value b_round(const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("round", kw, {"number", "ndigits"});
    std::size_t total = n + (kw ? kw->items.size() : 0);
    if (total > 2) raise(exc::TypeError, "round() takes at most 2 arguments (" + std::to_string(total) + " given)");
    const Value* x = n >= 1 ? &a[0] : kwarg(a, n, kw, "number");
    const Value* nd = n >= 2 ? &a[1] : kwarg(a, n, kw, "ndigits");
    if (!x) raise(exc::TypeError, "round() missing required argument 'number' (pos 1)");
    bool has_nd = nd && !nd->is_none();
    if (x->is_intlike()) return has_nd ? round_int(x->as_int(), as_integer(*nd)) : Value::integer(x->as_int());
    if (x->is_float()) {
        if (!has_nd) return float_to_int(std::nearbyint(x->as_float()));
        return Value::real(round_float(x->as_float(), as_integer(*nd)));
    }
    if (const Value* m = type_of(*x).lookup("__round__")) {
        if (has_nd) return call(*m, {*x, *nd});
        return call(*m, {*x});
    }
    if (is_boxed_number(*x)) return has_nd ? b_round(std::array{unboxed(*x), *nd}.data(), 2, nullptr)
                                           : b_round(&unboxed(*x), 1, nullptr);
    raise(exc::TypeError, "type " + type_name(*x) + " doesn't define __round__ method");
}

Value b_divmod(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("divmod", kw);
    check_args("divmod", n, 2, 2);
    Value r;
    if (binary_dunders("__divmod__", "__rdivmod__", a[0], a[1], r)) return r;
    if (is_boxed_number(a[0]) || is_boxed_number(a[1])) return b_divmod(std::array{unboxed(a[0]), unboxed(a[1])}.data(), 2, nullptr);
    bool an = a[0].is_intlike() || a[0].is_float(), bn = a[1].is_intlike() || a[1].is_float();
    if (!an || !bn)
        raise(exc::TypeError, "unsupported operand type(s) for divmod(): '" + type_name(a[0]) + "' and '" +
                                  type_name(a[1]) + "'");
    if ((a[0].is_float() || a[1].is_float()) && to_double(a[1]) == 0.0)
        raise(exc::ZeroDivisionError, "float divmod()");
    return new_tuple({binary_op(BinOp::floordiv, a[0], a[1]), binary_op(BinOp::mod, a[0], a[1])});
}

// (b ** e) % m for ints, e >= 0; the result has m's sign like Python's %.
std::int64_t pow_mod(std::int64_t b, std::int64_t e, std::int64_t m) {
    __int128 mod = m < 0 ? -static_cast<__int128>(m) : m;
    __int128 base = b % mod, r = 1 % mod;
    if (base < 0) base += mod;
    for (; e > 0; e >>= 1) {
        if (e & 1) r = r * base % mod;
        base = base * base % mod;
    }
    if (m < 0 && r != 0) r -= mod;
    return static_cast<std::int64_t>(r);
}

// The inverse of b modulo |m| (extended Euclid), or ValueError.
std::int64_t inverse_mod(std::int64_t b, std::int64_t m) {
    __int128 mod = m < 0 ? -static_cast<__int128>(m) : m;
    __int128 x = b % mod;
    if (x < 0) x += mod;
    __int128 r0 = mod, r1 = x, s0 = 0, s1 = 1;
    while (r1 != 0) {
        __int128 q = r0 / r1, t = r0 - q * r1;
        r0 = r1;
        r1 = t;
        t = s0 - q * s1;
        s0 = s1;
        s1 = t;
    }
    if (r0 != 1) raise(exc::ValueError, "base is not invertible for the given modulus");
    if (s0 < 0) s0 += mod;
    return static_cast<std::int64_t>(s0);
}

// pow(base, exp, mod) when one is not an int (CPython's ternary_op): base's __pow__ (three-argument
// pow never calls __rpow__), float's refusal of a modulus, else TypeError.
Value pow_not_int(const Value& base, const Value& exp, const Value& mod) {
    if (const Value* m = user_method(base, "__pow__")) {
        Value r = call(*m, {base, exp, mod});
        if (!is_not_implemented(r)) return r;
    }
    auto number = [](const Value& v) { return v.is_intlike() || v.is_float(); };
    if (number(base) && number(exp) && (base.is_float() || exp.is_float() || mod.is_float()))
        raise(exc::TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
    raise(exc::TypeError, "unsupported operand type(s) for ** or pow(): '" + type_name(base) + "', '" +
                              type_name(exp) + "', '" + type_name(mod) + "'");
}

// pow(base, exp, mod=None)
Value b_pow(const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("pow", kw, {"base", "exp", "mod"});
    std::size_t total = n + (kw ? kw->items.size() : 0);
    if (total > 3) raise(exc::TypeError, "pow() takes at most 3 arguments (" + std::to_string(total) + " given)");
    const Value* base = n >= 1 ? &a[0] : kwarg(a, n, kw, "base");
    const Value* exp = n >= 2 ? &a[1] : kwarg(a, n, kw, "exp");
    const Value* mod = n >= 3 ? &a[2] : kwarg(a, n, kw, "mod");
    if (!base) raise(exc::TypeError, "pow() missing required argument 'base' (pos 1)");
    if (!exp) raise(exc::TypeError, "pow() missing required argument 'exp' (pos 2)");
    if (!mod || mod->is_none()) return binary_op(BinOp::pow, *base, *exp);
    if (is_boxed_number(*base) || is_boxed_number(*exp) || is_boxed_number(*mod)) {
        if (user_method(*base, "__pow__")) return pow_not_int(*base, *exp, *mod);
        return b_pow(std::array{unboxed(*base), unboxed(*exp), unboxed(*mod)}.data(), 3, nullptr);
    }
    if (!base->is_intlike() || !exp->is_intlike() || !mod->is_intlike())
        return pow_not_int(*base, *exp, *mod);
    std::int64_t m = mod->as_int(), e = exp->as_int(), b = base->as_int();
    if (m == 0) raise(exc::ValueError, "pow() 3rd argument cannot be 0");
    if (e < 0) {
        b = inverse_mod(b, m);
        e = e == INT64_MIN ? INT64_MAX : -e;  // (INT64_MIN is out of reach of a real program)
    }
    return Value::integer(pow_mod(b, e, m));
}

// sum(iterable, /, start=0)
Value b_sum(const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("sum", kw, {"start"});
    if (n == 0) raise(exc::TypeError, "sum() takes at least 1 positional argument (0 given)");
    if (n > 2) raise(exc::TypeError, "sum() takes at most 2 arguments (" + std::to_string(n) + " given)");
    const Value* start = n == 2 ? &a[1] : kwarg(a, n, kw, "start");
    Value total = start ? *start : Value::integer(0);
    if (is(total, Kind::str)) raise(exc::TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
    if (is(total, Kind::bytes)) raise(exc::TypeError, "sum() can't sum bytes [use b''.join(seq) instead]");
    for_each(a[0], [&](const Value& x) { total = binary_op(BinOp::add, total, x); });
    return total;
}

// min/max(iterable, *, key=None, default=...) and min/max(a, b, *args, key=None)
Value min_max(const char* name, bool want_max, const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs(name, kw, {"key", "default"});
    if (n == 0) raise(exc::TypeError, std::string(name) + " expected at least 1 argument, got 0");
    const Value* key = kwarg(a, n, kw, "key");
    const Value* dflt = kwarg(a, n, kw, "default");
    if (key && key->is_none()) key = nullptr;
    if (dflt && n > 1)
        raise(exc::TypeError, std::string("Cannot specify a default for ") + name +
                                  "() with multiple positional arguments");
    Value best, best_key;
    bool any = false;
    auto consider = [&](const Value& x) {
        Value k = key ? call(*key, {x}) : x;
        if (!any || truthy(compare(want_max ? CmpOp::gt : CmpOp::lt, k, best_key))) {
            best = x;
            best_key = std::move(k);
            any = true;
        }
    };
    if (n == 1) for_each(a[0], consider);
    else
        for (std::size_t k = 0; k < n; ++k) consider(a[k]);
    if (any) return best;
    if (dflt) return *dflt;
    raise(exc::ValueError, std::string(name) + "() arg is an empty sequence");
}

Value b_min(const Value* a, std::size_t n, const Tuple* kw) { return min_max("min", false, a, n, kw); }
Value b_max(const Value* a, std::size_t n, const Tuple* kw) { return min_max("max", true, a, n, kw); }

// sorted(iterable, /, *, key=None, reverse=False): list.sort on a copy.
Value b_sorted(const Value* a, std::size_t n, const Tuple* kw) {
    if (n != 1) raise(exc::TypeError, "sorted expected 1 argument, got " + std::to_string(n));
    Value l = new_list(to_vector(a[0]));
    call(getattr(l, "sort"), a + 1, 0, kw);
    return l;
}

Value b_any(const Value* a, std::size_t n, const Tuple* kw) {
    const Value& it = one_arg("any", a, n, kw);
    Value iterator = iter(it), x;
    while (next(iterator, x))
        if (truthy(x)) return Value::boolean(true);
    return Value::boolean(false);
}

Value b_all(const Value* a, std::size_t n, const Tuple* kw) {
    const Value& it = one_arg("all", a, n, kw);
    Value iterator = iter(it), x;
    while (next(iterator, x))
        if (!truthy(x)) return Value::boolean(false);
    return Value::boolean(true);
}

// format(value, format_spec='')
Value b_format(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("format", kw);
    check_args("format", n, 1, 2);
    if (n == 1) return new_str(format(a[0], ""));
    if (!is(a[1], Kind::str))
        raise(exc::TypeError, "format() argument 2 must be str, not " + type_name(a[1]));
    return new_str(format(a[0], a[1].as<Str>()->s));
}

Value b_ord(const Value* a, std::size_t n, const Tuple* kw) {
    const Value& c = one_arg("ord", a, n, kw);
    if (is(c, Kind::str)) {
        auto* s = c.as<Str>();
        if (s->length != 1)
            raise(exc::TypeError, "ord() expected a character, but string of length " +
                                      std::to_string(s->length) + " found");
        std::size_t pos = 0;
        return Value::integer(decode_utf8(s->s, pos));
    }
    if (is(c, Kind::bytes)) {
        auto& s = c.as<Bytes>()->s;
        if (s.size() != 1)
            raise(exc::TypeError, "ord() expected a character, but string of length " +
                                      std::to_string(s.size()) + " found");
        return Value::integer(static_cast<unsigned char>(s[0]));
    }
    raise(exc::TypeError, "ord() expected string of length 1, but " + type_name(c) + " found");
}

Value b_chr(const Value* a, std::size_t n, const Tuple* kw) {
    std::int64_t cp = as_integer(one_arg("chr", a, n, kw));
    if (cp < 0 || cp >= 0x110000) raise(exc::ValueError, "chr() arg not in range(0x110000)");
    std::string out;
    append_utf8(out, static_cast<std::uint32_t>(cp));
    return new_str(std::move(out));
}

Value to_base(const char* name, const char* prefix, int base, const Value* a, std::size_t n, const Tuple* kw) {
    std::int64_t v = as_integer(one_arg(name, a, n, kw));
    std::string digits = int_to_base(v, base);
    if (v < 0) return new_str("-" + std::string(prefix) + digits.substr(1));
    return new_str(prefix + digits);
}
Value b_hex(const Value* a, std::size_t n, const Tuple* kw) { return to_base("hex", "0x", 16, a, n, kw); }
Value b_oct(const Value* a, std::size_t n, const Tuple* kw) { return to_base("oct", "0o", 8, a, n, kw); }
Value b_bin(const Value* a, std::size_t n, const Tuple* kw) { return to_base("bin", "0b", 2, a, n, kw); }

// id(): the address of a heap object; inline values (None, bool, int, float) get a number made
// from their bits, so equal inline values (which are `is`-identical) share it.
Value b_id(const Value* a, std::size_t n, const Tuple* kw) {
    const Value& v = one_arg("id", a, n, kw);
    if (v.is_object()) return Value::integer(static_cast<std::int64_t>(reinterpret_cast<std::uintptr_t>(v.obj())));
    std::uint64_t bits = static_cast<std::uint64_t>(v.as_int());
    if (v.is_float()) {
        double d = v.as_float();
        std::memcpy(&bits, &d, sizeof d);
    }
    std::uint64_t tag = static_cast<std::uint64_t>(v.tag());
    return Value::integer(static_cast<std::int64_t>(((bits * 0x9E3779B97F4A7C15ull) ^ (tag << 4)) >> 8 << 4));
}

Value b_hash(const Value* a, std::size_t n, const Tuple* kw) {
    return Value::integer(hash(one_arg("hash", a, n, kw)));
}

Value b_callable(const Value* a, std::size_t n, const Tuple* kw) {
    return Value::boolean(is_callable(one_arg("callable", a, n, kw)));
}

// getattr(object, name[, default]): the default replaces AttributeError only.
Value b_getattr(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("getattr", kw);
    check_args("getattr", n, 2, 3);
    std::string_view name = attr_name(a[1]);
    if (n == 2) return getattr(a[0], name);
    try {
        Value out;
        if (try_getattr(a[0], name, out)) return out;
    } catch (const Error& e) {
        if (!e.type().is_subtype_of(exc::AttributeError)) throw;
    }
    return a[2];
}

Value b_hasattr(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("hasattr", kw);
    check_args("hasattr", n, 2, 2);
    std::string_view name = attr_name(a[1]);
    try {
        Value out;
        return Value::boolean(try_getattr(a[0], name, out));
    } catch (const Error& e) {
        if (!e.type().is_subtype_of(exc::AttributeError)) throw;
        return Value::boolean(false);
    }
}

Value b_setattr(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("setattr", kw);
    check_args("setattr", n, 3, 3);
    setattr(a[0], attr_name(a[1]), a[2]);
    return Value();
}

// delattr: the type's __delattr__ (object's, or a class's override).
Value b_delattr(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("delattr", kw);
    check_args("delattr", n, 2, 2);
    attr_name(a[1]);
    return call(*type_of(a[0]).lookup("__delattr__"), {a[0], a[1]});
}

}  // namespace

void init_builtin_functions(Dict& ns) {
    static const std::pair<const char*, NativeFn> fns[] = {
        {"abs", b_abs},         {"round", b_round},       {"divmod", b_divmod},   {"pow", b_pow},
        {"sum", b_sum},         {"min", b_min},           {"max", b_max},         {"sorted", b_sorted},
        {"any", b_any},         {"all", b_all},           {"format", b_format},   {"ord", b_ord},
        {"chr", b_chr},         {"hex", b_hex},           {"oct", b_oct},         {"bin", b_bin},
        {"id", b_id},           {"hash", b_hash},         {"callable", b_callable}, {"getattr", b_getattr},
        {"hasattr", b_hasattr}, {"setattr", b_setattr},   {"delattr", b_delattr},
    };
    for (auto& [name, fn] : fns) define(ns, name, fn);
}

}  // namespace aio::py
