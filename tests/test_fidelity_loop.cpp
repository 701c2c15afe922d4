// asyncio fidelity of the loop-level API: sleep's result, shield of a done future, timeout scopes
// (no cancel message, the coroutine form, the scope read after the block), the error context,
// debug mode's slow-step report, run_in_executor's eager submission and context variables.
#include "support.hpp"

#include <atomic>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

using namespace std::chrono_literals;

namespace {
// Blocks this thread until `flag` is set (false after a generous safety limit, so a broken build
// fails instead of hanging). Never used to assert on timing.
bool block_until(const std::atomic<bool>& flag) {
    for (int i = 0; i < 20000 && !flag.load(); ++i) std::this_thread::sleep_for(1ms);
    return flag.load();
}

// An executor that counts what it is given and runs it on a one-thread pool.
struct counting_executor final : aio::executor {
    std::atomic<int> submitted{0};
    aio::thread_pool_executor pool{1};
    void submit(std::function<void()> work) override {
        ++submitted;
        pool.submit(std::move(work));
    }
};
}  // namespace

// A named callable, so that the slow-step report can name it.
struct fidelity_tick {
    void operator()() const {}
};

TEST_CASE("sleep(delay, result) returns result after the delay", "[time][fidelity]") {
    auto main = []() -> aio::coro<std::string> {
        std::string a = co_await aio::sleep(0, std::string("now"));
        int b = co_await aio::sleep(2.5, 7);
        co_return a + std::to_string(b) + "@" + std::to_string(aio::time());
    };
    CHECK(aio_test::run(main()) == "now7@2.500000");
}

TEST_CASE("a cancelled sleep(delay, result) raises instead of returning", "[time][fidelity][cancel]") {
    auto main = []() -> aio::coro<bool> {
        auto t = aio::create_task([]() -> aio::coro<int> { co_return co_await aio::sleep(5, 1); }());
        co_await aio::sleep(1);
        t.cancel();
        try {
            co_await t;
        } catch (const aio::cancelled_error&) {
            co_return true;
        }
        co_return false;
    };
    CHECK(aio_test::run(main()));
}

TEST_CASE("shield of a done future returns that same future", "[shield][fidelity]") {
    auto main = []() -> aio::coro<void> {
        auto f = aio::create_future<int>();
        f.set_result(3);
        auto s = aio::shield(f);
        CHECK(s == f);
        auto pending = aio::create_future<int>();
        auto wrapped = aio::shield(pending);
        CHECK_FALSE(wrapped == pending);  // a pending one still gets its own outer future
        pending.set_result(4);
        int v = co_await wrapped;
        CHECK(v == 4);
    };
    aio_test::run(main());
}

TEST_CASE("a timeout scope cancels its task with no message (asyncio 3.11)", "[timeout][fidelity]") {
    auto main = []() -> aio::coro<std::string> {
        std::string seen = "none";
        try {
            co_await aio::timeout(1.0, [&]() -> aio::coro<void> {
                try {
                    co_await aio::sleep(10);
                } catch (const aio::cancelled_error& e) {
                    seen = "[" + e.message() + "]";
                    throw;
                }
            });
        } catch (const aio::timeout_error&) {
        }
        co_return seen;
    };
    CHECK(aio_test::run(main()) == "[]");
}

TEST_CASE("wait_for cancels the inner work with no message", "[timeout][wait_for][fidelity]") {
    auto main = []() -> aio::coro<std::string> {
        std::string seen = "none";
        auto inner = [&]() -> aio::coro<void> {
            try {
                co_await aio::sleep(10);
            } catch (const aio::cancelled_error& e) {
                seen = "[" + e.message() + "]";
                throw;
            }
        };
        CHECK_THROWS_AS(co_await aio::wait_for(inner(), 1.0), aio::timeout_error);
        co_return seen;
    };
    CHECK(aio_test::run(main()) == "[]");
}

namespace {
aio::coro<int> slow_value(double delay, int value) {
    co_await aio::sleep(delay);
    co_return value;
}
}  // namespace

TEST_CASE("timeout and timeout_at take a coroutine as the body", "[timeout][fidelity]") {
    auto main = []() -> aio::coro<void> {
        int a = co_await aio::timeout(2.0, slow_value(1, 5));
        CHECK(a == 5);
        CHECK_THROWS_AS(co_await aio::timeout(1.0, slow_value(3, 6)), aio::timeout_error);
        CHECK(aio::time() == 2.0);  // the timeout fired at 1 + 1
        double at = aio::time() + 1.5;
        CHECK_THROWS_AS(co_await aio::timeout_at(at, slow_value(2, 7)), aio::timeout_error);
        CHECK(aio::time() == at);
        int b = co_await aio::timeout_at(std::nullopt, slow_value(9, 8));
        CHECK(b == 8);
    };
    aio_test::run(main());
}

TEST_CASE("the timeout scope can be read after its block (cm.expired())", "[timeout][fidelity]") {
    auto main = []() -> aio::coro<void> {
        aio::timeout_status cm;
        int a = co_await aio::timeout(2.0, slow_value(1, 5), cm);
        CHECK(a == 5);
        CHECK_FALSE(cm.expired());
        CHECK(cm.when() == 2.0);

        // The body swallows the cancellation: no timeout_error, but the scope did expire.
        aio::timeout_status swallowed;
        co_await aio::timeout(
            1.0,
            [&]() -> aio::coro<void> {
                try {
                    co_await aio::sleep(10);
                } catch (const aio::cancelled_error&) {
                }
            },
            swallowed);
        CHECK(swallowed.expired());
        CHECK(swallowed.when() == 2.0);

        aio::timeout_status timed_out;
        CHECK_THROWS_AS(co_await aio::timeout_at(aio::time() + 1, slow_value(5, 1), timed_out), aio::timeout_error);
        CHECK(timed_out.expired());
        CHECK(timed_out.when() == 3.0);
    };
    aio_test::run(main());
}

TEST_CASE("error_context carries the callback handle, the task, and get_exception_handler", "[loop][errors][fidelity]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    CHECK_FALSE(loop.get_exception_handler());
    aio_test::captured_errors captured;
    captured.attach(loop);
    CHECK(loop.get_exception_handler());
    aio::callback_handle raised;
    aio::task<void> leftover;
    auto main = [&]() -> aio::coro<void> {
        raised = loop.call_soon([] { throw std::runtime_error("in callback"); });
        leftover = aio::create_task(
            []() -> aio::coro<void> {
                try {
                    co_await aio::sleep(100);
                } catch (const aio::cancelled_error&) {
                }
                throw std::runtime_error("in cleanup");
            }(),
            "leftover");
        co_await aio::sleep(1);
    };
    loop.run(main());
    REQUIRE(captured.errors.size() == 2);
    const auto& cb = captured.errors[0];
    CHECK(cb.message == "Exception in callback");
    CHECK(aio::describe(cb.exception) == "in callback");
    REQUIRE(cb.handle.valid());
    CHECK_FALSE(raised.cancelled());
    auto handle = cb.handle;
    handle.cancel();
    CHECK(raised.cancelled());  // the very handle call_soon returned
    CHECK_FALSE(cb.future.valid());
    const auto& shutdown = captured.errors[1];
    CHECK(shutdown.message == "unhandled exception during run() shutdown");
    CHECK(aio::describe(shutdown.exception) == "in cleanup");
    CHECK(shutdown.future == leftover);
    CHECK(shutdown.task_name == "leftover");
    CHECK_FALSE(shutdown.handle.valid());
}

TEST_CASE("debug mode names the task with its coroutine, and the callback", "[loop][debug][fidelity]") {
    // A threshold of 0 reports every step: the text is checked, never the time.
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time, .debug = true, .slow_callback_duration = 0});
    std::vector<std::string> logged;
    loop.set_log_handler([&](std::string_view line) { logged.emplace_back(line); });
    auto main = [&]() -> aio::coro<void> {
        loop.call_soon(fidelity_tick{});
        co_await aio::sleep(1);
    };
    loop.run(main());
    auto starts = [&](const std::string& prefix) {
        for (auto& l : logged)
            if (l.rfind(prefix, 0) == 0) return true;
        return false;
    };
    CHECK(starts("Executing <Handle fidelity_tick> took "));
    CHECK(starts("Executing <Task pending name='Task-1' coro=<operator()() defined at "));
    CHECK(starts("Executing <Task finished name='Task-1' coro=<operator()() defined at "));
}

TEST_CASE("run_in_executor submits when called and returns a future awaitable many times", "[thread][fidelity]") {
    std::atomic<bool> started{false};
    auto main = [&]() -> aio::coro<int> {
        aio::future<int> f = aio::run_in_executor(nullptr, [&] {
            started = true;
            return 20;
        });
        // No await yet: the call is already on its way (asyncio submits at call time).
        bool submitted = block_until(started);
        CHECK(submitted);
        int a = co_await f;
        int b = co_await f;
        co_return a + b + (f.done() ? 2 : 0);
    };
    CHECK(aio_test::run(main()) == 42);
}

TEST_CASE("cancelling a task awaiting run_in_executor's future cancels the future", "[thread][fidelity][cancel][fifo]") {
    if (!aio::threads_available()) return;  // nothing can run concurrently to cancel it
    aio::thread_pool_executor pool(1);
    std::atomic<bool> started{false}, release{false};
    auto main = [&]() -> aio::coro<void> {
        auto f = aio::run_in_executor(pool, [&] {
            started = true;
            block_until(release);
            return 1;
        });
        auto waiter = aio::create_task([](aio::future<int> g) -> aio::coro<int> { co_return co_await g; }(f));
        block_until(started);
        co_await aio::sleep(0);
        waiter.cancel();
        CHECK_THROWS_AS(co_await waiter, aio::cancelled_error);
        CHECK(f.cancelled());
        release = true;
    };
    aio_test::run(main());
    pool.shutdown(true);  // the loop is gone: the late result touches nothing
}

TEST_CASE("a run_in_executor future nobody awaits outlives its loop safely", "[thread][fidelity]") {
    if (!aio::threads_available()) return;
    aio::thread_pool_executor pool(1);
    std::atomic<bool> release{false}, finished{false};
    auto main = [&]() -> aio::coro<void> {
        aio::run_in_executor(pool, [&] {
            block_until(release);
            finished = true;
            return std::string("late");
        });
        co_return;
    };
    aio_test::run(main());  // returns without waiting for a custom pool
    release = true;
    pool.shutdown(true);
    CHECK(finished);
}

TEST_CASE("set_default_executor: to_thread and run_in_executor(nullptr) use the loop's executor", "[thread][fidelity]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    auto ex = std::make_shared<counting_executor>();
    CHECK(&loop.get_default_executor() == &aio::default_executor());
    loop.set_default_executor(ex);
    CHECK(&loop.get_default_executor() == ex.get());
    auto main = []() -> aio::coro<int> {
        int a = co_await aio::to_thread([] { return 1; });
        int b = co_await aio::run_in_executor(nullptr, [](int x) { return x; }, 2);
        co_return a + b;
    };
    CHECK(loop.run(main()) == 3);
    // Without threads the calls run on the loop thread and no executor is involved.
    CHECK(ex->submitted == (aio::threads_available() ? 2 : 0));
}
