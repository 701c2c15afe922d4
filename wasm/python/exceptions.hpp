// Python exceptions: instances of exception types. Native code raises one by throwing
// py::Error, the one C++ exception type that carries a Python exception object.
#pragma once

#include "python/object.hpp"

#include <exception>
#include <string>
#include <vector>

namespace aio::py {

struct ExceptionObject : Object {
    ExceptionObject(Type* t, Value a) : Object(t), args(std::move(a)) {}
    Value args;  // tuple
    Value cause, context, traceback;
    bool suppress_context = false;
    // __context__ was assigned in Python: the unwinder, which gives an exception the one being
    // handled as context when it reaches a frame (CPython does it on raise), leaves it, None too.
    bool context_assigned = false;
    Value attrs;  // dict of other attributes (name, errno, ...), created on first setattr
};

class Error : public std::exception {
public:
    explicit Error(Value e) : exc(std::move(e)) {}
    Value exc;  // an ExceptionObject
    Type& type() const noexcept { return *exc.obj()->type; }
    const char* what() const noexcept override;  // "TypeError: message"
private:
    mutable std::string what_;
};

[[noreturn]] void raise(Type& t, std::string message);
[[noreturn]] void raise(Value exc);
Value new_exception(Type& t, std::vector<Value> args);
// A failed system call's OSError, as CPython raises it: errno (Linux's number, whatever the
// platform's, e.g. wasm's), strerror, the file name(s); the subclass chosen by errno
// (FileNotFoundError, ...). filename2 is rename's destination.
[[noreturn]] void raise_os_error(int platform_errno, const Value& filename, const Value& filename2 = Value());
bool is_exception_type(const Type& t) noexcept;

class syntax_error;
// The SyntaxError (IndentationError, TabError) object for a parse error, as exec() or import
// raise it: msg, filename, lineno, offset, text, end_lineno, end_offset. text ends with a newline
// when the source line did (CPython keeps it).
Value new_syntax_error(const syntax_error& e, bool text_has_newline);

namespace exc {
extern Type BaseException, Exception, ArithmeticError, ZeroDivisionError, OverflowError,
    LookupError, KeyError, IndexError, ValueError, UnicodeError, UnicodeDecodeError,
    UnicodeEncodeError, TypeError, RuntimeError, NotImplementedError, RecursionError,
    AttributeError, NameError, UnboundLocalError, StopIteration, StopAsyncIteration,
    GeneratorExit, KeyboardInterrupt, SystemExit, AssertionError, OSError, FileNotFoundError,
    FileExistsError, PermissionError, IsADirectoryError, NotADirectoryError, TimeoutError, ConnectionError, BaseExceptionGroup,
    ExceptionGroup, MemoryError, ImportError, ModuleNotFoundError, SyntaxError, IndentationError, TabError;
}

}  // namespace aio::py
