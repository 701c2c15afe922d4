// HTTP client scenarios shared by the native Catch2 suite (tests/test_http.cpp, libcurl backend)
// and the wasm Node harness (tests/host/http.cpp + tests/node/http.test.mjs, fetch backend).
// Each case talks to tools/demo_server.mjs at `base` and throws case_failed with a readable
// message when something is not as expected; what it prints goes to `log`.
#pragma once

#include "aio/aio.hpp"
#include "aio/http.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace http_cases {

namespace http = aio::http;

struct case_failed : std::runtime_error {
    using std::runtime_error::runtime_error;
};

inline void expect(bool ok, const std::string& what) {
    if (!ok) throw case_failed(what);
}

using log_fn = std::function<void(const std::string&)>;

inline double now_s() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

inline aio::coro<long> server_counter(const std::string& base, const char* name) {
    http::client_session s({.base_url = base});
    auto r = co_await s.get("/stats");
    co_return r.json().at(name).get<long>();
}

// json(), the methods, request/session headers, bodies, base URL joining, a large body.
inline aio::coro<void> basics(std::string base, log_fn log) {
    http::client_session s({.base_url = base + "/", .headers = {{"X-Session", "s1"}, {"X-Over", "session"}}});
    auto r = co_await s.get("/json");
    expect(r.status == 200 && r.ok(), "GET /json status " + std::to_string(r.status));
    expect(r.headers.get("content-type").value_or("").find("application/json") == 0, "content-type of /json");
    auto doc = r.json();
    expect(doc.at("name") == "aio-sandbox" && doc.at("nested").at("answer") == 42, "json() content: " + doc.dump());
    log("json name=" + doc.at("name").get<std::string>());

    // Request options always live in named variables here: g++ 12 mishandles a designated-
    // initializer temporary inside a co_await expression (compile error "array used as
    // initializer", or the temporary destroyed twice at run time).
    http::request_options echo_options{.headers = {{"X-Over", "request"}}, .json = nlohmann::json{{"a", 1}, {"b", "two"}}};
    auto echo = co_await s.post("echo", std::move(echo_options));
    auto e = echo.json();
    expect(e.at("method") == "POST", "echo method " + e.dump());
    expect(e.at("headers").at("x-session") == "s1", "session header not sent: " + e.dump());
    expect(e.at("headers").at("x-over") == "request", "request header should replace the session's: " + e.dump());
    expect(e.at("headers").at("content-type") == "application/json", "json content-type: " + e.dump());
    expect(nlohmann::json::parse(e.at("body").get<std::string>()) == nlohmann::json{{"a", 1}, {"b", "two"}},
           "echoed json body: " + e.dump());

    // (named vectors: g++ 12 miscompiles a braced list of string literals in a coroutine frame)
    const std::vector<std::string> methods{"PUT", "PATCH", "DELETE"};
    for (const std::string& method : methods) {
        http::request_options raw{.body = std::string("raw body \x01\x02", 11)};
        auto m = co_await s.request(method, "/echo", std::move(raw));
        auto j = m.json();
        expect(j.at("method") == method, "method " + method + ": " + j.dump());
        expect(j.at("body") == std::string("raw body \x01\x02", 11), "raw body for " + method);
    }
    auto d = co_await s.del("/echo");
    expect(d.json().at("method") == "DELETE", "del()");
    // Each request starts afresh (natively from a reused, reset curl handle): a GET after requests
    // with other methods and bodies is a plain GET, and one after a HEAD (below) has its body.
    auto plain = co_await s.get("/echo");
    auto p = plain.json();
    expect(p.at("method") == "GET" && p.at("body") == "" && !p.at("headers").contains("content-type"),
           "GET after other methods: " + p.dump());
    auto h = co_await s.head("/json");
    expect(h.status == 200 && h.text().empty(), "HEAD has no body");

    auto big = co_await s.get("/big?bytes=3000000");
    expect(big.text().size() == 3000000, "big body size " + std::to_string(big.text().size()));
    expect(big.text().substr(0, 5) == "abcde" && big.text()[2999999] == static_cast<char>('a' + 2999999 % 26),
           "big body content");
    expect(big.bytes().size() == 3000000, "bytes()");
    log("big body " + std::to_string(big.text().size()) + " bytes");

    auto stream = co_await s.get("/stream?chunks=3&ms=20");
    expect(stream.text() == "chunk 0\nchunk 1\nchunk 2\n", "chunked stream body: " + stream.text());

    // One-off request without a session (absolute URL).
    auto one = co_await http::request("GET", base + "/status/201");
    expect(one.status == 201, "aio::http::request status");
}

// 1,000 requests, at most `limit` in flight at once (aio::semaphore).
inline aio::coro<void> concurrency(std::string base, log_fn log, int total = 1000, int limit = 50) {
    http::client_session s({.base_url = base, .timeout = 60.0});
    aio::semaphore sem(limit);
    int in_flight = 0, max_in_flight = 0, ok = 0;
    auto one = [&](int i) -> aio::coro<void> {
        co_await sem.acquire();
        ++in_flight;
        max_in_flight = std::max(max_in_flight, in_flight);
        std::exception_ptr error;
        try {
            auto r = co_await s.get("/delay?ms=" + std::to_string(i % 5));
            if (r.status == 200 && r.text() == "waited " + std::to_string(i % 5) + " ms\n") ++ok;
        } catch (...) {
            error = std::current_exception();
        }
        --in_flight;
        sem.release();
        if (error) std::rethrow_exception(error);
    };
    std::vector<aio::coro<void>> all;
    for (int i = 0; i < total; ++i) all.push_back(one(i));
    double t0 = now_s();
    co_await aio::gather(std::move(all));
    expect(ok == total, std::to_string(ok) + " of " + std::to_string(total) + " requests succeeded");
    expect(max_in_flight == limit, "max in flight " + std::to_string(max_in_flight) + ", limit " + std::to_string(limit));
    log(std::to_string(ok) + " ok, max in flight " + std::to_string(max_in_flight) + ", " +
        std::to_string(static_cast<int>((now_s() - t0) * 1000)) + " ms");
}

// A loop that never goes idle (a task yielding with sleep(0) until the response is in) still
// gets its responses: natively curl is then driven from a timer, not from the loop's idle wait.
inline aio::coro<void> busy_loop(std::string base, log_fn log) {
    http::client_session s({.base_url = base});
    int status = 0;
    auto get = [&]() -> aio::coro<void> { status = (co_await s.get("/delay?ms=20")).status; };
    aio::task<void> request = aio::create_task(get());
    long spins = 0;
    constexpr long most = 50'000'000;  // ends a broken run (about a second of sleep(0)s per million)
    while (!request.done() && spins < most) {
        co_await aio::sleep(0);
        ++spins;
    }
    expect(request.done(), "no response after " + std::to_string(spins) + " sleep(0)s of a busy loop");
    co_await request;
    expect(status == 200, "status " + std::to_string(status));
    expect(spins > 0, "the loop was not busy while the request was out");
    log("response while busy: status " + std::to_string(status));
}

// On the virtual clock, a server that never answers: time still passes while the request is
// out, so the request's own timeout and wait_for's fire, and the run ends.
inline aio::coro<void> silent_server(std::string base, log_fn log) {
    http::client_session s({.base_url = base, .timeout = 30.0});
    double t0 = aio::time();
    bool caught = false;
    try {
        co_await s.get("/hang", http::request_options{.timeout = 0.2});
    } catch (const http::timeout_error& e) {
        caught = true;
        log(std::string("timeout_error: ") + e.what());
    }
    expect(caught, "the request to /hang did not time out");
    expect(aio::time() - t0 >= 0.2, "the request timed out before its deadline");
    bool waited = false;
    try {
        co_await aio::wait_for(s.get("/hang"), 0.2);
    } catch (const aio::timeout_error&) {
        waited = true;
    }
    expect(waited, "wait_for around /hang did not time out");
    log("silent server: both timed out");
}

// A per-request timeout aborts the transfer: timeout_error, and the server sees the client leave.
inline aio::coro<void> timeout(std::string base, log_fn log) {
    http::client_session s({.base_url = base, .timeout = 5.0});
    long aborted_before = co_await server_counter(base, "aborted");
    double t0 = now_s();
    bool caught = false;
    try {
        http::request_options short_timeout{.timeout = 0.2};
        co_await s.get("/delay?ms=3000", std::move(short_timeout));
    } catch (const http::timeout_error& e) {
        caught = true;
        log(std::string("timeout_error: ") + e.what());
    }
    double took = now_s() - t0;
    expect(caught, "no http::timeout_error");
    expect(took >= 0.15 && took < 2.0, "timeout took " + std::to_string(took) + " s");
    // The same error is an aio::timeout_error.
    bool generic = false;
    try {
        http::request_options shorter{.timeout = 0.05};
        co_await s.get("/delay?ms=3000", std::move(shorter));
    } catch (const aio::timeout_error&) {
        generic = true;
    }
    expect(generic, "http::timeout_error is not caught as aio::timeout_error");
    // Within the limit: fine.
    http::request_options enough{.timeout = 5.0};
    auto r = co_await s.get("/delay?ms=10", std::move(enough));
    expect(r.status == 200, "request within its timeout");
    long aborted = 0;
    for (int i = 0; i < 100; ++i) {
        aborted = co_await server_counter(base, "aborted");
        if (aborted >= aborted_before + 2) break;
        co_await aio::sleep(0.02);
    }
    expect(aborted >= aborted_before + 2, "server saw " + std::to_string(aborted - aborted_before) + " aborts, want 2");
    log("server saw the timed-out requests abort");
}

// Retries with backoff against /flaky.
inline aio::coro<void> retries(std::string base, log_fn log, std::string key) {
    http::client_session s({.base_url = base, .retries = 3, .backoff = 0.02});
    double t0 = now_s();
    auto r = co_await s.get("/flaky?fail=2&key=" + key + "a");
    double took = now_s() - t0;
    expect(r.status == 200 && r.attempts == 3, "flaky: status " + std::to_string(r.status) + " after " +
                                                   std::to_string(r.attempts) + " attempts");
    expect(r.text() == "ok after 2\n", "flaky body " + r.text());
    expect(took >= 0.055, "backoff 0.02 + 0.04 s not waited: " + std::to_string(took));
    log("flaky ok after " + std::to_string(r.attempts) + " attempts");

    // Not enough retries: the last response comes back, or raises with raise_for_status.
    http::request_options one_retry{.retries = 1};
    auto last = co_await s.get("/flaky?fail=5&key=" + key + "b", std::move(one_retry));
    expect(last.status == 503 && last.attempts == 2, "too few retries: status " + std::to_string(last.status));
    bool raised = false;
    try {
        http::request_options strict{.retries = 2, .raise_for_status = true};
        co_await s.get("/flaky?fail=5&key=" + key + "c", std::move(strict));
    } catch (const http::status_error& e) {
        raised = e.status() == 503;
    }
    expect(raised, "no status_error 503 after the retries ran out");
    log("retries ok");
}

// Cancelling the awaiting task aborts the request; the server sees the connection drop.
inline aio::coro<void> abort(std::string base, log_fn log) {
    http::client_session s({.base_url = base});
    long aborted_before = co_await server_counter(base, "aborted");
    auto t = aio::create_task(s.get("/delay?ms=5000"));
    co_await aio::sleep(0.2);
    double t0 = now_s();
    t.cancel();
    bool cancelled = false;
    try {
        co_await t;
    } catch (const aio::cancelled_error&) {
        cancelled = true;
    }
    expect(cancelled, "the task was not cancelled");
    expect(now_s() - t0 < 0.5, "cancellation was not immediate");
    long aborted = 0;
    for (int i = 0; i < 100; ++i) {
        aborted = co_await server_counter(base, "aborted");
        if (aborted > aborted_before) break;
        co_await aio::sleep(0.02);
    }
    expect(aborted == aborted_before + 1, "server saw " + std::to_string(aborted - aborted_before) + " aborts, want 1");
    log("server saw the abort");
}

// max_body_bytes: a body of exactly the limit arrives; one byte more is body_too_large_error,
// known from Content-Length (/big) or while a chunked body streams in (/stream: the transfer is
// aborted then, long before the server would have finished; it sees the client go away).
inline aio::coro<void> body_limit(std::string base, log_fn log) {
    http::client_session s({.base_url = base, .max_body_bytes = 1000});
    auto exact = co_await s.get("/big?bytes=1000");
    expect(exact.status == 200 && exact.body.size() == 1000, "a body of exactly max_body_bytes: " + std::to_string(exact.body.size()));
    auto too_large = [&](std::string url) -> aio::coro<std::string> {
        try {
            auto r = co_await s.get(url);
            throw case_failed(url + ": no error, body of " + std::to_string(r.body.size()) + " bytes");
        } catch (const http::body_too_large_error& e) {
            expect(e.limit() == 1000, "limit() " + std::to_string(e.limit()));
            co_return e.what();
        }
    };
    std::string refused = co_await too_large("/big?bytes=1001");
    log("body_too_large_error: " + refused);
    long aborted_before = co_await server_counter(base, "aborted");
    refused = co_await too_large("/stream?chunks=5000&ms=2");  // 8 bytes a chunk, 10 s in all
    log("body_too_large_error: " + refused);
    long aborted = 0;
    for (int i = 0; i < 100 && aborted <= aborted_before; ++i) {
        aborted = co_await server_counter(base, "aborted");
        if (aborted <= aborted_before) co_await aio::sleep(0.02);
    }
    expect(aborted == aborted_before + 1, "the server saw " + std::to_string(aborted - aborted_before) + " aborts of the stream, want 1");
    auto after = co_await s.get("/json");  // the session is still good
    expect(after.status == 200, "a request after the limit: status " + std::to_string(after.status));
}

// Error types: connection refused, bad URLs, status errors.
inline aio::coro<void> errors(std::string base, log_fn log, int closed_port) {
    http::client_session s({.base_url = base});
    std::string refused_url = "http://127.0.0.1:" + std::to_string(closed_port) + "/json";
    bool refused = false;
    try {
        co_await s.get(refused_url);
    } catch (const http::connection_error& e) {
        refused = true;
        log(std::string("connection_error: ") + e.what());
    }
    expect(refused, "no connection_error for a closed port");
    // Retried, then thrown.
    refused = false;
    double t0 = now_s();
    try {
        http::request_options two_retries{.retries = 2};
        co_await s.get(refused_url, std::move(two_retries));
    } catch (const http::connection_error&) {
        refused = true;
    }
    expect(refused && now_s() - t0 >= 0.25, "connection_error after retries with backoff 0.1+0.2 s");

    const std::vector<std::string> bad_urls{"not a url", "ftp://127.0.0.1/x", "http://", "http://exa mple.com/"};
    for (const std::string& bad : bad_urls) {
        bool invalid = false;
        try {
            co_await http::request("GET", bad);
        } catch (const http::invalid_url_error& e) {
            invalid = true;
            log(std::string("invalid_url_error: ") + e.what());
        }
        expect(invalid, "no invalid_url_error for '" + bad + "'");
    }
    bool invalid = false;
    try {
        co_await http::request("GET", "http://[::1/");  // passes the quick check, not the backend's
    } catch (const http::invalid_url_error&) {
        invalid = true;
    } catch (const http::connection_error&) {
        invalid = true;  // some URL parsers accept it and then cannot resolve it
    }
    expect(invalid, "malformed host not rejected");

    auto plain = co_await s.get("/status/404");
    expect(plain.status == 404 && !plain.ok(), "404 without raise_for_status is a response");
    bool raised = false;
    try {
        plain.raise_for_status();
    } catch (const http::status_error& e) {
        raised = e.status() == 404;
    }
    expect(raised, "response::raise_for_status()");
    http::client_session strict({.base_url = base, .raise_for_status = true});
    int status = 0;
    try {
        co_await strict.get("/status/500");
    } catch (const http::status_error& e) {
        status = e.status();
        log(std::string("status_error: ") + e.what());
    }
    expect(status == 500, "status_error for 500");
    auto ok = co_await strict.get("/status/204");
    expect(ok.status == 204, "204 is not an error");
    // A body that is not JSON: nlohmann's parse_error.
    auto text = co_await s.get("/status/200");
    bool parse_error = false;
    try {
        (void)text.json();
    } catch (const nlohmann::json::parse_error&) {
        parse_error = true;
    }
    expect(parse_error, "json() of a non-JSON body");
}

// `total` requests in flight at once: each waits at the server's /barrier until all have arrived
// (so the barrier's count proves the concurrency), then every `drop_every`-th has its connection
// dropped instead of answered (alternately before any response and after half the body). Exactly
// those fail, with connection_error; every other one succeeds; no task or frame is left; and the
// session still works afterwards. `key` must be new for every run.
inline aio::coro<void> storm(std::string base, log_fn log, int total, int drop_every, std::string key) {
    http::client_session s({.base_url = base, .timeout = 300.0});
    const long tasks_before = aio::debug::live_tasks(), frames_before = aio::debug::live_frames();
    int ok = 0, dropped = 0, opened_at = 0;
    std::string unexpected;
    auto one = [&](int i) -> aio::coro<void> {
        bool drop = i % drop_every == drop_every - 1;
        std::string how = !drop ? "" : (i / drop_every) % 2 ? "partial" : "none";
        std::string url = "/barrier?key=" + key + "&n=" + std::to_string(total) + "&ms=120000&drop=" + how;
        try {
            auto r = co_await s.get(url);
            std::string prefix = "barrier " + key + " opened at ";
            if (!drop && r.status == 200 && r.text().rfind(prefix, 0) == 0) {
                ++ok;
                opened_at = std::max(opened_at, std::atoi(r.text().c_str() + prefix.size()));
            } else if (unexpected.empty()) {
                unexpected = "request " + std::to_string(i) + " (drop '" + how + "'): status " +
                             std::to_string(r.status) + " body " + r.text();
            }
        } catch (const http::connection_error& e) {
            if (drop) ++dropped;
            else if (unexpected.empty()) unexpected = "request " + std::to_string(i) + ": " + e.what();
        }
    };
    std::vector<aio::coro<void>> all;
    for (int i = 0; i < total; ++i) all.push_back(one(i));
    double t0 = now_s();
    co_await aio::gather(std::move(all));
    double took = now_s() - t0;
    int want_dropped = total / drop_every;
    expect(unexpected.empty(), "unexpected outcome: " + unexpected);
    expect(dropped == want_dropped, std::to_string(dropped) + " dropped, want " + std::to_string(want_dropped));
    expect(ok == total - want_dropped, std::to_string(ok) + " answered, want " + std::to_string(total - want_dropped));
    expect(opened_at == total, "only " + std::to_string(opened_at) + " of " + std::to_string(total) +
                                   " requests were in flight at once (the barrier timed out)");
    expect(aio::debug::live_tasks() == tasks_before && aio::debug::live_frames() == frames_before,
           "tasks or frames left after the storm");
    auto after = co_await s.get("/json");
    expect(after.status == 200, "a request after the storm");
    log(std::to_string(total) + " requests in flight at once, " + std::to_string(ok) + " answered, " +
        std::to_string(dropped) + " dropped (connection_error), " + std::to_string(static_cast<int>(took * 1000)) +
        " ms");
}

// The origin a request was refused for (forbidden_origin_error), "" if it was not. A separate
// coroutine: clang 14's wasm EH misses a catch inside a loop of a coroutine.
inline aio::coro<std::string> forbidden_origin(const http::client_session& s, std::string url, log_fn log) {
    try {
        http::request_options retries{.retries = 2};
        co_await s.get(url, std::move(retries));
    } catch (const http::forbidden_origin_error& e) {
        log(std::string("forbidden_origin_error: ") + e.what());
        co_return e.origin();
    } catch (const http::connection_error& e) {
        throw case_failed(std::string("a request was attempted off the allow-list: ") + e.what());
    }
    co_return "";
}

// The loop's origin allow-list (http::restrict_origins): allowed requests work, a same-origin
// redirect is followed, a request or a redirect to another origin fails with
// forbidden_origin_error before anything is sent there (the closed port would refuse it).
inline aio::coro<void> allow_list(std::string base, log_fn log, int closed_port) {
    struct lift {  // the loop outlives the case in the native suite: always lift the restriction
        aio::event_loop& loop;
        ~lift() { http::restrict_origins(loop, std::nullopt); }
    } guard{aio::get_running_loop()};
    expect(http::origin_of("HTTP://LocalHost:80/x?y") == "http://localhost", "origin_of normalizes");
    expect(http::origin_of("https://[::1]:8443/") == "https://[::1]:8443", "origin_of of an IPv6 URL");
    http::allow_list any_port({"http://127.0.0.1:*"});
    expect(any_port.allows("http://127.0.0.1:1/") && !any_port.allows("http://127.0.0.2:1/") &&
               !any_port.allows("https://127.0.0.1:1/"), "a :* pattern matches any port of that scheme and host");
    expect(!http::allow_list().allows(base), "an empty list allows nothing");
    expect(http::allow_list({"*"}).allows("https://example.com/"), "* allows anything");
    expect(!any_port.allows("http://127.0.0.1:1@evil.example/"), "user info cannot smuggle a host");
    bool bad = false;
    try {
        http::allow_list({"http://x.example/path"});
    } catch (const std::invalid_argument&) {
        bad = true;
    }
    expect(bad, "a pattern with a path is refused");

    http::restrict_origins(aio::get_running_loop(), http::allow_list({base}));
    http::client_session s({.base_url = base});
    auto ok = co_await s.get("/json");
    expect(ok.status == 200, "allowed origin: status " + std::to_string(ok.status));
    auto hop = co_await s.get("/redirect?to=/json");
    expect(hop.status == 200 && hop.url.ends_with("/json"), "same-origin redirect followed: " + hop.url);
    std::string other = "http://127.0.0.1:" + std::to_string(closed_port);
    const std::vector<std::string> off_list{other + "/json", base + "/redirect?to=" + other + "/json",
                                            base + "/redirect?status=307&to=" + other + "/x"};
    for (const std::string& url : off_list) {
        std::string origin = co_await forbidden_origin(s, url, log);
        expect(origin == other, "no forbidden_origin_error for " + url + " (got '" + origin + "')");
    }
    http::restrict_origins(aio::get_running_loop(), std::nullopt);
    bool refused = false;
    try {
        co_await s.get(other + "/json");
    } catch (const http::connection_error&) {
        refused = true;
    }
    expect(refused, "lifting the restriction lets the request go out (and be refused by the closed port)");
    log("allow-list held");
}

}  // namespace http_cases
