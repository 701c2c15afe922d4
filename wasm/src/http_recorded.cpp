// Recorded responses (aio/http.hpp, record_responses): which loops record or replay, the
// recorded form of a response, and the request path that uses them. Where they are kept is the
// backend's (http_recorded_idb.cpp: IndexedDB through Emscripten's Fetch API; natively none).
#include "http_backend.hpp"

#include "aio/loop.hpp"

#include <cstdio>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

namespace aio::http {

namespace {

struct recording_loops {
    std::mutex mutex;
    std::unordered_map<const event_loop*, recording> modes;
};

recording_loops& registry() {
    static recording_loops r;
    return r;
}

constexpr std::string_view magic = "aio-recorded-response 1\n";

std::string key_of(const detail::prepared_request& request) {
    return "aio-recorded:" + request.method + " " + request.url;
}

// magic, status, reason, url, header count, name/value lines, then the body bytes.
std::string encode(const response& r) {
    std::string out(magic);
    out += std::to_string(r.status) + "\n" + r.reason + "\n" + r.url + "\n" + std::to_string(r.headers.size()) + "\n";
    for (const auto& [name, value] : r.headers) out += name + "\n" + value + "\n";
    return out + r.body;
}

std::optional<response> decode(const std::string& data) {
    if (!data.starts_with(magic)) return std::nullopt;
    std::size_t pos = magic.size();
    auto line = [&]() -> std::optional<std::string> {
        std::size_t end = data.find('\n', pos);
        if (end == std::string::npos) return std::nullopt;
        std::string text = data.substr(pos, end - pos);
        pos = end + 1;
        return text;
    };
    try {
        response r;
        auto status = line(), reason = line(), url = line(), count = line();
        if (!status || !reason || !url || !count) return std::nullopt;
        r.status = std::stoi(*status);
        r.reason = *reason;
        r.url = *url;
        for (long n = std::stol(*count); n > 0; --n) {
            auto name = line(), value = line();
            if (!name || !value) return std::nullopt;
            r.headers.add(*name, *value);
        }
        r.body = data.substr(pos);
        return r;
    } catch (const std::exception&) {  // a damaged record: as if there were none
        return std::nullopt;
    }
}

// The recorded response for `request`, labelled, or nullopt.
coro<std::optional<response>> replayed(const detail::prepared_request& request) {
    std::optional<std::string> data = co_await detail::recording_load(key_of(request));
    std::optional<response> r = data ? decode(*data) : std::nullopt;
    if (!r) co_return std::nullopt;
    r->headers.set("X-Aio-Replayed", "1");
    char line[512];
    std::snprintf(line, sizeof line, "recorded response: %s %s -> %d %s, %zu bytes, replayed from IndexedDB (not a new request)",
                  request.method.c_str(), request.url.c_str(), r->status, r->reason.c_str(), r->body.size());
    get_running_loop().log(line);
    co_return r;
}

}  // namespace

void record_responses(const event_loop& loop, recording mode) {
    if (mode != recording::off && !detail::recording_available())
        throw std::logic_error("recorded responses need IndexedDB (a browser): not available on this host");
    auto& r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    if (mode == recording::off) r.modes.erase(&loop);
    else r.modes[&loop] = mode;
}

recording responses_recording(const event_loop& loop) {
    auto& r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    auto it = r.modes.find(&loop);
    return it == r.modes.end() ? recording::off : it->second;
}

namespace detail {

coro<response> perform_recorded(const prepared_request& request, coro<response> (*network)(const prepared_request&)) {
    const recording mode = responses_recording(get_running_loop());
    if (mode == recording::off) co_return co_await network(request);
    if (mode == recording::replay) {
        if (auto r = co_await replayed(request)) co_return std::move(*r);
        throw connection_error("no recorded response for " + request.method + " " + request.url +
                               " (replaying recorded responses only; record it first)");
    }
    std::optional<response> fresh;
    std::exception_ptr failure;
    try {
        fresh.emplace(co_await network(request));
    } catch (const connection_error&) {
        failure = std::current_exception();
    }
    if (failure) {  // offline or the server is gone: the recorded one, if there is one
        if (auto r = co_await replayed(request)) co_return std::move(*r);
        std::rethrow_exception(failure);
    }
    if (!co_await recording_store(key_of(request), encode(*fresh))) {
        get_running_loop().log("recorded response: " + request.method + " " + request.url +
                               " could not be kept in IndexedDB (quota?); it will not replay");
    }
    co_return std::move(*fresh);
}

}  // namespace detail

}  // namespace aio::http
