// An HTTP client in the spirit of aiohttp.ClientSession.
//
//   aio::http::client_session session({.base_url = "http://127.0.0.1:8080",
//                                      .headers = {{"User-Agent", "aio"}},
//                                      .timeout = 10.0});
//   aio::http::response r = co_await session.get("/json");
//   nlohmann::json doc = r.json();
//   auto echoed = co_await session.post("/echo", {.json = nlohmann::json{{"a", 1}}});
//   co_await session.get("/flaky?fail=2", {.retries = 3, .raise_for_status = true});
//
// Semantics
// - A request returns once the whole body has arrived; text(), json() and bytes() read it (there
//   is no streaming API). Redirects are followed.
// - timeout: seconds for one whole attempt (connect, send, receive the full body); on expiry the
//   transfer is aborted and aio::http::timeout_error (an aio::timeout_error) is thrown.
//   nullopt = no limit.
// - retries: extra attempts after a connection_error, a timeout_error or a status listed in
//   retry_statuses, sleeping backoff, 2*backoff, 4*backoff ... (capped at max_backoff) between
//   attempts. When the attempts run out the last error is thrown, or the last response returned
//   (or raised as status_error if raise_for_status).
// - raise_for_status: a status >= 400 throws aio::http::status_error.
// - max_body_bytes (session option): a response body larger than that aborts the transfer and
//   throws body_too_large_error (not retried); a program fetching what others choose (a sandbox
//   recipe) keeps its memory bounded.
// - Errors: connection_error (refused, reset, DNS, TLS, ...), invalid_url_error (not an absolute
//   http/https URL after joining base_url), timeout_error, status_error, body_too_large_error;
//   all but timeout_error derive from aio::http::error.
// - Cancelling the awaiting task aborts the transfer for real (the connection is closed; the
//   server sees the client go away) and the task gets cancelled_error at once.
// - The session holds only settings: copy it freely; requests keep what they need.
// - g++ 12 pitfall: a designated-initializer temporary inside a co_await expression, e.g.
//   `co_await s.get(u, {.body = text})`, is mishandled by g++ 12's coroutine lowering (a compile
//   error "array used as initializer", or the temporary destroyed twice at run time). Build the
//   options in a named variable and pass it (std::move) instead. clang is fine.
//
// Backends (see README "HTTP client"): natively libcurl's multi interface, driven on the loop's
// own thread (one multi handle per loop); in wasm the host's global fetch() (Node 18+ or a browser) with an AbortController,
// which needs the host-driven loop (aio::run_main on the main thread).
#pragma once

#include "aio/errors.hpp"
#include "aio/task.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aio::http {

// ----------------------------------------------------------------------------- errors

class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The server could not be reached or the connection broke (refused, reset, DNS failure...).
class connection_error : public error {
public:
    using error::error;
};

// The URL is not an absolute http:// or https:// URL.
class invalid_url_error : public error {
public:
    using error::error;
};

// raise_for_status and the status was >= 400.
class status_error : public error {
public:
    status_error(int status, std::string reason, std::string url);
    int status() const noexcept { return status_; }
    const std::string& reason() const noexcept { return reason_; }
    const std::string& url() const noexcept { return url_; }

private:
    int status_;
    std::string reason_;
    std::string url_;
};

// The URL's origin is not on the loop's allow-list (see restrict_origins below); no request was
// sent to it. Redirects are checked hop by hop, so a redirect to such an origin throws this too.
class forbidden_origin_error : public error {
public:
    forbidden_origin_error(std::string url, std::string origin, std::string allowed);
    const std::string& url() const noexcept { return url_; }
    const std::string& origin() const noexcept { return origin_; }

private:
    std::string url_;
    std::string origin_;
};

// The response body is larger than session_options::max_body_bytes: the transfer was aborted as
// soon as that was known (from Content-Length, or when the bytes arrived), so no more is kept.
class body_too_large_error : public error {
public:
    body_too_large_error(const std::string& what, std::size_t limit) : error(what), limit_(limit) {}
    std::size_t limit() const noexcept { return limit_; }

private:
    std::size_t limit_;
};

// The request's timeout ran out (the transfer was aborted).
class timeout_error : public aio::timeout_error {
public:
    using aio::timeout_error::timeout_error;
};

// ----------------------------------------------------------------------------- headers

// An ordered list of header fields; lookups ignore case.
class headers {
public:
    using field = std::pair<std::string, std::string>;
    headers() = default;
    headers(std::initializer_list<field> fields) : fields_(fields) {}

    void add(std::string name, std::string value) { fields_.emplace_back(std::move(name), std::move(value)); }
    // Replaces every field called `name` with one.
    void set(std::string name, std::string value);
    std::size_t remove(std::string_view name);
    bool contains(std::string_view name) const { return find(name) != nullptr; }
    // The first value of `name`, or nullopt.
    std::optional<std::string> get(std::string_view name) const;
    std::string get(std::string_view name, std::string fallback) const {
        auto v = get(name);
        return v ? *v : std::move(fallback);
    }

    std::size_t size() const { return fields_.size(); }
    bool empty() const { return fields_.empty(); }
    auto begin() const { return fields_.begin(); }
    auto end() const { return fields_.end(); }

private:
    const field* find(std::string_view name) const;
    std::vector<field> fields_;
};

// ----------------------------------------------------------------------------- allow-list

// The origin of an absolute http(s) URL: "scheme://host[:port]", scheme and host lowercased,
// the scheme's default port left out. Throws invalid_url_error.
std::string origin_of(std::string_view url);

// Which origins requests may go to. Each pattern is an origin ("https://api.example.com",
// "http://127.0.0.1:8080"), an origin with any port ("http://127.0.0.1:*") or "*" (anything).
// An empty list allows nothing.
class allow_list {
public:
    allow_list() = default;
    explicit allow_list(std::vector<std::string> patterns);  // std::invalid_argument on a bad pattern
    bool allows(std::string_view url) const;                  // false for URLs without an origin
    const std::vector<std::string>& patterns() const { return patterns_; }
    std::string describe() const;  // "http://a, http://b" or "nothing"
    // Throws forbidden_origin_error unless allowed.
    void check(const std::string& url) const;

private:
    std::vector<std::string> patterns_;
};

// Every request made from a task of `loop` (any client_session) must go to an origin on `list`;
// redirects are then followed one hop at a time, each hop checked (a browser hides redirect
// targets from fetch(), so there a redirect fails instead). nullopt lifts the restriction.
// Loops a task creates itself (aio::run inside an example) are not covered.
void restrict_origins(const event_loop& loop, std::optional<allow_list> list);
std::optional<allow_list> origin_restriction(const event_loop& loop);

// The simulated network (a labelled teaching feature: the sandbox page and widget switch it on).
// On such a loop, a request to an origin off its allow-list is not refused but answered by a
// deterministic simulator: latency, status and body size derived from the host, a body saying it
// is simulated, header X-Aio-Simulated: 1, one loop.log() line per request; a host with an
// unknown top-level domain fails as a DNS lookup (connection_error). Allowed origins always use
// the real network; on a loop with no allow-list every request is simulated. Off by default.
void simulate_network(const event_loop& loop, bool on);
// True where `loop` simulates: switched on for it, or for every loop by the environment.
bool network_simulated(const event_loop& loop);
// The environment's network: AIO_NETWORK=simulated switches the simulated network on for every
// loop of the process without changing the program (how examples/ports' network snippets run
// where the tutorials' sites cannot be reached). Unset, empty or "real": off. Any other value
// throws std::invalid_argument (from the first request).
bool environment_network_simulated();

// Recorded responses (browsers; opt-in per loop): deterministic reruns of a program's real
// requests. `record`: every request to the real network goes out as usual and its response
// (status, reason, headers, final URL, body) is kept in IndexedDB, keyed by method and URL, with
// Emscripten's Fetch API (its persistent store, emscripten_fetch's "EM_IDB_STORE"); when the
// network fails (offline, server gone: a connection_error), the recorded response is replayed
// instead. `replay`: recorded responses only, no network; one never recorded is a
// connection_error naming it. A replayed response carries the header X-Aio-Replayed: 1 and
// logs one loop.log() line saying so. Simulated responses are never recorded. Off by default;
// where there is no IndexedDB (native, Node) switching it on throws std::logic_error.
enum class recording { off, record, replay };
void record_responses(const event_loop& loop, recording mode);
recording responses_recording(const event_loop& loop);

// ----------------------------------------------------------------------------- request/response

struct request_options {
    http::headers headers{};                // merged over the session's (same name: replaced)
    std::optional<std::string> body{};      // raw request body
    std::optional<nlohmann::json> json{};   // serialized as the body; Content-Type application/json
    std::optional<double> timeout{};        // seconds per attempt; default: the session's
    std::optional<int> retries{};           // default: the session's
    std::optional<bool> raise_for_status{}; // default: the session's
};

class response {
public:
    int status = 0;
    std::string reason{};  // the status text ("OK"), may be empty
    http::headers headers{};
    std::string url{};     // the final URL (after redirects)
    int attempts = 1;      // how many tries it took

    bool ok() const { return status >= 200 && status < 400; }
    // The body as text (bytes as received; UTF-8 is assumed, nothing is re-encoded).
    const std::string& text() const { return body; }
    // The body parsed as JSON; throws nlohmann::json::parse_error if it is not JSON (also for a
    // number too large for a double, which nlohmann reports as out_of_range).
    nlohmann::json json() const;
    std::vector<std::uint8_t> bytes() const { return {body.begin(), body.end()}; }
    // Throws status_error if status >= 400.
    void raise_for_status() const;

    std::string body{};  // the raw body bytes
};

struct session_options {
    std::string base_url{};      // relative request URLs are joined to it
    http::headers headers{};     // sent with every request
    std::optional<double> timeout = 300.0;  // seconds per attempt (aiohttp's default total)
    int retries = 0;             // extra attempts (see the top of this file)
    double backoff = 0.1;        // first pause between attempts, seconds; doubles each time
    double max_backoff = 10.0;
    std::vector<int> retry_statuses{429, 500, 502, 503, 504};
    bool raise_for_status = false;
    // The largest response body kept (nullopt: no limit); a larger one is body_too_large_error.
    std::optional<std::size_t> max_body_bytes{};
};

namespace detail {
// base + url, validated (invalid_url_error).
std::string join_url(const std::string& base, const std::string& url);
// One header line as the native backend receives it from libcurl (which frames the response:
// chunking, Content-Length, redirects): the status line (its reason phrase; a new status line
// starts the response over, as after a redirect or 100 Continue) or a "Name: value" field.
void read_header_line(response& out, std::string_view line);
}  // namespace detail

class client_session {
public:
    client_session() = default;
    explicit client_session(session_options options) : options_(std::move(options)) {}

    const session_options& options() const { return options_; }
    session_options& options() { return options_; }

    coro<response> request(std::string method, std::string url, request_options options = {}) const;
    coro<response> get(std::string url, request_options options = {}) const {
        return request("GET", std::move(url), std::move(options));
    }
    coro<response> post(std::string url, request_options options = {}) const {
        return request("POST", std::move(url), std::move(options));
    }
    coro<response> put(std::string url, request_options options = {}) const {
        return request("PUT", std::move(url), std::move(options));
    }
    coro<response> patch(std::string url, request_options options = {}) const {
        return request("PATCH", std::move(url), std::move(options));
    }
    coro<response> del(std::string url, request_options options = {}) const {
        return request("DELETE", std::move(url), std::move(options));
    }
    coro<response> head(std::string url, request_options options = {}) const {
        return request("HEAD", std::move(url), std::move(options));
    }

private:
    session_options options_;
};

// One-off requests with default settings (aiohttp.request).
inline coro<response> request(std::string method, std::string url, request_options options = {}) {
    return client_session().request(std::move(method), std::move(url), std::move(options));
}

}  // namespace aio::http
