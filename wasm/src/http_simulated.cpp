// The simulated network: a teaching stand-in for origins a page cannot reach (the tutorials fetch
// baidu.com, github.com, python.org and an invalid host; a browser page is stopped by CORS, its
// CSP or being offline). On a loop where it is switched on (simulate_network; the sandbox page
// and widget do), a request to an origin off the loop's allow-list is answered here instead of
// failing with forbidden_origin_error; allowed origins always use the real network. A loop with
// no allow-list has every request answered here. AIO_NETWORK=simulated switches it on for every
// loop of the process (a plain program, e.g. examples/ports' network snippets).
//
// Deterministic: everything is derived from the host (FNV-1a), so a rerun gives the same
// latency, status and body size. A host whose top-level domain is not a common public one
// ("invalid.url") fails like a DNS lookup, after 50 ms, with connection_error. Every answer is
// labelled: the body says it is simulated, the headers carry X-Aio-Simulated: 1, and the loop
// logs one line per request ("simulated network: GET https://www.baidu.com -> 200 OK, ..."),
// which the sandbox shows in its console and trace.
#include "aio/http.hpp"

#include "http_backend.hpp"

#include "aio/loop.hpp"
#include "aio/sleep.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <unordered_set>

namespace aio::http {

namespace {

struct simulated_loops {
    std::mutex mutex;
    std::unordered_set<const event_loop*> loops;
};

simulated_loops& registry() {
    static simulated_loops r;
    return r;
}

std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

// "https://www.Baidu.com:443" -> "www.baidu.com" (origin_of lowercases).
std::string host_of(const std::string& url) {
    std::string origin = origin_of(url);
    std::string host = origin.substr(origin.find("://") + 3);
    if (host.starts_with("[")) return host.substr(0, host.find(']') + 1);
    return host.substr(0, host.find(':'));
}

bool resolvable(const std::string& host) {
    static constexpr std::array<std::string_view, 24> tlds{
        "com", "org", "net", "io", "dev", "app", "cn", "edu", "gov", "info", "co", "uk",
        "de", "jp", "fr", "ru", "me", "ai", "xyz", "tv", "us", "ca", "au", "localhost"};
    auto dot = host.rfind('.');
    std::string_view tld = dot == std::string::npos ? std::string_view(host) : std::string_view(host).substr(dot + 1);
    for (auto t : tlds)
        if (tld == t) return true;
    return false;
}

std::string thousands(std::size_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

// A page of `size` bytes that says what it is.
std::string page(const std::string& host, const std::string& url, std::size_t size) {
    std::string body = "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>" + host +
                       " (simulated)</title></head>\n<body><p>aio-sandbox's simulated network answered " + url +
                       ": this is not the real site.</p>\n";
    const std::string tail = "</body></html>\n";
    const std::string filler = "<p>simulated content</p>\n";
    while (body.size() + filler.size() + tail.size() <= size) body += filler;
    body.append(size > body.size() + tail.size() ? size - body.size() - tail.size() : 0, ' ');
    return body + tail;
}

}  // namespace

void simulate_network(const event_loop& loop, bool on) {
    auto& r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    if (on) r.loops.insert(&loop);
    else r.loops.erase(&loop);
}

bool environment_network_simulated() {
    const char* network = std::getenv("AIO_NETWORK");
    if (!network || !*network || std::string_view(network) == "real") return false;
    if (std::string_view(network) == "simulated") return true;
    throw std::invalid_argument(std::string("AIO_NETWORK must be 'simulated' or 'real', not '") + network + "'");
}

bool network_simulated(const event_loop& loop) {
    if (environment_network_simulated()) return true;
    auto& r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    return r.loops.count(&loop) != 0;
}

namespace detail {

coro<response> perform_simulated(const prepared_request& request) {
    const std::string host = host_of(request.url);
    const std::uint64_t h = fnv1a(host);
    event_loop& loop = get_running_loop();
    char line[512];
    if (!resolvable(host)) {
        co_await aio::sleep(0.05);
        std::snprintf(line, sizeof line, "simulated network: %s %s -> no such host (as a DNS failure)",
                      request.method.c_str(), request.url.c_str());
        loop.log(line);
        throw connection_error("Cannot resolve host " + host + " (the sandbox's simulated network: no such host)");
    }
    const double latency = 0.08 + static_cast<double>(h % 400) / 1000.0;  // 80..479 ms
    co_await aio::sleep(latency);
    response r;
    r.status = 200;
    r.reason = "OK";
    r.url = request.url;
    const std::size_t size = 2000 + static_cast<std::size_t>((h >> 16) % 250000);
    if (request.method != "HEAD") r.body = page(host, request.url, size);
    r.headers.add("Content-Type", "text/html; charset=utf-8");
    r.headers.add("Content-Length", std::to_string(size));
    r.headers.add("X-Aio-Simulated", "1");
    std::snprintf(line, sizeof line, "simulated network: %s %s -> 200 OK, %s bytes after %.3f s (not the real site)",
                  request.method.c_str(), request.url.c_str(), thousands(size).c_str(), latency);
    loop.log(line);
    co_return r;
}

}  // namespace detail

}  // namespace aio::http
