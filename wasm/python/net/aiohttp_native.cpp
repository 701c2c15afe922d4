// _aiohttp: the one native call under the aiohttp module (lib_aiohttp.cpp), over aio::http
// (libcurl natively, the host's fetch in wasm, which needs the host-driven loop).
//
//   await _aiohttp.request(method, url, headers, body, timeout)
//       -> (status, reason, [(name, value), ...], final_url, body_bytes)
//
// headers: a list of (name, value) pairs; body: bytes or None; timeout: seconds or None.
// aio::http's errors come back as builtin exceptions the Python side turns into aiohttp's:
// ConnectionError (refused, DNS, reset: its text is aio's reason), ValueError (not an absolute
// http(s) URL), TimeoutError (the timeout ran out; the transfer was aborted), PermissionError
// (the origin is not on the loop's allow-list), MemoryError (the body is over the limit).
// Cancelling the awaiting task aborts the transfer.
#include "python/net/net_modules.hpp"

#include "python/asyncio_internal.hpp"
#include "python/builtins.hpp"
#include "python/detail.hpp"

#include "aio/http.hpp"

namespace aio::py {

namespace {

aio::coro<Value> send_request(std::string method, std::string url, aio::http::headers headers,
                              std::optional<std::string> body, std::optional<double> timeout) {
    aio::http::session_options session_options;
    session_options.timeout = timeout;
    aio::http::client_session session(std::move(session_options));
    aio::http::request_options options;
    options.headers = std::move(headers);
    options.body = std::move(body);
    aio::http::response r;
    try {
        r = co_await session.request(std::move(method), url, std::move(options));
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
    std::vector<Value> fields;
    for (const auto& [name, value] : r.headers) fields.push_back(new_tuple({new_str(name), new_str(value)}));
    co_return new_tuple({Value::integer(r.status), new_str(r.reason), new_list(std::move(fields)), new_str(r.url),
                         Value(new Bytes(std::move(r.body)))});
}

Value f_request(const Value* a, std::size_t n, const Tuple* kw) {
    detail::no_kwargs("request", kw);
    detail::check_args("request", n, 5, 5);
    for (int i : {0, 1})
        if (!is(a[i], Kind::str)) raise(exc::TypeError, "request() method and url must be str");
    aio::http::headers headers;
    for_each(a[2], [&](const Value& pair) {
        if (!is(pair, Kind::tuple) || pair.as<Tuple>()->items.size() != 2)
            raise(exc::TypeError, "request() headers must be (name, value) pairs");
        headers.add(str(pair.as<Tuple>()->items[0]), str(pair.as<Tuple>()->items[1]));
    });
    std::optional<std::string> body;
    if (is(a[3], Kind::bytes)) body = a[3].as<Bytes>()->s;
    else if (!a[3].is_none()) raise(exc::TypeError, "request() body must be bytes or None");
    std::optional<double> timeout;
    if (!a[4].is_none()) timeout = detail::to_double(a[4]);
    return asyncio::awaitable("request", [method = a[0].as<Str>()->s, url = a[1].as<Str>()->s, headers, body, timeout] {
        return send_request(method, url, headers, body, timeout);
    });
}

}  // namespace

void init_aiohttp_native(Dict& ns) { define(ns, "request", f_request); }

}  // namespace aio::py
