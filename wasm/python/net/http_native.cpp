// The native calls under the network modules, over aio::http (libcurl natively, the host's
// fetch in wasm, which needs the host-driven loop):
//
//   await _aiohttp.request(method, url, headers, body, timeout)     (lib_aiohttp.cpp)
//   _requests.request(method, url, headers, body, timeout)          (lib_requests.cpp): blocking
//       -> (status, reason, [(name, value), ...], final_url, body_bytes)
//
// headers: a list of (name, value) pairs; body: bytes or None; timeout: seconds or None.
// aio::http's errors come back as builtin exceptions the Python modules turn into their own:
// ConnectionError (refused, DNS, reset: its text is aio's reason), ValueError (not an absolute
// http(s) URL), TimeoutError (the timeout ran out; the transfer was aborted), PermissionError
// (the origin is not on the loop's allow-list), MemoryError (the body is over the limit).
//
// _requests.request blocks its caller as requests does: a thread's function (to_thread,
// run_in_executor) suspends only that thread; anywhere else (a coroutine, plain code) the
// calling OS thread waits for the response (natively the request runs on a helper thread with
// a loop of its own; wasm cannot block on fetch, so there it is a RuntimeError saying to call it
// from a thread).
#include "python/net/net_modules.hpp"

#include "python/asyncio_internal.hpp"
#include "python/awaitable.hpp"
#include "python/builtins.hpp"
#include "python/detail.hpp"
#include "python/threads.hpp"

#include "aio/http.hpp"
#include "aio/run.hpp"

#include <thread>

namespace aio::py {

namespace {

struct Request {
    std::string method, url;
    aio::http::headers headers;
    std::optional<std::string> body;
    std::optional<double> timeout;
};

Request request_args(const char* fname, const Value* a, std::size_t n, const Tuple* kw) {
    detail::no_kwargs(fname, kw);
    detail::check_args(fname, n, 5, 5);
    for (int i : {0, 1})
        if (!is(a[i], Kind::str)) raise(exc::TypeError, std::string(fname) + "() method and url must be str");
    Request r{a[0].as<Str>()->s, a[1].as<Str>()->s, {}, {}, {}};
    for_each(a[2], [&](const Value& pair) {
        if (!is(pair, Kind::tuple) || pair.as<Tuple>()->items.size() != 2)
            raise(exc::TypeError, std::string(fname) + "() headers must be (name, value) pairs");
        r.headers.add(str(pair.as<Tuple>()->items[0]), str(pair.as<Tuple>()->items[1]));
    });
    if (is(a[3], Kind::bytes)) r.body = a[3].as<Bytes>()->s;
    else if (!a[3].is_none()) raise(exc::TypeError, std::string(fname) + "() body must be bytes or None");
    if (!a[4].is_none()) r.timeout = detail::to_double(a[4]);
    return r;
}

aio::coro<aio::http::response> fetch(Request r) {
    aio::http::session_options session_options;
    session_options.timeout = r.timeout;
    aio::http::client_session session(std::move(session_options));
    aio::http::request_options options;
    options.headers = std::move(r.headers);
    options.body = std::move(r.body);
    co_return co_await session.request(std::move(r.method), std::move(r.url), std::move(options));
}

// aio::http's error (the current exception) as the builtin exception described at the top.
[[noreturn]] void raise_python(std::exception_ptr error) {
    try {
        std::rethrow_exception(error);
    } catch (const aio::http::timeout_error&) {
        raise(exc::TimeoutError, "");
    } catch (const aio::http::invalid_url_error& e) {
        raise(exc::ValueError, e.what());
    } catch (const aio::http::forbidden_origin_error& e) {
        raise(exc::PermissionError, e.what());
    } catch (const aio::http::body_too_large_error& e) {
        raise(exc::MemoryError, e.what());
    } catch (const aio::http::connection_error& e) {
        raise(exc::ConnectionError, e.what());
    }
}

Value to_python(aio::http::response r) {
    std::vector<Value> fields;
    for (const auto& [name, value] : r.headers) fields.push_back(new_tuple({new_str(name), new_str(value)}));
    return new_tuple({Value::integer(r.status), new_str(r.reason), new_list(std::move(fields)), new_str(r.url),
                      Value(new Bytes(std::move(r.body)))});
}

aio::coro<Value> send(Request r) {
    std::optional<aio::http::response> response;
    std::exception_ptr error;
    try {
        response.emplace(co_await fetch(std::move(r)));
    } catch (const aio::http::error&) {
        error = std::current_exception();
    } catch (const aio::http::timeout_error&) {
        error = std::current_exception();
    }
    if (error) raise_python(error);
    co_return to_python(std::move(*response));
}

Value aiohttp_request(const Value* a, std::size_t n, const Tuple* kw) {
    Request r = request_args("request", a, n, kw);
    return asyncio::awaitable("request", [r] { return send(r); });
}

// requests' helper `name` (lib_requests.cpp).
Value helper(const char* name) { return getattr(import_module("requests"), name); }

// Raises requests' exception for a failed request (aio's mapped to builtins first).
[[noreturn]] void raise_requests_error(const Error& e, const Request& r) {
    Value mapped = call(helper("_error"), {e.exc, r.timeout ? Value::real(*r.timeout) : Value()});
    mapped.as<ExceptionObject>()->suppress_context = true;  // `raise ... from None`
    throw Error(mapped);
}

#ifndef __EMSCRIPTEN__
// The blocking request on a helper thread with a loop of its own (this thread waits).
Value block_on(const Request& r) {
    std::optional<aio::http::response> response;
    std::exception_ptr error;
    std::thread worker([&] {
        try {
            response.emplace(aio::run(fetch(r)));
        } catch (...) {
            error = std::current_exception();
        }
    });
    worker.join();
    if (error) raise_python(error);
    return to_python(std::move(*response));
}
#endif

// requests.VERB(*args, **kwargs): _prepare_VERB says what to send; the response or error is
// requests'. Called directly by a thread's function, only that thread waits.
Value requests_call(const char* prepare, const Value* a, std::size_t n, const Tuple* kw) {
    const bool suspend = may_suspend();  // before any call clears it
    Value prepared = call(helper(prepare), a, n, kw);
    Value method = prepared.as<Tuple>()->items.at(0);
    Request r = request_args("request", prepared.as<Tuple>()->items.data(), 5, nullptr);
    if (suspend) {
        throw Suspend{new_awaitable("request", [r, method]() -> aio::coro<Value> {
            Value result;
            try {
                result = co_await send(r);
            } catch (const Error& e) {
                raise_requests_error(e, r);
            }
            co_return call(helper("_response"), {method, result});
        })};
    }
#ifdef __EMSCRIPTEN__
    raise(exc::RuntimeError, "requests cannot block here: wasm cannot wait for fetch() outside a thread; "
                             "call it from a thread's function (asyncio.to_thread, loop.run_in_executor), "
                             "as the tutorials do");
#else
    Value result;
    try {
        result = block_on(r);
    } catch (const Error& e) {
        raise_requests_error(e, r);
    }
    return call(helper("_response"), {method, result});
#endif
}

#define AIO_REQUESTS_VERB(verb) \
    Value requests_##verb(const Value* a, std::size_t n, const Tuple* kw) { return requests_call("_prepare_" #verb, a, n, kw); }
AIO_REQUESTS_VERB(request)
AIO_REQUESTS_VERB(get)
AIO_REQUESTS_VERB(post)
AIO_REQUESTS_VERB(put)
AIO_REQUESTS_VERB(patch)
AIO_REQUESTS_VERB(delete)
AIO_REQUESTS_VERB(head)
#undef AIO_REQUESTS_VERB

}  // namespace

void init_aiohttp_native(Dict& ns) { define(ns, "request", aiohttp_request); }
void init_requests_native(Dict& ns) {
    define(ns, "request", requests_request);
    define(ns, "get", requests_get);
    define(ns, "post", requests_post);
    define(ns, "put", requests_put);
    define(ns, "patch", requests_patch);
    define(ns, "delete", requests_delete);
    define(ns, "head", requests_head);
}

}  // namespace aio::py
