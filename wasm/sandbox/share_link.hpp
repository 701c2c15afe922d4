// Share links: the sandbox page puts what it shows into the URL fragment, and whoever opens the
// link hands that fragment, outside input, to this decoder before anything runs.
//
//   #ex=ID&p=JSON[&speed=N]     an example with parameters (p: {"name": "value" | number})
//   #recipe=JSON[&speed=N]      a task recipe (validated like any recipe: recipe.hpp)
//   #py=CODE[&speed=N]          a Python program: CODE is base64url (no '=' padding) of the
//                               deflate-raw bytes of its UTF-8 source. Checked here: the charset and
//                               at most max_python_link_chars characters. Inflating it (at most
//                               max_python_source_bytes, stopping there) and the UTF-8 check are the
//                               page's (web/src/python_link.js: the platform's DecompressionStream).
//
// The fragment is application/x-www-form-urlencoded (what the page's URLSearchParams writes):
// pairs split on '&', key and value on the first '=', '+' is a space, %XX a byte. Stricter than
// URLSearchParams where a lenient reading would guess: a bad %-escape, a repeated or unknown key,
// or invalid UTF-8 is an error naming the key (share_link_error), never a silently different link.
#pragma once

#include "example_params.hpp"
#include "recipe.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aio::sandbox {

// What a link may name: the runnable examples, their parameter names and (in the same order;
// missing: text) how each value is checked.
struct linkable_example {
    std::string id;
    std::vector<std::string> params;
    std::vector<param_check> checks{};
};

// A shared Python source: at most 64 KiB of UTF-8 once inflated (web/src/python_link.js checks
// that); encoded, at most 90 KiB characters: base64url of a 64 KiB source deflate could not shrink
// (87,382 characters) plus room for its block headers.
constexpr std::size_t max_python_source_bytes = 64 * 1024;
constexpr std::size_t max_python_link_chars = 90 * 1024;

struct share_link {
    enum class kind { example, recipe, python };
    kind mode = kind::example;
    std::string example;                        // kind::example
    std::map<std::string, std::string> params;  // kind::example: values as text (numbers as JSON writes them)
    std::string recipe;                         // kind::recipe: the recipe's JSON text, validated
    std::string python;                         // kind::python: the source, still encoded (CODE above)
    std::optional<double> speed;                // absent or "instant": none; else a positive number
};

// A link that cannot be used: `key` names the part ("ex", "p.delay", "py", "speed", "#"), `reason` why.
// A recipe that fails validation throws recipe_error instead (its path points into the recipe).
class share_link_error : public input_error {
public:
    using input_error::input_error;
    const std::string& key() const { return where(); }
};

// `fragment` is location.hash, with or without its '#'. nullopt for an empty one (no link). A
// recipe is validated as the session would run it: its limits, its HTTP allow-list and its
// storage folder.
std::optional<share_link> parse_share_link(std::string_view fragment, const std::vector<linkable_example>& examples,
                                           const limits& bounds = {}, const http_access& http = {},
                                           const storage_access& storage = {});

// The application/x-www-form-urlencoded pairs of `text`, decoded, in order (share_link_error on a
// bad %-escape or invalid UTF-8). Exposed for the tests and the fuzzer.
std::vector<std::pair<std::string, std::string>> decode_form(std::string_view text);

}  // namespace aio::sandbox
