// HTTP: fetch several URLs concurrently through one session (aiohttp.ClientSession), print each
// status and body length; a per-try timeout, retries (3 tries, 1 s apart) and an invalid URL that
// ends as an error entry instead of a crash.
// Tutorials: 000 §4.1 异步网络请求（aiohttp） (fetch with retry, ClientTimeout(total=10),
// invalid.url); 002 异步网络请求; 003 实际应用示例 1. 异步 HTTP 请求; 004 §7.1 HTTP 请求;
// 001 aiohttp和aiofiles.
//
// The URLs point at the local demo server (node tools/demo_server.mjs, default port 8080; the
// `base_url` parameter points elsewhere): /json, /delay (a slow answer), /flaky (503 twice, then
// 200), plus "invalid.url".
// Differences from the tutorial, on purpose: it retries every exception; here only what can get
// better by retrying does (timeouts, connection errors, 5xx) — an invalid URL never becomes
// valid, so it fails at once. A 5xx becomes an error (raise_for_status) so that it is retried.
// The session can also retry by itself (request_options / session_options .retries, doubling
// backoff); the loop is spelled out here because the tutorial does.
#include "lib/example.hpp"

#include <optional>

#include "aio/http.hpp"

#include <random>
#include <vector>

namespace {

namespace http = aio::http;

struct result {  // {"url": url, "status": ..., "length": ...} or {"url": url, "error": str(e)}
    std::string url;
    int status = 0;
    std::size_t length = 0;
    std::string error{};
};

// What is printed for a URL: relative to the demo server, without the run's private flaky key.
std::string shown(const std::string& url, const std::string& base) {
    std::string s = url.rfind(base, 0) == 0 ? url.substr(base.size()) : url;
    if (auto key = s.find("&key="); key != std::string::npos) s.resize(key);
    return s;
}

// One try: a result to keep, or why the try failed (worth retrying). Its own coroutine: clang 14's
// wasm exception handling missed catches inside a loop of the calling coroutine (see README).
struct attempt {
    std::optional<result> done;
    std::string failure;
};

aio::coro<attempt> try_once(aio_examples::context& out, const http::client_session& session, const std::string& url,
                            const std::string& base) {
    try {
        http::response response = co_await session.get(url);  // timeout: the session's, per try
        co_return attempt{result{shown(url, base), response.status, response.text().size()}, {}};
    } catch (const http::invalid_url_error& e) {
        co_return attempt{result{shown(url, base), 0, 0, e.what()}, {}};  // retrying cannot help
    } catch (const http::status_error& e) {
        if (e.status() < 500) co_return attempt{result{shown(url, base), e.status(), 0, e.what()}, {}};
        co_return attempt{std::nullopt, "HTTP " + std::to_string(e.status())};
    } catch (const http::timeout_error&) {
        co_return attempt{std::nullopt, "no response within " + out.text("timeout") + " s"};
    } catch (const http::error& e) {  // connection refused, reset, DNS...
        co_return attempt{std::nullopt, e.what()};
    }
}

aio::coro<result> fetch(aio_examples::context& out, const http::client_session& session, std::string url,
                        std::string base) {
    const int tries = out.integer("tries");
    for (int n = 1;; ++n) {
        attempt a = co_await try_once(out, session, url, base);
        if (a.done) co_return *a.done;
        if (n == tries) co_return result{shown(url, base), 0, 0, a.failure + " (after " + std::to_string(tries) + " tries)"};
        out.log("GET " + shown(url, base) + " failed (try " + std::to_string(n) + " of " + std::to_string(tries) +
                "): " + a.failure + "; retrying in " + out.text("pause") + " s");
        co_await aio::sleep(out.number("pause"));  // await asyncio.sleep(1)
    }
}

aio::coro<void> main_(aio_examples::context& out) {
    const std::string base = out.text("base_url");
    std::random_device entropy;  // /flaky counts failures per key: a fresh key per run
    const std::string key = std::to_string(entropy());
    std::vector<std::string> urls{
        base + "/json",
        base + "/delay?ms=" + out.text("slow_ms"),
        base + "/flaky?fail=2&key=" + key,
        "invalid.url",
    };

    // async with aiohttp.ClientSession() as session: one session for every request (its
    // settings; the connections are pooled by the backend).
    http::session_options options;
    options.timeout = out.number("timeout");  // ClientTimeout(total=10), for each try
    options.raise_for_status = true;
    const http::client_session session(std::move(options));

    // tasks = [fetch(session, url) for url in urls]; results = await asyncio.gather(*tasks)
    std::vector<aio::coro<result>> tasks;
    for (const auto& url : urls) tasks.push_back(fetch(out, session, url, base));
    std::vector<result> results = co_await aio::gather(std::move(tasks));

    for (const result& r : results) {
        if (!r.error.empty())
            out.log(r.url + ": error: " + r.error);
        else
            out.log(r.url + " | status: " + std::to_string(r.status) + " | length: " + std::to_string(r.length));
    }
}

const aio_examples::example_info info{
    "http", main_, nullptr,
    {{"base_url", "http://127.0.0.1:8080", "the demo server (node tools/demo_server.mjs)"},
     {"timeout", "10", "seconds each try may take (ClientTimeout(total=10))"},
     {"tries", "3", "tries per URL before it becomes an error entry", aio_examples::param_kind::count},
     {"pause", "1", "seconds between tries"},
     {"slow_ms", "500", "milliseconds the server takes to answer /delay", aio_examples::param_kind::count}}};
AIO_REGISTER_EXAMPLE(info);

}  // namespace
