// range.index/count (int and float: number_methods.cpp; bytes: bytes_methods.cpp).
#include "python/detail.hpp"

namespace aio::py {

using namespace detail;

namespace {

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
    def_method(range_type, "index", m_range_index);
    def_method(range_type, "count", m_range_count);
}
}  // namespace detail

}  // namespace aio::py
