// int (64-bit: results that do not fit raise OverflowError, where CPython would grow the int)
// and float arithmetic, hashing, comparison and parsing.
#include "python/detail.hpp"

#include <cerrno>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace aio::py::detail {

void int_overflow() {
    raise(exc::OverflowError, "integer result does not fit in 64 bits (aio's int is 64-bit)");
}

namespace {

constexpr std::uint64_t hash_modulus = (std::uint64_t{1} << 61) - 1;  // CPython's _PyHASH_MODULUS

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    if (b == -1 && a == std::numeric_limits<std::int64_t>::min()) int_overflow();
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

std::int64_t floor_mod(std::int64_t a, std::int64_t b) {
    if (b == -1) return 0;
    std::int64_t r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) r += b;
    return r;
}

double float_mod(double a, double b) {
    double m = std::fmod(a, b);
    if (m != 0.0) {
        if ((b < 0) != (m < 0)) m += b;
    } else {
        m = std::copysign(0.0, b);
    }
    return m;
}

double float_floordiv(double a, double b) {
    double m = std::fmod(a, b);
    double div = (a - m) / b;
    if (m != 0.0 && ((b < 0) != (m < 0))) div -= 1.0;
    if (div != 0.0) {
        double f = std::floor(div);
        if (div - f > 0.5) f += 1.0;
        return f;
    }
    return std::copysign(0.0, a / b);
}

Value float_pow(double a, double b) {
    if (a == 0.0 && b < 0.0) raise(exc::ZeroDivisionError, "0.0 cannot be raised to a negative power");
    if (a < 0.0 && std::isfinite(b) && b != std::floor(b))
        raise(exc::ValueError, "complex numbers are not supported (negative number to a fractional power)");
    double r = std::pow(a, b);
    if (std::isinf(r) && std::isfinite(a) && std::isfinite(b))
        raise(exc::OverflowError, "(34, 'Numerical result out of range')");
    return Value::real(r);
}

Value int_pow(std::int64_t a, std::int64_t b) {
    if (b < 0) {
        if (a == 0) raise(exc::ZeroDivisionError, "0.0 cannot be raised to a negative power");
        return Value::real(std::pow(static_cast<double>(a), static_cast<double>(b)));
    }
    std::int64_t result = 1;
    while (b > 0) {
        if (b & 1)
            if (__builtin_mul_overflow(result, a, &result)) int_overflow();
        b >>= 1;
        if (b > 0 && __builtin_mul_overflow(a, a, &a)) int_overflow();
    }
    return Value::integer(result);
}

Value int_binary(BinOp op, std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    switch (op) {
    case BinOp::add:
        if (__builtin_add_overflow(a, b, &r)) int_overflow();
        return Value::integer(r);
    case BinOp::sub:
        if (__builtin_sub_overflow(a, b, &r)) int_overflow();
        return Value::integer(r);
    case BinOp::mul:
        if (__builtin_mul_overflow(a, b, &r)) int_overflow();
        return Value::integer(r);
    case BinOp::truediv:
        if (b == 0) raise(exc::ZeroDivisionError, "division by zero");
        return Value::real(static_cast<double>(a) / static_cast<double>(b));
    case BinOp::floordiv:
        if (b == 0) raise(exc::ZeroDivisionError, "integer division or modulo by zero");
        return Value::integer(floor_div(a, b));
    case BinOp::mod:
        if (b == 0) raise(exc::ZeroDivisionError, "integer modulo by zero");
        return Value::integer(floor_mod(a, b));
    case BinOp::pow: return int_pow(a, b);
    case BinOp::lshift:
        if (b < 0) raise(exc::ValueError, "negative shift count");
        if (a == 0) return Value::integer(0);
        if (b >= 63 || (a > 0 ? a > (std::numeric_limits<std::int64_t>::max() >> b)
                              : a < (std::numeric_limits<std::int64_t>::min() >> b)))
            int_overflow();
        return Value::integer(static_cast<std::int64_t>(static_cast<std::uint64_t>(a) << b));
    case BinOp::rshift:
        if (b < 0) raise(exc::ValueError, "negative shift count");
        return Value::integer(b >= 63 ? (a < 0 ? -1 : 0) : a >> b);
    case BinOp::and_: return Value::integer(a & b);
    case BinOp::or_: return Value::integer(a | b);
    case BinOp::xor_: return Value::integer(a ^ b);
    case BinOp::matmul: break;
    }
    return Value();  // None: not supported
}

Value float_binary(BinOp op, double a, double b) {
    switch (op) {
    case BinOp::add: return Value::real(a + b);
    case BinOp::sub: return Value::real(a - b);
    case BinOp::mul: return Value::real(a * b);
    case BinOp::truediv:
        if (b == 0.0) raise(exc::ZeroDivisionError, "float division by zero");
        return Value::real(a / b);
    case BinOp::floordiv:
        if (b == 0.0) raise(exc::ZeroDivisionError, "float floor division by zero");
        return Value::real(float_floordiv(a, b));
    case BinOp::mod:
        if (b == 0.0) raise(exc::ZeroDivisionError, "float modulo");
        return Value::real(float_mod(a, b));
    case BinOp::pow: return float_pow(a, b);
    default: break;
    }
    return Value();
}

}  // namespace

bool numeric_binary(BinOp op, const Value& a, const Value& b, Value& out) {
    bool ai = a.is_intlike(), bi = b.is_intlike();
    if (ai && bi) {
        if (a.is_bool() && b.is_bool() &&
            (op == BinOp::and_ || op == BinOp::or_ || op == BinOp::xor_)) {
            out = Value::boolean(int_binary(op, a.as_int(), b.as_int()).as_int() != 0);
            return true;
        }
        out = int_binary(op, a.as_int(), b.as_int());
        return !out.is_none();
    }
    if ((ai || a.is_float()) && (bi || b.is_float())) {
        out = float_binary(op, to_double(a), to_double(b));
        return !out.is_none();
    }
    return false;
}

double to_double(const Value& number) {
    const Value& v = unboxed(number);
    if (v.is_float()) return v.as_float();
    return static_cast<double>(v.as_int());
}

std::int64_t int_hash(std::int64_t v) noexcept {
    std::uint64_t m = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    auto h = static_cast<std::int64_t>(m % hash_modulus);
    if (v < 0) h = -h;
    return h == -1 ? -2 : h;
}

// CPython's _Py_HashDouble, so hash(1.0) == hash(1) and 1 and 1.0 are the same dict key.
std::int64_t float_hash(double d) noexcept {
    if (std::isinf(d)) return d > 0 ? 314159 : -314159;
    if (std::isnan(d)) return 0;
    int e;
    double m = std::frexp(d, &e);
    int sign = 1;
    if (m < 0) {
        sign = -1;
        m = -m;
    }
    std::uint64_t x = 0;
    while (m != 0.0) {
        x = ((x << 28) & hash_modulus) | x >> (61 - 28);
        m *= 268435456.0;
        e -= 28;
        auto y = static_cast<std::uint64_t>(m);
        m -= static_cast<double>(y);
        x += y;
        if (x >= hash_modulus) x -= hash_modulus;
    }
    e = e >= 0 ? e % 61 : 61 - 1 - ((-1 - e) % 61);
    x = ((x << e) & hash_modulus) | x >> (61 - e);
    auto h = static_cast<std::int64_t>(x) * sign;
    return h == -1 ? -2 : h;
}

// Exact int/float comparison (an int above 2**53 is not rounded before comparing).
int num_cmp(const Value& a, const Value& b) noexcept {
    if (a.is_intlike() && b.is_intlike()) return a.as_int() < b.as_int() ? -1 : a.as_int() > b.as_int();
    if (a.is_float() && b.is_float()) {
        double x = a.as_float(), y = b.as_float();
        if (std::isnan(x) || std::isnan(y)) return 2;
        return x < y ? -1 : x > y;
    }
    if (a.is_float()) {
        int r = num_cmp(b, a);
        return r == 2 ? 2 : -r;
    }
    std::int64_t i = a.as_int();
    double d = b.as_float();
    if (std::isnan(d)) return 2;
    if (d >= 9223372036854775808.0) return -1;
    if (d < -9223372036854775808.0) return 1;
    double f = std::floor(d);
    auto fi = static_cast<std::int64_t>(f);
    if (i < fi) return -1;
    if (i > fi) return 1;
    return f < d ? -1 : 0;
}

bool num_eq(const Value& a, const Value& b) noexcept { return num_cmp(a, b) == 0; }

namespace {
std::string_view strip_spaces(std::string_view t) {
    auto sp = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
    while (!t.empty() && sp(t.front())) t.remove_prefix(1);
    while (!t.empty() && sp(t.back())) t.remove_suffix(1);
    return t;
}
}  // namespace

Value parse_int(std::string_view text, int base) {
    auto fail = [&]() -> Value {
        raise(exc::ValueError, "invalid literal for int() with base " + std::to_string(base) + ": " +
                                   str_repr(text));
    };
    std::string_view t = strip_spaces(text);
    bool neg = false;
    if (!t.empty() && (t[0] == '+' || t[0] == '-')) {
        neg = t[0] == '-';
        t.remove_prefix(1);
    }
    auto prefix = [&](char p) {
        return t.size() >= 2 && t[0] == '0' && (t[1] == p || t[1] == p - 32);
    };
    int b = base;
    if ((b == 16 || b == 0) && prefix('x')) { b = 16; t.remove_prefix(2); }
    else if ((b == 8 || b == 0) && prefix('o')) { b = 8; t.remove_prefix(2); }
    else if ((b == 2 || b == 0) && prefix('b')) { b = 2; t.remove_prefix(2); }
    else if (b == 0) {
        b = 10;
        if (t.size() > 1 && t[0] == '0' && t.find_first_not_of("0_") != std::string_view::npos) return fail();
    }
    if (t.empty()) return fail();
    std::uint64_t acc = 0;
    bool last_underscore = true;  // no leading underscore
    for (char c : t) {
        if (c == '_') {
            if (last_underscore) return fail();
            last_underscore = true;
            continue;
        }
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10 : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : 99;
        if (d >= b) return fail();
        last_underscore = false;
        if (__builtin_mul_overflow(acc, static_cast<std::uint64_t>(b), &acc) ||
            __builtin_add_overflow(acc, static_cast<std::uint64_t>(d), &acc))
            int_overflow();
    }
    if (last_underscore) return fail();
    if (acc > (neg ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1)) int_overflow();
    return Value::integer(neg ? static_cast<std::int64_t>(0 - acc) : static_cast<std::int64_t>(acc));
}

Value parse_float(std::string_view text) {
    std::string t(strip_spaces(text));
    std::string clean;
    for (std::size_t i = 0; i < t.size(); ++i) {
        char c = t[i];
        if (c == '_' && i > 0 && i + 1 < t.size() && std::isdigit(static_cast<unsigned char>(t[i - 1])) &&
            std::isdigit(static_cast<unsigned char>(t[i + 1])))
            continue;
        clean.push_back(c);
    }
    bool ok = !clean.empty() && clean.find_first_of("xXpP") == std::string::npos;
    char* end = nullptr;
    double d = ok ? std::strtod(clean.c_str(), &end) : 0.0;
    if (!ok || end != clean.c_str() + clean.size()) {
        raise(exc::ValueError, "could not convert string to float: " + str_repr(text));
    }
    return Value::real(d);
}

std::string int_to_base(std::int64_t v, int base) {
    std::uint64_t m = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    std::string s;
    do {
        int d = static_cast<int>(m % static_cast<std::uint64_t>(base));
        s.push_back(static_cast<char>(d < 10 ? '0' + d : 'a' + d - 10));
        m /= static_cast<std::uint64_t>(base);
    } while (m);
    if (v < 0) s.push_back('-');
    return std::string(s.rbegin(), s.rend());
}

}  // namespace aio::py::detail
