#include "share_link.hpp"

#include "utf8.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace aio::sandbox {

namespace {

using json = nlohmann::json;

[[noreturn]] void fail(const std::string& key, const std::string& reason) { throw share_link_error(key, reason); }

// Outside text quoted in a message, cut short so a huge link cannot make a huge error.
std::string excerpt(std::string_view text, std::size_t max = 60) {
    if (text.size() <= max) return "'" + std::string(text) + "'";
    return "'" + std::string(utf8::clip(text, max)) + "...'";
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string decode_component(std::string_view text, const std::string& where) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '+') {
            out += ' ';
        } else if (c != '%') {
            out += c;
        } else {
            int hi = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
            int lo = hi >= 0 ? hex_value(text[i + 2]) : -1;
            if (lo < 0) fail(where, "a '%' that is not followed by two hex digits (at character " + std::to_string(i) + ")");
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        }
    }
    if (!utf8::valid(out)) fail(where, "not valid UTF-8 once %-decoded");
    return out;
}

// "instant" or absent: none; else a plain positive decimal number (no hex, inf or nan).
std::optional<double> speed_of(const std::string& text) {
    if (text == "instant") return std::nullopt;
    bool plain = !text.empty() && text.size() <= 32 &&
                 std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'; });
    char* end = nullptr;
    double v = plain ? std::strtod(text.c_str(), &end) : 0;
    if (!plain || end != text.c_str() + text.size() || !std::isfinite(v) || !(v > 0))
        fail("speed", "must be a positive number or 'instant', not " + excerpt(text));
    return v;
}

std::map<std::string, std::string> params_of(const std::string& text, const linkable_example& ex, const limits& bounds) {
    constexpr std::size_t max_bytes = 64 * 1024;
    if (text.size() > max_bytes) fail("p", "longer than " + std::to_string(max_bytes) + " bytes");
    // Only a flat object is valid; refuse deep nesting before nlohmann's recursive parser sees it.
    if (json_nesting(text) > 1) fail("p", "must be a flat JSON object of name: value");
    json p = json::parse(text, nullptr, false);
    if (p.is_discarded()) fail("p", "not valid JSON");
    if (!p.is_object()) fail("p", "must be a JSON object of name: value");
    std::map<std::string, std::string> values;
    for (auto& [name, v] : p.items()) {
        std::string key = "p." + std::string(utf8::clip(name, 100));
        auto at = std::find(ex.params.begin(), ex.params.end(), name);
        if (at == ex.params.end()) fail(key, "not a parameter of " + ex.id);
        if (v.is_string()) {
            if (v.get_ref<const std::string&>().size() > 1000) fail(key, "longer than 1000 characters");
            values[name] = v.get<std::string>();
        } else if (v.is_number()) {
            values[name] = v.dump();
        } else {
            fail(key, "must be a string or a number");
        }
        auto index = static_cast<std::size_t>(at - ex.params.begin());
        param_check check = index < ex.checks.size() ? ex.checks[index] : param_check::text;
        if (auto problem = param_problem(check, values[name], bounds); !problem.empty()) fail(key, problem);
    }
    return values;
}

// The encoded form only; whether it inflates to UTF-8 text is for the page to find out.
std::string python_of(std::string text) {
    if (text.empty()) fail("py", "is empty (it holds the program's compressed source)");
    if (text.size() > max_python_link_chars)
        fail("py", "longer than " + std::to_string(max_python_link_chars) + " characters (a source is at most " +
                       std::to_string(max_python_source_bytes) + " bytes)");
    auto bad = std::find_if_not(text.begin(), text.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
    if (bad != text.end())
        fail("py", "not base64url (A-Z a-z 0-9 - _, no '=' padding): character " + std::to_string(bad - text.begin()) + " is not one");
    if (text.size() % 4 == 1) fail("py", "not base64url: its length leaves a lone character at the end");
    return text;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> decode_form(std::string_view text) {
    std::vector<std::pair<std::string, std::string>> pairs;
    while (!text.empty()) {
        auto amp = text.find('&');
        std::string_view part = text.substr(0, amp);
        text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
        if (part.empty()) continue;  // "a=1&&b=2", a trailing '&'
        auto eq = part.find('=');
        std::string key = decode_component(part.substr(0, eq), "#");
        std::string where = key.empty() ? "#" : std::string(utf8::clip(key, 40));
        std::string value = eq == std::string_view::npos ? std::string() : decode_component(part.substr(eq + 1), where);
        pairs.emplace_back(std::move(key), std::move(value));
    }
    return pairs;
}

std::optional<share_link> parse_share_link(std::string_view fragment, const std::vector<linkable_example>& examples,
                                           const limits& bounds, const http_access& http, const storage_access& storage) {
    if (!fragment.empty() && fragment.front() == '#') fragment.remove_prefix(1);
    if (fragment.empty()) return std::nullopt;
    // %-encoding at most triples a recipe; the rest (keys, speed) is small.
    std::size_t max_chars = std::max(bounds.max_recipe_bytes * 3, max_python_link_chars) + 4096;
    if (fragment.size() > max_chars) fail("#", "the link is longer than " + std::to_string(max_chars) + " characters");
    std::map<std::string, std::string> fields;
    for (auto& [key, value] : decode_form(fragment)) {
        if (key != "ex" && key != "p" && key != "recipe" && key != "py" && key != "speed")
            fail(key.empty() ? "#" : excerpt(key, 40), "unknown key (a link has ex and p, or recipe, or py; and speed)");
        if (!fields.emplace(key, std::move(value)).second) fail(key, "given twice");
    }
    share_link link;
    if (auto it = fields.find("speed"); it != fields.end()) link.speed = speed_of(it->second);
    int shown = static_cast<int>(fields.count("ex") + fields.count("recipe") + fields.count("py"));
    if (shown > 1) fail("#", "has more than one of ex, recipe and py (one link shows one thing)");
    if (shown == 0) fail("#", "names neither an example (ex=) nor a recipe (recipe=) nor a Python program (py=)");
    if (fields.count("p") && !fields.count("ex")) fail("p", "parameters belong to an example (ex=), not to a recipe or a Python program");
    if (fields.count("py")) {
        link.mode = share_link::kind::python;
        link.python = python_of(std::move(fields["py"]));
        return link;
    }
    if (fields.count("recipe")) {
        link.mode = share_link::kind::recipe;
        link.recipe = std::move(fields["recipe"]);
        parse_recipe(link.recipe, bounds, http, storage);  // throws recipe_error: path and reason inside the recipe
        return link;
    }
    const std::string& id = fields["ex"];
    auto ex = std::find_if(examples.begin(), examples.end(), [&](const linkable_example& e) { return e.id == id; });
    if (ex == examples.end()) fail("ex", "no example " + excerpt(id));
    link.mode = share_link::kind::example;
    link.example = id;
    if (auto it = fields.find("p"); it != fields.end()) link.params = params_of(it->second, *ex, bounds);
    return link;
}

}  // namespace aio::sandbox
