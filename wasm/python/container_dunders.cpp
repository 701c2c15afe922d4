// The builtin containers' __getitem__ __setitem__ __delitem__ __contains__ __len__ as attributes
// (`l.__delitem__(0)`, `super().__getitem__(k)` in a subclass): the builtin behaviour, never a
// subclass's override, with CPython's argument errors (a slot wrapper's "expected 1 argument, got
// 0", or a method's "list.__getitem__() takes exactly one argument (0 given)" where CPython's type
// defines it as a method: list and dict __getitem__, set and frozenset __contains__).
#include "python/detail.hpp"

namespace aio::py {

using detail::slot_args;

namespace {


Value d_len(const Value* a, std::size_t n, const Tuple* kw) {
    slot_args(n - 1, 0, kw, "__len__");
    return Value::integer(builtin_len(a[0]));
}
Value d_contains(const Value* a, std::size_t n, const Tuple* kw) {
    slot_args(n - 1, 1, kw, "__contains__");
    return Value::boolean(builtin_contains(a[0], a[1]));
}
Value d_setitem(const Value* a, std::size_t n, const Tuple* kw) {
    slot_args(n - 1, 2, kw, "__setitem__");
    setitem(a[0], a[1], a[2]);  // builtin already: item assignment has no subclass dispatch
    return Value();
}
Value d_delitem(const Value* a, std::size_t n, const Tuple* kw) {
    slot_args(n - 1, 1, kw, "__delitem__");
    delitem(a[0], a[1]);
    return Value();
}
Value list_getitem(const Value* a, std::size_t n, const Tuple* kw) {
    detail::no_kwargs("list.__getitem__", kw);
    detail::check_args("list.__getitem__", n - 1, 1, 1);
    return builtin_getitem(a[0], a[1]);
}
Value slot_getitem(const Value* a, std::size_t n, const Tuple* kw) {  // str, tuple, bytes
    slot_args(n - 1, 1, kw, "__getitem__");
    return builtin_getitem(a[0], a[1]);
}
Value set_contains(const Value* a, std::size_t n, const Tuple* kw) {
    const char* name = type_of(a[0]).is_subtype_of(frozenset_type) ? "frozenset.__contains__" : "set.__contains__";
    detail::no_kwargs(name, kw);
    detail::check_args(name, n - 1, 1, 1);
    return Value::boolean(builtin_contains(a[0], a[1]));
}
Value dict_getitem(const Value* a, std::size_t n, const Tuple* kw) {
    detail::no_kwargs("dict.__getitem__", kw);
    detail::check_args("dict.__getitem__", n - 1, 1, 1);
    return builtin_getitem(a[0], a[1]);
}

}  // namespace

namespace detail {
// A slot wrapper's argument check (CPython: "expected 1 argument, got 0"; __setitem__'s, made by
// PyArg_UnpackTuple with an empty name, starts with a space).
void slot_args(std::size_t given, std::size_t want, const Tuple* kw, const char* name) {
    no_kwargs(name, kw);
    if (given != want)
        raise(exc::TypeError, std::string(want == 2 ? " " : "") + "expected " + std::to_string(want) + (want == 1 ? " argument" : " arguments") +
                                  ", got " + std::to_string(given));
}

void init_container_dunders() {
    for (Type* t : {&list_type, &dict_type}) {
        def_method(*t, "__len__", d_len);
        def_method(*t, "__contains__", d_contains);
        def_method(*t, "__setitem__", d_setitem);
        def_method(*t, "__delitem__", d_delitem);
    }
    def_method(list_type, "__getitem__", list_getitem);
    def_method(dict_type, "__getitem__", dict_getitem);
    for (Type* t : {&str_type, &tuple_type, &bytes_type}) {
        def_method(*t, "__len__", d_len);
        def_method(*t, "__contains__", d_contains);
        def_method(*t, "__getitem__", slot_getitem);
    }
    for (Type* t : {&set_type, &frozenset_type}) {
        def_method(*t, "__len__", d_len);
        def_method(*t, "__contains__", set_contains);
    }
}
}  // namespace detail

}  // namespace aio::py
