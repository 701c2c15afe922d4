// HTTP client (see aio/http.hpp): the host-independent session logic (URL joining, headers,
// timeouts, retries). Each attempt goes to this host's backend through http_backend.hpp.
#include "aio/http.hpp"

#include "http_backend.hpp"

#include "aio/faults.hpp"
#include "aio/sleep.hpp"
#include "aio/timeout.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace aio::http {

namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

bool istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

std::string seconds_text(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", s);
    return buf;
}

}  // namespace

// ----------------------------------------------------------------------------- errors, headers

status_error::status_error(int status, std::string reason, std::string url)
    : error("HTTP " + std::to_string(status) + (reason.empty() ? std::string() : " " + reason) + " for " + url),
      status_(status),
      reason_(std::move(reason)),
      url_(std::move(url)) {}

const headers::field* headers::find(std::string_view name) const {
    for (const auto& f : fields_)
        if (iequals(f.first, name)) return &f;
    return nullptr;
}

std::optional<std::string> headers::get(std::string_view name) const {
    if (const field* f = find(name)) return f->second;
    return std::nullopt;
}

void headers::set(std::string name, std::string value) {
    remove(name);
    fields_.emplace_back(std::move(name), std::move(value));
}

std::size_t headers::remove(std::string_view name) {
    auto before = fields_.size();
    std::erase_if(fields_, [&](const field& f) { return iequals(f.first, name); });
    return before - fields_.size();
}

nlohmann::json response::json() const {
    try {
        return nlohmann::json::parse(body);
    } catch (const nlohmann::json::out_of_range& e) {
        // "1e999": the body cannot be read as JSON here, which callers catch as parse_error.
        throw nlohmann::json::parse_error::create(e.id, 0, e.what(), nullptr);
    }
}

void response::raise_for_status() const {
    if (status >= 400) throw status_error(status, reason, url);
}

// ----------------------------------------------------------------------------- session

namespace detail {

std::string join_url(const std::string& base, const std::string& url) {
    auto absolute = [](std::string_view u) { return istarts_with(u, "http://") || istarts_with(u, "https://"); };
    std::string full;
    if (absolute(url) || base.empty()) {
        full = url;
    } else {
        std::string_view b = base;
        std::string_view u = url;
        while (!b.empty() && b.back() == '/') b.remove_suffix(1);
        while (!u.empty() && u.front() == '/') u.remove_prefix(1);
        full = std::string(b) + "/" + std::string(u);
    }
    if (!absolute(full)) throw invalid_url_error("invalid URL '" + full + "': expected an absolute http:// or https:// URL");
    std::string_view rest = std::string_view(full).substr(full.find("//") + 2);
    if (rest.empty() || rest.front() == '/' || rest.front() == ':' || rest.front() == '?')
        throw invalid_url_error("invalid URL '" + full + "': no host");
    for (char c : full)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
            throw invalid_url_error("invalid URL '" + full + "': contains whitespace or control characters");
    return full;
}

void read_header_line(response& out, std::string_view line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
    if (line.substr(0, 5) == "HTTP/") {
        // A new response (after a redirect or 100 Continue): start over.
        out.headers = {};
        out.body.clear();
        out.reason.clear();
        auto sp1 = line.find(' ');
        auto sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
        if (sp2 != std::string_view::npos) out.reason = std::string(line.substr(sp2 + 1));
    } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
        std::string name(line.substr(0, colon));
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
        out.headers.add(std::move(name), std::string(value));
    }
}

}  // namespace detail

namespace {

struct send_plan {
    std::string base_url;
    detail::prepared_request request;  // url not joined yet
    std::optional<double> timeout;
    int retries = 0;
    double backoff = 0;
    double max_backoff = 0;
    std::vector<int> retry_statuses;
    bool raise_for_status = false;
};

// One attempt on the backend, after the fault injection hook (aio/faults.hpp, target::http): an
// injected failure is a connection_error, so `retries` handles it; injected latency and hangs
// count inside the attempt's timeout.
coro<response> perform_with_faults(const detail::prepared_request& request) {
    if (auto failure = co_await aio::faults::before(aio::faults::target::http, request.method + " " + request.url))
        throw connection_error(*failure);
    co_return co_await detail::perform(request);
}

// One attempt on the real network, or its recorded response where the loop records or replays
// them (http_recorded.cpp). Not a coroutine: with recording off, no extra frame per request.
coro<response> perform_network(const detail::prepared_request& request) {
    if (responses_recording(get_running_loop()) == recording::off) return perform_with_faults(request);
    return detail::perform_recorded(request, perform_with_faults);
}

// A redirect's Location, resolved against the URL that answered.
std::string resolve_location(const std::string& from, const std::string& location) {
    if (istarts_with(location, "http://") || istarts_with(location, "https://")) return location;
    if (location.starts_with("//")) return from.substr(0, from.find("//")) + location;
    std::string origin = origin_of(from);
    if (location.starts_with("/")) return origin + location;
    auto path_start = from.find('/', from.find("//") + 2);
    std::string path = path_start == std::string::npos ? "/" : from.substr(path_start);
    path = path.substr(0, path.find_first_of("?#"));
    return origin + path.substr(0, path.rfind('/') + 1) + location;
}

bool is_redirect(int status) { return status == 301 || status == 302 || status == 303 || status == 307 || status == 308; }

// Under an allow-list the backend follows no redirect: each hop is checked here before it is
// requested, so no request ever reaches an origin off the list.
coro<response> perform_allowed(const detail::prepared_request& request, const std::optional<allow_list>& allowed) {
    if (!allowed) {
        if (network_simulated(get_running_loop())) co_return co_await detail::perform_simulated(request);
        co_return co_await perform_network(request);
    }
    detail::prepared_request hop = request;
    hop.follow_redirects = false;
    for (int redirects = 0;; ++redirects) {
        if (!allowed->allows(hop.url) && network_simulated(get_running_loop()))
            co_return co_await detail::perform_simulated(hop);
        allowed->check(hop.url);
        response r = co_await perform_network(hop);
        auto location = r.headers.get("location");
        if (!is_redirect(r.status) || !location) co_return r;
        if (redirects == 20) throw error(hop.method + " " + request.url + ": more than 20 redirects");
        hop.url = detail::join_url("", resolve_location(hop.url, *location));
        if (r.status == 303 || ((r.status == 301 || r.status == 302) && hop.method == "POST")) {
            hop.method = "GET";  // what browsers and fetch() do
            hop.body.reset();
            hop.headers.remove("Content-Type");
        }
    }
}

coro<response> attempt_once(const detail::prepared_request& request, std::optional<double> timeout,
                            const std::optional<allow_list>& allowed) {
    if (!timeout) co_return co_await perform_allowed(request, allowed);
    try {
        co_return co_await aio::timeout(*timeout, [&request, &allowed]() -> coro<response> {
            co_return co_await perform_allowed(request, allowed);
        });
    } catch (const aio::timeout_error&) {
        throw http::timeout_error("HTTP " + request.method + " " + request.url + ": no complete response within " +
                                  seconds_text(*timeout) + " s");
    }
}

coro<response> send(send_plan plan) {
    plan.request.url = detail::join_url(plan.base_url, plan.request.url);
    const std::optional<allow_list> allowed = origin_restriction(get_running_loop());
    // Before any retry logic (not a retryable failure), unless the simulated network answers it.
    if (allowed && !network_simulated(get_running_loop())) allowed->check(plan.request.url);
    for (int attempt = 0;; ++attempt) {
        std::exception_ptr failure;
        std::optional<response> result;
        try {
            result.emplace(co_await attempt_once(plan.request, plan.timeout, allowed));
        } catch (const connection_error&) {
            failure = std::current_exception();
        } catch (const aio::timeout_error&) {
            failure = std::current_exception();
        }
        bool retry_status = result && std::find(plan.retry_statuses.begin(), plan.retry_statuses.end(),
                                                result->status) != plan.retry_statuses.end();
        if ((failure || retry_status) && attempt < plan.retries) {
            double pause = std::min(plan.backoff * std::ldexp(1.0, std::min(attempt, 30)), plan.max_backoff);
            co_await aio::sleep(pause);
            continue;
        }
        if (failure) std::rethrow_exception(failure);
        result->attempts = attempt + 1;
        if (plan.raise_for_status) result->raise_for_status();
        co_return std::move(*result);
    }
}

}  // namespace

coro<response> client_session::request(std::string method, std::string url, request_options options) const {
    send_plan plan;
    plan.base_url = options_.base_url;
    plan.request.method = std::move(method);
    for (auto& c : plan.request.method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    plan.request.url = std::move(url);
    plan.request.headers = options_.headers;
    for (const auto& [name, value] : options.headers) plan.request.headers.set(name, value);
    if (options.json) {
        plan.request.body = options.json->dump();
        if (!plan.request.headers.contains("Content-Type"))
            plan.request.headers.add("Content-Type", "application/json");
    } else if (options.body) {
        plan.request.body = std::move(options.body);
    }
    plan.timeout = options.timeout ? options.timeout : options_.timeout;
    plan.retries = std::max(0, options.retries.value_or(options_.retries));
    plan.backoff = std::max(0.0, options_.backoff);
    plan.max_backoff = std::max(plan.backoff, options_.max_backoff);
    plan.retry_statuses = options_.retry_statuses;
    plan.raise_for_status = options.raise_for_status.value_or(options_.raise_for_status);
    plan.request.max_body_bytes = options_.max_body_bytes;
    return send(std::move(plan));
}

}  // namespace aio::http
