// The `sys` module: argv from the host, stdout/stderr writing to the host, exit, exception and
// exc_info, maxsize, version_info and implementation.
#include "python/asyncgen_hooks.hpp"
#include "python/builtins.hpp"
#include "python/detail.hpp"
#include "python/modules.hpp"
#include "python/vm.hpp"

#include <cstdint>

namespace aio::py {

using namespace detail;

// sys.stdout / sys.stderr: text streams onto the host's fd 1 and 2 (CPython's type name).
Type text_stream_type("TextIOWrapper", &object_type, Kind::object);
// sys.implementation: one object whose attributes live in its type's dict.
Type implementation_type("SimpleNamespace", &object_type, Kind::object);

namespace {

struct TextStream : Object {
    TextStream(int f) : Object(&text_stream_type), fd(f) {}
    int fd;
};

// write(s): the text goes to the host; returns the number of characters, as CPython.
Value m_write(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("TextIOWrapper.write", kw);
    check_args("TextIOWrapper.write", n - 1, 1, 1);
    if (!is(a[1], Kind::str)) raise(exc::TypeError, "write() argument must be str, not " + type_name(a[1]));
    auto* s = a[1].as<Str>();
    host().write(a[0].as<TextStream>()->fd, s->s);
    return Value::integer(s->length);
}

Value m_writelines(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("TextIOWrapper.writelines", kw);
    check_args("TextIOWrapper.writelines", n - 1, 1, 1);
    for_each(a[1], [&](const Value& line) {
        Value args[2] = {a[0], line};
        m_write(args, 2, nullptr);
    });
    return Value();
}

// The host's output is unbuffered here: flush has nothing to do.
Value m_flush(const Value*, std::size_t n, const Tuple* kw) {
    no_kwargs("TextIOWrapper.flush", kw);
    check_args("TextIOWrapper.flush", n - 1, 0, 0);
    return Value();
}

Value m_isatty(const Value*, std::size_t n, const Tuple* kw) {
    no_kwargs("TextIOWrapper.isatty", kw);
    check_args("TextIOWrapper.isatty", n - 1, 0, 0);
    return Value::boolean(false);
}

// exit(status=None): raises SystemExit(status); the entry point turns it into the exit code.
Value sys_exit(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("exit", kw);
    check_args("exit", n, 0, 1);
    raise(new_exception(exc::SystemExit, std::vector<Value>(a, a + n)));
}

// exception(): the exception being handled here or by a caller, or None; exc_info(): its
// (type, value, traceback), or three Nones.
Value sys_exception(const Value*, std::size_t n, const Tuple* kw) {
    no_kwargs("exception", kw);
    check_args("exception", n, 0, 0);
    return handled_exception();
}
Value sys_exc_info(const Value*, std::size_t n, const Tuple* kw) {
    no_kwargs("exc_info", kw);
    check_args("exc_info", n, 0, 0);
    Value e = handled_exception();
    if (e.is_none()) return new_tuple({Value(), Value(), Value()});
    return new_tuple({Value(&type_of(e)), e, e.as<ExceptionObject>()->traceback});
}

}  // namespace

void init_sys(Dict& ns) {
    if (!text_stream_type.dict.count("write")) {
        def_method(text_stream_type, "write", m_write);
        def_method(text_stream_type, "writelines", m_writelines);
        def_method(text_stream_type, "flush", m_flush);
        def_method(text_stream_type, "isatty", m_isatty);
    }
    std::vector<Value> argv;
    for (auto& arg : host().argv) argv.push_back(new_str(arg));
    define(ns, "argv", new_list(std::move(argv)));
    Value out(new TextStream(1)), err(new TextStream(2));
    define(ns, "stdout", out);
    define(ns, "stderr", err);
    define(ns, "__stdout__", out);
    define(ns, "__stderr__", err);
    define(ns, "exit", sys_exit);
    define(ns, "exception", sys_exception);
    define(ns, "exc_info", sys_exc_info);
    init_asyncgen_hooks(ns);
    define(ns, "maxsize", Value::integer(INT64_MAX));
    Value version_info = new_tuple({Value::integer(3), Value::integer(11), Value::integer(7), new_str("final"), Value::integer(0)});
    define(ns, "version_info", version_info);
    define(ns, "version", new_str("3.11.7 (aio-sandbox Python front-end)"));
#ifdef __EMSCRIPTEN__
    define(ns, "platform", new_str("emscripten"));
#else
    define(ns, "platform", new_str("linux"));
#endif
    define(ns, "byteorder", new_str("little"));
    implementation_type.set_attr("name", new_str("aio"));
    implementation_type.set_attr("version", version_info);
    implementation_type.set_attr("cache_tag", Value());
    define(ns, "implementation", Value(new Object(&implementation_type)));
}

}  // namespace aio::py
