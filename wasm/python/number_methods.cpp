// int's and float's named methods and attributes (the operators' methods: number_dunders.cpp).
// ints are 64-bit here: a result past that raises OverflowError (int_overflow).
#include "python/detail.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <string>

namespace aio::py {

using namespace detail;

namespace {

std::uint64_t magnitude(std::int64_t v) { return v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v); }

Value m_bit_length(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("int.bit_length", kw);
    check_args("int.bit_length", n - 1, 0, 0);
    std::uint64_t m = magnitude(unboxed(a[0]).as_int());
    int bits = 0;
    for (; m; m >>= 1) ++bits;
    return Value::integer(bits);
}

Value m_bit_count(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("int.bit_count", kw);
    check_args("int.bit_count", n - 1, 0, 0);
    return Value::integer(__builtin_popcountll(magnitude(unboxed(a[0]).as_int())));
}

// byteorder ('big' or 'little', the default 'big') and signed (keyword only) of to_bytes/from_bytes.
struct byte_layout {
    bool little = false;
    bool is_signed = false;
};
byte_layout layout(const Value* byteorder, const Value* is_signed) {
    byte_layout out;
    if (byteorder) {
        if (!is(*byteorder, Kind::str))
            raise(exc::TypeError, "to_bytes() argument 'byteorder' must be str, not " + type_name(*byteorder));
        const std::string& b = byteorder->as<Str>()->s;
        if (b != "big" && b != "little") raise(exc::ValueError, "byteorder must be either 'little' or 'big'");
        out.little = b == "little";
    }
    out.is_signed = is_signed && truthy(*is_signed);
    return out;
}

// int.to_bytes(length=1, byteorder='big', *, signed=False)
Value m_to_bytes(const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("to_bytes", kw, {"length", "byteorder", "signed"});
    check_args("to_bytes", n - 1, 0, 2);
    const Value* length_arg = n >= 2 ? &a[1] : kwarg(a, n, kw, "length");
    byte_layout l = layout(n >= 3 ? &a[2] : kwarg(a, n, kw, "byteorder"), kwarg(a, n, kw, "signed"));
    std::int64_t length = length_arg ? to_index(*length_arg, "length") : 1;
    if (length < 0) raise(exc::ValueError, "length argument must be non-negative");
    std::int64_t v = unboxed(a[0]).as_int();
    if (v < 0 && !l.is_signed) raise(exc::OverflowError, "can't convert negative int to unsigned");
    // Fits when the value survives being cut to `length` bytes (sign-extended when signed).
    auto bits = static_cast<std::uint64_t>(std::min<std::int64_t>(length, 8) * 8);
    bool fits = length == 0  ? v == 0
                : length >= 8 ? true  // a negative value is signed by now
                : l.is_signed ? (v >= -(std::int64_t{1} << (bits - 1)) && v < (std::int64_t{1} << (bits - 1)))
                              : static_cast<std::uint64_t>(v) < (std::uint64_t{1} << bits);
    if (!fits) raise(exc::OverflowError, "int too big to convert");
    std::string out(static_cast<std::size_t>(length), static_cast<char>(v < 0 ? 0xFF : 0));
    auto u = static_cast<std::uint64_t>(v);
    for (std::int64_t i = 0; i < length && i < 8; ++i) {
        char byte = static_cast<char>((u >> (8 * i)) & 0xFF);
        out[static_cast<std::size_t>(l.little ? i : length - 1 - i)] = byte;
    }
    return Value(new Bytes(std::move(out)));
}

// int.from_bytes(bytes, byteorder='big', *, signed=False): a class method.
Value m_from_bytes(const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("from_bytes", kw, {"bytes", "byteorder", "signed"});
    check_args("from_bytes", n, 0, 2);
    const Value* data = n >= 1 ? &a[0] : kwarg(a, n, kw, "bytes");
    if (!data) raise(exc::TypeError, "from_bytes() missing required argument 'bytes' (pos 1)");
    byte_layout l = layout(n >= 2 ? &a[1] : kwarg(a, n, kw, "byteorder"), kwarg(a, n, kw, "signed"));
    std::string be;  // most significant byte first
    if (is(*data, Kind::bytes)) {
        be = data->as<Bytes>()->s;
    } else {
        for (const Value& b : to_vector(*data)) {
            std::int64_t c = to_index(b, "byte");
            if (c < 0 || c > 255) raise(exc::ValueError, "bytes must be in range(0, 256)");
            be.push_back(static_cast<char>(c));
        }
    }
    if (l.little) std::reverse(be.begin(), be.end());
    bool negative = l.is_signed && !be.empty() && (static_cast<unsigned char>(be[0]) & 0x80);
    // Past 8 bytes, the leading ones may only extend the sign.
    std::size_t extra = be.size() > 8 ? be.size() - 8 : 0;
    for (std::size_t i = 0; i < extra; ++i)
        if (static_cast<unsigned char>(be[i]) != (negative ? 0xFF : 0x00)) int_overflow();
    std::uint64_t u = negative ? ~std::uint64_t{0} : 0;
    for (std::size_t i = extra; i < be.size(); ++i) u = (u << 8) | static_cast<unsigned char>(be[i]);
    if (be.size() >= 8 && (u >> 63 != 0) != negative) int_overflow();
    return Value::integer(static_cast<std::int64_t>(u));
}

Value m_int_ratio(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("int.as_integer_ratio", kw);
    check_args("int.as_integer_ratio", n - 1, 0, 0);
    return new_tuple({Value::integer(unboxed(a[0]).as_int()), Value::integer(1)});
}

// int.real / numerator / conjugate(): the int itself (an int, also for a subclass or a bool).
Value int_itself(const Value* a, std::size_t, const Tuple*) { return Value::integer(unboxed(a[0]).as_int()); }
Value int_zero(const Value*, std::size_t, const Tuple*) { return Value::integer(0); }
Value int_one(const Value*, std::size_t, const Tuple*) { return Value::integer(1); }
Value m_int_conjugate(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("int.conjugate", kw);
    check_args("int.conjugate", n - 1, 0, 0);
    return int_itself(a, n, kw);
}

Value m_is_integer(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("float.is_integer", kw);
    check_args("float.is_integer", n - 1, 0, 0);
    double d = unboxed(a[0]).as_float();
    return Value::boolean(std::isfinite(d) && d == std::floor(d));
}

// The exact fraction: the mantissa as an integer over a power of two, reduced.
Value m_float_ratio(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("float.as_integer_ratio", kw);
    check_args("float.as_integer_ratio", n - 1, 0, 0);
    double d = unboxed(a[0]).as_float();
    if (std::isnan(d)) raise(exc::ValueError, "cannot convert NaN to integer ratio");
    if (std::isinf(d)) raise(exc::OverflowError, "cannot convert Infinity to integer ratio");
    int exp = 0;
    double mant = std::frexp(d, &exp);
    for (int i = 0; i < 300 && mant != std::floor(mant); ++i) {
        mant *= 2.0;
        --exp;
    }
    if (std::fabs(mant) >= 9.2e18) int_overflow();
    auto num = static_cast<std::int64_t>(mant);
    std::int64_t den = 1;
    if (exp > 0) {
        if (exp >= 63 || magnitude(num) >= (std::uint64_t{1} << (63 - exp))) int_overflow();
        num *= std::int64_t{1} << exp;
    } else {
        for (; exp < 0 && num % 2 == 0 && num != 0; ++exp) num /= 2;
        if (exp <= -63) int_overflow();
        den = std::int64_t{1} << -exp;
    }
    return new_tuple({Value::integer(num), Value::integer(den)});
}

Value float_itself(const Value* a, std::size_t, const Tuple*) { return Value::real(unboxed(a[0]).as_float()); }
Value float_zero(const Value*, std::size_t, const Tuple*) { return Value::real(0.0); }
Value m_float_conjugate(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("float.conjugate", kw);
    check_args("float.conjugate", n - 1, 0, 0);
    return float_itself(a, n, kw);
}

// float.hex(), laid out as CPython's: 0x1.<13 hex digits>p<exponent>, subnormals as 0x0.
Value m_float_hex(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("float.hex", kw);
    check_args("float.hex", n - 1, 0, 0);
    double d = unboxed(a[0]).as_float();
    if (std::isnan(d)) return new_str("nan");
    if (std::isinf(d)) return new_str(d < 0 ? "-inf" : "inf");
    std::string sign = std::signbit(d) ? "-" : "";
    if (d == 0) return new_str(sign + "0x0.0p+0");
    int e = 0;
    double m = std::frexp(std::fabs(d), &e);
    int shift = 1 - std::max(DBL_MIN_EXP - e, 0);
    m = std::ldexp(m, shift);
    e -= shift;
    static const char digits[] = "0123456789abcdef";
    std::string out = sign + "0x";
    out.push_back(digits[static_cast<int>(m)]);
    m -= static_cast<int>(m);
    out.push_back('.');
    for (int i = 0; i < (DBL_MANT_DIG - 1) / 4; ++i) {
        m *= 16.0;
        out.push_back(digits[static_cast<int>(m)]);
        m -= static_cast<int>(m);
    }
    out += "p" + std::string(e >= 0 ? "+" : "-") + std::to_string(e >= 0 ? e : -e);
    return new_str(std::move(out));
}

// float.fromhex(string): a class method. Hex digits with an optional 0x, point and p exponent
// (strtod reads them), or inf/infinity/nan, with a sign and surrounding whitespace.
Value m_float_fromhex(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("fromhex", kw);
    check_args("fromhex", n, 1, 1);
    if (!is(a[0], Kind::str)) raise(exc::TypeError, "bad argument type for built-in operation");
    const std::string& s = a[0].as<Str>()->s;
    const char* space = " \t\n\r\v\f";
    std::size_t b = s.find_first_not_of(space), e = s.find_last_not_of(space);
    std::string text = b == std::string::npos ? "" : s.substr(b, e - b + 1);
    std::string sign;
    if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
        sign = text.substr(0, 1);
        text.erase(0, 1);
    }
    std::string lower;
    for (char c : text) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (lower == "inf" || lower == "infinity") return Value::real(sign == "-" ? -HUGE_VAL : HUGE_VAL);
    if (lower == "nan") return Value::real(sign == "-" ? -NAN : NAN);
    if (lower.rfind("0x", 0) == 0) lower.erase(0, 2);
    bool digits = !lower.empty() && lower.find_first_not_of("0123456789abcdef.p+-") == std::string::npos &&
                  lower.find_first_of("0123456789abcdef") < lower.find('p');
    std::string hex = sign + "0x" + lower;
    char* end = nullptr;
    errno = 0;
    double d = digits ? std::strtod(hex.c_str(), &end) : 0.0;
    if (!digits || end != hex.c_str() + hex.size()) raise(exc::ValueError, "invalid hexadecimal floating-point string");
    if (errno == ERANGE && std::isinf(d)) raise(exc::OverflowError, "hexadecimal value too large to represent as a float");
    return Value::real(d);
}

}  // namespace

namespace detail {
void init_number_named_methods() {
    def_method(int_type, "bit_length", m_bit_length);
    def_method(int_type, "bit_count", m_bit_count);
    def_method(int_type, "to_bytes", m_to_bytes);
    def_method(int_type, "as_integer_ratio", m_int_ratio);
    def_method(int_type, "conjugate", m_int_conjugate);
    def_getter(int_type, "real", int_itself);
    def_getter(int_type, "numerator", int_itself);
    def_getter(int_type, "imag", int_zero);
    def_getter(int_type, "denominator", int_one);
    // Class methods: int.from_bytes(...) and float.fromhex(...) must not bind the type as self.
    int_type.set_attr("from_bytes", Value(new NativeFunction("from_bytes", m_from_bytes)));
    def_method(float_type, "is_integer", m_is_integer);
    def_method(float_type, "as_integer_ratio", m_float_ratio);
    def_method(float_type, "conjugate", m_float_conjugate);
    def_method(float_type, "hex", m_float_hex);
    def_getter(float_type, "real", float_itself);
    def_getter(float_type, "imag", float_zero);
    float_type.set_attr("fromhex", Value(new NativeFunction("fromhex", m_float_fromhex)));
}
}  // namespace detail

}  // namespace aio::py
