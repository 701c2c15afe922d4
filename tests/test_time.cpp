// Clocks, sleep, call_soon / call_later / call_at and exact orderings on the virtual clock.
#include "support.hpp"

#include <chrono>

using namespace std::chrono_literals;

TEST_CASE("virtual time jumps straight to the next timer and is exact", "[time]") {
    aio_test::journal log;
    auto sleeper = [&](std::string name, double delay) -> aio::coro<void> {
        co_await aio::sleep(delay);
        log(name + "@" + std::to_string(aio::time()));
    };
    auto main = [&]() -> aio::coro<void> {
        auto a = aio::create_task(sleeper("a", 3));
        auto b = aio::create_task(sleeper("b", 1));
        auto c = aio::create_task(sleeper("c", 2));
        co_await a;
        co_await b;
        co_await c;
    };
    aio_test::run(main());
    CHECK(log.lines == std::vector<std::string>{"b@1.000000", "c@2.000000", "a@3.000000"});
}

TEST_CASE("sleep accepts std::chrono durations", "[time]") {
    auto main = []() -> aio::coro<double> {
        co_await aio::sleep(1500ms);
        co_await aio::sleep(std::chrono::microseconds(250));
        co_return aio::time();
    };
    CHECK(aio_test::run(main()) == Approx(1.50025).epsilon(1e-12));
}

TEST_CASE("sleep(0) yields exactly once: tasks interleave round-robin", "[time][fifo]") {
    aio_test::journal log;
    auto worker = [&](std::string name) -> aio::coro<void> {
        for (int i = 0; i < 3; ++i) {
            log(name + std::to_string(i));
            co_await aio::sleep(0);
        }
    };
    auto main = [&]() -> aio::coro<void> {
        auto a = aio::create_task(worker("a"));
        auto b = aio::create_task(worker("b"));
        co_await a;
        co_await b;
    };
    aio_test::run(main());
    CHECK(log.lines == std::vector<std::string>{"a0", "b0", "a1", "b1", "a2", "b2"});
}

TEST_CASE("timers with equal deadlines fire in FIFO order", "[time][fifo]") {
    aio_test::journal log;
    auto main = [&]() -> aio::coro<void> {
        auto& loop = aio::get_running_loop();
        for (int i = 0; i < 5; ++i) loop.call_later(1.0, [&log, i] { log(std::to_string(i)); });
        co_await aio::sleep(2);
    };
    aio_test::run(main());
    CHECK(log.lines == std::vector<std::string>{"0", "1", "2", "3", "4"});
}

TEST_CASE("call_soon runs callbacks in order on the next tick; call_at and cancel", "[time][callbacks][fifo]") {
    aio_test::journal log;
    auto main = [&]() -> aio::coro<void> {
        auto& loop = aio::get_running_loop();
        loop.call_soon([&] { log("soon1"); });
        loop.call_soon([&] { log("soon2"); });
        auto dropped = loop.call_later(0.5, [&] { log("dropped"); });
        loop.call_at(loop.time() + 1.0, [&] { log("at1"); });
        auto later = loop.call_later(0.25, [&] { log("later"); });
        CHECK(later.when() == Approx(0.25));
        CHECK(log.lines.empty());
        dropped.cancel();
        CHECK(dropped.cancelled());
        auto soon_dropped = loop.call_soon([&] { log("soon_dropped"); });
        soon_dropped.cancel();
        co_await aio::sleep(0);
        CHECK(log.lines == std::vector<std::string>{"soon1", "soon2"});
        co_await aio::sleep(2);
    };
    aio_test::run(main());
    CHECK(log.lines == std::vector<std::string>{"soon1", "soon2", "later", "at1"});
}

TEST_CASE("an exception thrown by a callback goes to the exception handler", "[callbacks]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    aio_test::captured_errors captured;
    captured.attach(loop);
    auto main = []() -> aio::coro<void> {
        aio::get_running_loop().call_soon([] { throw std::runtime_error("callback broke"); });
        co_await aio::sleep(1);
    };
    loop.run(main());
    REQUIRE(captured.errors.size() == 1);
    CHECK(captured.errors[0].message == "Exception in callback");
    CHECK(aio::describe(captured.errors[0].exception) == "callback broke");
}

TEST_CASE("the real clock is monotonic and sleeps at least as long as asked", "[time][real]") {
    auto main = []() -> aio::coro<void> {
        double t0 = aio::time();
        co_await aio::sleep(0.01);
        double t1 = aio::time();
        CHECK(t1 - t0 >= 0.01);
        CHECK(aio::time() >= t1);
    };
    aio_test::run(main(), aio::clock_kind::real);
}

TEST_CASE("negative and huge delays are clamped, NaN is rejected", "[time][misuse]") {
    auto main = []() -> aio::coro<void> {
        co_await aio::sleep(-5);  // like asyncio: a negative delay just yields
        CHECK(aio::time() == 0.0);
        auto& loop = aio::get_running_loop();
        auto h = loop.call_later(1e300, [] {});
        h.cancel();
        CHECK_THROWS_AS(aio::sleep(std::nan("")), std::invalid_argument);
    };
    aio_test::run(main());
}

TEST_CASE("run_once runs exactly one tick: the ready items present at its start", "[loop][step][fifo]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    aio_test::journal log;
    auto worker = [&](std::string name) -> aio::coro<void> {
        log(name + ":1");
        co_await aio::sleep(0);
        log(name + ":2");
    };
    auto a = loop.create_task(worker("a"));
    auto b = loop.create_task(worker("b"));
    CHECK(loop.ready_count() == 2);
    CHECK(loop.run_once());
    CHECK(log.lines == std::vector<std::string>{"a:1", "b:1"});
    CHECK(loop.run_once());
    CHECK(log.lines.size() == 4);
    CHECK(a.done());
    CHECK(b.done());
    CHECK_FALSE(loop.run_once());  // nothing left
}

TEST_CASE("run_forever runs until stop()", "[loop]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    int ticks = 0;
    std::function<void()> again = [&] {
        if (++ticks == 5) {
            loop.stop();
        } else {
            loop.call_later(1, again);
        }
    };
    loop.call_soon(again);
    loop.run_forever();
    CHECK(ticks == 5);
    CHECK(loop.time() == 4.0);
}

TEST_CASE("the real clock can run faster or slower than wall time, continuously", "[time][real]") {
    aio::event_loop loop({.clock = aio::clock_kind::real, .speed = 50});
    auto main = [&]() -> aio::coro<void> {
        auto wall = [] { return std::chrono::steady_clock::now(); };
        auto w0 = wall();
        double t0 = aio::time();
        co_await aio::sleep(1.0);  // one loop second at 50x: about 20 ms of wall time
        double elapsed_wall = std::chrono::duration<double>(wall() - w0).count();
        CHECK(aio::time() - t0 >= 1.0);
        CHECK(elapsed_wall < 1.0);  // not a timing bound: a real second would mean speed was ignored
        double before = aio::time();
        loop.set_speed(0.5);
        CHECK(aio::time() >= before);  // no jump back when the speed changes
        CHECK_THROWS_AS(loop.set_speed(0), std::invalid_argument);
        CHECK_THROWS_AS(aio::event_loop({.speed = -1}), std::invalid_argument);
    };
    loop.run(main());
}
