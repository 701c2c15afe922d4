// Task recipes: validation with a precise error per class of mistake, interpretation on the real
// runtime (virtual clock: exact output), limits against hostile recipes, deadlock reports.
#include "support.hpp"

#include <limits>

#include "interpreter.hpp"

using aio::sandbox::parse_recipe;
using aio::sandbox::recipe_error;

namespace {

std::vector<std::string> run_recipe(const std::string& text, aio::sandbox::limits bounds = {}) {
    auto r = parse_recipe(text, bounds);
    std::vector<std::string> out;
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    loop.run([](const aio::sandbox::recipe& rec, std::vector<std::string>& lines) -> aio::coro<void> {
        aio::sandbox::interpreter in(rec, [&](std::string_view l) { lines.emplace_back(l); });
        co_await in.run();
    }(r, out));
    return out;
}

std::string error_of(const std::string& text) {
    try {
        parse_recipe(text);
    } catch (const recipe_error& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("a recipe with sleeps and prints runs with exact virtual timings", "[recipe]") {
    auto out = run_recipe(R"({
        "version": 1,
        "title": "two workers",
        "main": [
            {"spawn": {"name": "A", "steps": [{"sleep": 1}, {"print": "A done"}]}},
            {"spawn": {"name": "B", "steps": [{"sleep": 0.5}, {"print": "B done"}]}},
            {"print": "main waits"},
            {"await": "A"},
            {"print": "main done"}
        ]})");
    CHECK(out == std::vector<std::string>{"[t=0.00s] main: main waits", "[t=0.50s] B: B done", "[t=1.00s] A: A done",
                                          "[t=1.00s] main: main done"});
}

TEST_CASE("recipe combinators: gather, wait, as_completed, wait_for, task_group", "[recipe]") {
    auto out = run_recipe(R"({"main": [
        {"gather": [{"name": "g1", "steps": [{"sleep": 2}]},
                    {"name": "g2", "steps": [{"sleep": 1}, {"raise": "boom"}]}],
         "return_exceptions": true},
        {"wait": [{"name": "w1", "steps": [{"sleep": 1}]}, {"name": "w2", "steps": [{"sleep": 5}]}],
         "return_when": "FIRST_COMPLETED"},
        {"as_completed": [{"name": "c1", "steps": [{"sleep": 2}]}, {"name": "c2", "steps": [{"sleep": 1}]}]},
        {"task_group": [{"name": "t1", "steps": [{"sleep": 1}]}, {"name": "t2", "steps": [{"sleep": 2}]}]},
        {"print": "end"}
    ]})");
    CHECK(out == std::vector<std::string>{
                     "[t=2.00s] main: gather: g1 ok, g2 boom",
                     "[t=3.00s] main: wait: 1 done, w1 ok; 1 pending, w2",
                     "[t=4.00s] main: as_completed: result 1 of 2",
                     "[t=5.00s] main: as_completed: result 2 of 2",
                     "[t=7.00s] main: end"});
}

TEST_CASE("recipe errors propagate like Python's: wait_for timeout fails the task", "[recipe]") {
    CHECK_THROWS_AS(run_recipe(R"({"main": [{"wait_for": {"name": "slow", "steps": [{"sleep": 5}]}, "timeout": 1}]})"),
                    aio::timeout_error);
    CHECK_THROWS_WITH(run_recipe(R"({"main": [{"gather": [{"steps": [{"raise": "bad input"}]}]}]})"), "bad input");
}

TEST_CASE("recipe locks, semaphores, events and queues", "[recipe][fifo]") {
    auto out = run_recipe(R"({
        "resources": {"locks": ["db"], "semaphores": {"pool": 1}, "events": ["go"], "queues": {"jobs": 1}},
        "main": [
            {"spawn": {"name": "producer", "steps": [{"wait_event": "go"}, {"put": "jobs", "value": "j1"},
                                                     {"put": "jobs", "value": 2}]}},
            {"spawn": {"name": "consumer", "steps": [{"get": "jobs"}, {"get": "jobs"}]}},
            {"spawn": {"name": "x", "steps": [{"with": "db", "steps": [{"sleep": 1}, {"print": "x had db"}]}]}},
            {"spawn": {"name": "y", "steps": [{"acquire": "db"}, {"print": "y has db"}, {"release": "db"},
                                              {"with": "pool", "steps": [{"print": "y in pool"}]}]}},
            {"sleep": 2},
            {"set": "go"}
        ]})");
    CHECK(out == std::vector<std::string>{"[t=1.00s] x: x had db", "[t=1.00s] y: y has db", "[t=1.00s] y: y in pool",
                                          "[t=2.00s] consumer: got 'j1' from jobs", "[t=2.00s] consumer: got '2' from jobs"});
}

TEST_CASE("blocking cpu work stalls the loop (virtual time moves on); cancel and repeat", "[recipe][fifo]") {
    auto out = run_recipe(R"({"main": [
        {"spawn": {"name": "ticker", "steps": [{"repeat": 3, "steps": [{"sleep": 0.1}, {"print": "tick"}]}]}},
        {"sleep": 0},
        {"cpu": 500},
        {"spawn": {"name": "doomed", "steps": [{"sleep": 10}, {"print": "never"}]}},
        {"sleep": 0},
        {"cancel": "doomed"}
    ]})");
    // The ticker's first tick was due at 0.1 s, but the loop was blocked until 0.5 s.
    CHECK(out == std::vector<std::string>{"[t=0.50s] ticker: tick", "[t=0.60s] ticker: tick", "[t=0.70s] ticker: tick"});
}

TEST_CASE("each class of recipe mistake gets its own error naming the field", "[recipe][validation]") {
    CHECK(error_of("{") .rfind("$: not valid JSON", 0) == 0);
    CHECK(error_of("[]") == "$: must be an object, not an array");
    CHECK(error_of(R"({"main": [], "extra": 1})") == "$.extra: unknown field (a recipe has version, title, resources and main)");
    CHECK(error_of(R"({"version": 2, "main": []})") == "$.version: must be 1 (the only format version)");
    CHECK(error_of(R"({})") == "$.main: missing: the steps of the main task");
    CHECK(error_of(R"({"main": [{"slep": 1}]})").rfind("$.main[0]: no known operation (has: slep); one of: sleep,", 0) == 0);
    CHECK(error_of(R"({"main": [{"sleep": "1"}]})") == "$.main[0].sleep: must be a number of seconds, not a string");
    CHECK(error_of(R"({"main": [{"sleep": -1}]})") == "$.main[0].sleep: must be between 0 and 3600 seconds");
    CHECK(error_of(R"({"main": [{"sleep": 1, "print": "x"}]})") == "$.main[0]: has two operations, 'sleep' and 'print'");
    CHECK(error_of(R"({"main": [{"sleep": 1, "timeout": 2}]})") == "$.main[0].timeout: not a field of 'sleep'");
    CHECK(error_of(R"({"main": [{"cpu": 100000}]})") == "$.main[0].cpu: must be between 0 and 2000 milliseconds");
    CHECK(error_of(R"({"main": [{"acquire": "db"}]})") == "$.main[0].acquire: no lock or semaphore named 'db' in $.resources");
    CHECK(error_of(R"({"resources": {"events": ["db"]}, "main": [{"acquire": "db"}]})") ==
          "$.main[0].acquire: 'db' is declared at $.resources.events[0], which is not a lock or semaphore");
    CHECK(error_of(R"({"resources": {"locks": ["a"], "events": ["a"]}, "main": []})") ==
          "$.resources.locks[0]: the name 'a' is used twice");
    CHECK(error_of(R"({"main": [{"await": "ghost"}]})") == "$.main[0].await: no task named 'ghost' in this recipe");
    CHECK(error_of(R"({"main": [{"spawn": {"steps": []}}]})") == "$.main[0].spawn.name: a spawned task needs a name (to await or cancel it)");
    CHECK(error_of(R"({"main": [{"gather": []}]})") == "$.main[0].gather: needs at least one task");
    CHECK(error_of(R"({"main": [{"gather": [{"name": "a", "steps": []}, {"name": "a", "steps": []}]}]})") ==
          "$.main[0].gather[1].name: two tasks are named 'a'");
    CHECK(error_of(R"({"main": [{"wait_for": {"steps": []}}]})") == "$.main[0].timeout: missing: wait_for needs a timeout in seconds");
    CHECK(error_of(R"({"main": [{"wait": [{"steps": []}], "return_when": "SOON"}]})") ==
          "$.main[0].return_when: must be ALL_COMPLETED, FIRST_COMPLETED or FIRST_EXCEPTION");
    CHECK(error_of(R"({"main": [{"repeat": 2}]})") == "$.main[0].steps: missing: the steps to repeat");
    CHECK(error_of(R"({"main": {"name": "m", "steps": [], "color": "red"}})") == "$.main.color: unknown field (a task has name and steps)");
}

TEST_CASE("a session's limits cannot lift nesting and size past the hard caps", "[recipe][limits]") {
    aio::sandbox::limits huge;
    huge.max_depth = std::numeric_limits<std::size_t>::max();  // as max_depth: 1e300 from JS
    huge.max_recipe_bytes = std::numeric_limits<std::size_t>::max();
    // 2,000 nested repeats: refused with the limit's name instead of parsed and run recursively.
    std::string deep = R"({"print": "x"})";
    for (int i = 0; i < 2000; ++i) deep = R"({"repeat": 1, "steps": [)" + deep + "]}";
    std::string text = R"({"main": [)" + deep + "]}";
    try {
        aio::sandbox::parse_recipe(text, huge);
        FAIL("a recipe nested 2,000 levels deep was accepted");
    } catch (const recipe_error& e) {
        CHECK_THAT(e.what(), Catch::Contains("limit max_depth"));
    }
    CHECK_THAT(error_of(std::string(100000, '[')), Catch::Contains("limit max_depth"));
    // Within the cap the session's own (lower) max_depth applies as before.
    std::string ok = R"({"print": "x"})";
    for (int i = 0; i < 100; ++i) ok = R"({"repeat": 1, "steps": [)" + ok + "]}";
    CHECK_NOTHROW(aio::sandbox::parse_recipe(R"({"main": [)" + ok + "]}", huge));
    try {
        aio::sandbox::parse_recipe(std::string(aio::sandbox::hard_max_recipe_bytes + 1, ' '), huge);
        FAIL("a recipe over the hard size cap was accepted");
    } catch (const recipe_error& e) {
        CHECK_THAT(e.what(), Catch::Contains("limit max_recipe_bytes"));
    }
}

TEST_CASE("hostile recipes hit their limits cleanly", "[recipe][limits]") {
    // Too deep: a chain of nested tasks.
    std::string deep = R"({"steps": []})";
    for (int i = 0; i < 17; ++i) deep = R"({"steps": [{"gather": [)" + deep + "]}]}";
    CHECK(error_of(R"({"main": )" + deep + "}").find("nested deeper than 16 levels") != std::string::npos);
    // Pathological JSON nesting is refused before it is parsed into a tree.
    CHECK(error_of(std::string(100000, '[')).find("nested") != std::string::npos);
    // Too big.
    CHECK_THROWS_AS(parse_recipe(std::string(2 << 20, ' ')), recipe_error);
    // Too many steps: an endless loop of zero sleeps is stopped.
    aio::sandbox::limits few;
    few.max_steps = 1000;
    CHECK_THROWS_AS(run_recipe(R"({"main": [{"repeat": 1000000, "steps": [{"sleep": 0}]}]})", few), aio::sandbox::limit_error);
    // Too many tasks.
    aio::sandbox::limits small;
    small.max_tasks = 5;
    CHECK_THROWS_AS(run_recipe(R"({"main": [{"repeat": 10, "steps": [{"gather": [{"steps": []}]}]}]})", small),
                    aio::sandbox::limit_error);
    // Too long: the run is cancelled at the time limit.
    aio::sandbox::limits brief;
    brief.max_duration = 10;
    CHECK_THROWS_WITH(run_recipe(R"({"main": [{"repeat": 100, "steps": [{"sleep": 1}]}]})", brief),
                      Catch::Contains("ran longer than its limit of 10 s"));
    // Output is capped.
    aio::sandbox::limits quiet;
    quiet.max_output_lines = 3;
    auto out = run_recipe(R"({"main": [{"repeat": 10, "steps": [{"print": "x"}]}]})", quiet);
    CHECK(out.size() == 4);
    CHECK(out.back().find("output truncated") != std::string::npos);
}

TEST_CASE("recipes that deadlock are reported with what each task waits on", "[recipe][deadlock]") {
    // A lock cycle: A holds a and wants b; B holds b and wants a.
    try {
        run_recipe(R"({"resources": {"locks": ["a", "b"]}, "main": [
            {"spawn": {"name": "A", "steps": [{"acquire": "a"}, {"sleep": 1}, {"acquire": "b"}]}},
            {"spawn": {"name": "B", "steps": [{"acquire": "b"}, {"sleep": 1}, {"acquire": "a"}]}},
            {"await": "A"}]})");
        FAIL("expected a deadlock");
    } catch (const aio::deadlock_error& e) {
        std::string what = e.what();
        CHECK(what.find("A waits on primitive") != std::string::npos);
        CHECK(what.find("B waits on primitive") != std::string::npos);
        CHECK(what.find("lock") != std::string::npos);
    }
    // A queue nobody fills.
    CHECK_THROWS_WITH(run_recipe(R"({"resources": {"queues": {"q": 0}}, "main": [{"get": "q"}]})"),
                      Catch::Contains("main waits on primitive"));
}

TEST_CASE("JSON numbers: 1.0 is the whole number 1, as in the recipe's JSON Schema", "[recipe][validation]") {
    CHECK(error_of(R"({"version": 1.0, "main": []})") == "no error");
    CHECK(error_of(R"({"version": 1.5, "main": []})") == "$.version: must be 1 (the only format version)");
    CHECK(error_of(R"({"main": [{"repeat": 2.0, "steps": [{"print": "x"}]}]})") == "no error");
    CHECK(error_of(R"({"resources": {"semaphores": {"s": 2.0}, "queues": {"q": 1e2}}, "main": []})") == "no error");
    CHECK(error_of(R"({"main": [{"repeat": 1.5, "steps": []}]})") == "$.main[0].repeat: must be a whole number, not 1.5");
    CHECK(error_of(R"({"main": [{"repeat": 1e300, "steps": []}]})") == "$.main[0].repeat: must be between 0 and 1000000");
    CHECK(error_of(R"({"main": [{"repeat": 18446744073709551615, "steps": []}]})") ==
          "$.main[0].repeat: must be between 0 and 1000000");
    CHECK(error_of(R"({"main": [{"repeat": "2", "steps": []}]})") == "$.main[0].repeat: must be a whole number, not a string");
    CHECK(run_recipe(R"({"main": [{"repeat": 2.0, "steps": [{"print": "x"}]}]})").size() == 2);
}

TEST_CASE("text limits count characters, not bytes", "[recipe][validation]") {
    std::string euros;
    for (int i = 0; i < 1000; ++i) euros += "\u20ac";  // 3 bytes each
    CHECK(error_of(R"({"main": [{"print": ")" + euros + R"("}]})") == "no error");
    CHECK(error_of(R"({"main": [{"print": ")" + euros + R"(x"}]})") == "$.main[0].print: longer than 1000 characters");
    std::string han;
    for (int i = 0; i < 100; ++i) han += "\u4e2d";
    CHECK(error_of(R"({"resources": {"locks": [")" + han + R"("]}, "main": []})") == "no error");
    CHECK(error_of(R"({"resources": {"locks": [")" + han + R"(x"]}, "main": []})") ==
          "$.resources.locks[0]: longer than 100 characters");
}

TEST_CASE("invalid text reads as U+FFFD: lone surrogate escapes and invalid UTF-8 bytes", "[recipe][validation]") {
    const std::string fffd = "\xEF\xBF\xBD";
    CHECK(run_recipe(R"({"main": [{"print": "a\ud800b"}]})") == std::vector<std::string>{"[t=0.00s] main: a" + fffd + "b"});
    CHECK(run_recipe(R"({"main": [{"print": "\udc00\ud800"}]})") ==
          std::vector<std::string>{"[t=0.00s] main: " + fffd + fffd});
    CHECK(run_recipe("{\"main\": [{\"print\": \"a\xFF\xC3z\"}]}") == std::vector<std::string>{"[t=0.00s] main: a" + fffd + fffd + "z"});
    // A pair is one character; other escapes are untouched.
    CHECK(run_recipe(R"({"main": [{"print": "\ud83d\ude00 \\ud800 \" \u0041"}]})") ==
          std::vector<std::string>{"[t=0.00s] main: \xF0\x9F\x98\x80 \\ud800 \" A"});
}
