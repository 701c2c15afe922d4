// HTTP origin allow-lists (see aio/http.hpp): what a sandbox lets its code talk to. The
// restriction is per loop, so sessions side by side (tests, several sandboxes) keep their own.
#include "aio/http.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>

namespace aio::http {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

struct split_origin {
    std::string scheme, host, port;  // port empty: the scheme's default
};

// "scheme://host[:port]" at the start of `url`; nullopt if it is not an absolute http(s) URL.
std::optional<split_origin> split(std::string_view url) {
    auto colon = url.find("://");
    if (colon == std::string_view::npos) return std::nullopt;
    split_origin o;
    o.scheme = lower(url.substr(0, colon));
    if (o.scheme != "http" && o.scheme != "https") return std::nullopt;
    std::string_view rest = url.substr(colon + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (rest.find('@') != std::string_view::npos) return std::nullopt;  // user:pass@host hides the host
    std::string_view host = rest;
    std::string_view port;
    if (!rest.empty() && rest.front() == '[') {  // [::1]:8080
        auto close = rest.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        host = rest.substr(0, close + 1);
        if (close + 1 < rest.size()) {
            if (rest[close + 1] != ':') return std::nullopt;
            port = rest.substr(close + 2);
        }
    } else if (auto c = rest.rfind(':'); c != std::string_view::npos) {
        host = rest.substr(0, c);
        port = rest.substr(c + 1);
    }
    if (host.empty()) return std::nullopt;
    for (char ch : host)
        if (static_cast<unsigned char>(ch) <= 0x20 || ch == '\\') return std::nullopt;
    if (port != "*")
        for (char ch : port)
            if (!std::isdigit(static_cast<unsigned char>(ch))) return std::nullopt;
    o.host = lower(host);
    o.port = std::string(port);
    while (o.port.size() > 1 && o.port.front() == '0') o.port.erase(0, 1);
    if ((o.scheme == "http" && o.port == "80") || (o.scheme == "https" && o.port == "443")) o.port.clear();
    return o;
}

std::string join(const split_origin& o) { return o.scheme + "://" + o.host + (o.port.empty() ? "" : ":" + o.port); }

struct registry {
    std::mutex mutex;
    std::map<const event_loop*, allow_list> lists;
};
registry& restrictions() {
    static registry r;
    return r;
}

}  // namespace

forbidden_origin_error::forbidden_origin_error(std::string url, std::string origin, std::string allowed)
    : error("HTTP to " + origin + " is not allowed (" + url + "): the sandbox's HTTP allow-list has " + allowed),
      url_(std::move(url)),
      origin_(std::move(origin)) {}

std::string origin_of(std::string_view url) {
    auto o = split(url);
    if (!o || o->port == "*") throw invalid_url_error("invalid URL '" + std::string(url) + "': no http(s) origin");
    return join(*o);
}

allow_list::allow_list(std::vector<std::string> patterns) {
    for (auto& p : patterns) {
        if (p == "*") {
            patterns_.push_back(p);
            continue;
        }
        std::string_view text = p;
        while (!text.empty() && text.back() == '/') text.remove_suffix(1);
        auto o = split(text);
        if (!o || text.find_first_of("/?#", text.find("://") + 3) != std::string_view::npos)
            throw std::invalid_argument("not an origin (scheme://host[:port], a port of * or \"*\"): '" + p + "'");
        patterns_.push_back(join(*o));
    }
}

bool allow_list::allows(std::string_view url) const {
    auto o = split(url);
    if (!o || o->port == "*") return false;
    std::string origin = join(*o);
    for (const auto& p : patterns_) {
        if (p == "*" || p == origin) return true;
        if (p.size() > 2 && p.ends_with(":*")) {
            auto any = split(p);
            if (any && any->scheme == o->scheme && any->host == o->host) return true;
        }
    }
    return false;
}

std::string allow_list::describe() const {
    if (patterns_.empty()) return "nothing";
    std::string text;
    for (const auto& p : patterns_) text += (text.empty() ? "" : ", ") + p;
    return text;
}

void allow_list::check(const std::string& url) const {
    if (allows(url)) return;
    std::string origin;
    try {
        origin = origin_of(url);
    } catch (const invalid_url_error&) {
        origin = url;
    }
    throw forbidden_origin_error(url, origin, describe());
}

void restrict_origins(const event_loop& loop, std::optional<allow_list> list) {
    auto& r = restrictions();
    std::lock_guard<std::mutex> lock(r.mutex);
    if (list) r.lists.insert_or_assign(&loop, std::move(*list));
    else r.lists.erase(&loop);
}

std::optional<allow_list> origin_restriction(const event_loop& loop) {
    auto& r = restrictions();
    std::lock_guard<std::mutex> lock(r.mutex);
    auto it = r.lists.find(&loop);
    if (it == r.lists.end()) return std::nullopt;
    return it->second;
}

}  // namespace aio::http
