// Fuzzes what our HTTP client parses of a response (aio/http.hpp). The wire protocol itself
// (status line framing, chunked bodies, Content-Length, redirects) is libcurl's natively and the
// host fetch()'s in wasm; our code sees what they hand over and parses:
//   - each header line (detail::read_header_line: the status line's reason phrase, "Name: value"
//     fields, a new status line starting the response over),
//   - header lookups by name, ignoring case (headers::get),
//   - URLs it joins and validates (detail::join_url; here with header values as the relative
//     part, as code following a Location header would),
//   - the body as JSON (response::json) and the status (raise_for_status).
// Input: header lines up to the first empty line, then the body.
#include "aio/http.hpp"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

namespace http = aio::http;

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "fuzz_http_response: %s\n", what);
    std::abort();
}

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

void check_url(const std::string& base, const std::string& relative) {
    std::string url;
    try {
        url = http::detail::join_url(base, relative);
    } catch (const http::invalid_url_error&) {
        return;
    }
    std::string head = upper(url.substr(0, 8));
    if (head.rfind("HTTP://", 0) != 0 && head.rfind("HTTPS://", 0) != 0) fail("join_url returned a non-http URL");
    for (char c : url)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) fail("join_url returned a URL with control characters");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    auto end = input.find("\n\n");
    std::string_view head = input.substr(0, end);
    std::string_view body = end == std::string_view::npos ? std::string_view() : input.substr(end + 2);

    http::response r;
    r.status = 200;
    while (!head.empty()) {
        auto nl = head.find('\n');
        std::string line(head.substr(0, nl));
        head = nl == std::string_view::npos ? std::string_view() : head.substr(nl + 1);
        http::detail::read_header_line(r, line + "\r\n");  // as libcurl hands it over
    }
    for (const auto& [name, value] : r.headers) {
        if (name.find(':') != std::string::npos) fail("a header name with a colon");
        for (char c : name)
            if (std::isupper(static_cast<unsigned char>(c))) fail("a header name not lower-cased");
        if (!value.empty() && (value.front() == ' ' || value.front() == '\t')) fail("a header value with leading blanks");
        if (!value.empty() && (value.back() == '\r' || value.back() == '\n')) fail("a header value with the line end");
        auto found = r.headers.get(upper(name));
        if (!found) fail("a header not found by its name in upper case");
        check_url("http://127.0.0.1:8080/base/", value);
    }
    if (!r.reason.empty() && (r.reason.back() == '\r' || r.reason.back() == '\n')) fail("a reason with the line end");

    r.body = std::string(body);
    try {
        auto doc = r.json();
        (void)doc.is_object();
    } catch (const nlohmann::json::parse_error&) {
    }
    if (!body.empty()) r.status = static_cast<unsigned char>(body[0]) * 3;
    try {
        r.raise_for_status();
        if (r.status >= 400) fail("raise_for_status let an error status through");
    } catch (const http::status_error& e) {
        if (e.status() != r.status || r.status < 400) fail("status_error with the wrong status");
    }
    return 0;
}
