// The C++ tables JS reads through Module.protocol() (protocol_bindings.cpp): each covers its enum
// or struct exactly, every value once and in code order, since JS decodes a code as a position.
#include "support.hpp"

#include "protocol.hpp"

#include <set>
#include <string>

namespace {

// `table` lists first, first + 1, ... up to `last`, each once, with distinct names.
template <class Kind, std::size_t N>
void check_covers(const aio::named_kind<Kind> (&table)[N], int first, Kind last) {
    std::set<std::string> names;
    for (std::size_t i = 0; i < N; ++i) {
        CHECK(static_cast<int>(table[i].kind) == first + static_cast<int>(i));
        CHECK(names.insert(table[i].name).second);
    }
    CHECK(table[N - 1].kind == last);  // a new enumerator goes last: update `last` and the table
}

}  // namespace

TEST_CASE("protocol: the kind tables cover their enums in code order", "[protocol]") {
    check_covers(aio::trace_kind_names, 0, aio::trace_kind::thread_fallback);
    check_covers(aio::wait_kind_names, 0, aio::wait_kind::thread);
    check_covers(aio::outcome_names, 0, aio::outcome::cancelled);
    check_covers(aio::sandbox::stream_kind_names, 32, aio::sandbox::stream_kind::message);
    CHECK(std::string(aio::to_string(aio::trace_kind::host_wake)) == "host_wake");
    CHECK(std::string(aio::to_string(aio::wait_kind::host_io)) == "host_io");
    CHECK(std::string(aio::to_string(static_cast<aio::wait_kind>(200))) == "?");
}

TEST_CASE("protocol: the limits table names every limit once", "[protocol]") {
    std::set<std::string> names;
    std::size_t bytes = 0;
    const aio::sandbox::limits defaults{};
    for (const auto& l : aio::sandbox::limit_table) {
        CHECK(names.insert(l.name).second);
        bytes += std::visit([](auto field) { return sizeof(aio::sandbox::limits{}.*field); }, l.field);
        CHECK(aio::sandbox::limit_value(defaults, l) > 0);
    }
    // On 64-bit hosts every member is 8 bytes, without padding: a member the table forgot
    // changes the size.
    if constexpr (sizeof(std::size_t) == sizeof(double)) CHECK(bytes == sizeof(aio::sandbox::limits));
    CHECK(aio::sandbox::limit_value(defaults, aio::sandbox::limit_table[0]) == 100'000);
}

TEST_CASE("protocol: the step kinds table covers step::op in order; the parser refuses other keys", "[protocol]") {
    const auto& kinds = aio::sandbox::step_kinds();
    std::set<std::string> names;
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        CHECK(static_cast<std::size_t>(kinds[i].kind) == i);
        CHECK(names.insert(kinds[i].name).second);
        CHECK(std::string(aio::sandbox::to_string(kinds[i].kind)) == kinds[i].name);
    }
    CHECK(kinds.back().kind == aio::sandbox::step::op::read_file);  // a new op goes last, here too
    // A modifier that is not in the table is refused by name.
    CHECK_THROWS_WITH(aio::sandbox::parse_recipe(R"({"main": [{"sleep": 1, "timeout": 2}]})"),
                      "$.main[0].timeout: not a field of 'sleep'");
}

TEST_CASE("protocol: messages have unique codes, filled English text and refuse unknown codes", "[protocol]") {
    using aio::sandbox::msg;
    std::set<std::string> codes;
    for (const auto& m : aio::sandbox::message_table()) {
        CHECK(codes.insert(m.code).second);
        // Each parameter appears once: values fill the template in order (messages.hpp).
        std::set<std::string> names;
        std::string_view t = m.english;
        for (std::size_t open; (open = t.find('{')) != std::string_view::npos; t.remove_prefix(t.find('}', open) + 1))
            CHECK(names.insert(std::string(t.substr(open + 1, t.find('}', open) - open - 1))).second);
    }
    CHECK(msg("recipe.two_operations", {"sleep", "print"}).text() ==
          "has two operations, 'sleep' and 'print'");
    CHECK(msg("limit.max_tasks", {"5"}).text() == "the recipe created more than 5 tasks (limit max_tasks)");
    CHECK(msg("recipe.empty").to_json().dump() == R"({"code":"recipe.empty","params":{}})");
    CHECK(msg("recipe.not_lock", {"L", "$.resources.events[0]"}).to_json().dump() ==
          R"({"code":"recipe.not_lock","params":{"declared":"$.resources.events[0]","name":"L"}})");
    CHECK_THROWS_AS(msg("recipe.no_such_code"), std::logic_error);
    CHECK_THROWS_AS(msg("recipe.not_lock", {"L"}), std::logic_error);  // two parameters
}

TEST_CASE("protocol: a recipe error carries its reason as a message", "[protocol]") {
    try {
        aio::sandbox::parse_recipe(R"({"main": [{"sleep": "soon"}]})", {}, {}, {});
        FAIL("the recipe was accepted");
    } catch (const aio::sandbox::recipe_error& e) {
        CHECK(e.path() == "$.main[0].sleep");
        CHECK(std::string(e.message().code()) == "recipe.not_seconds");
        CHECK(e.reason() == "must be a number of seconds, not a string");
        CHECK(e.reason() == e.message().text());
    }
}
