// Coroutines, tasks, futures and the run() lifecycle.
#include "support.hpp"

#include <stdexcept>



TEST_CASE("calling a coroutine function runs nothing until it is awaited", "[coro]") {
    int ran = 0;
    auto body = [&]() -> aio::coro<int> {
        ++ran;
        co_return 42;
    };
    auto main = [&]() -> aio::coro<int> {
        auto c = body();
        CHECK(ran == 0);
        int v = co_await c;
        CHECK(ran == 1);
        co_return v;
    };
    CHECK(aio_test::run(main()) == 42);
}

TEST_CASE("an unawaited coroutine is destroyed without running", "[coro]") {
    bool ran = false;
    {
        auto c = [&]() -> aio::coro<void> {
            ran = true;
            co_return;
        }();
    }
    CHECK_FALSE(ran);
    CHECK(aio::debug::live_frames() == 0);
}

TEST_CASE("awaiting a coroutine twice or a moved-from one is a runtime_error (asyncio: RuntimeError)", "[coro][misuse]") {
    auto main = []() -> aio::coro<void> {
        auto c = []() -> aio::coro<int> { co_return 1; }();
        int first = co_await c;
        CHECK(first == 1);
        CHECK_THROWS_MATCHES(co_await c, aio::runtime_error, Catch::Matchers::Message("cannot reuse already awaited coroutine"));
        auto d = []() -> aio::coro<int> { co_return 2; }();
        auto e = std::move(d);
        CHECK_THROWS_AS(co_await d, aio::runtime_error);
        int second = co_await e;
        CHECK(second == 2);
    };
    aio_test::run(main());
}

TEST_CASE("exceptions propagate through awaited coroutines", "[coro]") {
    auto fail = []() -> aio::coro<int> {
        co_await aio::sleep(0.1);
        throw std::runtime_error("boom");
    };
    auto main = [&]() -> aio::coro<std::string> {
        try {
            co_await fail();
        } catch (const std::runtime_error& e) {
            co_return e.what();
        }
        co_return "no error";
    };
    CHECK(aio_test::run(main()) == "boom");
}

TEST_CASE("a million synchronously completing awaits do not overflow the stack", "[coro][stack]") {
    // cppcoro's regression test: every await finishes at once, so a naive resume-in-await_suspend
    // design would nest a million frames deep.
    auto leaf = [](int i) -> aio::coro<int> { co_return i & 1; };
    auto main = [&]() -> aio::coro<long> {
        long sum = 0;
        for (int i = 0; i < 1'000'000; ++i) sum += co_await leaf(i);
        co_return sum;
    };
    CHECK(aio_test::run(main()) == 500'000);
}

aio::coro<int> deep_chain(int depth) {
    if (depth == 0) co_return 0;
    co_return 1 + co_await deep_chain(depth - 1);
}

TEST_CASE("a 100,000-deep chain of nested coroutines runs on constant stack", "[coro][stack]") {
    CHECK(aio_test::run(deep_chain(100'000)) == 100'000);
}

TEST_CASE("create_task schedules the coroutine; the task handle reports its state", "[task][fifo]") {
    auto main = []() -> aio::coro<void> {
        bool ran = false;
        auto t = aio::create_task(
            [](bool& flag) -> aio::coro<int> {
                flag = true;
                co_await aio::sleep(1);
                co_return 7;
            }(ran),
            "worker");
        CHECK(t.get_name() == "worker");
        CHECK_FALSE(ran);  // not started until the creating task yields
        CHECK_FALSE(t.done());
        CHECK_THROWS_AS(t.result(), aio::invalid_state_error);
        co_await aio::sleep(0);
        CHECK(ran);
        CHECK_FALSE(t.done());
        int value = co_await t;
        CHECK(value == 7);
        CHECK(t.done());
        CHECK(t.result() == 7);
        CHECK(t.exception() == nullptr);
        CHECK(aio::time() == 1.0);
    };
    aio_test::run(main());
}

TEST_CASE("tasks get default names Task-N and can be renamed", "[task]") {
    auto main = []() -> aio::coro<void> {
        auto t = aio::create_task([]() -> aio::coro<void> { co_return; }());
        CHECK(t.get_name().rfind("Task-", 0) == 0);
        t.set_name("renamed");
        CHECK(t.get_name() == "renamed");
        co_await t;
    };
    aio_test::run(main());
}

TEST_CASE("a task handle may be awaited by many tasks", "[task]") {
    auto main = []() -> aio::coro<int> {
        auto shared = aio::create_task([]() -> aio::coro<int> {
            co_await aio::sleep(1);
            co_return 5;
        }());
        auto reader = [](aio::task<int> t) -> aio::coro<int> { co_return co_await t * 2; };
        auto a = aio::create_task(reader(shared));
        auto b = aio::create_task(reader(shared));
        co_return co_await a + co_await b + co_await shared;
    };
    CHECK(aio_test::run(main()) == 25);
}

TEST_CASE("a task that fails stores the exception; awaiting rethrows it", "[task]") {
    auto main = []() -> aio::coro<void> {
        auto t = aio::create_task([]() -> aio::coro<int> {
            co_await aio::sleep(0);
            throw std::logic_error("bad");
        }());
        CHECK_THROWS_WITH(co_await t, "bad");
        CHECK(t.done());
        CHECK_FALSE(t.cancelled());
        CHECK(t.exception() != nullptr);
        CHECK_THROWS_AS(t.result(), std::logic_error);
    };
    aio_test::run(main());
}

TEST_CASE("awaiting an empty task or future handle is an invalid_state_error", "[task][misuse]") {
    auto main = []() -> aio::coro<void> {
        aio::task<int> none;
        CHECK_THROWS_AS(co_await none, aio::invalid_state_error);
        auto t = aio::create_task([]() -> aio::coro<int> { co_return 1; }());
        auto moved = std::move(t);
        CHECK_THROWS_AS(co_await t, aio::invalid_state_error);
        CHECK_THROWS_AS(t.done(), aio::invalid_state_error);
        int value = co_await moved;
        CHECK(value == 1);
    };
    aio_test::run(main());
}

TEST_CASE("create_task rejects a coroutine that was already awaited", "[task][misuse]") {
    auto main = []() -> aio::coro<void> {
        auto c = []() -> aio::coro<int> { co_return 1; }();
        co_await c;
        CHECK_THROWS_AS(aio::create_task(std::move(c)), aio::runtime_error);
    };
    aio_test::run(main());
}

TEST_CASE("a future completed by another task wakes its awaiter", "[future]") {
    auto main = []() -> aio::coro<std::string> {
        auto f = aio::create_future<std::string>();
        auto setter = aio::create_task([](aio::future<std::string> fut) -> aio::coro<void> {
            co_await aio::sleep(1);
            fut.set_result("done");
        }(f));
        std::string v = co_await f;
        co_await setter;
        CHECK(aio::time() == 1.0);
        co_return v;
    };
    CHECK(aio_test::run(main()) == "done");
}

TEST_CASE("future misuse gives typed errors", "[future][misuse]") {
    auto main = []() -> aio::coro<void> {
        auto f = aio::create_future<int>();
        CHECK_THROWS_AS(f.result(), aio::invalid_state_error);
        CHECK_THROWS_AS(f.exception(), aio::invalid_state_error);
        f.set_result(1);
        CHECK_THROWS_AS(f.set_result(2), aio::invalid_state_error);
        CHECK_THROWS_AS(f.set_exception(std::runtime_error("x")), aio::invalid_state_error);
        CHECK_FALSE(f.cancel());
        CHECK(f.result() == 1);

        auto g = aio::create_future<void>();
        g.set_exception(std::runtime_error("stored"));
        CHECK_THROWS_WITH(g.result(), "stored");
        CHECK_THROWS_WITH(co_await g, "stored");

        auto h = aio::create_future<int>();
        CHECK(h.cancel("stop"));
        CHECK(h.cancelled());
        CHECK_THROWS_AS(h.result(), aio::cancelled_error);
        CHECK_THROWS_AS(h.exception(), aio::cancelled_error);
        CHECK_THROWS_AS(h.set_result(3), aio::invalid_state_error);
    };
    aio_test::run(main());
}

TEST_CASE("done callbacks are scheduled through the loop, never called inline", "[future][fifo]") {
    auto main = []() -> aio::coro<void> {
        std::vector<std::string> seen;
        auto f = aio::create_future<int>();
        f.add_done_callback([&](const aio::future<int>& done) { seen.push_back("a" + std::to_string(done.result())); });
        auto id = f.add_done_callback([&](const aio::future<int>&) { seen.push_back("removed"); });
        f.add_done_callback([&](const aio::future<int>&) { seen.push_back("b"); });
        CHECK(f.remove_done_callback(id) == 1);
        CHECK(f.remove_done_callback(id) == 0);
        f.set_result(9);
        CHECK(seen.empty());  // not inline
        co_await aio::sleep(0);
        CHECK(seen == std::vector<std::string>{"a9", "b"});
        // Added after completion: scheduled at once, still not inline.
        f.add_done_callback([&](const aio::future<int>&) { seen.push_back("late"); });
        CHECK(seen.size() == 2);
        co_await aio::sleep(0);
        CHECK(seen.back() == "late");
    };
    aio_test::run(main());
}

TEST_CASE("task done callbacks receive the task", "[task]") {
    auto main = []() -> aio::coro<void> {
        std::string seen;
        auto t = aio::create_task([]() -> aio::coro<int> { co_return 3; }(), "cb");
        t.add_done_callback([&](const aio::task<int>& done) {
            seen = done.get_name() + "=" + std::to_string(done.result());
        });
        co_await t;
        co_await aio::sleep(0);
        CHECK(seen == "cb=3");
    };
    aio_test::run(main());
}

TEST_CASE("run returns main's value and rethrows its exception", "[run]") {
    CHECK(aio_test::run([]() -> aio::coro<int> { co_return 3; }()) == 3);
    CHECK_THROWS_WITH(aio_test::run([]() -> aio::coro<int> {
                          co_await aio::sleep(1);
                          throw std::runtime_error("main failed");
                      }()),
                      "main failed");
}

TEST_CASE("run cancels and awaits tasks left running when main returns", "[run]") {
    std::vector<std::string> log;
    auto straggler = [&]() -> aio::coro<void> {
        try {
            co_await aio::sleep(100);
            log.push_back("finished");
        } catch (const aio::cancelled_error&) {
            log.push_back("cancelled");
            throw;
        }
    };
    auto main = [&]() -> aio::coro<int> {
        aio::create_task(straggler());
        co_await aio::sleep(1);
        co_return 1;
    };
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    CHECK(loop.run(main()) == 1);
    CHECK(log == std::vector<std::string>{"cancelled"});
    CHECK(loop.is_closed());
    CHECK(loop.time() == 1.0);  // the straggler's 100 s timer never ran
}

TEST_CASE("run reports errors of tasks that fail during shutdown", "[run]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    aio_test::captured_errors captured;
    captured.attach(loop);
    auto stubborn = []() -> aio::coro<void> {
        try {
            co_await aio::sleep(10);
        } catch (const aio::cancelled_error&) {
        }
        throw std::runtime_error("cleanup failed");
    };
    auto main = [&]() -> aio::coro<void> {
        aio::create_task(stubborn(), "stubborn");
        co_await aio::sleep(0);
    };
    loop.run(main());
    REQUIRE(captured.errors.size() == 1);
    CHECK(captured.errors[0].message == "unhandled exception during run() shutdown");
    CHECK(captured.errors[0].task_name == "stubborn");
    CHECK(aio::describe(captured.errors[0].exception) == "cleanup failed");
}

TEST_CASE("run inside a running loop is a nested_run_error", "[run][misuse]") {
    auto inner = []() -> aio::coro<int> { co_return 1; };
    auto main = [&]() -> aio::coro<void> {
        aio::event_loop other({.clock = aio::clock_kind::virtual_time});
        CHECK_THROWS_AS(other.run(inner()), aio::nested_run_error);
        CHECK_THROWS_AS(other.run_until_complete(inner()), aio::nested_run_error);
        CHECK_THROWS_AS(aio::run(inner()), aio::nested_run_error);
        CHECK_THROWS_AS(aio::run_main(inner()), aio::nested_run_error);
        co_return;
    };
    aio_test::run(main());
}

TEST_CASE("aio::run blocks on the real clock and returns main's value (wasm too)", "[run]") {
    auto main = []() -> aio::coro<double> {
        double start = aio::time();
        co_await aio::sleep(0.02);
        co_return aio::time() - start;
    };
    CHECK(aio::run(main()) >= 0.02);
}

TEST_CASE("run_until_complete and close on an explicit loop", "[run]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    auto work = []() -> aio::coro<int> {
        co_await aio::sleep(2);
        co_return 4;
    };
    CHECK(loop.run_until_complete(work()) == 4);
    CHECK(loop.run_until_complete(work()) == 4);
    CHECK(loop.time() == 4.0);
    loop.close();
    CHECK(loop.is_closed());
    CHECK_THROWS_AS(loop.run_until_complete(work()), aio::loop_closed_error);
    CHECK_THROWS_AS(loop.call_soon([] {}), aio::loop_closed_error);
}

TEST_CASE("a loop waiting on something nothing can complete reports a deadlock", "[run]") {
    auto main = []() -> aio::coro<void> {
        auto never = aio::create_future<int>();
        co_await never;
    };
    try {
        aio_test::run(main());
        FAIL("expected deadlock_error");
    } catch (const aio::deadlock_error& e) {
        CHECK(std::string(e.what()).find("waits on future") != std::string::npos);
    }
}

TEST_CASE("get_running_loop outside a loop is an error", "[run][misuse]") {
    CHECK_THROWS_MATCHES(aio::get_running_loop(), aio::runtime_error, Catch::Matchers::Message("no running event loop"));
    CHECK_FALSE(aio::current_task().valid());
}

TEST_CASE("destroying a loop with pending tasks frees their frames and cancels them", "[run]") {
    aio::task<int> survivor;
    bool cleanup_ran = false;
    {
        aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
        struct on_exit {
            bool& flag;
            ~on_exit() { flag = true; }
        };
        survivor = loop.create_task([](bool& flag) -> aio::coro<int> {
            on_exit guard{flag};
            co_await aio::sleep(5);
            co_return 1;
        }(cleanup_ran));
        loop.run_once();  // starts it: now suspended on the timer
    }
    CHECK(cleanup_ran);
    CHECK(survivor.cancelled());
}
