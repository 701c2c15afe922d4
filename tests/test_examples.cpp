// Every example of the catalog, run on the virtual clock (exact output, timestamps included) and
// once on a fast real clock (same lines once the timestamps are taken out: order and results).
#include "support.hpp"

#include "lib/example.hpp"

#include <map>
#include <regex>

namespace {

using lines = std::vector<std::string>;

lines run_example(const std::string& id, aio::loop_options options, std::map<std::string, std::string> params = {}) {
    const auto* info = aio_examples::find(id);
    REQUIRE(info != nullptr);
    lines out;
    int status = aio_examples::run(*info, {std::move(params), options, [&](std::string_view l) { out.emplace_back(l); }});
    CHECK(status == 0);
    return out;
}

lines without_stamps(lines in) {
    static const std::regex stamp(R"(\[t=[0-9.]+s\] )");
    for (auto& l : in) l = std::regex_replace(l, stamp, "");
    return in;
}

const std::string threads_line = aio::threads_available() ? "threads: yes" : "threads: no (ran on the loop thread)";

// Expected output on the virtual clock, per example id.
const std::map<std::string, lines> expected{
    {"coroutines",
     {"[t=0.00s] coroutine object created, not started", "[t=0.00s] coroutine starts", "[t=1.00s] coroutine ends",
      "[t=1.00s] result: result", "[t=1.00s] nested() returned 42"}},
    {"gather",
     {"[t=0.00s] task(1.0) starts", "[t=0.00s] task(2.0) starts", "[t=0.00s] task(0.5) starts",
      "[t=0.50s] task(0.5) done", "[t=1.00s] task(1.0) done", "[t=2.00s] task(2.0) done",
      "results: [1, 2, 0.5]  (argument order, not completion order)"}},
    {"to_thread", {threads_line, "slow_square(6) = 36, nested(41) = 42, ticks = 3"}},
};

}  // namespace

TEST_CASE("every example in the catalog has an expected output here", "[examples]") {
    for (const auto* info : aio_examples::catalog()) {
        INFO(info->id);
        CHECK(expected.count(info->id) == 1);
    }
}

TEST_CASE("examples print exactly their expected output on the virtual clock", "[examples]") {
    for (const auto& [id, want] : expected) {
        SECTION(id) {
            CHECK(run_example(id, {.clock = aio::clock_kind::virtual_time}) == want);
        }
    }
}

TEST_CASE("examples run on the real clock too, in the same order with the same results", "[examples][real]") {
    for (const auto& [id, want] : expected) {
        SECTION(id) {
            // 20x speed keeps the suite quick; timestamps differ on a real clock, order must not.
            CHECK(without_stamps(run_example(id, {.clock = aio::clock_kind::real, .speed = 20})) == without_stamps(want));
        }
    }
}

TEST_CASE("example parameters: defaults, overrides and bad input", "[examples]") {
    auto out = run_example("gather", {.clock = aio::clock_kind::virtual_time}, {{"first", "3"}});
    CHECK(out.back() == "results: [3, 2, 0.5]  (argument order, not completion order)");
    const auto* info = aio_examples::find("gather");
    CHECK_THROWS_AS(aio_examples::run(*info, {{{"nope", "1"}}, {}, {}}), std::invalid_argument);
    lines errors;
    int status = aio_examples::run(*info, {{{"first", "abc"}}, {.clock = aio::clock_kind::virtual_time},
                                           [&](std::string_view l) { errors.emplace_back(l); }});
    CHECK(status == 1);
    REQUIRE(!errors.empty());
    CHECK(errors.back().find("error: parameter 'first' is not a number") == 0);
    CHECK(aio_examples::find("no-such-example") == nullptr);
}
