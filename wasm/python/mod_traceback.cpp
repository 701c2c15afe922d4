// The `traceback` module: the printout of an exception as a program asks for it (print_exc in an
// except block, format_exc into a log line), the same text an uncaught one prints
// (traceback.cpp), in CPython's pieces.
#include "python/builtins.hpp"
#include "python/detail.hpp"
#include "python/vm.hpp"

#include <string_view>

namespace aio::py {

using namespace detail;

namespace {

// format_exception's list: the "Traceback" line, each frame's lines, the text between chained
// exceptions, the exception's line(s), as CPython's TracebackException.format yields them.
Value pieces(const std::string& text) {
    std::vector<Value> out;
    std::string piece;
    enum { none, frame, final } kind = none;
    auto flush = [&] {
        if (!piece.empty()) out.push_back(new_str(std::exchange(piece, {})));
    };
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t end = text.find('\n', pos);
        end = end == std::string::npos ? text.size() : end + 1;
        std::string_view line(text.data() + pos, end - pos);
        pos = end;
        if (line == "\n") {  // "\nDuring handling of ...:\n\n": one piece
            flush();
            std::size_t stop = text.find("\n\n", pos);
            stop = stop == std::string::npos ? text.size() : stop + 2;
            out.push_back(new_str("\n" + text.substr(pos, stop - pos)));
            pos = stop;
            kind = none;
        } else if (line.starts_with("Traceback (most recent call last):")) {
            flush();
            out.push_back(new_str(line));
            kind = none;
        } else if (line.starts_with("  File ")) {
            flush();
            piece = line;
            kind = frame;
        } else if (kind == frame && line.starts_with("    ")) {
            piece += line;
        } else {
            if (kind != final) flush();
            piece += line;
            kind = final;
        }
    }
    flush();
    return new_list(std::move(out));
}

// The exception a call names (its bound arguments: exc, value, ...): `exc`, or `value` of the
// old (type, value, tb) form; CPython's TypeError for anything else but None.
Value exception_arg(const std::vector<Value>& arg, const Value* a, std::size_t n, const Tuple* kw) {
    const bool old_form = n >= 2 || kwarg(a, n, kw, "value");
    Value exc = old_form ? arg[1] : arg[0];
    if (!exc.is_none() && !is(exc, Kind::exception))
        raise(exc::TypeError, "Exception expected for value, " + type_name(exc) + " found");
    return exc;
}

// The traceback module is Python in CPython, `exc` positional-only: its functions' messages.
void need_exc(const char* fname, std::size_t n, const Tuple* kw, const Value* a) {
    if (kwarg(a, n, kw, "exc"))
        raise(exc::TypeError, std::string(fname) +
                                  "() got some positional-only arguments passed as keyword arguments: 'exc'");
    if (n == 0) raise(exc::TypeError, std::string(fname) + "() missing 1 required positional argument: 'exc'");
}

std::int64_t limit_arg(const Value& limit) { return limit.is_none() ? INT64_MAX : as_integer(limit); }

std::string text_of(const Value& exc, const Value& limit, const Value& chain) {
    if (exc.is_none()) return "NoneType: None\n";
    return format_exception(exc, chain.is_none() || truthy(chain), limit_arg(limit));
}

// Where print_* writes: file=, else sys.stderr as it is now (a program may have replaced it).
void write_out(const Value& file, const std::string& text) {
    Value target = file.is_none() ? getattr(import_module("sys"), "stderr") : file;
    call_method(target, "write", {new_str(text)});
}

Value tb_format_exception(const Value* a, std::size_t n, const Tuple* kw) {
    need_exc("format_exception", n, kw, a);
    auto arg = bind_args("format_exception", a, n, kw, {"exc", "value", "tb", "limit", "chain"}, 1);
    return pieces(text_of(exception_arg(arg, a, n, kw), arg[3], arg[4]));
}

Value tb_format_exception_only(const Value* a, std::size_t n, const Tuple* kw) {
    need_exc("format_exception_only", n, kw, a);
    auto arg = bind_args("format_exception_only", a, n, kw, {"exc", "value"}, 1);
    Value exc = exception_arg(arg, a, n, kw);
    if (exc.is_none()) return new_list({new_str("NoneType: None\n")});
    // The printout without frames or chain is the exception's line(s) alone.
    return pieces(format_exception(exc, false, 0));
}

Value tb_print_exception(const Value* a, std::size_t n, const Tuple* kw) {
    need_exc("print_exception", n, kw, a);
    auto arg = bind_args("print_exception", a, n, kw, {"exc", "value", "tb", "limit", "file", "chain"}, 1);
    write_out(arg[4], text_of(exception_arg(arg, a, n, kw), arg[3], arg[5]));
    return Value();
}

Value tb_format_exc(const Value* a, std::size_t n, const Tuple* kw) {
    auto arg = bind_args("format_exc", a, n, kw, {"limit", "chain"}, 0);
    return new_str(text_of(handled_exception(), arg[0], arg[1]));
}

Value tb_print_exc(const Value* a, std::size_t n, const Tuple* kw) {
    auto arg = bind_args("print_exc", a, n, kw, {"limit", "file", "chain"}, 0);
    write_out(arg[1], text_of(handled_exception(), arg[0], arg[2]));
    return Value();
}

}  // namespace

void init_traceback(Dict& ns) {
    define(ns, "format_exception", tb_format_exception);
    define(ns, "format_exception_only", tb_format_exception_only);
    define(ns, "print_exception", tb_print_exception);
    define(ns, "format_exc", tb_format_exc);
    define(ns, "print_exc", tb_print_exc);
}

}  // namespace aio::py
