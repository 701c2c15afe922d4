// int's and float's special methods as attributes: what `super().__add__(o)` or `int.__lt__(self, o)`
// in a subclass calls. The operators themselves never look them up (plain numbers take the fast path,
// an int or float subclass without an override falls back to its number in arith.cpp / ops.cpp).
#include "python/detail.hpp"
#include "python/operator_names.hpp"

#include <utility>

namespace aio::py {

using namespace detail;

namespace {

// Whether v is an operand of type t's methods: an int (or bool) for int, an int or a float for float.
bool accepts(const Type& t, const Value& v) { return v.is_intlike() || (&t == &float_type && v.is_float()); }

// self (unboxed), checked as CPython's method descriptors check it.
const Value& self_of(const Type& t, const char* name, const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs(name, kw);
    const Value& self = unboxed(a[0]);
    if (!(&t == &float_type ? self.is_float() : self.is_intlike()))
        raise(exc::TypeError, std::string("descriptor '") + name + "' requires a '" + t.name + "' object but received a '" +
                                  type_name(a[0]) + "'");
    slot_args(n - 1, 1, nullptr, name);  // a slot wrapper: "expected 1 argument, got 0"
    return self;
}

template <Type& T, std::size_t Op, bool Reflected>
Value binary_method(const Value* a, std::size_t n, const Tuple* kw) {
    const char* name = Reflected ? reflected_names[Op] : forward_names[Op];
    const Value& self = self_of(T, name, a, n, kw);
    const Value& other = unboxed(a[1]);
    Value out;
    if (!accepts(T, other)) return not_implemented();
    if (!numeric_binary(static_cast<BinOp>(Op), Reflected ? other : self, Reflected ? self : other, out))
        return not_implemented();
    return out;
}

template <Type& T, std::size_t Op>
Value compare_method(const Value* a, std::size_t n, const Tuple* kw) {
    const Value& self = self_of(T, compare_names[Op], a, n, kw);
    const Value& other = unboxed(a[1]);
    if (!accepts(T, other)) return not_implemented();
    return compare(static_cast<CmpOp>(Op), self, other);
}

template <Type& T, std::size_t... Op>
void define_binary(std::index_sequence<Op...>) {
    (def_method(T, forward_names[Op], binary_method<T, Op, false>), ...);
    (def_method(T, reflected_names[Op], binary_method<T, Op, true>), ...);
}

template <Type& T, std::size_t... Op>
void define_compare(std::index_sequence<Op...>) {
    (def_method(T, compare_names[Op], compare_method<T, Op>), ...);
}

}  // namespace

void detail::init_number_methods() {
    // int has no @ and float no bitwise operators; those names stay undefined.
    define_binary<int_type>(std::index_sequence<0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12>{});
    define_binary<float_type>(std::index_sequence<0, 1, 2, 4, 5, 6, 7>{});
    define_compare<int_type>(std::make_index_sequence<6>{});
    define_compare<float_type>(std::make_index_sequence<6>{});
}

}  // namespace aio::py
