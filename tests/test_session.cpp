// The sandbox session (wasm/sandbox/session.hpp) stepped by hand, and the loop support it needs:
// run_once as exactly one tick, the paused flag, and the inspection calls of snapshots.
// (The host-driven side is covered by tests/node/sandbox.test.mjs against the wasm module.)
#include "support.hpp"

#include "session.hpp"
#include "session_support.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <thread>

using aio::sandbox::session;
using aio::sandbox::stream_kind;
using json = nlohmann::json;

namespace {

struct recorder {
    std::vector<double> records;
    std::vector<std::string> strings;
    void attach(session& s) {
        s.set_batch_handler([this](const std::vector<double>& r, const std::vector<std::string>& str, std::size_t) {
            records.insert(records.end(), r.begin(), r.end());
            strings.insert(strings.end(), str.begin(), str.end());
        });
    }
    // Records of one kind, as (task, text) pairs.
    std::vector<std::pair<std::uint64_t, std::string>> of(double kind) const {
        std::vector<std::pair<std::uint64_t, std::string>> out;
        for (std::size_t i = 0; i < records.size(); i += session::record_size) {
            if (records[i] != kind) continue;
            double text = records[i + 8];
            out.emplace_back(static_cast<std::uint64_t>(records[i + 3]),
                             text < 0 ? std::string() : strings[static_cast<std::size_t>(text)]);
        }
        return out;
    }
    std::vector<std::string> output() const {
        std::vector<std::string> lines;
        for (auto& [task, text] : of(static_cast<double>(stream_kind::output))) lines.push_back(text);
        return lines;
    }
};

aio::sandbox::session_options manual() {
    aio::sandbox::session_options o;
    o.attach_to_host = false;
    return o;
}

std::size_t run_to_end(session& s) {
    std::size_t ticks = 0;
    while (s.step().ran) ++ticks;
    s.flush();
    return ticks;
}

const char* lock_cycle = R"({"resources": {"locks": ["a", "b"]}, "main": [
    {"spawn": {"name": "A", "steps": [{"acquire": "a"}, {"sleep": 1}, {"acquire": "b"}]}},
    {"spawn": {"name": "B", "steps": [{"acquire": "b"}, {"sleep": 1}, {"acquire": "a"}]}},
    {"await": "A"}]})";

}  // namespace

TEST_CASE("run_once on the self-driven loop is one tick; the inspection calls list queue and timers", "[loop][step]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    CHECK_FALSE(loop.paused());
    loop.set_paused(true);  // only the host-driven loop honours it
    CHECK(loop.paused());
    auto sleeper = [](double s) -> aio::coro<void> { co_await aio::sleep(s); };
    auto a = loop.create_task(sleeper(2), "a");
    auto b = loop.create_task(sleeper(1), "b");
    loop.call_soon([] {});
    CHECK(loop.ready_task_ids() == std::vector<std::uint64_t>{a.id(), b.id(), 0});
    CHECK(loop.pending_timers().empty());
    CHECK(loop.run_once());
    CHECK(loop.ticks() == 1);
    CHECK(loop.ready_task_ids().empty());
    auto timers = loop.pending_timers();
    REQUIRE(timers.size() == 2);
    CHECK(timers[0].task_id == b.id());  // earliest first
    CHECK(timers[0].deadline_ns == 1'000'000'000);
    CHECK(timers[1].task_id == a.id());
    CHECK(loop.run_once());  // the virtual clock jumps to b's deadline: b finishes
    CHECK(loop.time() == 1.0);
    CHECK(b.done());
    CHECK_FALSE(a.done());
    CHECK(loop.run_once());
    CHECK(a.done());
    CHECK_FALSE(loop.run_once());
    CHECK(loop.ticks() == 3);
    CHECK(loop.outside_work() == 0);
    loop.detach_from_host();  // not attached: nothing to do
}

TEST_CASE("a session runs a recipe tick by tick with its output and end in the stream", "[session]") {
    session s(manual());
    recorder rec;
    rec.attach(s);
    auto id = s.spawn_recipe(R"({"main": [
        {"spawn": {"name": "A", "steps": [{"sleep": 1}, {"print": "A done"}]}},
        {"print": "main waits"}, {"await": "A"}, {"print": "main done"}]})");
    CHECK(id > 0);
    run_to_end(s);
    CHECK(rec.output() == std::vector<std::string>{"[t=0.00s] main: main waits", "[t=1.00s] A: A done",
                                                   "[t=1.00s] main: main done"});
    auto done = rec.of(static_cast<double>(stream_kind::run_done));
    REQUIRE(done.size() == 1);
    CHECK(done[0].first == id);
    CHECK(done[0].second.empty());
    CHECK_FALSE(rec.of(static_cast<double>(aio::trace_kind::task_created)).empty());
    CHECK_FALSE(s.deadlocked());
}

// Stamps used to count from each recipe's own start: one launched at t=2 printed "[t=0.00s]"
// after the running recipe's "[t=2.00s]". Now every line counts from the oldest live run's start.
TEST_CASE("a recipe launched into a running loop stamps its output on the running runs' clock", "[session]") {
    session s(manual());
    recorder rec;
    rec.attach(s);
    s.spawn_recipe(R"({"main": [{"repeat": 4, "steps": [{"sleep": 1}, {"print": "tick"}]}]})", true);
    while (s.loop().time() < 2) REQUIRE(s.step().ran);
    s.spawn_recipe(R"({"main": [{"print": "launched"}, {"sleep": 0.5}, {"print": "later"}]})");
    run_to_end(s);
    CHECK(rec.output() == std::vector<std::string>{"[t=1.00s] main: tick", "[t=2.00s] main: tick",
                                                   "[t=2.00s] main: launched", "[t=2.50s] main: later",
                                                   "[t=3.00s] main: tick", "[t=4.00s] main: tick"});
    // Once nothing runs, a new recipe is a run of its own again: its stamps start at 0.
    s.spawn_recipe(R"({"main": [{"sleep": 1}, {"print": "alone"}]})", true);
    run_to_end(s);
    CHECK(rec.output().back() == "[t=1.00s] main: alone");
}

TEST_CASE("stepping the same recipe twice gives the same event sequence", "[session][step]") {
    const char* text = R"({"resources": {"queues": {"q": 2}}, "main": [
        {"gather": [{"name": "p", "steps": [{"repeat": 4, "steps": [{"put": "q", "value": 1}, {"sleep": 0.1}]}]},
                    {"name": "c", "steps": [{"repeat": 4, "steps": [{"get": "q"}]}]}]}]})";
    auto once = [&] {
        session s(manual());
        recorder rec;
        rec.attach(s);
        s.spawn_recipe(text);
        std::vector<std::uint64_t> ticks;
        while (s.step().ran) {
            s.flush();
            ticks.push_back(s.loop().ticks());
        }
        s.flush();
        return std::make_pair(rec.records, rec.strings);
    };
    auto first = once();
    auto second = once();
    CHECK(first.first.size() > 100);
    CHECK(first == second);
}

TEST_CASE("a lock cycle is reported with the cycle, and a run is cancelled with it", "[session][deadlock]") {
    session s(manual());
    recorder rec;
    rec.attach(s);
    auto id = s.spawn_recipe(lock_cycle, true);
    run_to_end(s);
    auto reports = rec.of(static_cast<double>(stream_kind::deadlock));
    REQUIRE(reports.size() == 1);
    auto report = json::parse(reports[0].second);
    std::string message = report["message"];
    CHECK(message.find("wait cycle: A waits on lock 'b' held by B; B waits on lock 'a' held by A") != std::string::npos);
    REQUIRE(report["cycle"].size() == 2);
    CHECK(report["cycle"][0]["name"] == "A");
    CHECK(report["cycle"][0]["waits_on"] == "lock 'b'");
    // The run is cancelled; it ends with the deadlock as its error.
    run_to_end(s);
    auto done = rec.of(static_cast<double>(stream_kind::run_done));
    REQUIRE(done.size() == 1);
    CHECK(done[0].first == id);
    CHECK(done[0].second.find("deadlock") == 0);
    CHECK(s.loop().all_tasks().empty());
}

TEST_CASE("a queue nobody fills is a deadlock that says so; spawned tasks stay for the user", "[session][deadlock]") {
    session s(manual());
    recorder rec;
    rec.attach(s);
    s.spawn_recipe(R"({"resources": {"queues": {"jobs": 0}}, "main": [{"print": "waiting"}, {"get": "jobs"}]})");
    run_to_end(s);
    auto reports = rec.of(static_cast<double>(stream_kind::deadlock));
    REQUIRE(reports.size() == 1);
    std::string message = json::parse(reports[0].second)["message"];
    CHECK(message.find("main waits on queue 'jobs' (get): it is empty and no task that could put to it can run") !=
          std::string::npos);
    CHECK(s.deadlocked());
    auto snap = json::parse(s.snapshot_json());
    CHECK(snap["stalled"] == true);
    CHECK(snap["deadlock"].is_object());
    REQUIRE(snap["tasks"].size() == 1);
    CHECK(snap["tasks"][0]["awaits"]["resource"]["name"] == "jobs");
    // Reported once per stall, not at every flush.
    s.flush();
    CHECK(rec.of(static_cast<double>(stream_kind::deadlock)).size() == 1);
}

TEST_CASE("a snapshot lists the ready queue, timers with deadlines and the await graph", "[session][snapshot][fifo]") {
    session s(manual());
    s.spawn_recipe(R"({"resources": {"locks": ["db"]}, "main": [
        {"spawn": {"name": "holder", "steps": [{"acquire": "db"}, {"sleep": 5}, {"release": "db"}]}},
        {"spawn": {"name": "wanter", "steps": [{"with": "db", "steps": [{"print": "got it"}]}]}},
        {"await": "holder"}]})");
    auto snap = json::parse(s.snapshot_json());
    REQUIRE(snap["ready"].size() == 1);
    CHECK(snap["ready"][0]["name"] == "main");
    s.step();  // main runs: spawns both, awaits holder
    s.step();  // holder takes db and sleeps; wanter queues for db
    snap = json::parse(s.snapshot_json());
    CHECK(snap["version"] == 1);
    CHECK(snap["clock"] == "virtual");
    CHECK(snap["ready"].empty());
    REQUIRE(snap["timers"].size() == 1);
    CHECK(snap["timers"][0]["name"] == "holder");
    CHECK(snap["timers"][0]["deadline"] == 5.0);
    std::map<std::string, json> tasks;
    for (auto& t : snap["tasks"]) tasks[t["name"]] = t;
    CHECK(tasks["main"]["awaits"]["what"] == "task 'holder'");
    CHECK(tasks["wanter"]["awaits"]["what"] == "lock 'db'");
    CHECK(tasks["holder"]["awaits"]["kind"] == "sleep");
    CHECK(tasks["holder"]["awaited_by"] == json::array({tasks["main"]["id"]}));
    CHECK(tasks["holder"]["parent"] == tasks["main"]["id"]);
    REQUIRE(snap["resources"].size() == 1);
    CHECK(snap["resources"][0]["holders"] == json::array({tasks["holder"]["id"]}));
    CHECK(snap["resources"][0]["waiting"] == 1);
}

TEST_CASE("a session runs catalog examples; unknown ids and parameters are refused", "[session][examples]") {
    session s(manual());
    recorder rec;
    rec.attach(s);
    CHECK_THROWS_WITH(s.run_example("no_such_example", {}), Catch::StartsWith("no example 'no_such_example'"));
    CHECK_THROWS_WITH(s.run_example("gather", {{"bogus", "1"}}), Catch::Contains("has no parameter 'bogus'"));
    auto id = s.run_example("gather", {{"count", "1"}});
    run_to_end(s);
    auto out = rec.output();
    CHECK_FALSE(out.empty());
    auto done = rec.of(static_cast<double>(stream_kind::run_done));
    REQUIRE(done.size() == 1);
    CHECK(done[0].first == id);
    auto examples = json::parse(s.examples_json());
    bool found = false;
    for (auto& e : examples)
        if (e["id"] == "gather") found = e["runnable"] == true && e["params"].size() == 4;
    CHECK(found);
}

// Issue #19: the lanes of gather's unnamed tasks read "task (Task-2)", as asyncio's repr shows
// coro=<task()>; the tasks keep their names; a recipe's tasks get no such label.
TEST_CASE("an example's unnamed tasks get a lane label naming their coroutine; recipes' do not", "[session][examples]") {
    session s(manual());
    recorder rec;
    rec.attach(s);
    auto id = s.run_example("gather", {});
    run_to_end(s);
    auto created = rec.of(static_cast<double>(aio::trace_kind::task_created));
    auto labels = rec.of(static_cast<double>(stream_kind::task_label));
    REQUIRE(created.size() >= 4);
    CHECK(created[0] == std::pair<std::uint64_t, std::string>{id, "gather"});
    REQUIRE(labels.size() == created.size() - 1);  // every task but the named root
    for (std::size_t i = 1; i < created.size(); ++i) {
        CHECK(created[i].second == "Task-" + std::to_string(created[i].first));
        CHECK(labels[i - 1].first == created[i].first);
        std::string label = labels[i - 1].second;  // task(1), task(2), task(0.5), then task_func("task1", 1), ...
        CHECK((label == "task (" + created[i].second + ")" || label == "task_func (" + created[i].second + ")"));
    }
    rec.records.clear();
    s.spawn_recipe(R"({"main": [{"spawn": {"name": "a", "steps": [{"sleep": 1}]}}, {"await": "a"}]})");
    run_to_end(s);
    CHECK(rec.of(static_cast<double>(stream_kind::task_label)).empty());
}

// Issue #19: a C++ task awaiting another task says which one by name, as recipes' waits do.
TEST_CASE("an example's task awaiting a task names it in the snapshot", "[session][snapshot][examples]") {
    session s(manual());
    s.run_example("errors", {});
    int seen = 0;
    for (int i = 0; i < 200 && s.step().ran; ++i) {
        auto snap = json::parse(s.snapshot_json());
        std::map<std::uint64_t, std::string> names;
        for (auto& t : snap["tasks"]) names[t["id"].get<std::uint64_t>()] = t["name"];
        for (auto& t : snap["tasks"]) {
            if (t["awaits"].is_null() || t["awaits"]["kind"] != "task") continue;
            auto target = t["awaits"]["task"].get<std::uint64_t>();
            REQUIRE(names.count(target));
            CHECK(t["awaits"]["what"] == "task '" + names[target] + "'");
            ++seen;
        }
    }
    CHECK(seen > 0);
}

TEST_CASE("a never-retrieved task error and cancellation go into the stream", "[session]") {
    session s(manual());
    recorder rec;
    rec.attach(s);
    auto id = s.spawn_recipe(R"({"main": [{"spawn": {"name": "sleeper", "steps": [{"sleep": 100}]}}, {"sleep": 1}]})");
    s.step();
    s.step();
    CHECK(s.cancel(id, "user"));
    CHECK_FALSE(s.cancel(9999));
    run_to_end(s);
    auto done = rec.of(static_cast<double>(stream_kind::run_done));
    REQUIRE(done.size() == 1);
    CHECK(done[0].second == "cancelled");
    // An error nobody retrieves is reported through the loop's exception handler.
    {
        auto t = s.loop().create_task([]() -> aio::coro<void> {
            throw std::runtime_error("lost");
            co_return;
        }());
        run_to_end(s);
    }
    s.flush();
    auto errors = rec.of(static_cast<double>(stream_kind::error));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].second.find("Task exception was never retrieved") == 0);
    CHECK(errors[0].second.find("lost") != std::string::npos);
}

TEST_CASE("an await cycle ends its run with an error at once, whoever awaits it; later runs are not blamed", "[session][deadlock]") {
    // The runtime refuses the await that would close a cycle of tasks (asyncio's "Task cannot
    // await on itself"), so the run ends with that error instead of hanging or reporting success.
    const char* cycles[] = {
        R"({"main": [{"spawn": {"name": "a", "steps": [{"await": "b"}]}}, {"spawn": {"name": "b", "steps": [{"await": "a"}]}}, {"await": "a"}]})",
        R"({"main": [{"spawn": {"name": "a", "steps": [{"await": "a"}]}}, {"await": "a"}]})",
    };
    for (const char* cycle : cycles) {
        CAPTURE(cycle);
        session s(manual());
        recorder rec;
        rec.attach(s);
        auto id = s.spawn_recipe(cycle, true);
        for (int i = 0; i < 5 && rec.of(static_cast<double>(stream_kind::run_done)).empty(); ++i) run_to_end(s);
        auto done = rec.of(static_cast<double>(stream_kind::run_done));
        REQUIRE(done.size() == 1);
        CHECK(done[0].first == id);
        CHECK_THAT(done[0].second, Catch::Contains("Task cannot await on itself: "));
        CHECK_FALSE(s.deadlocked());
        // A later run in the same session ends normally, with no deadlock of its own.
        auto next = s.spawn_recipe(R"({"main": [{"print": "after"}]})", true);
        run_to_end(s);
        run_to_end(s);
        done = rec.of(static_cast<double>(stream_kind::run_done));
        REQUIRE(done.size() == 2);
        CHECK(done[1].first == next);
        CHECK(done[1].second.empty());
        CHECK(rec.of(static_cast<double>(stream_kind::deadlock)).empty());
        CHECK(json::parse(s.snapshot_json())["deadlock"].is_null());
    }
}

TEST_CASE("a long-lived session's string table stays bounded with unique output lines", "[session][strings]") {
    session s(manual());
    recorder rec;
    rec.attach(s);
    std::size_t runs = session::max_interned + 500;
    for (std::size_t i = 0; i < runs; ++i) {
        s.spawn_recipe(R"({"main": [{"print": "unique line )" + std::to_string(i) + R"("}]})", true);
        run_to_end(s);
    }
    auto lines = rec.output();
    REQUIRE(lines.size() == runs);
    CHECK(lines.front() == "[t=0.00s] main: unique line 0");
    CHECK(lines.back() == "[t=0.00s] main: unique line " + std::to_string(runs - 1));  // indexes still line up after a reset
    auto strings = json::parse(s.snapshot_json())["strings"].get<std::size_t>();
    CHECK(strings <= session::max_interned);
    CHECK(strings < runs);
}

#ifndef __EMSCRIPTEN__
using aio_test::run_session_to_end;

TEST_CASE("example parameters are held to the storage folder and the session's limits", "[session][examples][params]") {
    aio_test::temp_dir dir;
    auto options = manual();
    options.storage.dir = dir.path;
    session s(options);
    recorder rec;
    rec.attach(s);
    auto refused = [&](const char* id, const std::map<std::string, std::string>& params, const char* why) {
        CAPTURE(id, why);
        CHECK_THROWS_WITH(s.run_example(id, params), Catch::Matchers::Contains(why));
    };
    refused("files", {{"dir", std::string(dir.path + "/outside")}}, "must be a plain file name");
    refused("files", {{"dir", "../escape"}}, "must be a plain file name");
    refused("database", {{"path", "/etc/passwd"}}, "must be a plain file name");
    refused("gather", {{"count", "2000000"}}, "limit max_live_tasks");
    refused("semaphore", {{"tasks", "3000000"}}, "limit max_live_tasks");
    refused("gather", {{"count", "2.5"}}, "whole number");
    refused("gather", {{"first", "abc"}}, "must be a number");
    refused("gather", {{"first", "1e300"}}, "limit max_duration");
    CHECK(s.loop().all_tasks().empty());

    // A plain name (and the default) lands in DIR/examples/.
    s.run_example("files", {{"dir", "mine"}});
    run_session_to_end(s);
    CHECK(std::filesystem::exists(dir.path + "/examples/mine/file1.txt"));
    s.run_example("files", {});
    run_session_to_end(s);
    CHECK(std::filesystem::exists(dir.path + "/examples/aio-example-files/file3.txt"));
    auto done = rec.of(static_cast<double>(stream_kind::run_done));
    REQUIRE(done.size() == 2);
    CHECK(done[1].second.empty());

    // Without a storage folder an example that writes files does not run.
    session none(manual());
    CHECK_THROWS_WITH(none.run_example("files", {}), Catch::Matchers::Contains("storage folder"));
}
#endif
