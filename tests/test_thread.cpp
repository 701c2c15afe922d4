#include "support.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

using namespace std::chrono_literals;

namespace {

// Spins (sleeping) until `flag` is set; false after a generous safety limit so that a broken
// build fails instead of hanging. Never used to assert on timing.
bool wait_for(const std::atomic<bool>& flag) {
    for (int i = 0; i < 20000 && !flag.load(); ++i) std::this_thread::sleep_for(1ms);
    return flag.load();
}

int add(int a, int b) { return a + b; }

// The tutorial's nested case: plain blocking code that runs its own event loop.
int blocking_with_own_loop(int x) {
    return aio::run([](int v) -> aio::coro<int> {
        co_await aio::sleep(0.01);
        co_await aio::sleep(0);
        co_return v * 2;
    }(x));
}

}  // namespace

TEST_CASE("to_thread: value, arguments, void and move-only results", "[thread]") {
    auto main = []() -> aio::coro<void> {
        int sum = co_await aio::to_thread(add, 2, 3);
        CHECK(sum == 5);

        int counter = 0;
        co_await aio::to_thread([](int& c, int by) { c += by; }, std::ref(counter), 4);
        CHECK(counter == 4);

        std::unique_ptr<int> p = co_await aio::to_thread([] { return std::make_unique<int>(7); });
        REQUIRE(p);
        CHECK(*p == 7);

        std::string big(1000, 'x');
        auto n = co_await aio::run_in_executor(nullptr, [](std::string s) { return s.size(); }, big);
        CHECK(n == 1000u);
    };
    aio_test::run(main());
}

TEST_CASE("to_thread: runs on another thread where threads exist, else says it fell back",
          "[thread]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    std::vector<std::string> logs;
    loop.set_log_handler([&](std::string_view line) { logs.emplace_back(line); });
    int fallbacks = 0, thread_waits = 0;
    loop.set_trace([&](const aio::trace_event& e) {
        if (e.kind == aio::trace_kind::thread_fallback) ++fallbacks;
        if (e.kind == aio::trace_kind::task_suspended && e.wait == aio::wait_kind::thread) ++thread_waits;
    });
    auto main = []() -> aio::coro<bool> {
        auto loop_thread = std::this_thread::get_id();
        auto ran_on = co_await aio::to_thread([] { return std::this_thread::get_id(); });
        co_return ran_on != loop_thread;
    };
    bool other_thread = loop.run(main());
    if (aio::threads_available()) {
        CHECK(other_thread);
        CHECK(fallbacks == 0);
        CHECK(thread_waits == 1);
        CHECK(logs.empty());
    } else {
        // wasm without pthreads: ran inline, visibly.
        CHECK_FALSE(other_thread);
        CHECK(fallbacks == 1);
        REQUIRE(logs.size() == 1);
        CHECK(logs[0] == "to_thread: no threads on this host; ran f on the loop thread");
    }
}

TEST_CASE("to_thread: an exception thrown in the thread reaches the awaiting task", "[thread]") {
    auto main = []() -> aio::coro<void> {
        bool caught = false;
        try {
            co_await aio::to_thread([]() -> int { throw std::runtime_error("worker failed"); });
        } catch (const std::runtime_error& e) {
            caught = std::string(e.what()) == "worker failed";
        }
        CHECK(caught);
        aio::thread_pool_executor pool(1);
        CHECK_THROWS_WITH(co_await aio::run_in_executor(pool, [] { throw std::logic_error("in pool"); }),
                          "in pool");
    };
    aio_test::run(main());
}

TEST_CASE("to_thread: an idle loop waits for thread work instead of reporting a deadlock",
          "[thread]") {
    auto main = []() -> aio::coro<int> {
        // Nothing ready, no timer: only the thread can make progress.
        co_return co_await aio::to_thread([] {
            std::this_thread::sleep_for(20ms);
            return 1;
        });
    };
    CHECK(aio_test::run(main()) == 1);                           // virtual clock
    CHECK(aio_test::run(main(), aio::clock_kind::real) == 1);  // real clock
}

TEST_CASE("to_thread: cancelling the awaiting task drops the result; the thread finishes",
          "[thread]") {
    if (!aio::threads_available()) return;  // nothing can run concurrently to cancel it
    aio::thread_pool_executor pool(1);
    std::atomic<bool> started{false}, release{false}, finished{false};
    auto blocking = [&] {
        started = true;
        wait_for(release);
        finished = true;
        return std::make_unique<std::string>("dropped");
    };
    auto main = [&]() -> aio::coro<void> {
        auto t = aio::run_in_executor(pool, blocking);  // a future: cancelling it cancels the wait
        while (!started) co_await aio::sleep(0.001);
        t.cancel();
        CHECK_THROWS_AS(co_await t, aio::cancelled_error);
        CHECK(t.cancelled());
        CHECK_FALSE(finished.load());  // still running: cancellation does not wait for it
        release = true;
    };
    aio_test::run(main(), aio::clock_kind::real);  // returns without waiting for a custom pool
    pool.shutdown(true);                            // the loop is gone; completion touched nothing
    CHECK(finished);
}

TEST_CASE("to_thread: run() waits for default-pool calls abandoned by a cancel", "[thread]") {
    if (!aio::threads_available()) return;
    std::atomic<bool> started{false}, finished{false};
    auto main = [&]() -> aio::coro<void> {
        auto t = aio::create_task(aio::to_thread([&] {
            started = true;
            std::this_thread::sleep_for(30ms);
            finished = true;
        }));
        while (!started) co_await aio::sleep(0.001);
        t.cancel();
        CHECK_THROWS_AS(co_await t, aio::cancelled_error);
    };
    aio_test::run(main(), aio::clock_kind::real);
    CHECK(finished);  // asyncio.run's shutdown_default_executor semantics
}

TEST_CASE("thread_pool_executor: max_workers is respected", "[thread]") {
    if (!aio::threads_available()) return;
    aio::thread_pool_executor pool(2);
    CHECK(pool.max_workers() == 2u);
    std::atomic<int> active{0}, peak{0};
    std::atomic<bool> two_inside{false};
    auto job = [&](int i) {
        int now = ++active;
        int seen = peak.load();
        while (now > seen && !peak.compare_exchange_weak(seen, now)) {
        }
        if (now == 2) two_inside = true;
        if (i < 2) wait_for(two_inside);  // the first two meet, so the peak is exactly 2
        std::this_thread::sleep_for(2ms);
        --active;
        return i * i;
    };
    auto main = [&]() -> aio::coro<int> {
        std::vector<aio::future<int>> tasks;
        for (int i = 0; i < 8; ++i) tasks.push_back(aio::run_in_executor(pool, job, i));
        int total = 0;
        for (auto& t : tasks) total += co_await t;
        co_return total;
    };
    CHECK(aio_test::run(main(), aio::clock_kind::real) == 140);
    CHECK(peak == 2);
    CHECK(pool.thread_count() == 2u);
    pool.shutdown(true);
    auto after = [&]() -> aio::coro<void> {
        CHECK_THROWS_AS(co_await aio::run_in_executor(pool, job, 0), aio::invalid_state_error);
    };
    aio_test::run(after());
}

TEST_CASE("to_thread: a function that runs its own aio::run loop (nested case)", "[thread]") {
    auto main = []() -> aio::coro<int> {
        int a = co_await aio::to_thread(blocking_with_own_loop, 21);
        aio::thread_pool_executor pool(2);
        int b = co_await aio::run_in_executor(pool, blocking_with_own_loop, 1);
        co_return a + b;
    };
    CHECK(aio_test::run(main(), aio::clock_kind::real) == 44);
    CHECK(aio_test::run(main()) == 44);  // the outer loop on the virtual clock
}

TEST_CASE("to_thread: many concurrent calls all come back", "[thread]") {
    auto main = []() -> aio::coro<long> {
        std::vector<aio::task<long>> tasks;
        for (long i = 1; i <= 200; ++i) tasks.push_back(aio::create_task(aio::to_thread([i] { return i; })));
        long total = 0;
        for (auto& t : tasks) total += co_await t;
        co_return total;
    };
    CHECK(aio_test::run(main(), aio::clock_kind::real) == 200 * 201 / 2);
}

TEST_CASE("to_thread: other tasks keep running while a thread works", "[thread]") {
    if (!aio::threads_available()) return;
    std::atomic<bool> release{false};
    auto main = [&]() -> aio::coro<int> {
        auto work = aio::create_task(aio::to_thread([&] {
            wait_for(release);
            return 5;
        }));
        int ticks = 0;
        while (ticks < 3) {  // the loop is free: this task runs while the thread waits
            co_await aio::sleep(0.001);
            ++ticks;
        }
        release = true;
        co_return co_await work + ticks;
    };
    CHECK(aio_test::run(main(), aio::clock_kind::real) == 8);
}

TEST_CASE("blocking_sleep on the loop thread of a virtual clock: the loop is stuck exactly that long",
          "[thread][virtual]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    auto main = []() -> aio::coro<std::vector<double>> {
        std::vector<double> at;
        aio::event fired;
        aio::get_running_loop().call_later(1, [&] {  // due at 1, but the loop is stuck until 5
            at.push_back(aio::time());
            fired.set();
        });
        aio::blocking_sleep(5);
        at.push_back(aio::time());
        co_await fired.wait();
        co_return at;
    };
    CHECK(loop.run(main()) == std::vector<double>{5.0, 5.0});
}

TEST_CASE("blocking_sleep refuses a negative or non-finite duration", "[thread]") {
    CHECK_THROWS_AS(aio::blocking_sleep(-1), std::invalid_argument);
    CHECK_THROWS_AS(aio::blocking_sleep(std::nan("")), std::invalid_argument);
    CHECK_THROWS_AS(aio::blocking_sleep(INFINITY), std::invalid_argument);
}

TEST_CASE("blocking_sleep in to_thread: real threads overlap; without threads, simulated threads do",
          "[thread][virtual]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    std::vector<std::string> logs;
    loop.set_log_handler([&](std::string_view line) { logs.emplace_back(line); });
    auto main = []() -> aio::coro<double> {
        auto call = [](int v) -> aio::coro<int> {
            co_return co_await aio::to_thread([v] {
                aio::blocking_sleep(0.01 * v);
                return v;
            });
        };
        auto [a, b, c] = co_await aio::gather(call(1), call(2), call(3));
        CHECK(a + b + c == 6);
        co_return aio::time();
    };
    double took = loop.run(main());
    if (aio::threads_available()) {
        CHECK(took == 0);  // real sleeps on real threads; the virtual clock waits for them, unmoved
        CHECK(logs.empty());
    } else {
        CHECK(took == Approx(0.03));  // the longest call, not the sum: they overlap
        REQUIRE(logs.size() == 6);  // per call: the fallback notice, then its simulated time (calls in any order)
        std::sort(logs.begin(), logs.end());
        CHECK(logs[0] == "to_thread: f's blocking time (0.01 s) passed on the virtual clock, as on a thread");
        CHECK(logs[2] == "to_thread: f's blocking time (0.03 s) passed on the virtual clock, as on a thread");
    }
}

TEST_CASE("blocking_sleep in to_thread: a simulated call's late result is dropped when its task is cancelled",
          "[thread][virtual][cancel]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    loop.set_log_handler([](std::string_view) {});
    auto main = []() -> aio::coro<std::string> {
        auto waiter = aio::create_task([]() -> aio::coro<int> {
            co_return co_await aio::to_thread([] {
                aio::blocking_sleep(0.02);
                return 1;
            });
        }());
        co_await aio::sleep(0.01);
        waiter.cancel();
        std::string outcome = "finished";
        try {
            co_await waiter;
        } catch (const aio::cancelled_error&) {
            outcome = "cancelled";
        }
        co_await aio::sleep(0.05);  // past the simulated delivery: nothing breaks
        co_return outcome;
    };
    std::string outcome = loop.run(main());
    // With threads the call may still be running when the loop shuts down: run() waits for it.
    CHECK(outcome == "cancelled");
}

TEST_CASE("blocking_sleep in to_thread: aio::run inside a simulated thread runs on the virtual clock",
          "[thread][virtual]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    loop.set_log_handler([](std::string_view) {});
    auto main = []() -> aio::coro<std::pair<int, double>> {
        int v = co_await aio::to_thread(blocking_with_own_loop, 21);
        co_return std::pair{v, aio::time()};
    };
    auto [v, at] = loop.run(main());
    CHECK(v == 42);
    if (aio::threads_available()) {
        CHECK(at == 0);  // a real-clock loop on a worker thread
    } else {
        CHECK(at == Approx(0.01));  // the inner loop's sleep(0.01), simulated
    }
}
