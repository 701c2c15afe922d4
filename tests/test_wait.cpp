// wait, wait_for, timeout scopes, as_completed and shield.
#include "support.hpp"

#include <stdexcept>

using aio_test::after;
using aio_test::fail_after;

TEST_CASE("wait all_completed returns every task done", "[wait]") {
    auto main = []() -> aio::coro<void> {
        std::vector<aio::task<int>> tasks{aio::create_task(after(1, 1), "task_A"),
                                          aio::create_task(after(2, 2), "task_B")};
        auto [done, pending] = co_await aio::wait(tasks);
        CHECK(done.size() == 2);
        CHECK(pending.empty());
        CHECK(done[0].get_name() == "task_A");
        CHECK(aio::time() == 2.0);
    };
    aio_test::run(main());
}

TEST_CASE("wait first_completed returns as soon as one is done and cancels nothing", "[wait]") {
    auto main = []() -> aio::coro<void> {
        std::vector<aio::task<int>> tasks{aio::create_task(after(3, 1)), aio::create_task(after(1, 2))};
        auto [done, pending] = co_await aio::wait(tasks, aio::return_when::first_completed);
        REQUIRE(done.size() == 1);
        CHECK(done[0].result() == 2);
        REQUIRE(pending.size() == 1);
        CHECK(aio::time() == 1.0);
        CHECK_FALSE(pending[0].cancelled());
        int rest = co_await pending[0];
        CHECK(rest == 1);
    };
    aio_test::run(main());
}

TEST_CASE("wait first_exception stops at the first failure", "[wait]") {
    auto main = []() -> aio::coro<void> {
        std::vector<aio::task<int>> tasks{aio::create_task(after(5, 1)), aio::create_task(fail_after(2)),
                                          aio::create_task(after(1, 3))};
        auto [done, pending] = co_await aio::wait(tasks, aio::return_when::first_exception);
        CHECK(aio::time() == 2.0);
        CHECK(done.size() == 2);
        CHECK(pending.size() == 1);
        for (auto& t : done) (void)t.exception();
        co_await pending[0];
    };
    aio_test::run(main());
}

TEST_CASE("wait with a timeout returns what is done so far", "[wait]") {
    auto main = []() -> aio::coro<void> {
        std::vector<aio::task<int>> tasks{aio::create_task(after(1, 1)), aio::create_task(after(10, 2))};
        auto [done, pending] = co_await aio::wait(tasks, aio::return_when::all_completed, 3.0);
        CHECK(aio::time() == 3.0);
        CHECK(done.size() == 1);
        CHECK(pending.size() == 1);
        CHECK_FALSE(pending[0].done());
        pending[0].cancel();
    };
    aio_test::run(main());
}

TEST_CASE("wait rejects an empty set", "[wait][misuse]") {
    auto main = []() -> aio::coro<void> {
        std::vector<aio::task<int>> none;
        CHECK_THROWS_AS(co_await aio::wait(none), std::invalid_argument);
    };
    aio_test::run(main());
}

TEST_CASE("wait_for raises timeout_error and cancels the inner work", "[wait_for]") {
    aio_test::journal log;
    auto long_running = [&]() -> aio::coro<int> {
        try {
            co_await aio::sleep(5);
        } catch (const aio::cancelled_error&) {
            log("inner cleanup");
            throw;
        }
        co_return 1;
    };
    auto main = [&]() -> aio::coro<void> {
        CHECK_THROWS_AS(co_await aio::wait_for(long_running(), 3), aio::timeout_error);
        CHECK(aio::time() == 3.0);
        int v = co_await aio::wait_for(after(1, 9), 3);
        CHECK(v == 9);
        CHECK(aio::time() == 4.0);
        auto t = aio::create_task(long_running());
        CHECK_THROWS_AS(co_await aio::wait_for(t, 1), aio::timeout_error);
        CHECK(t.cancelled());  // cancelled and awaited before the timeout is raised
        int none = co_await aio::wait_for(after(1, 2), std::nullopt);
        CHECK(none == 2);
    };
    aio_test::run(main());
    CHECK(log.lines == std::vector<std::string>{"inner cleanup", "inner cleanup"});
}

TEST_CASE("wait_for returns the value when the inner awaitable swallows the cancellation", "[wait_for]") {
    auto stubborn = []() -> aio::coro<int> {
        bool cancelled = false;
        try {
            co_await aio::sleep(5);
        } catch (const aio::cancelled_error&) {
            cancelled = true;  // no co_await inside a handler in C++
        }
        if (!cancelled) co_return 0;
        co_await aio::sleep(1);  // cleanup that still awaits
        co_return 42;
    };
    auto main = [&]() -> aio::coro<void> {
        int v = co_await aio::wait_for(stubborn(), 2);
        CHECK(v == 42);
        CHECK(aio::time() == 3.0);
        CHECK(aio::current_task().cancelling() == 0);
    };
    aio_test::run(main());
}

TEST_CASE("wait_for with a zero timeout on unfinished work times out at once", "[wait_for]") {
    auto main = []() -> aio::coro<void> {
        CHECK_THROWS_AS(co_await aio::wait_for(after(1, 1), 0), aio::timeout_error);
        auto done = aio::create_task(after(0, 3));
        co_await aio::sleep(1);
        int v = co_await aio::wait_for(done, 0);
        CHECK(v == 3);
    };
    aio_test::run(main());
}

TEST_CASE("an outside cancellation during wait_for stays a cancellation", "[wait_for][cancel]") {
    auto main = []() -> aio::coro<void> {
        auto t = aio::create_task([]() -> aio::coro<int> { co_return co_await aio::wait_for(after(10, 1), 5); }());
        co_await aio::sleep(1);
        t.cancel();
        CHECK_THROWS_AS(co_await t, aio::cancelled_error);
    };
    aio_test::run(main());
}

TEST_CASE("timeout scope: expiry, reschedule and expired()", "[timeout]") {
    auto main = []() -> aio::coro<void> {
        bool expired = false;
        try {
            co_await aio::timeout(1.0, [&](aio::timeout_scope& scope) -> aio::coro<void> {
                struct note {
                    aio::timeout_scope& s;
                    bool& flag;
                    ~note() { flag = s.expired(); }
                } n{scope, expired};
                co_await aio::sleep(5);
            });
            FAIL("expected timeout");
        } catch (const aio::timeout_error&) {
        }
        CHECK(expired);
        CHECK(aio::time() == 1.0);

        int v = co_await aio::timeout(1.0, [](aio::timeout_scope& scope) -> aio::coro<int> {
            scope.reschedule(aio::time() + 3);
            CHECK(scope.when() == Approx(aio::time() + 3));
            co_await aio::sleep(2);
            co_return 5;
        });
        CHECK(v == 5);
        CHECK(aio::time() == 3.0);

        int unlimited = co_await aio::timeout(std::nullopt, []() -> aio::coro<int> {
            co_await aio::sleep(100);
            co_return 1;
        });
        CHECK(unlimited == 1);

        CHECK_THROWS_AS(co_await aio::timeout_at(aio::time() - 1, []() -> aio::coro<void> { co_await aio::sleep(1); }),
                        aio::timeout_error);
    };
    aio_test::run(main());
}

TEST_CASE("other exceptions leave a timeout scope unchanged", "[timeout]") {
    auto main = []() -> aio::coro<void> {
        CHECK_THROWS_AS(co_await aio::timeout(5.0, []() -> aio::coro<int> { co_return co_await fail_after(1); }),
                        std::runtime_error);
        CHECK(aio::current_task().cancelling() == 0);
    };
    aio_test::run(main());
}

TEST_CASE("nested timeouts: the inner one fires first and only it becomes a timeout", "[timeout]") {
    auto main = []() -> aio::coro<void> {
        bool inner_timed_out = false;
        co_await aio::timeout(10.0, [&]() -> aio::coro<void> {
            try {
                co_await aio::timeout(1.0, []() -> aio::coro<void> { co_await aio::sleep(5); });
            } catch (const aio::timeout_error&) {
                inner_timed_out = true;
            }
            co_await aio::sleep(1);
        });
        CHECK(inner_timed_out);
        CHECK(aio::time() == 2.0);
    };
    aio_test::run(main());
}

TEST_CASE("as_completed yields results in completion order", "[as_completed]") {
    auto main = []() -> aio::coro<void> {
        std::vector<aio::coro<int>> work;
        work.push_back(after(3, 3));
        work.push_back(after(1, 1));
        work.push_back(after(2, 2));
        std::vector<int> order;
        std::vector<double> times;
        for (auto next : aio::as_completed(std::move(work))) {
            int v = co_await next;
            order.push_back(v);
            times.push_back(aio::time());
        }
        CHECK(order == std::vector<int>{1, 2, 3});
        CHECK(times == std::vector<double>{1, 2, 3});
    };
    aio_test::run(main());
}

TEST_CASE("as_completed rethrows a failure at its turn and times out", "[as_completed]") {
    auto main = []() -> aio::coro<void> {
        std::vector<aio::task<int>> tasks{aio::create_task(fail_after(1)), aio::create_task(after(2, 2)),
                                          aio::create_task(after(10, 3))};
        auto ac = aio::as_completed(tasks, 5.0);
        CHECK(ac.size() == 3);
        CHECK_THROWS_WITH(co_await ac.next(), "failed");
        int second = co_await ac.next();
        CHECK(second == 2);
        CHECK_THROWS_AS(co_await ac.next(), aio::timeout_error);
        CHECK(aio::time() == 5.0);
        tasks[2].cancel();
    };
    aio_test::run(main());
}

TEST_CASE("shield keeps the inner task running when the awaiter is cancelled", "[shield][cancel]") {
    auto main = []() -> aio::coro<void> {
        auto inner = aio::create_task(after(3, 8));
        auto waiter = aio::create_task([](aio::task<int> t) -> aio::coro<int> { co_return co_await aio::shield(t); }(inner));
        co_await aio::sleep(1);
        waiter.cancel();
        CHECK_THROWS_AS(co_await waiter, aio::cancelled_error);
        CHECK_FALSE(inner.done());
        int v = co_await inner;
        CHECK(v == 8);
        int direct = co_await aio::shield(after(1, 4));
        CHECK(direct == 4);
    };
    aio_test::run(main());
}

TEST_CASE("wait, wait_for, shield and as_completed take any awaitable, wrapped in a task", "[wait][wait_for][shield][as_completed]") {
    auto main = []() -> aio::coro<void> {
        std::vector<aio::detail::sleep_result_awaiter<int>> naps;
        naps.push_back(aio::sleep(3, 30));
        naps.push_back(aio::sleep(1, 10));
        auto [done, pending] = co_await aio::wait(std::move(naps), aio::return_when::first_completed);
        REQUIRE(done.size() == 1);
        REQUIRE(pending.size() == 1);
        CHECK(done[0].result() == 10);
        CHECK(aio::time() == 1.0);
        int last = co_await pending[0];
        CHECK(last == 30);
        CHECK(aio::time() == 3.0);

        CHECK_THROWS_AS(co_await aio::wait_for(aio::sleep(5), 1.0), aio::timeout_error);
        CHECK(aio::time() == 4.0);
        int in_time = co_await aio::wait_for(aio::sleep(1, 7), 2.0);
        CHECK(in_time == 7);
        CHECK(aio::time() == 5.0);

        // shield(sleep): the sleep goes on in its task when the awaiter is cancelled.
        auto shielded = aio::shield(aio::sleep(2, 8));
        auto waiter = aio::create_task([](aio::future<int> f) -> aio::coro<int> { co_return co_await f; }(shielded));
        co_await aio::sleep(1);
        waiter.cancel();
        CHECK_THROWS_AS(co_await waiter, aio::cancelled_error);
        CHECK(aio::time() == 6.0);

        std::vector<aio::detail::sleep_result_awaiter<int>> more;
        more.push_back(aio::sleep(2, 2));
        more.push_back(aio::sleep(1, 1));
        std::vector<int> order;
        for (auto next : aio::as_completed(std::move(more))) order.push_back(co_await next);
        CHECK(order == std::vector<int>{1, 2});
        CHECK(aio::time() == 8.0);
    };
    aio_test::run(main());
}
