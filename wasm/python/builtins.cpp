// The `builtins` namespace: print, len, repr, isinstance, the type and exception names, and the
// functions of builtins_func.cpp / builtins_iter.cpp. Every module's globals fall back to it.
#include "python/builtins.hpp"
#include "python/detail.hpp"
#include "python/modules.hpp"

namespace aio::py {

using namespace detail;

namespace {

// print(*objects, sep=' ', end='\n', file=None, flush=False)
Value b_print(const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("print", kw, {"sep", "end", "file", "flush"});
    auto text_arg = [&](const char* name, const char* dflt) -> std::string {
        const Value* v = kwarg(a, n, kw, name);
        if (!v || v->is_none()) return dflt;
        if (!is(*v, Kind::str))
            raise(exc::TypeError, std::string(name) + " must be None or a string, not " + type_name(*v));
        return v->as<Str>()->s;
    };
    std::string sep = text_arg("sep", " "), end = text_arg("end", "\n");
    const Value* file = kwarg(a, n, kw, "file");
    const Value* flush = kwarg(a, n, kw, "flush");
    if (!file || file->is_none()) {
        // The host's stdout: one write for the whole line.
        std::string out;
        for (std::size_t i = 0; i < n; ++i) {
            if (i) out += sep;
            out += str(a[i]);
        }
        out += end;
        host().write(1, out);
        return Value();
    }
    // Any object with write(): one call per piece, as CPython does.
    Value write = getattr(*file, "write");
    for (std::size_t i = 0; i < n; ++i) {
        if (i) call(write, {new_str(sep)});
        call(write, {str_value(a[i])});
    }
    call(write, {new_str(end)});
    if (flush && truthy(*flush)) call_method(*file, "flush", {});
    return Value();
}

Value b_len(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("len", kw);
    check_args("len", n, 1, 1);
    return Value::integer(len(a[0]));
}

Value b_repr(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("repr", kw);
    check_args("repr", n, 1, 1);
    return new_str(repr(a[0]));
}

Value b_ascii(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("ascii", kw);
    check_args("ascii", n, 1, 1);
    return new_str(ascii_text(repr(a[0])));
}

// Whether `cls` matches classinfo (a type or a possibly nested tuple of types); `what` picks the
// error message when classinfo is neither.
bool matches(const Type& cls, const Value& info, const char* what) {
    if (is(info, Kind::type)) return cls.is_subtype_of(*info.as<Type>());
    if (is(info, Kind::tuple)) {
        for (auto& t : info.as<Tuple>()->items)
            if (matches(cls, t, what)) return true;
        return false;
    }
    raise(exc::TypeError, what);
}

Value b_isinstance(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("isinstance", kw);
    check_args("isinstance", n, 2, 2);
    return Value::boolean(
        matches(type_of(a[0]), a[1], "isinstance() arg 2 must be a type, a tuple of types, or a union"));
}

Value b_issubclass(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("issubclass", kw);
    check_args("issubclass", n, 2, 2);
    if (!is(a[0], Kind::type)) raise(exc::TypeError, "issubclass() arg 1 must be a class");
    return Value::boolean(matches(*a[0].as<Type>(), a[1],
                                  "issubclass() arg 2 must be a class, a tuple of classes, or a union"));
}

}  // namespace

void define(Dict& ns, const char* name, Value v) { ns.table.insert(new_str(name), std::move(v)); }
void define(Dict& ns, const char* name, NativeFn fn) { define(ns, name, new_function(name, fn)); }

void init_builtins(Dict& ns) {
    define(ns, "print", b_print);
    define(ns, "len", b_len);
    define(ns, "repr", b_repr);
    define(ns, "ascii", b_ascii);
    define(ns, "isinstance", b_isinstance);
    define(ns, "issubclass", b_issubclass);
    init_builtin_functions(ns);
    init_builtin_iterators(ns);
    init_descriptor_builtins(ns);
    init_open(ns);
    init_exec_builtins(ns);
    for (Type* t : {&object_type, &type_type, &bool_type, &int_type, &float_type, &str_type, &bytes_type,
                    &list_type, &tuple_type, &dict_type, &set_type, &frozenset_type, &range_type, &slice_type})
        define(ns, t->name.c_str(), Value(t));
    using namespace exc;
    for (Type* t : {&BaseException, &Exception, &ArithmeticError, &ZeroDivisionError, &OverflowError,
                    &LookupError, &KeyError, &IndexError, &ValueError, &UnicodeError, &UnicodeDecodeError,
                    &UnicodeEncodeError, &TypeError, &RuntimeError, &NotImplementedError, &RecursionError,
                    &AttributeError, &NameError, &UnboundLocalError, &StopIteration, &StopAsyncIteration,
                    &GeneratorExit, &KeyboardInterrupt, &SystemExit, &AssertionError, &OSError,
                    &FileNotFoundError, &FileExistsError, &PermissionError, &IsADirectoryError,
                    &NotADirectoryError, &TimeoutError, &ConnectionError,
                    &BaseExceptionGroup, &ExceptionGroup, &MemoryError, &ImportError, &ModuleNotFoundError,
                    &SyntaxError, &IndentationError, &TabError})
        define(ns, t->name.c_str(), Value(t));
    define(ns, "NotImplemented", not_implemented());
    define(ns, "Ellipsis", ellipsis());
    define(ns, "IOError", Value(&OSError));  // CPython's alias
    define(ns, "EnvironmentError", Value(&OSError));
}

}  // namespace aio::py
