// Every example of the catalog, run on the virtual clock (exact output, timestamps included) and
// once on a fast real clock (the same lines once the timestamps are taken out: order and results),
// plus a check that examples/catalog.json describes exactly the registered examples.
#include "support.hpp"

#include "lib/example.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <regex>
#include <set>

// The catalog file is read from the source tree, which only native test programs can see.
#if __has_include(<nlohmann/json.hpp>) && !defined(__EMSCRIPTEN__)
#define AIO_TEST_EXAMPLE_CATALOG 1
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#endif

namespace {

using lines = std::vector<std::string>;
using params = std::map<std::string, std::string>;

lines run_example(const std::string& id, aio::loop_options options, params overrides = {}) {
    const auto* info = aio_examples::find(id);
    REQUIRE(info != nullptr);
    lines out;
    int status = aio_examples::run(*info, {std::move(overrides), options, [&](std::string_view l) { out.emplace_back(l); }});
    CHECK(status == 0);
    return out;
}

lines replaced(lines in, const char* pattern, const char* with) {
    const std::regex re(pattern);
    for (auto& l : in) l = std::regex_replace(l, re, with);
    return in;
}

lines without_stamps(lines in) { return replaced(std::move(in), R"(\[t=[0-9.]+s\] )", ""); }

// Lines starting with each prefix, in their order, group after group; then all other lines.
lines grouped(const lines& in, std::vector<std::string> prefixes) {
    lines out;
    prefixes.emplace_back();  // the rest
    for (std::size_t g = 0; g < prefixes.size(); ++g) {
        for (const auto& l : in) {
            std::size_t match = prefixes.size() - 1;
            for (std::size_t p = 0; p + 1 < prefixes.size(); ++p)
                if (l.rfind(prefixes[p], 0) == 0) match = p;
            if (match == g) out.push_back(l);
        }
    }
    return out;
}

lines sorted(lines in) {
    std::sort(in.begin(), in.end());
    return in;
}

// Each line with the comma-separated items between `open` and `close` sorted: the members of a
// set, in whatever order the schedule produced them.
lines with_sorted_items(lines in, const std::string& open, char close) {
    for (auto& l : in) {
        auto a = l.find(open);
        if (a != std::string::npos) a += open.size() - 1;
        auto b = l.find(close, a);
        if (a == std::string::npos || b == std::string::npos) continue;
        std::vector<std::string> items;
        std::string inner = l.substr(a + 1, b - a - 1), item;
        for (std::size_t at = 0; at <= inner.size(); ++at) {
            if (at == inner.size() || inner.compare(at, 2, ", ") == 0) {
                items.push_back(item);
                item.clear();
                ++at;
            } else {
                item += inner[at];
            }
        }
        std::sort(items.begin(), items.end());
        std::string joined;
        for (const auto& i : items) joined += (joined.empty() ? "" : ", ") + i;
        l = l.substr(0, a + 1) + joined + l.substr(b);
    }
    return in;
}

const bool threads = aio::threads_available();

struct example_case {
    // Parameter overrides: blocking calls kept short (on the virtual clock the loop waits for
    // thread work in real time).
    params overrides{};
    lines want{};  // exact output on the virtual clock
    // Applied to every actual output first (e.g. a measured duration).
    std::function<lines(lines)> normalize = [](lines l) { return l; };
    // What the real-clock run must share with `want`: by default every line in order, without
    // time stamps. Examples with independent timers that can come due within a few milliseconds
    // of each other compare a coarser view (their order there is up to the wall clock).
    std::function<lines(lines)> real_view = without_stamps;
    // Under schedule exploration (AIO_SCHEDULE_SEED) tasks ready at the same time run in any
    // order: what must still match, applied on top of the views above. By default the same
    // lines, time stamps included, in any order.
    std::function<lines(lines)> explored_view = sorted;
};

// Expected output on the virtual clock, per example id.
const std::map<std::string, example_case> cases{
    {"coroutines",
     {.want = {
          "[t=0.00s] coroutine object created, not started",
          "[t=0.00s] coroutine starts",
          "[t=1.00s] coroutine ends",
          "[t=1.00s] result: result",
          "[t=1.00s] nested() returned 42",
      }}},
    {"run_vs_loop",
     {.want = {
          "-- asyncio.run(hello()) --",
          "[t=0.00s] Hello",
          "[t=1.00s] World",
          "loop closed afterwards: yes",
          "-- result = asyncio.run(my_coroutine()) --",
          "result: Hello from coroutine",
          "-- asyncio.run also cancels what main left running --",
          "main returns while 'background' still sleeps",
          "background task: cancelled by the loop's shutdown",
          "-- loop = get_event_loop(); loop.run_until_complete(hello()); loop.close() --",
          "[t=0.00s] Hello",
          "[t=1.00s] World",
          "loop closed: yes",
          "a closed loop refuses work: Event loop is closed",
      }}},
    {"tasks",
     {.want = {
          "[t=0.00s] task_A done? no",
          "[t=0.00s] result() too early: Result is not set.",
          "[t=0.00s] waiting for the tasks...",
          "[t=0.00s] task A, delay=1: starts",
          "[t=0.00s] task B, delay=2: starts",
          "[t=1.00s] task A: ends",
          "[t=1.00s] callback: task_A finished with 'task A done'",
          "[t=2.00s] task B: ends",
          "[t=2.00s] results: 'task A done', 'task B done'",
          "[t=2.00s] task_A done? yes, result(): 'task A done'",
          "[t=2.00s] await task1 again: 'task A done'",
          "[t=2.00s] await a coroutine (42) again: cannot reuse already awaited coroutine",
          "[t=2.00s] task C, delay=10: starts",
          "[t=2.50s] task C: cancelled while sleeping",
          "[t=2.50s] await task_C raised cancelled_error; cancelled()? yes",
          "[t=2.50s] callback: task_C cancelled? yes",
      }}},
    {"future",
     {.want = {
          "[t=0.00s] future done? no",
          "[t=1.00s] set_future_result: future.set_result(\"Future result\")",
          "[t=1.00s] await future -> Future result",
          "[t=1.00s] future done? yes, result(): Future result",
          "[t=2.00s] callback API wrapped in a future -> 42",
      }}},
    {"gather",
     {.want = {
          "[t=0.00s] task(1) starts",
          "[t=0.00s] task(2) starts",
          "[t=0.00s] task(0.5) starts",
          "[t=0.50s] task(0.5) done",
          "[t=1.00s] task(1) done",
          "[t=2.00s] task(2) done",
          "[t=2.00s] results: [1, 2, 0.5]  (argument order, not completion order)",
          "[t=5.00s] task1 done after 1 s",
          "[t=5.00s] task2 done after 2 s",
          "[t=5.00s] task3 done after 3 s",
      }}},
    {"errors",
     {.want = {
          "[t=1.00s] caught: the task failed",
          "[t=2.00s] gather raised: task1 failed",
          "[t=2.00s] task2 still running? yes",
          "[t=3.00s] task2 finishes",
          "[t=3.00s] await task2 -> 'task2 done'",
          "[t=5.00s] task2 finishes",
          "[t=5.00s] [value_error('task1 failed'), 'task2 done']",
          "[t=7.00s] task2 finishes",
          "[t=7.00s] task failed: task1 failed",
          "[t=7.00s] task succeeded: task2 done",
      },
      // On a real clock a late loop fires task1's and task2's timers in one tick: task2 may be done
      // by the time main looks.
      .real_view = [](lines l) { return replaced(without_stamps(std::move(l)), "still running\\? (yes|no)", "still running? -"); }}},
    {"wait",
     {.want = {
          "[t=2.00s] wait(task_list): done {task_A, task_B}, pending {}",
          "[t=4.00s] ALL_COMPLETED: 3 done, 0 pending",
          "[t=4.50s] FIRST_COMPLETED: results of done [0.5], still pending {task(1), task(2)}",
          "[t=4.50s] cancelled the pending ones: {task(1), task(2)}",
          "[t=5.00s] FIRST_EXCEPTION: failing(0.5) -> failing(0.5) raised",
          "[t=5.00s] still pending {task(2), task(1)}",
      }}},
    {"as_completed",
     {.want = {
          "[t=0.00s] fetching url1",
          "[t=0.00s] fetching url2",
          "[t=0.00s] fetching url3",
          "[t=1.00s] done: url2 (took 1 s)",
          "[t=2.00s] done: url3 (took 2 s)",
          "[t=3.00s] done: url1 (took 3 s)",
      }}},
    {"timeout",
     {.want = {
          "[t=3.00s] long_running_task: cancelled by the timeout",
          "[t=3.00s] task timed out",
          "[t=4.00s] a task that fits: task done",
          "[t=5.00s] block: first step done",
          "[t=7.00s] long_running_task: cancelled by the timeout",
          "[t=7.00s] block timed out",
      }}},
    {"sync_vs_async",
     {.want = {
          "-- sync_demo: one step after the other --",
          "[t=0.00s] Fetching the URL https://www.example.com/",
          "[t=1.00s] Finished fetching the URL",
          "[t=1.00s] Reading the file data.json",
          "[t=2.00s] Finished reading the file",
          "Elapsed: 2.00 seconds",
          "-- async_demo: both steps as tasks --",
          "[t=2.00s] Fetching the URL https://www.example.com/",
          "[t=2.00s] Reading the file data.json",
          "[t=3.00s] Finished fetching the URL",
          "[t=3.00s] Finished reading the file",
          "Elapsed: 1.00 seconds",
          "-- 5 sleeps of 1 s --",
          "sync: 5.00 s, async: 1.00 s",
      },
      // Durations measured on a real clock are only close to the exact ones.
      .real_view = [](lines l) { return replaced(without_stamps(std::move(l)), "[0-9]+\\.[0-9]{2}", "N"); }}},
    {"to_thread",
     {.overrides = {{"blocking", "0.1"}},
      .want = {
          threads ? "threads: yes" : "threads: no (calls run on the loop thread; on the virtual clock as simulated threads)",
          "[t=0.00s] async_task 1: blocking_task goes to a thread",
          "[t=0.00s] async_task 2: blocking_task goes to a thread",
          "[t=0.00s] async_task 3: blocking_task goes to a thread",
          // Simulated threads (no threads here) overlap on the virtual clock: 0.1 s for three.
          threads ? "[t=0.00s] results: ['result', 'result', 'result']" : "[t=0.10s] results: ['result', 'result', 'result']",
          "3 blocking calls took Nx the time of one",
          "sync_get is simulated: a 0.1s blocking sleep, then status 200 (no request is made)",
          threads ? "[t=0.00s] run_in_executor(None, sync_get, url) x2: [200, 200]"
                  : "[t=0.20s] run_in_executor(None, sync_get, url) x2: [200, 200]",
          threads ? "[t=0.00s] custom pool (max_workers=10): 200" : "[t=0.30s] custom pool (max_workers=10): 200",
      },
      // The one figure measured on the wall clock (how many single calls' time the three took)
      // is left out everywhere: on a busy machine threads start late and sleeps overshoot, so it
      // is timing, not behaviour. That the calls run on other threads is tests/test_thread.cpp's.
      .normalize = [](lines l) { return replaced(std::move(l), "took [0-9]+x", "took Nx"); }}},
    {"nested_sync_async",
     {.overrides = {{"blocking", "0.05"}},
      .want = {
          "[t=0.00s] main: start",
          "obj: start",
          "task: running the sync task...",
          "task: sync task done",
          "obj: end",
          // Without threads obj's loop and its blocking task are simulated on the virtual clock.
          threads ? "[t=0.00s] main: end" : "[t=0.05s] main: end",
          "obj: start",
          threads ? "[t=0.00s] obj() called on the loop thread: nested_run_error: aio::run() cannot be called from a running event loop"
                  : "[t=0.05s] obj() called on the loop thread: nested_run_error: aio::run() cannot be called from a running event loop",
      }}},
    {"semaphore",
     {.want = {
          "[t=0.00s] Task 0 started (1 inside)",
          "[t=0.00s] Task 1 started (2 inside)",
          "[t=0.00s] Task 2 started (3 inside)",
          "[t=1.00s] Task 0 completed",
          "[t=1.00s] Task 1 completed",
          "[t=1.00s] Task 2 completed",
          "[t=1.00s] Task 3 started (1 inside)",
          "[t=1.00s] Task 4 started (2 inside)",
          "[t=1.00s] Task 5 started (3 inside)",
          "[t=2.00s] Task 3 completed",
          "[t=2.00s] Task 4 completed",
          "[t=2.00s] Task 5 completed",
          "[t=2.00s] Task 6 started (1 inside)",
          "[t=2.00s] Task 7 started (2 inside)",
          "[t=2.00s] Task 8 started (3 inside)",
          "[t=3.00s] Task 6 completed",
          "[t=3.00s] Task 7 completed",
          "[t=3.00s] Task 8 completed",
          "[t=3.00s] Task 9 started (1 inside)",
          "[t=4.00s] Task 9 completed",
          "at most 3 tasks were inside at once",
      },
      // Three sleeps end at the same virtual instant; on a real clock their timers are microseconds
      // apart, so who starts next may interleave differently: compare the lines as a set.
      .real_view = [](lines l) {
          l = replaced(without_stamps(std::move(l)), R"( \([0-9]+ inside\))", "");
          std::sort(l.begin(), l.end());
          return l;
      },
      // Which tasks get the first permits depends on the order they start in; the rhythm
      // (three at a time, each second) and the limit must not.
      .explored_view = [](lines l) { return sorted(replaced(std::move(l), "Task [0-9]+", "Task N")); }}},
    {"producer_consumer",
     {.want = {
          "[t=0.00s] produced 46 (queue 1/5)",
          "[t=0.00s] consumed 46",
          "[t=0.32s] produced 25 (queue 1/5)",
          "[t=0.32s] consumed 25",
          "[t=0.44s] produced 64 (queue 1/5)",
          "[t=0.73s] consumed 64",
          "[t=0.77s] produced 92 (queue 1/5)",
          "[t=0.97s] consumed 92",
          "[t=1.19s] produced 60 (queue 1/5)",
          "[t=1.47s] produced 49 (queue 2/5)",
          "[t=1.53s] consumed 60",
          "[t=1.83s] produced 17 (queue 2/5)",
          "[t=2.14s] produced 14 (queue 3/5)",
          "[t=2.29s] consumed 49",
          "[t=2.51s] produced 3 (queue 3/5)",
          "[t=2.84s] consumed 17",
          "[t=2.86s] produced 43 (queue 3/5)",
          "[t=3.15s] producer done",
          "[t=3.41s] consumed 14",
          "[t=3.97s] consumed 3",
          "[t=4.35s] consumed 43",
          "[t=4.67s] consumer: got the stop signal",
          "[t=4.67s] queue.join() returned: every item was processed",
          "[t=4.67s] consumer_task.cancel() -> false (it had already stopped at the stop signal)",
      },
      // Producer and consumer pause for independent random times: each side's order is fixed,
      // how the two interleave (and the queue's fill) is up to the wall clock.
      .real_view = [](lines l) {
          return grouped(replaced(without_stamps(std::move(l)), R"( \(queue [0-9]+/[0-9]+\))", ""),
                         {"produced ", "consumed "});
      }}},
    {"async_with_for",
     {.want = {
          "[t=0.00s] Acquiring resource",
          "[t=0.50s] Using resource",
          "[t=1.50s] Releasing resource",
          "[t=2.00s] Acquiring resource",
          "[t=2.50s] Using resource, then failing",
          "[t=2.50s] Releasing resource (after an error)",
          "[t=3.00s] the error after the exit: something went wrong",
          "[t=3.50s] AsyncCounter: 1",
          "[t=4.00s] AsyncCounter: 2",
          "[t=4.50s] AsyncCounter: 3",
          "[t=5.00s] AsyncCounter: 4",
          "[t=5.50s] AsyncCounter: 5",
          "[t=6.00s] async_generator: 0",
          "[t=6.50s] async_generator: 1",
          "[t=7.00s] async_generator: 2",
          "[t=7.50s] async_generator: 3",
          "[t=8.00s] async_generator: 4",
          "[t=8.50s] async_for: 0",
          "[t=9.00s] async_for: 1",
      }}},
    {"pitfalls",
     {.overrides = {{"blocking", "0.15"}},
      .want = [] {
          // The blocking sleep moves the virtual clock (aio::blocking_sleep): the loop is stuck
          // for exactly that long, and debug mode's report says so.
          lines head{
              "-- 6.2 blocking the loop --",
              "[t=0.00s] bad_async: blocking sleep inside a coroutine",
              "[t=0.15s] bad_async: done",
              "[t=0.15s] loop: Executing <Task finished name='bad_async' coro=<bad_async() defined at F>> took 0.150 seconds",
              "[t=0.15s] other task: gets its turn",
              "-- the fix: to_thread --",
          };
          // Without threads the sleep runs on the loop thread as a simulated thread: the other
          // task still gets its turn at once and the result comes 0.15 s later.
          lines fix = threads ? lines{
              "[t=0.15s] good_async: the blocking sleep goes to a thread",
              "[t=0.15s] other task: gets its turn",
              "[t=0.15s] good_async: done",
          } : lines{
              "[t=0.15s] good_async: the blocking sleep goes to a thread",
              "[t=0.15s] loop: to_thread: no threads on this host; ran f on the loop thread",
              "[t=0.15s] loop: to_thread: f's blocking time (0.15 s) passed on the virtual clock, as on a thread",
              "[t=0.15s] other task: gets its turn",
              "[t=0.30s] good_async: done",
          };
          lines tail{
              "-- 6.3 asyncio.run inside a running loop --",
              threads ? "[t=0.15s] nested_run_error: aio::run() cannot be called from a running event loop"
                      : "[t=0.30s] nested_run_error: aio::run() cannot be called from a running event loop",
              threads ? "[t=0.15s] the fix, await inner(): 1" : "[t=0.30s] the fix, await inner(): 1",
          };
          head.insert(head.end(), fix.begin(), fix.end());
          head.insert(head.end(), tail.begin(), tail.end());
          return head;
      }(),
      .normalize = [](lines l) { return replaced(std::move(l), "defined at [^>]+>", "defined at F>"); },
      // On the real clock the sleep really blocks: its measured duration is left out. Without
      // threads the fix blocks too there (no simulated thread: good_async is reported as slow,
      // the other task runs after it): the same lines but those, in any order.
      .real_view = [](lines l) {
          l = replaced(without_stamps(std::move(l)), "took [0-9.]+ seconds", "took N seconds");
          if (threads) return l;
          std::erase_if(l, [](const std::string& line) {
              return line.find("f's blocking time") != std::string::npos || line.find("name='good_async'") != std::string::npos;
          });
          return sorted(std::move(l));
      },
      // Explored, the other task may run before bad_async blocks the loop (its stamp is then
      // 0.00): the same lines, stamps aside, in any order.
      .explored_view = [](lines l) { return sorted(without_stamps(std::move(l))); }}},
    {"event_loop",
     {.want = {
          "[t=0.00s] tick 1: ready [main] -> main creates task1; main creates task2; main creates task3; main waits for a future (the gather of the three tasks)",
          "[t=0.00s] tick 2: ready [task1, task2, task3] -> task1 sleeps until t=1.00; task2 sleeps until t=2.00; task3 yields (sleep(0)): straight back to the ready queue",
          "[t=0.00s] tick 3: ready [task3] -> task3 yields (sleep(0)): straight back to the ready queue",
          "[t=0.00s] tick 4: ready [task3] -> task3 is done -> removed from the task list",
          "[t=1.00s] tick 5: ready [task1] -> the timer of task1 fires; task1 is done -> removed from the task list",
          "[t=2.00s] tick 6: ready [task2] -> the timer of task2 fires; task2 is done -> removed from the task list",
          "[t=2.00s] main resumes: the task list is empty, so the loop stops once main returns",
      },
      // A tick's ready tasks run in any order: the same ticks, each with the same tasks doing
      // the same things.
      .explored_view = [](lines l) {
          l = with_sorted_items(std::move(l), "ready [", ']');
          for (auto& line : l) {
              auto arrow = line.find(" -> ");
              if (arrow == std::string::npos) continue;
              lines clauses{""};
              for (std::size_t at = arrow + 4; at < line.size(); ++at) {
                  if (line.compare(at, 2, "; ") == 0) {
                      clauses.emplace_back();
                      ++at;
                  } else {
                      clauses.back() += line[at];
                  }
              }
              std::sort(clauses.begin(), clauses.end());
              line.resize(arrow + 4);
              for (std::size_t i = 0; i < clauses.size(); ++i) line += (i ? "; " : "") + clauses[i];
          }
          return l;
      }}},
};

}  // namespace

// The examples doing real host I/O (a demo server, files, a database on disk) have their own
// tests in tests/test_examples_io.cpp (native) and tests/node/examples_io.test.mjs (wasm).
const std::set<std::string> io_examples{"http", "files", "database"};

TEST_CASE("every example in the catalog has an expected output here", "[examples]") {
    for (const auto* info : aio_examples::catalog()) {
        INFO(info->id);
        CHECK(cases.count(info->id) + io_examples.count(info->id) == 1);
    }
    for (const auto& id : io_examples) CHECK(aio_examples::find(id) != nullptr);
    CHECK(cases.size() + io_examples.size() == aio_examples::catalog().size());
}

TEST_CASE("examples print exactly their expected output on the virtual clock", "[examples]") {
    for (const auto& [id, c] : cases) {
        SECTION(id) {
            auto got = c.normalize(run_example(id, {.clock = aio::clock_kind::virtual_time}, c.overrides));
            if (aio_test::exploring()) {
                CHECK(c.explored_view(got) == c.explored_view(c.want));
            } else {
                CHECK(got == c.want);
            }
        }
    }
}

TEST_CASE("examples run on the real clock too, in the same order with the same results", "[examples][real]") {
    for (const auto& [id, c] : cases) {
        SECTION(id) {
            // 20x speed keeps the suite quick; timestamps differ on a real clock, order must not.
            // Loop times inside a line ("sleeps until t=1.00") are late on a loaded machine too.
            auto view = [&real_view = c.real_view](lines l) {
                return replaced(real_view(std::move(l)), R"(t=[0-9]+\.[0-9]+)", "t=N");
            };
            auto got = c.normalize(run_example(id, {.clock = aio::clock_kind::real, .speed = 20}, c.overrides));
            if (aio_test::exploring()) {
                CHECK(c.explored_view(view(got)) == c.explored_view(view(c.want)));
            } else {
                CHECK(view(got) == view(c.want));
            }
        }
    }
}

TEST_CASE("example parameters: defaults, overrides and bad input", "[examples]") {
    auto out = run_example("gather", {.clock = aio::clock_kind::virtual_time}, {{"first", "3"}});
    CHECK(out[6] == "[t=3.00s] results: [3, 2, 0.5]  (argument order, not completion order)");
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

TEST_CASE("examples with a parameter that changes what they print", "[examples]") {
    const aio::loop_options virtual_clock{.clock = aio::clock_kind::virtual_time};
    CHECK(run_example("sync_vs_async", virtual_clock, {{"count", "3"}, {"seconds", "2"}}).back() ==
          "sync: 6.00 s, async: 2.00 s");
    CHECK(run_example("semaphore", virtual_clock, {{"limit", "2"}, {"tasks", "5"}}).back() ==
          "at most 2 tasks were inside at once");
    auto order = run_example("as_completed", virtual_clock, {{"delays", "2,0.5"}});
    CHECK(order.back() == "[t=2.00s] done: url1 (took 2 s)");
}

#ifdef AIO_TEST_EXAMPLE_CATALOG
TEST_CASE("examples/catalog.json describes exactly the registered examples and their parameters", "[examples]") {
    auto path = std::filesystem::path(AIO_SOURCE_DIR) / "examples" / "catalog.json";
    std::ifstream file(path);
    REQUIRE(file.good());
    const auto catalog = nlohmann::json::parse(file);
    std::map<std::string, nlohmann::json> entries;
    for (const auto& e : catalog.at("examples")) {
        const std::string id = e.at("id").get<std::string>();
        INFO(id);
        CHECK(entries.count(id) == 0);
        for (const char* field : {"group", "title_en", "title_zh", "python", "status"})
            CHECK(!e.at(field).get<std::string>().empty());
        CHECK(!e.at("covers").empty());
        for (const auto& c : e.at("covers")) {
            CHECK(!c.at("seed").get<std::string>().empty());
            CHECK(!c.at("section").get<std::string>().empty());
        }
        const std::string status = e.at("status").get<std::string>();
        CHECK((status == "ready" || status == "planned"));
        // A planned example has no program yet; a ready one must be registered.
        CHECK((aio_examples::find(id) != nullptr) == (status == "ready"));
        entries[id] = e;
    }
    for (const auto* info : aio_examples::catalog()) {
        INFO(info->id);
        REQUIRE(entries.count(info->id) == 1);
        const auto& listed = entries[info->id].at("params");
        REQUIRE(listed.size() == info->params.size());
        for (std::size_t i = 0; i < listed.size(); ++i) {
            CHECK(listed[i].at("name").get<std::string>() == info->params[i].name);
            CHECK(listed[i].at("default").get<std::string>() == info->params[i].default_value);
            CHECK(listed[i].at("help").get<std::string>() == info->params[i].help);
        }
    }
}
#endif
