// The exception hierarchy, exception construction, attributes and str().
#include "python/detail.hpp"
#include "python/syntax_error.hpp"
#include "python/vm.hpp"

#include <cerrno>
#include <cstring>
#include <string>

namespace aio::py {

using namespace detail;

namespace {
Value ctor_exception(Type& t, const Value* a, std::size_t n, const Tuple* kw);
Value ctor_oserror(Type& t, const Value* a, std::size_t n, const Tuple* kw);
Value ctor_group(Type& t, const Value* a, std::size_t n, const Tuple* kw);
Value ctor_syntax_error(Type& t, const Value* a, std::size_t n, const Tuple* kw);
}  // namespace

namespace exc {
Type BaseException("BaseException", &object_type, Kind::exception, ctor_exception);
Type Exception("Exception", &BaseException, Kind::exception);
Type ArithmeticError("ArithmeticError", &Exception, Kind::exception);
Type ZeroDivisionError("ZeroDivisionError", &ArithmeticError, Kind::exception);
Type OverflowError("OverflowError", &ArithmeticError, Kind::exception);
Type LookupError("LookupError", &Exception, Kind::exception);
Type KeyError("KeyError", &LookupError, Kind::exception);
Type IndexError("IndexError", &LookupError, Kind::exception);
Type ValueError("ValueError", &Exception, Kind::exception);
Type UnicodeError("UnicodeError", &ValueError, Kind::exception);
Type UnicodeDecodeError("UnicodeDecodeError", &UnicodeError, Kind::exception);
Type UnicodeEncodeError("UnicodeEncodeError", &UnicodeError, Kind::exception);
Type TypeError("TypeError", &Exception, Kind::exception);
Type RuntimeError("RuntimeError", &Exception, Kind::exception);
Type NotImplementedError("NotImplementedError", &RuntimeError, Kind::exception);
Type RecursionError("RecursionError", &RuntimeError, Kind::exception);
Type AttributeError("AttributeError", &Exception, Kind::exception);
Type NameError("NameError", &Exception, Kind::exception);
Type UnboundLocalError("UnboundLocalError", &NameError, Kind::exception);
Type StopIteration("StopIteration", &Exception, Kind::exception);
Type StopAsyncIteration("StopAsyncIteration", &Exception, Kind::exception);
Type GeneratorExit("GeneratorExit", &BaseException, Kind::exception);
Type KeyboardInterrupt("KeyboardInterrupt", &BaseException, Kind::exception);
Type SystemExit("SystemExit", &BaseException, Kind::exception);
Type AssertionError("AssertionError", &Exception, Kind::exception);
Type OSError("OSError", &Exception, Kind::exception, ctor_oserror);
Type FileNotFoundError("FileNotFoundError", &OSError, Kind::exception);
Type FileExistsError("FileExistsError", &OSError, Kind::exception);
Type PermissionError("PermissionError", &OSError, Kind::exception);
Type IsADirectoryError("IsADirectoryError", &OSError, Kind::exception);
Type NotADirectoryError("NotADirectoryError", &OSError, Kind::exception);
Type TimeoutError("TimeoutError", &OSError, Kind::exception);
Type ConnectionError("ConnectionError", &OSError, Kind::exception);
Type BaseExceptionGroup("BaseExceptionGroup", &BaseException, Kind::exception, ctor_group);
Type ExceptionGroup("ExceptionGroup", &BaseExceptionGroup, Kind::exception);
Type MemoryError("MemoryError", &Exception, Kind::exception);
Type ImportError("ImportError", &Exception, Kind::exception);
Type ModuleNotFoundError("ModuleNotFoundError", &ImportError, Kind::exception);
Type SyntaxError("SyntaxError", &Exception, Kind::exception, ctor_syntax_error);
Type IndentationError("IndentationError", &SyntaxError, Kind::exception, ctor_syntax_error);
Type TabError("TabError", &IndentationError, Kind::exception, ctor_syntax_error);

// ExceptionGroup is also an Exception (CPython: class ExceptionGroup(BaseExceptionGroup, Exception)).
[[maybe_unused]] static const bool group_is_exception = (ExceptionGroup.also = &Exception, true);
}  // namespace exc

bool is_exception_type(const Type& t) noexcept { return t.is_subtype_of(exc::BaseException); }

Value new_exception(Type& t, std::vector<Value> args) {
    return Value(new ExceptionObject(&t, new_tuple(std::move(args))));
}

void raise(Type& t, std::string message) { throw Error(new_exception(t, {new_str(std::move(message))})); }

void raise(Value e) { throw Error(std::move(e)); }

const char* Error::what() const noexcept {
    try {
        std::string s = str(exc);
        what_ = type().name + (s.empty() ? "" : ": " + s);
    } catch (...) {
        what_ = type().name;
    }
    return what_.c_str();
}

namespace {

const std::vector<Value>& args_of(const Value& e) { return e.as<ExceptionObject>()->args.as<Tuple>()->items; }

Value stored(const Value& e, std::string_view name) {
    const Value& attrs = e.as<ExceptionObject>()->attrs;
    if (attrs.is_none()) return Value();
    auto* entry = attrs.as<Dict>()->table.find(new_str(name));
    return entry ? entry->value : Value();
}

bool has_stored(const Value& e, std::string_view name) {
    const Value& attrs = e.as<ExceptionObject>()->attrs;
    return !attrs.is_none() && attrs.as<Dict>()->table.find(new_str(name));
}

// BaseException.__new__ takes keywords when a class overrides __init__ (they are its): as
// CPython's, only BaseException.__init__ refuses them.
bool has_own_init(const Type& t) {
    const Value* init = t.lookup("__init__");
    return init && init->is_object() && isinstance(*init, function_type);
}

Value ctor_exception(Type& t, const Value* a, std::size_t n, const Tuple* kw) {
    if (!has_own_init(t)) no_kwargs(t.name.c_str(), kw);
    return Value(new ExceptionObject(&t, new_tuple(std::vector<Value>(a, a + n))));
}

// Linux's errno numbers (what CPython reports) for the platform's constants: wasm's libc (WASI
// numbering) differs, e.g. ENOENT is 44 there.
int linux_errno(int e) {
    struct Pair {
        int platform, linux;
    };
    static const Pair table[] = {
        {EPERM, 1}, {ENOENT, 2}, {EINTR, 4}, {EIO, 5}, {ENXIO, 6}, {E2BIG, 7}, {EBADF, 9},
        {EAGAIN, 11}, {ENOMEM, 12}, {EACCES, 13}, {EBUSY, 16}, {EEXIST, 17}, {EXDEV, 18},
        {ENODEV, 19}, {ENOTDIR, 20}, {EISDIR, 21}, {EINVAL, 22}, {ENFILE, 23}, {EMFILE, 24},
        {ENOTTY, 25}, {EFBIG, 27}, {ENOSPC, 28}, {ESPIPE, 29}, {EROFS, 30}, {EMLINK, 31},
        {EPIPE, 32}, {ENAMETOOLONG, 36}, {ENOTEMPTY, 39}, {ELOOP, 40}, {ECONNRESET, 104},
        {ETIMEDOUT, 110}, {ECONNREFUSED, 111},
    };
    for (const Pair& p : table)
        if (p.platform == e) return p.linux;
    return e;
}

// OSError(errno, strerror[, filename]): picks the subclass for the errno like CPython.
Value ctor_oserror(Type& t, const Value* a, std::size_t n, const Tuple* kw) {
    if (!has_own_init(t)) no_kwargs(t.name.c_str(), kw);
    Type* type = &t;
    if (n >= 2 && n <= 5 && a[0].is_intlike() && &t == &exc::OSError) {
        switch (a[0].as_int()) {
        case 2: type = &exc::FileNotFoundError; break;
        case 17: type = &exc::FileExistsError; break;
        case 20: type = &exc::NotADirectoryError; break;
        case 21: type = &exc::IsADirectoryError; break;
        case 1:
        case 13: type = &exc::PermissionError; break;
        case 110: type = &exc::TimeoutError; break;
        default: break;
        }
    }
    std::size_t kept = n >= 3 && n <= 5 ? 2 : n;  // the filename is not part of args
    Value e(new ExceptionObject(type, new_tuple(std::vector<Value>(a, a + kept))));
    if (n >= 2 && n <= 5) {
        setattr(e, "errno", a[0]);
        setattr(e, "strerror", a[1]);
        setattr(e, "filename", n >= 3 ? a[2] : Value());
        setattr(e, "filename2", n == 5 ? a[4] : Value());
    }
    return e;
}

// SyntaxError(msg, (filename, lineno, offset, text[, end_lineno, end_offset])): the details
// become attributes, as CPython's.
Value ctor_syntax_error(Type& t, const Value* a, std::size_t n, const Tuple* kw) {
    Value e = ctor_exception(t, a, n, kw);
    if (n >= 1) setattr(e, "msg", a[0]);
    if (n == 2) {
        if (!is(a[1], Kind::tuple)) raise(exc::TypeError, "SyntaxError details must be a tuple");
        const auto& info = a[1].as<Tuple>()->items;
        if (info.size() < 4 || info.size() > 6) raise(exc::IndexError, "tuple index out of range");
        const char* names[] = {"filename", "lineno", "offset", "text", "end_lineno", "end_offset"};
        for (std::size_t i = 0; i < info.size(); ++i) setattr(e, names[i], info[i]);
    }
    return e;
}

Value ctor_group(Type& t, const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs(t.name.c_str(), kw);
    if (n != 2)
        raise(exc::TypeError, "BaseExceptionGroup.__new__() takes exactly 2 arguments (" +
                                  std::to_string(n) + " given)");
    if (!is(a[0], Kind::str)) raise(exc::TypeError, "BaseExceptionGroup.__new__() argument 1 must be str, not " + type_name(a[0]));
    Kind k = kind_of(a[1]);
    if (k != Kind::list && k != Kind::tuple)
        raise(exc::TypeError, "second argument (exceptions) must be a sequence");
    std::vector<Value> excs = to_vector(a[1]);
    if (excs.empty()) raise(exc::ValueError, "second argument (exceptions) must be a non-empty sequence");
    bool all_exceptions = true;
    for (std::size_t i = 0; i < excs.size(); ++i) {
        if (!is(excs[i], Kind::exception))
            raise(exc::ValueError, "Item " + std::to_string(i) + " of second argument (exceptions) is not an exception");
        all_exceptions = all_exceptions && isinstance(excs[i], exc::Exception);
    }
    Type* type = &t;
    if (&t == &exc::BaseExceptionGroup && all_exceptions) type = &exc::ExceptionGroup;
    if (type->is_subtype_of(exc::Exception) && !all_exceptions)
        raise(exc::TypeError, "Cannot nest BaseExceptions in an ExceptionGroup");
    Value e(new ExceptionObject(type, new_tuple({a[0], a[1]})));
    setattr(e, "message", a[0]);
    setattr(e, "exceptions", new_tuple(std::move(excs)));
    return e;
}

Value m_with_traceback(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("BaseException.with_traceback", kw);
    check_args("BaseException.with_traceback", n - 1, 1, 1);
    setattr(a[0], "__traceback__", a[1]);
    return a[0];
}

Value m_add_note(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("BaseException.add_note", kw);
    check_args("BaseException.add_note", n - 1, 1, 1);
    if (!is(a[1], Kind::str)) raise(exc::TypeError, "note must be a str, not '" + type_name(a[1]) + "'");
    Value notes = stored(a[0], "__notes__");
    if (notes.is_none()) {
        notes = new_list();
        setattr(a[0], "__notes__", notes);
    }
    notes.as<List>()->items.push_back(a[1]);
    return Value();
}

}  // namespace

void raise_os_error(int platform_errno, const Value& filename, const Value& filename2) {
    std::vector<Value> args{Value::integer(linux_errno(platform_errno)), new_str(std::strerror(platform_errno)), filename};
    if (!filename2.is_none()) args.insert(args.end(), {Value(), filename2});
    raise(call(Value(&exc::OSError), args.data(), filename.is_none() && filename2.is_none() ? 2 : args.size()));
}

namespace detail {

bool exception_attr(const Value& v, std::string_view name, Value& out) {
    auto* e = v.as<ExceptionObject>();
    if (name == "args") out = e->args;
    else if (name == "__cause__") out = e->cause;
    else if (name == "__context__") out = e->context;
    else if (name == "__traceback__") out = e->traceback;
    else if (name == "__suppress_context__") out = Value::boolean(e->suppress_context);
    else if (has_stored(v, name)) out = stored(v, name);
    else if (name == "value" && (isinstance(v, exc::StopIteration) || isinstance(v, exc::StopAsyncIteration)))
        out = args_of(v).empty() ? Value() : args_of(v)[0];
    else if (name == "code" && isinstance(v, exc::SystemExit)) {
        auto& args = args_of(v);
        out = args.empty() ? Value() : args.size() == 1 ? args[0] : e->args;
    } else if ((name == "errno" || name == "strerror" || name == "filename" || name == "filename2") &&
               isinstance(v, exc::OSError))
        out = Value();
    else if ((name == "msg" || name == "filename" || name == "lineno" || name == "offset" || name == "text" ||
              name == "end_lineno" || name == "end_offset" || name == "print_file_and_line") &&
             isinstance(v, exc::SyntaxError))
        out = Value();
    else if ((name == "name" || name == "obj") &&
             (isinstance(v, exc::NameError) || isinstance(v, exc::AttributeError)))
        out = Value();
    else
        return false;
    return true;
}

void init_exception_methods() {
    def_method(exc::BaseException, "with_traceback", m_with_traceback);
    def_method(exc::BaseException, "add_note", m_add_note);
    init_exception_group_methods();
}

// str() of an exception (repr lives with the other reprs).
std::string exception_str(const Value& v) {
    auto& args = args_of(v);
    if (isinstance(v, exc::BaseExceptionGroup) && args.size() == 2) {
        std::size_t n = len(stored(v, "exceptions"));
        return str(args[0]) + " (" + std::to_string(n) + " sub-exception" + (n == 1 ? "" : "s") + ")";
    }
    if (isinstance(v, exc::OSError) && has_stored(v, "errno")) {
        std::string s = "[Errno " + str(stored(v, "errno")) + "] " + str(stored(v, "strerror"));
        Value f = stored(v, "filename");
        if (!f.is_none()) s += ": " + repr(f);
        Value f2 = stored(v, "filename2");
        if (!f.is_none() && !f2.is_none()) s += " -> " + repr(f2);
        return s;
    }
    if (isinstance(v, exc::KeyError) && args.size() == 1) return repr(args[0]);
    if (isinstance(v, exc::SyntaxError)) {
        // "msg (file, line N)", the file by its base name.
        std::string s = str(has_stored(v, "msg") ? stored(v, "msg") : Value());
        Value file = has_stored(v, "filename") ? stored(v, "filename") : Value();
        Value line = has_stored(v, "lineno") ? stored(v, "lineno") : Value();
        std::string where;
        if (is(file, Kind::str)) {
            const std::string& f = file.as<Str>()->s;
            where = f.substr(f.rfind('/') == std::string::npos ? 0 : f.rfind('/') + 1);
        }
        if (line.is_intlike()) where += (where.empty() ? "line " : ", line ") + str(line);
        return where.empty() ? s : s + " (" + where + ")";
    }
    if (args.empty()) return "";
    if (args.size() == 1) return str(args[0]);
    return repr(v.as<ExceptionObject>()->args);
}

}  // namespace detail

Value new_syntax_error(const syntax_error& e, bool text_has_newline) {
    Type& t = e.type() == "IndentationError" ? exc::IndentationError
              : e.type() == "TabError"       ? exc::TabError
                                             : exc::SyntaxError;
    Value text = e.text().empty() ? Value() : new_str(e.text() + (text_has_newline ? "\n" : ""));
    Value info = new_tuple({new_str(e.filename()), Value::integer(e.lineno()), Value::integer(e.offset()), text,
                            Value::integer(e.end_lineno()), Value::integer(e.end_offset())});
    return call(Value(&t), {new_str(e.msg()), info});
}

}  // namespace aio::py
