// bytes.decode/hex and range.index/count (int and float: number_methods.cpp; bytes: bytes_methods.cpp).
#include "python/detail.hpp"

#include <cmath>

namespace aio::py {

using namespace detail;

namespace {

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
    def_method(bytes_type, "decode", m_decode);
    def_method(bytes_type, "hex", m_hex);
    def_method(range_type, "index", m_range_index);
    def_method(range_type, "count", m_range_count);
}
}  // namespace detail

}  // namespace aio::py
