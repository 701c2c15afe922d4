// Share links (wasm/sandbox/share_link.hpp): the URL fragment format the page writes, decoded
// and validated in C++ against the catalog and the recipe validator, with an error per mistake.
#include "support.hpp"

#include "share_link.hpp"

using aio::sandbox::decode_form;
using aio::sandbox::linkable_example;
using aio::sandbox::parse_share_link;
using aio::sandbox::share_link;
using aio::sandbox::share_link_error;

namespace {

const std::vector<linkable_example> examples{{"tasks", {"delay_a", "delay_b"}}, {"gather", {"first", "count"}}};

std::string error_of(std::string_view fragment) {
    try {
        parse_share_link(fragment, examples);
    } catch (const share_link_error& e) {
        return e.what();
    } catch (const aio::sandbox::recipe_error& e) {
        return std::string("recipe ") + e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("share link: an example with parameters and a speed, as URLSearchParams writes it", "[share_link]") {
    // encodeShare() in web/page/app.js: q.set('ex', ...), q.set('p', JSON), q.set('speed', ...).
    auto link = parse_share_link("#ex=tasks&p=%7B%22delay_a%22%3A%220.25%22%2C%22delay_b%22%3A2%7D&speed=2.5", examples);
    REQUIRE(link);
    CHECK(link->mode == share_link::kind::example);
    CHECK(link->example == "tasks");
    CHECK(link->params == std::map<std::string, std::string>{{"delay_a", "0.25"}, {"delay_b", "2"}});
    CHECK(link->speed == 2.5);
    auto plain = parse_share_link("ex=gather", examples);  // no '#', no p, no speed
    REQUIRE(plain);
    CHECK(plain->params.empty());
    CHECK_FALSE(plain->speed);
    CHECK_FALSE(parse_share_link("", examples));
    CHECK_FALSE(parse_share_link("#", examples));
}

TEST_CASE("share link: a recipe is validated like any recipe ('+' is a space)", "[share_link]") {
    auto link = parse_share_link("#recipe=%7B%22main%22%3A+%5B%7B%22print%22%3A+%22a+b%22%7D%5D%7D&speed=instant", examples);
    REQUIRE(link);
    CHECK(link->mode == share_link::kind::recipe);
    CHECK(link->recipe == R"({"main": [{"print": "a b"}]})");
    CHECK_FALSE(link->speed);
    CHECK(error_of("#recipe=%7B%22main%22%3A+%5B%7B%22sleep%22%3A+%22x%22%7D%5D%7D") ==
          "recipe $.main[0].sleep: must be a number of seconds, not a string");
    aio::sandbox::limits small;
    small.max_recipe_bytes = 10;
    CHECK_THROWS_AS(parse_share_link("#recipe=" + std::string(40, 'x'), examples, small), aio::sandbox::recipe_error);
    // Too long to be any link under these limits (a Python link's bound is the larger here):
    // refused before decoding anything.
    CHECK_THROWS_AS(parse_share_link("#recipe=" + std::string(aio::sandbox::max_python_link_chars + 4096, 'x'), examples, small),
                    share_link_error);
}

TEST_CASE("share link: a recipe's HTTP steps are checked against the session's allow-list", "[share_link]") {
    aio::sandbox::http_access same_origin{std::vector<std::string>{"https://tutorial.example"}, "https://tutorial.example"};
    auto link_to = [](std::string_view url) {
        return "#recipe=" + std::string(R"({"main":[{"http":")") + std::string(url) + R"("}]})";
    };
    CHECK(parse_share_link(link_to("/json"), examples, {}, same_origin));
    CHECK(parse_share_link(link_to("https://tutorial.example/data"), examples, {}, same_origin));
    try {
        parse_share_link(link_to("https://victim.example/transfer"), examples, {}, same_origin);
        FAIL("an off-list origin in a shared recipe was accepted");
    } catch (const aio::sandbox::recipe_error& e) {
        CHECK(e.path() == "$.main[0].http");
        CHECK_THAT(e.reason(), Catch::Contains("https://victim.example is not in the sandbox's HTTP allow-list"));
    }
}

TEST_CASE("share link: every mistake is an error naming the part of the link", "[share_link]") {
    CHECK(error_of("#ex=nope") == "ex: no example 'nope'");
    CHECK(error_of("#ex=tasks&p=%7B%22x%22%3A1%7D") == "p.x: not a parameter of tasks");
    CHECK(error_of("#ex=tasks&p=%5B1%5D") == "p: must be a JSON object of name: value");
    CHECK(error_of("#ex=tasks&p=%7B%22delay_a%22%3A%7B%7D%7D") == "p: must be a flat JSON object of name: value");
    CHECK(error_of("#ex=tasks&p=%7B%22delay_a%22%3Atrue%7D") == "p.delay_a: must be a string or a number");
    CHECK(error_of("#ex=tasks&p={") == "p: not valid JSON");
    CHECK(error_of("#ex=tasks&speed=fast") == "speed: must be a positive number or 'instant', not 'fast'");
    CHECK(error_of("#ex=tasks&speed=0") == "speed: must be a positive number or 'instant', not '0'");
    CHECK(error_of("#ex=tasks&speed=inf") == "speed: must be a positive number or 'instant', not 'inf'");
    CHECK(error_of("#ex=tasks&ex=gather") == "ex: given twice");
    CHECK(error_of("#ex=tasks&recipe=%7B%7D") == "#: has more than one of ex, recipe and py (one link shows one thing)");
    CHECK(error_of("#top") == "'top': unknown key (a link has ex and p, or recipe, or py; and speed)");
    CHECK(error_of("#speed=2") == "#: names neither an example (ex=) nor a recipe (recipe=) nor a Python program (py=)");
    CHECK(error_of("#recipe=%7B%22main%22%3A%5B%5D%7D&p=%7B%7D") ==
          "p: parameters belong to an example (ex=), not to a recipe or a Python program");
    CHECK(error_of("#ex=tas%2") == "ex: a '%' that is not followed by two hex digits (at character 3)");
    CHECK(error_of("#ex=%FF") == "ex: not valid UTF-8 once %-decoded");
    CHECK(error_of("#ex=%ED%A0%80") == "ex: not valid UTF-8 once %-decoded");  // a surrogate
    CHECK(error_of("#ex=%C0%AF") == "ex: not valid UTF-8 once %-decoded");     // overlong '/'
    // Quoted outside text is cut short.
    CHECK(error_of("#ex=" + std::string(500, 'a')) == "ex: no example '" + std::string(60, 'a') + "...'");
}

TEST_CASE("share link: a Python program travels encoded; its charset and size are checked here", "[share_link]") {
    // encodeShare() writes py=base64url(deflate-raw(source)); this is print('hi') so encoded.
    auto link = parse_share_link("#py=KyjKzCvRUM_IVNcEAA&speed=2", examples);
    REQUIRE(link);
    CHECK(link->mode == share_link::kind::python);
    CHECK(link->python == "KyjKzCvRUM_IVNcEAA");
    CHECK(link->speed == 2);
    // Room for any 64 KiB source (base64url of it stored uncompressed); one more character is refused.
    using aio::sandbox::max_python_link_chars;
    CHECK(max_python_link_chars == 92160);
    CHECK(parse_share_link("#py=" + std::string(max_python_link_chars, 'A'), examples));
    CHECK(error_of("#py=" + std::string(max_python_link_chars + 1, 'A')) ==
          "py: longer than 92160 characters (a source is at most 65536 bytes)");
    CHECK(error_of("#py=") == "py: is empty (it holds the program's compressed source)");
    CHECK(error_of("#py=abc%2B") == "py: not base64url (A-Z a-z 0-9 - _, no '=' padding): character 3 is not one");
    CHECK(error_of("#py=ab+c") == "py: not base64url (A-Z a-z 0-9 - _, no '=' padding): character 2 is not one");
    CHECK(error_of("#py=abc=") == "py: not base64url (A-Z a-z 0-9 - _, no '=' padding): character 3 is not one");
    CHECK(error_of("#py=%E4%B8%AD") == "py: not base64url (A-Z a-z 0-9 - _, no '=' padding): character 0 is not one");
    CHECK(error_of("#py=abcde") == "py: not base64url: its length leaves a lone character at the end");
    CHECK(error_of("#py=abcd&py=abcd") == "py: given twice");
    CHECK(error_of("#py=abcd&ex=tasks") == "#: has more than one of ex, recipe and py (one link shows one thing)");
    CHECK(error_of("#py=abcd&p=%7B%7D") == "p: parameters belong to an example (ex=), not to a recipe or a Python program");
    // A small recipe limit does not shrink what a Python link may be.
    aio::sandbox::limits small;
    small.max_recipe_bytes = 10;
    CHECK(parse_share_link("#py=" + std::string(max_python_link_chars, 'A'), examples, small));
}

TEST_CASE("share link: the form decoding (pairs, '+', %XX, empty parts)", "[share_link]") {
    using pairs = std::vector<std::pair<std::string, std::string>>;
    CHECK(decode_form("a=1&&b=x+y%26z&c&=v&") == pairs{{"a", "1"}, {"b", "x y&z"}, {"c", ""}, {"", "v"}});
    CHECK(decode_form("k=%e4%b8%ad") == pairs{{"k", "\xe4\xb8\xad"}});
    CHECK_THROWS_AS(decode_form("k=%4"), share_link_error);
}
