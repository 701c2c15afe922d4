// object's __repr__ __str__ __eq__ __ne__ __hash__ __format__ and the builtin types' own __repr__
// __str__ __eq__ __ne__ __hash__ __bool__ as attributes: what `object.__repr__(self)` in a class's
// __repr__, `super().__str__()` in an exception subclass or `super().__eq__(other)` call. The
// operators never call them: dunder() takes object's as the builtin default (ops.cpp), and a
// builtin type's behaviour is its own code path.
#include "python/detail.hpp"

namespace aio::py {

using namespace detail;

namespace {

void one_arg(const char* name, std::size_t given, const Tuple* kw) { slot_args(given, 1, kw, name); }
void no_arg(const char* name, std::size_t given, const Tuple* kw) { slot_args(given, 0, kw, name); }

// object.__repr__: "<module.Name object at 0x...>" (builtins unqualified, as CPython).
Value object_repr_method(const Value* a, std::size_t n, const Tuple* kw) {
    no_arg("__repr__", n - 1, kw);
    const Type& t = type_of(a[0]);
    bool qualified = !t.module.empty() && t.module != "builtins";
    // An inline value (None, an int) has no address; its hash stands in, as stable as its id().
    const void* at = a[0].is_object() ? static_cast<const void*>(a[0].obj())
                                      : reinterpret_cast<const void*>(static_cast<std::uintptr_t>(hash(a[0])));
    return new_str("<" + (qualified ? t.module + "." : std::string()) + t.name + " object at " + hex_address(at) + ">");
}
// object.__str__ is the type's repr (a class's own __repr__ included).
Value object_str_method(const Value* a, std::size_t n, const Tuple* kw) {
    no_arg("__str__", n - 1, kw);
    return new_str(repr(a[0]));
}
Value object_eq(const Value* a, std::size_t n, const Tuple* kw) {
    one_arg("__eq__", n - 1, kw);
    return a[0].is(a[1]) ? Value::boolean(true) : not_implemented();
}
// object.__ne__: the inverse of the type's __eq__ unless that declines.
Value object_ne(const Value* a, std::size_t n, const Tuple* kw) {
    one_arg("__ne__", n - 1, kw);
    const Value* eq = type_of(a[0]).lookup("__eq__");
    Value r = eq && !eq->is_none() ? call(*eq, {a[0], a[1]}) : not_implemented();
    return is_not_implemented(r) ? r : Value::boolean(!truthy(r));
}
Value object_hash(const Value* a, std::size_t n, const Tuple* kw) {
    no_arg("__hash__", n - 1, kw);
    return Value::integer(identity_hash(a[0]));
}
Value object_format(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("object.__format__", kw);  // a method, not a slot
    check_args("object.__format__", n - 1, 1, 1);
    if (!is(a[1], Kind::str)) raise(exc::TypeError, "__format__() argument must be str, not " + type_name(a[1]));
    if (!as_str(a[1])->s.empty())
        raise(exc::TypeError, "unsupported format string passed to " + type_name(a[0]) + ".__format__");
    return new_str(str(a[0]));
}

Value builtin_repr_method(const Value* a, std::size_t n, const Tuple* kw) {
    no_arg("__repr__", n - 1, kw);
    return new_str(builtin_repr(a[0]));
}
Value str_str(const Value* a, std::size_t n, const Tuple* kw) {  // a str subclass's text as a plain str
    no_arg("__str__", n - 1, kw);
    return new_str(as_str(a[0])->s);
}
Value exception_str_method(const Value* a, std::size_t n, const Tuple* kw) {
    no_arg("__str__", n - 1, kw);
    return new_str(exception_str(a[0]));
}
// A builtin container's == and != : its own equality against its own kind, else NotImplemented.
bool comparable(const Value& a, const Value& b) {
    Kind x = kind_of(a), y = kind_of(b);
    return x == y || ((x == Kind::set || x == Kind::frozenset) && (y == Kind::set || y == Kind::frozenset));
}
Value builtin_eq_method(const Value* a, std::size_t n, const Tuple* kw) {
    one_arg("__eq__", n - 1, kw);
    return comparable(a[0], a[1]) ? Value::boolean(builtin_eq(a[0], a[1])) : not_implemented();
}
Value builtin_ne_method(const Value* a, std::size_t n, const Tuple* kw) {
    one_arg("__ne__", n - 1, kw);
    return comparable(a[0], a[1]) ? Value::boolean(!builtin_eq(a[0], a[1])) : not_implemented();
}
Value builtin_hash_method(const Value* a, std::size_t n, const Tuple* kw) {
    no_arg("__hash__", n - 1, kw);
    return Value::integer(builtin_hash(a[0]));
}
Value number_bool(const Value* a, std::size_t n, const Tuple* kw) {  // int's, float's and None's
    no_arg("__bool__", n - 1, kw);
    return Value::boolean(truthy(unboxed(a[0])));
}

}  // namespace

void detail::init_object_dunders() {
    def_method(object_type, "__repr__", object_repr_method);
    def_method(object_type, "__str__", object_str_method);
    def_method(object_type, "__eq__", object_eq);
    def_method(object_type, "__ne__", object_ne);
    def_method(object_type, "__hash__", object_hash);
    def_method(object_type, "__format__", object_format);
    for (Type* t : {&int_type, &bool_type, &float_type, &str_type, &bytes_type, &list_type, &tuple_type, &dict_type,
                    &set_type, &frozenset_type, &range_type, &slice_type, &none_type, &exc::BaseException})
        def_method(*t, "__repr__", builtin_repr_method);
    def_method(str_type, "__str__", str_str);
    def_method(exc::BaseException, "__str__", exception_str_method);
    for (Type* t : {&str_type, &bytes_type, &list_type, &tuple_type, &dict_type, &set_type, &frozenset_type, &range_type}) {
        def_method(*t, "__eq__", builtin_eq_method);
        def_method(*t, "__ne__", builtin_ne_method);
    }
    for (Type* t : {&int_type, &float_type, &str_type, &bytes_type, &tuple_type, &frozenset_type, &range_type})
        def_method(*t, "__hash__", builtin_hash_method);
    for (Type* t : {&list_type, &dict_type, &set_type}) t->set_attr("__hash__", Value());  // unhashable, as CPython
    for (Type* t : {&int_type, &float_type, &none_type}) def_method(*t, "__bool__", number_bool);
}

}  // namespace aio::py
