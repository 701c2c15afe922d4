// Cancellation delivered at each kind of suspension point, and asyncio's counting rules.
#include "support.hpp"

#include <stdexcept>

TEST_CASE("cancelling a sleeping task raises cancelled_error at the sleep; cleanup runs", "[cancel]") {
    aio_test::journal log;
    auto sleeper = [&]() -> aio::coro<void> {
        struct cleanup {
            aio_test::journal& log;
            ~cleanup() { log("destructor"); }
        } guard{log};
        try {
            co_await aio::sleep(10);
            log("woke");
        } catch (const aio::cancelled_error& e) {
            log(std::string("caught:") + e.what());
            throw;
        }
    };
    auto main = [&]() -> aio::coro<void> {
        auto t = aio::create_task(sleeper());
        co_await aio::sleep(1);
        CHECK(t.cancel("enough"));
        CHECK(t.cancelling() == 1);
        CHECK_THROWS_AS(co_await t, aio::cancelled_error);
        CHECK(t.cancelled());
        CHECK_FALSE(t.cancel());  // done: nothing to cancel
        CHECK(aio::time() == 1.0);  // woke at once, not at 10 s
    };
    aio_test::run(main());
    CHECK(log.lines == std::vector<std::string>{"caught:enough", "destructor"});
}

TEST_CASE("a task cancelled before it starts never runs its body", "[cancel]") {
    bool ran = false;
    auto main = [&]() -> aio::coro<void> {
        auto t = aio::create_task([](bool& flag) -> aio::coro<void> {
            flag = true;
            co_return;
        }(ran));
        t.cancel();
        CHECK_THROWS_AS(co_await t, aio::cancelled_error);
        CHECK(t.cancelled());
    };
    aio_test::run(main());
    CHECK_FALSE(ran);
}

TEST_CASE("cancelling a task that yields with sleep(0) raises at the yield", "[cancel][fifo]") {
    int loops = 0;
    auto spinner = [&]() -> aio::coro<void> {
        for (;;) {
            ++loops;
            co_await aio::sleep(0);
        }
    };
    auto main = [&]() -> aio::coro<void> {
        auto t = aio::create_task(spinner());
        co_await aio::sleep(0);
        co_await aio::sleep(0);
        t.cancel();
        CHECK_THROWS_AS(co_await t, aio::cancelled_error);
    };
    aio_test::run(main());
    CHECK(loops == 2);
}

TEST_CASE("cancelling a task that awaits a future cancels the future", "[cancel]") {
    auto main = []() -> aio::coro<void> {
        auto f = aio::create_future<int>();
        auto waiter = aio::create_task([](aio::future<int> fut) -> aio::coro<int> { co_return co_await fut; }(f));
        co_await aio::sleep(0.001);  // the waiter now awaits f (sleep(0) would not ensure it under exploration)
        waiter.cancel("stop");
        CHECK_THROWS_AS(co_await waiter, aio::cancelled_error);
        CHECK(f.cancelled());
    };
    aio_test::run(main());
}

TEST_CASE("cancelling a task that awaits another task cancels that task too", "[cancel]") {
    aio_test::journal log;
    auto inner = [&]() -> aio::coro<int> {
        try {
            co_await aio::sleep(10);
        } catch (const aio::cancelled_error&) {
            log("inner cancelled");
            throw;
        }
        co_return 1;
    };
    auto outer = [&](aio::task<int> t) -> aio::coro<int> { co_return co_await t; };
    auto main = [&]() -> aio::coro<void> {
        auto in = aio::create_task(inner());
        auto out = aio::create_task(outer(in));
        co_await aio::sleep(1);
        out.cancel();
        CHECK_THROWS_AS(co_await out, aio::cancelled_error);
        CHECK(in.cancelled());
        CHECK(out.cancelled());
    };
    aio_test::run(main());
    CHECK(log.lines == std::vector<std::string>{"inner cancelled"});
}

TEST_CASE("if the awaited task swallows the cancellation, its value reaches the awaiter", "[cancel]") {
    auto stubborn = []() -> aio::coro<int> {
        try {
            co_await aio::sleep(10);
        } catch (const aio::cancelled_error&) {
            co_return -1;  // refuses to be cancelled
        }
        co_return 1;
    };
    auto outer = [](aio::task<int> t) -> aio::coro<int> { co_return co_await t; };
    auto main = [&]() -> aio::coro<void> {
        auto in = aio::create_task(stubborn());
        auto out = aio::create_task(outer(in));
        co_await aio::sleep(1);
        out.cancel();
        int v = co_await out;  // asyncio: the outer task is not cancelled then
        CHECK(v == -1);
        CHECK_FALSE(out.cancelled());
        CHECK(out.cancelling() == 1);
    };
    aio_test::run(main());
}

TEST_CASE("a task may catch cancellation, go on, and uncancel", "[cancel]") {
    auto worker = []() -> aio::coro<std::string> {
        try {
            co_await aio::sleep(10);
        } catch (const aio::cancelled_error&) {
            auto self = aio::current_task();
            CHECK(self.cancelling() == 1);
            CHECK(self.uncancel() == 0);
        }
        co_await aio::sleep(1);  // not cancelled again
        co_return "recovered";
    };
    auto main = [&]() -> aio::coro<void> {
        auto t = aio::create_task(worker());
        co_await aio::sleep(1);
        t.cancel();
        std::string v = co_await t;
        CHECK(v == "recovered");
        CHECK(aio::time() == 2.0);
    };
    aio_test::run(main());
}

TEST_CASE("a task cancelled after its last await but before it returns ends cancelled", "[cancel]") {
    auto main = []() -> aio::coro<void> {
        auto f = aio::create_future<void>();
        auto t = aio::create_task([](aio::future<void> fut) -> aio::coro<int> {
            co_await fut;
            co_return 1;  // no suspension point after the wake-up
        }(f));
        co_await aio::sleep(0);
        f.set_result();  // t is now queued to run
        t.cancel();      // must_cancel: asyncio cancels it anyway
        CHECK_THROWS_AS(co_await t, aio::cancelled_error);
        CHECK(t.cancelled());
    };
    aio_test::run(main());
}

TEST_CASE("a task cancelling itself sees the cancellation at its next suspension", "[cancel]") {
    aio_test::journal log;
    auto main = [&]() -> aio::coro<void> {
        auto t = aio::create_task([](aio_test::journal& j) -> aio::coro<void> {
            aio::current_task().cancel();
            j("still running");
            try {
                co_await aio::sleep(5);
            } catch (const aio::cancelled_error&) {
                j("cancelled at sleep");
                throw;
            }
        }(log));
        CHECK_THROWS_AS(co_await t, aio::cancelled_error);
        CHECK(aio::time() == 0.0);
    };
    aio_test::run(main());
    CHECK(log.lines == std::vector<std::string>{"still running", "cancelled at sleep"});
}

TEST_CASE("cancelled_error is not a std::exception: generic handlers do not swallow it", "[cancel]") {
    auto worker = []() -> aio::coro<void> {
        try {
            co_await aio::sleep(5);
        } catch (const std::exception&) {
            FAIL("a generic handler caught the cancellation");
        }
    };
    auto main = [&]() -> aio::coro<void> {
        auto t = aio::create_task(worker());
        co_await aio::sleep(1);
        t.cancel();
        CHECK_THROWS_AS(co_await t, aio::cancelled_error);
    };
    aio_test::run(main());
}

TEST_CASE("cancelling a task inside a nested coroutine chain unwinds every frame", "[cancel]") {
    aio_test::journal log;
    std::function<aio::coro<void>(int)> level = [&](int n) -> aio::coro<void> {
        struct mark {
            aio_test::journal& log;
            int n;
            ~mark() { log("unwound " + std::to_string(n)); }
        } m{log, n};
        if (n == 0) {
            co_await aio::sleep(100);
        } else {
            co_await level(n - 1);
        }
    };
    auto main = [&]() -> aio::coro<void> {
        auto t = aio::create_task(level(2));
        co_await aio::sleep(1);
        t.cancel();
        CHECK_THROWS_AS(co_await t, aio::cancelled_error);
    };
    aio_test::run(main());
    CHECK(log.lines == std::vector<std::string>{"unwound 0", "unwound 1", "unwound 2"});
}

TEST_CASE("a sleep cancelled and then uncancelled before the task runs still raises", "[cancel]") {
    // asyncio: the sleep's future is cancelled, so the task sees CancelledError even though
    // uncancel() withdrew the request before it ran again.
    auto main = []() -> aio::coro<void> {
        auto t = aio::create_task([]() -> aio::coro<int> {
            try {
                co_await aio::sleep(10);
            } catch (const aio::cancelled_error&) {
                co_return 1;
            }
            co_return 0;
        }());
        co_await aio::sleep(1);
        t.cancel();
        t.uncancel();
        int v = co_await t;
        CHECK(v == 1);
        CHECK(aio::time() == 1.0);
    };
    aio_test::run(main());
}

// A task knows the cancellation it raised into its coroutine, so finishing with that very
// exception needs no rethrow to classify; these are the other outcomes, classified by type.
TEST_CASE("a cancelled task ends cancelled if it raises a fresh cancelled_error and failed if it raises another error",
          "[cancel]") {
    auto fresh_cancel = []() -> aio::coro<void> {
        try {
            co_await aio::sleep(10);
        } catch (const aio::cancelled_error&) {
            throw aio::cancelled_error("mine");  // a new object, not the one delivered
        }
    };
    auto other_error = []() -> aio::coro<void> {
        try {
            co_await aio::sleep(10);
        } catch (const aio::cancelled_error&) {
            throw std::runtime_error("cleanup failed");
        }
    };
    // Swallows the cancellation, then fails later: finished with that error, not cancelled.
    auto late_error = []() -> aio::coro<void> {
        try {
            co_await aio::sleep(10);
        } catch (const aio::cancelled_error&) {
            aio::current_task().uncancel();
        }
        co_await aio::sleep(1);
        throw std::logic_error("later");
    };
    auto main = [&]() -> aio::coro<void> {
        auto a = aio::create_task(fresh_cancel());
        auto b = aio::create_task(other_error());
        auto c = aio::create_task(late_error());
        co_await aio::sleep(1);
        a.cancel("first");
        b.cancel();
        c.cancel();
        auto [ra, rb, rc] = co_await aio::gather(aio::return_exceptions, a, b, c);
        CHECK(a.cancelled());
        REQUIRE(ra.error_as<aio::cancelled_error>());
        CHECK(ra.error_as<aio::cancelled_error>()->message() == "mine");
        CHECK_FALSE(b.cancelled());
        CHECK(rb.error_is<std::runtime_error>());
        CHECK(rb.error_message() == "cleanup failed");
        CHECK_FALSE(c.cancelled());
        CHECK(rc.error_is<std::logic_error>());
        CHECK_FALSE(rc.error_is<aio::cancelled_error>());
    };
    aio_test::run(main());
}

TEST_CASE("gather with return_exceptions gives each cancelled task its own cancelled_error", "[cancel][gather]") {
    auto waiter = [](aio::event& e) -> aio::coro<int> {
        co_await e.wait();
        co_return 1;
    };
    auto main = [&]() -> aio::coro<void> {
        aio::event never;
        std::vector<aio::task<int>> tasks;
        for (int i = 0; i < 3; ++i) tasks.push_back(aio::create_task(waiter(never)));
        co_await aio::sleep(0);
        tasks[0].cancel("zero");
        tasks[2].cancel("two");
        never.set();
        auto results = co_await aio::gather(aio::return_exceptions, tasks);
        REQUIRE(results.size() == 3);
        CHECK(tasks[0].cancelled());
        CHECK(tasks[2].cancelled());
        REQUIRE(results[0].error_as<aio::cancelled_error>());
        CHECK(results[0].error_as<aio::cancelled_error>()->message() == "zero");
        CHECK(results[1].value() == 1);
        REQUIRE(results[2].error_is<aio::cancelled_error>());
        CHECK(results[2].error_as<aio::cancelled_error>()->message() == "two");
        CHECK_THROWS_AS(results[2].value(), aio::cancelled_error);
        // The same exception object as the task's own outcome: nothing was copied.
        const aio::cancelled_error* seen = nullptr;
        try {
            tasks[0].result();
        } catch (const aio::cancelled_error& e) {
            seen = &e;
        }
        CHECK(seen == results[0].error_as<aio::cancelled_error>());
    };
    aio_test::run(main());
}
