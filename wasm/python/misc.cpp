// Methods of int, float, bytes and range.
#include "python/detail.hpp"

#include <cmath>

namespace aio::py {

using namespace detail;

namespace {

Value m_bit_length(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("int.bit_length", kw);
    check_args("int.bit_length", n - 1, 0, 0);
    std::int64_t v = a[0].as_int();
    std::uint64_t m = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    int bits = 0;
    while (m) {
        ++bits;
        m >>= 1;
    }
    return Value::integer(bits);
}

Value m_is_integer(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("float.is_integer", kw);
    check_args("float.is_integer", n - 1, 0, 0);
    double d = a[0].as_float();
    return Value::boolean(std::isfinite(d) && d == std::floor(d));
}

Value m_decode(const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("decode", kw, {"encoding", "errors"});
    check_args("bytes.decode()", n - 1, 0, 2);
    const Value* encoding = n >= 2 ? &a[1] : kwarg(a, n, kw, "encoding");
    const Value* errors = n >= 3 ? &a[2] : kwarg(a, n, kw, "errors");
    return new_str(decode_bytes(a[0].as<Bytes>()->s, encoding, errors, "decode"));
}

Value m_hex(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("bytes.hex", kw);
    check_args("bytes.hex", n - 1, 0, 0);
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : a[0].as<Bytes>()->s) {
        out.push_back(digits[c >> 4]);
        out.push_back(digits[c & 15]);
    }
    return new_str(std::move(out));
}

Value m_range_index(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("range.index", kw);
    check_args("range.index", n - 1, 1, 1);
    auto* r = a[0].as<Range>();
    if (!contains(a[0], a[1])) raise(exc::ValueError, repr(a[1]) + " is not in range");
    return Value::integer((a[1].as_int() - r->start) / r->step);
}

Value m_range_count(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("range.count", kw);
    check_args("range.count", n - 1, 1, 1);
    return Value::integer(contains(a[0], a[1]) ? 1 : 0);
}

}  // namespace

namespace detail {
void init_misc_methods() {
    def_method(int_type, "bit_length", m_bit_length);
    def_method(float_type, "is_integer", m_is_integer);
    def_method(bytes_type, "decode", m_decode);
    def_method(bytes_type, "hex", m_hex);
    def_method(range_type, "index", m_range_index);
    def_method(range_type, "count", m_range_count);
}
}  // namespace detail

}  // namespace aio::py
