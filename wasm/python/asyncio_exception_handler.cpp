// The loop's error reports as asyncio makes them. aio's event_loop::call_exception_handler (a
// callback that raised, a task whose exception was never retrieved, an error at shutdown) is
// turned into CPython's context dict and given to the handler loop.set_exception_handler set,
// or to the default handler, which writes CPython's text to sys.stderr.
#include "python/asyncio_internal.hpp"
#include "python/builtins.hpp"
#include "python/code.hpp"
#include "python/vm.hpp"

#include "aio/loop.hpp"

#include <algorithm>
#include <optional>

namespace aio::py::asyncio {

namespace {

// The Python callback that raised, kept from its throw until the loop reports it (at once).
struct FailedCallback {
    Value fn;
    std::vector<Value> args;
    bool timer = false;
};
std::optional<FailedCallback>& failed_callback() {
    static std::optional<FailedCallback> f;
    return f;
}

// What aio installs on a loop the front-end made: `handler` is None for the default one.
struct PythonHandler {
    aio::event_loop* loop;
    Value handler;
    // On a host's loop (a hosted program): the host's own handler, for reports that are not the
    // program's (their exception is no Python one).
    std::function<void(const aio::error_context&)> host_handler;
    void operator()(const aio::error_context& c) const;
};

bool is_python_error(const std::exception_ptr& e) {
    if (!e) return false;
    try {
        std::rethrow_exception(e);
    } catch (const Error&) {
        return true;
    } catch (...) {
        return false;
    }
}

// The first `count` code points of `s` from code point `from` (the whole rest for npos).
std::string code_points(const std::string& s, std::size_t from, std::size_t count = std::string::npos) {
    std::size_t pos = 0, index = 0, start = s.size();
    while (pos < s.size() && index < from) {
        detail::decode_utf8(s, pos);
        ++index;
    }
    start = pos;
    for (index = 0; pos < s.size() && index < count; ++index) detail::decode_utf8(s, pos);
    return s.substr(start, pos - start);
}

// reprlib's cut: the first i and last j characters of a text longer than `limit`, joined by "...".
std::string cut(const std::string& s, std::size_t limit) {
    auto length = static_cast<std::size_t>(detail::count_code_points(s));
    if (length <= limit) return s;
    std::size_t i = (limit - 3) / 2, j = limit - 3 - i;
    return code_points(s, 0, i) + "..." + code_points(s, length - j);
}

// reprlib.repr as asyncio formats a callback's arguments: str cut at 30 characters, int at 40,
// any other object's repr at 30 (containers are shown whole: reprlib's per-item limits are not kept).
std::string short_repr(const Value& v) {
    if (is(v, Kind::str)) {
        const std::string& s = v.as<Str>()->s;
        std::string r = repr(new_str(code_points(s, 0, 30)));
        if (detail::count_code_points(r) <= 30) return r;
        auto length = static_cast<std::size_t>(detail::count_code_points(s));
        r = repr(new_str(code_points(s, 0, 13) + code_points(s, length < 14 ? 0 : length - 14)));
        auto rlength = static_cast<std::size_t>(detail::count_code_points(r));
        return code_points(r, 0, 13) + "..." + code_points(r, rlength < 14 ? 0 : rlength - 14);
    }
    if (v.is_int()) return cut(repr(v), 40);
    if (is(v, Kind::list) || is(v, Kind::tuple) || is(v, Kind::dict) || is(v, Kind::set) ||
        is(v, Kind::frozenset)) return repr(v);
    return cut(repr(v), 30);
}

void write_stderr(const std::string& text) {
    call_method(getattr(import_module("sys"), "stderr"), "write", {new_str(text)});
}

// BaseEventLoop.default_exception_handler's text: the message, then `key: repr(value)` for the
// other keys in sorted order, then the exception's traceback (logging's exc_info).
std::string default_text(const Value& context) {
    Value get = getattr(context, "get");
    Value message = call(get, {new_str("message")});
    std::string text = truthy(message) ? str(message) : "Unhandled exception in event loop";
    Value exception = call(get, {new_str("exception")});
    std::vector<Value> keys;
    for_each(context, [&](const Value& k) { keys.push_back(k); });
    std::stable_sort(keys.begin(), keys.end(), [](const Value& a, const Value& b) { return lt(a, b); });
    for (auto& k : keys) {
        if (is(k, Kind::str) && (k.as<Str>()->s == "message" || k.as<Str>()->s == "exception")) continue;
        text += "\n" + str(k) + ": " + repr(getitem(context, k));
    }
    if (exception.is_none()) return text + "\n";
    if (!is(exception, Kind::exception))  // CPython reads exception.__traceback__
        raise(exc::AttributeError, "'" + type_name(exception) + "' object has no attribute '__traceback__'");
    return text + "\n" + format_exception(exception);
}

void default_report(const Value& context) {
    try {
        write_stderr(default_text(context));
    } catch (const Error& e) {
        write_stderr("Exception in default exception handler\n" + format_exception(e.exc));
    }
}

void put_str(Value& d, const char* key, Value v) { setitem(d, new_str(key), std::move(v)); }

// call_exception_handler(context) as BaseEventLoop's: the handler set, else the default one;
// an error in the handler is reported by the default one. `handling`: the exception a failed
// callback raised, which CPython's handler runs in the except block of (its errors' __context__).
void dispatch(aio::event_loop& loop, const Value& handler, const Value& context, const Value& handling = {}) {
    if (handler.is_none()) return default_report(context);
    try {
        call(handler, {loop_object(loop), context});
    } catch (const Error& e) {
        if (!handling.is_none() && getattr(e.exc, "__context__").is_none() && !e.exc.is(handling))
            setattr(e.exc, "__context__", handling);
        Value d = new_dict();
        put_str(d, "message", new_str("Unhandled error in exception handler"));
        put_str(d, "exception", e.exc);
        put_str(d, "context", context);
        default_report(d);
    }
}

Value future_value(const aio::any_future& f) {
    if (f.core()->is_task()) return task_object(aio::any_task(static_cast<aio::detail::task_core*>(f.core())));
    return wrap_future(aio::future<Value>(static_cast<aio::detail::future_state<Value>*>(f.core())));
}

// aio's report as asyncio's context dict, keys in CPython's order.
Value context_of(const aio::error_context& c) {
    Value d = new_dict();
    std::string message = c.message;
    const char* future_key = "future";
    Value handle;
    if (c.handle.valid()) {
        if (auto failed = std::exchange(failed_callback(), std::nullopt)) {
            message += " " + callback_text(failed->fn, failed->args);
            handle = handle_object(c.handle, failed->fn, std::move(failed->args), failed->timer);
        }
    }
    if (message == "unhandled exception during run() shutdown") {
        message = "unhandled exception during asyncio.run() shutdown";
        future_key = "task";
    }
    put_str(d, "message", new_str(message));
    if (c.exception) put_str(d, "exception", from_aio_error(c.exception));
    if (c.future.valid()) put_str(d, future_key, future_value(c.future));
    if (!handle.is_none()) put_str(d, "handle", handle);
    return d;
}

void PythonHandler::operator()(const aio::error_context& c) const {
    if (host_handler && !is_python_error(c.exception)) {
        host_handler(c);
        return;
    }
    try {
        Value context = context_of(c);
        Value handling;
        if (c.handle.valid() && c.exception) handling = getitem(context, new_str("exception"));
        dispatch(*loop, handler, context, handling);
    } catch (const Error& e) {  // building the context failed: still say something
        host().write(2, c.message + "\n" + format_exception(e.exc));
    }
}

const PythonHandler* python_handler(aio::event_loop& loop) {
    return loop.get_exception_handler().target<PythonHandler>();
}

}  // namespace

namespace {
// func.__qualname__ as asyncio's _format_callback reads it (a bound method: its function's).
std::string qualname_of(const Value& fn) {
    if (fn.is_object() && fn.obj()->type == &function_type) return fn.as<Function>()->qualname;
    if (fn.is_object() && fn.obj()->type == &method_type) return qualname_of(fn.as<Method>()->func);
    if (fn.is_object() && fn.obj()->type == &builtin_function_type) {
        auto* f = fn.as<NativeFunction>();
        return f->owner ? f->owner->name + "." + f->name : f->name;
    }
    Value name;
    return try_getattr(fn, "__qualname__", name) && truthy(name) ? str(name) : repr(fn);
}
}  // namespace

std::string callback_text(const Value& fn, const std::vector<Value>& args) {
    std::string text = qualname_of(fn);
    text += "(";
    for (std::size_t i = 0; i < args.size(); ++i) text += (i ? ", " : "") + short_repr(args[i]);
    text += ")";
    if (fn.is_object() && fn.obj()->type == &function_type) {
        const Code& code = fn.as<Function>()->co();
        text += " at " + code.filename + ":" + std::to_string(code.firstlineno);
    }
    return text;
}

void run_callback(const Value& fn, const std::vector<Value>& args, bool timer, const Value& context) {
    try {
        if (context.is_none()) {
            call(fn, args.data(), args.size());
        } else {  // as asyncio's Handle: context.run(fn, *args), whatever context is
            std::vector<Value> run_args{fn};
            run_args.insert(run_args.end(), args.begin(), args.end());
            call(getattr(context, "run"), run_args.data(), run_args.size());
        }
    } catch (const Error&) {
        failed_callback() = FailedCallback{fn, args, timer};
        throw;
    }
}

void report_like_asyncio(aio::event_loop& loop) {
    loop.set_exception_handler(PythonHandler{&loop, Value(), nullptr});
    // The loop's own messages (debug mode's "Executing <Task ...> took 5.000 seconds") go to
    // the program's stderr as asyncio's logger prints them with no logging configured.
    loop.set_log_handler([](std::string_view message) { host().write(2, std::string(message) + "\n"); });
}

std::function<void(const aio::error_context&)> report_python_errors(aio::event_loop& loop) {
    auto host_handler = loop.get_exception_handler();
    loop.set_exception_handler(PythonHandler{&loop, Value(), host_handler});
    return host_handler;
}

Value set_exception_handler(aio::event_loop& loop, const Value& handler) {
    if (!handler.is_none() && !is_callable(handler))
        raise(exc::TypeError, "A callable object or None is expected, got " + repr(handler));
    const PythonHandler* now = python_handler(loop);
    loop.set_exception_handler(PythonHandler{&loop, handler, now ? now->host_handler : nullptr});
    return Value();
}

Value get_exception_handler(aio::event_loop& loop) {
    const PythonHandler* h = python_handler(loop);
    return h ? h->handler : Value();
}

void call_exception_handler(aio::event_loop& loop, const Value& context) {
    dispatch(loop, get_exception_handler(loop), context);
}

void default_exception_handler(const Value& context) { default_report(context); }

}  // namespace aio::py::asyncio
