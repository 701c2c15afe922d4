// Fuzzes share links (wasm/sandbox/share_link.cpp), the URL fragment anyone can hand the sandbox
// page: any bytes either decode into a link that names a runnable example with its own
// parameters, a valid recipe or a Python program's encoded source (base64url, bounded), or fail
// with share_link_error / recipe_error. A decoded link, encoded again as the page encodes it
// (URLSearchParams), decodes to the same link.
#include "recipe.hpp"
#include "share_link.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

using namespace aio::sandbox;

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "fuzz_share_link: %s\n", what);
    std::abort();
}

// A catalog shaped like the real one (examples/*.cpp register theirs; the page lists them).
const std::vector<linkable_example>& catalog() {
    static const std::vector<linkable_example> examples{
        {"gather", {"first", "second", "third", "count"}},
        {"tasks", {"delay_a", "delay_b"}},
        {"http", {"base_url", "requests"}},
        {"coroutines", {}},
    };
    return examples;
}

// application/x-www-form-urlencoded, as URLSearchParams writes it.
std::string form_encode(std::string_view text) {
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '*' || c == '-' || c == '.' || c == '_') {
            out += static_cast<char>(c);
        } else if (c == ' ') {
            out += '+';
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string encode(const share_link& link) {
    std::string out = "#";
    if (link.mode == share_link::kind::recipe) {
        out += "recipe=" + form_encode(link.recipe);
    } else if (link.mode == share_link::kind::python) {
        out += "py=" + link.python;  // base64url needs no escaping
    } else {
        out += "ex=" + form_encode(link.example);
        if (!link.params.empty()) {
            std::string p = "{";
            for (const auto& [name, value] : link.params) {
                if (p.size() > 1) p += ",";
                p += "\"" + name + "\":\"";
                for (char c : value) {  // JSON string escaping for the fuzzer's own round trip
                    if (c == '"' || c == '\\') p += '\\';
                    if (static_cast<unsigned char>(c) < 0x20) {
                        char esc[8];
                        std::snprintf(esc, sizeof esc, "\\u%04x", c);
                        p += esc;
                    } else {
                        p += c;
                    }
                }
                p += "\"";
            }
            out += "&p=" + form_encode(p + "}");
        }
    }
    if (link.speed) {
        char speed[40];
        std::snprintf(speed, sizeof speed, "%.17g", *link.speed);
        out += "&speed=" + form_encode(speed);  // "1e+19": the + must be escaped as URLSearchParams does
    }
    return out;
}

void check(const share_link& link, const limits& bounds) {
    if (link.speed && (!std::isfinite(*link.speed) || *link.speed <= 0)) fail("a speed that is not a positive number");
    if (link.mode == share_link::kind::recipe) {
        parse_recipe(link.recipe, bounds);  // throws (uncaught: a crash report) if it let a bad recipe through
        if (!link.params.empty() || !link.example.empty()) fail("a recipe link with example fields");
        return;
    }
    if (link.mode == share_link::kind::python) {
        if (link.python.empty() || link.python.size() > max_python_link_chars) fail("a py value of a size out of bounds");
        for (char c : link.python)
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') fail("a py value that is not base64url");
        if (!link.params.empty() || !link.example.empty() || !link.recipe.empty()) fail("a py link with other fields");
        return;
    }
    const linkable_example* ex = nullptr;
    for (const auto& e : catalog())
        if (e.id == link.example) ex = &e;
    if (!ex) fail("a link to an example that is not in the catalog");
    for (const auto& [name, value] : link.params) {
        bool known = false;
        for (const auto& p : ex->params) known = known || p == name;
        if (!known) fail("a parameter the example does not have");
    }
}

bool same(const share_link& a, const share_link& b) {
    return a.mode == b.mode && a.example == b.example && a.params == b.params && a.recipe == b.recipe && a.python == b.python && a.speed == b.speed;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    limits bounds;
    bounds.max_recipe_bytes = 1 << 16;
    std::optional<share_link> link;
    try {
        link = parse_share_link(text, catalog(), bounds);
    } catch (const share_link_error& e) {
        if (e.key().empty() || e.reason().empty()) fail("a share_link_error without a key or reason");
        if (std::string_view(e.what()).size() > 400) fail("an error message that quotes too much of the link");
        (void)nlohmann::json(e.what()).dump();  // valid UTF-8, as the bindings send it (throws otherwise)
        return 0;
    } catch (const recipe_error& e) {
        if (e.path().empty() || e.reason().empty()) fail("a recipe_error without a path or reason");
        return 0;
    }
    if (!link) {
        if (!text.empty() && text != "#") fail("no link from a non-empty fragment");
        return 0;
    }
    check(*link, bounds);
    auto again = parse_share_link(encode(*link), catalog(), bounds);
    if (!again || !same(*link, *again)) fail("a decoded link does not survive encoding it again");
    return 0;
}
