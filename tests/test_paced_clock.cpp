// The virtual clock at a finite speed ("slow motion"): the same exact, deterministic run as the
// instant virtual clock, only its jumps from timer to timer are paced in wall time.
#include "support.hpp"

#include <atomic>
#include <chrono>
#include <limits>
#include <thread>

namespace {

constexpr double instant = std::numeric_limits<double>::infinity();

double wall_seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Everything observable about a run: what its tasks print (with loop times) and the trace.
struct recording {
    std::vector<std::string> lines;
    std::vector<std::string> events;
};

aio::coro<void> worker(recording& r, std::string name, double first, double second) {
    co_await aio::sleep(first);
    r.lines.push_back(name + " half way at " + std::to_string(aio::time()));
    co_await aio::sleep(second);
    r.lines.push_back(name + " done at " + std::to_string(aio::time()));
}

// Three tasks sleeping a second of loop time in all, at `speed`.
recording record_run(std::optional<double> speed, double* wall = nullptr) {
    recording r;
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time, .speed = speed});
    loop.set_trace([&](const aio::trace_event& e) {
        r.events.push_back(std::string(aio::to_string(e.kind)) + " t=" + std::to_string(e.time_ns) + " tick=" +
                           std::to_string(e.tick) + " task=" + std::to_string(e.task_id));
    });
    auto main = [&]() -> aio::coro<void> {
        auto a = aio::create_task(worker(r, "a", 0.25, 0.75), "a");
        auto b = aio::create_task(worker(r, "b", 0.5, 0.25), "b");
        auto c = aio::create_task(worker(r, "c", 0.1, 0.1), "c");
        co_await aio::gather(a, b, c);
    };
    auto start = std::chrono::steady_clock::now();
    loop.run(main());
    if (wall) *wall = wall_seconds_since(start);
    return r;
}

}  // namespace

TEST_CASE("a paced virtual clock gives the same run as the instant one, slowed down", "[time][paced]") {
    double instant_wall = 0, paced_wall = 0;
    recording fast = record_run(std::nullopt, &instant_wall);
    recording slow = record_run(10.0, &paced_wall);
    REQUIRE(fast.lines.size() == 6);
    CHECK(fast.lines.back() == "a done at 1.000000");
    CHECK(slow.lines == fast.lines);
    CHECK(slow.events == fast.events);
    CHECK(record_run(instant).events == fast.events);  // infinity is the default
    // One second of loop time at 10x takes at least 100 ms of wall time (generous lower bound).
    CHECK(paced_wall >= 0.08);
}

TEST_CASE("a virtual clock's speed can change mid-run; time stays exact", "[time][paced]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time, .speed = 5});
    CHECK(loop.speed() == 5);
    std::vector<std::string> lines;
    auto sleeper = [&](double delay) -> aio::coro<void> {
        co_await aio::sleep(delay);
        lines.push_back("woke at " + std::to_string(aio::time()));
    };
    auto main = [&]() -> aio::coro<void> {
        auto slow = aio::create_task(sleeper(1000));  // 200 s of wall time at 5x
        co_await aio::sleep(0.1);                    // 20 ms of wall time
        lines.push_back("speed up at " + std::to_string(aio::time()));
        loop.set_speed(instant);
        co_await slow;
    };
    auto start = std::chrono::steady_clock::now();
    loop.run(main());
    CHECK(lines == std::vector<std::string>{"speed up at 0.100000", "woke at 1000.000000"});
    CHECK(wall_seconds_since(start) >= 0.015);
    CHECK(loop.speed() == instant);
}

TEST_CASE("run_once on a paced virtual clock jumps to the next timer at once", "[time][paced][step]") {
    // 1 s of loop time would take 1000 s of wall time: a step must not wait for it.
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time, .speed = 0.001});
    std::vector<double> fired;
    loop.call_later(1, [&] { fired.push_back(loop.time()); });
    loop.call_later(2, [&] { fired.push_back(loop.time()); });
    CHECK_FALSE(loop.pacing());  // not waiting: nobody drives the loop
    CHECK(loop.run_once());
    CHECK(fired == std::vector<double>{1.0});
    loop.set_paused(true);  // a self-driven loop ignores pause; a step still steps
    CHECK(loop.run_once());
    CHECK(fired == std::vector<double>{1.0, 2.0});
    CHECK_FALSE(loop.run_once());
}

TEST_CASE("speeds a clock cannot take are rejected", "[time][paced][misuse]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    CHECK(loop.speed() == instant);
    CHECK_THROWS_AS(loop.set_speed(0), std::invalid_argument);
    CHECK_THROWS_AS(loop.set_speed(-2), std::invalid_argument);
    CHECK_THROWS_AS(loop.set_speed(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
    loop.set_speed(0.5);
    CHECK(loop.speed() == 0.5);
    CHECK_THROWS_AS(aio::event_loop({.clock = aio::clock_kind::virtual_time, .speed = -1}), std::invalid_argument);
    CHECK_THROWS_AS(aio::event_loop({.clock = aio::clock_kind::real, .speed = instant}), std::invalid_argument);
    aio::event_loop real({.clock = aio::clock_kind::real});
    CHECK(real.speed() == 1.0);
    CHECK_THROWS_AS(real.set_speed(instant), std::invalid_argument);
}

#ifndef __EMSCRIPTEN__
TEST_CASE("virtual clock: pending outside work does not freeze time, so a timer still fires", "[loop][paced][outside]") {
    // A silent server in miniature: outside work that ends only once the timer has fired (or, on a
    // clock frozen by it, after a long while, and then the timer fires too late).
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    std::atomic<bool> fired{false};
    bool released_first = false;
    loop.hold_external();
    std::thread outside([&] {
        auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (!fired && std::chrono::steady_clock::now() < give_up) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        loop.call_soon_threadsafe([&] {
            released_first = !fired;
            loop.release_external();
        });
    });
    double woke = -1;
    loop.run_until_complete([&]() -> aio::coro<void> {
        co_await aio::sleep(0.05);
        woke = aio::time();
        fired = true;
    }());
    outside.join();
    loop.run_once();  // the release
    CHECK_FALSE(released_first);
    CHECK(woke == 0.05);  // the jump still lands exactly on the deadline
    CHECK(loop.outside_work() == 0);
}
#endif
