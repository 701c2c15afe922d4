// gather: order, errors, return_exceptions, ranges and cancellation.
#include "support.hpp"

#include <stdexcept>

using aio_test::after;
using aio_test::fail_after;

TEST_CASE("gather returns results in argument order, not completion order", "[gather]") {
    auto main = []() -> aio::coro<void> {
        auto [a, b, c] = co_await aio::gather(after(3, 1), after(1, 2), after(2, 0.5));
        CHECK(a == 1);
        CHECK(b == 2);
        CHECK(c == 0.5);
        CHECK(aio::time() == 3.0);  // concurrent: the longest, not the sum
    };
    aio_test::run(main());
}

TEST_CASE("gather accepts coroutines, tasks and futures, with void results as monostate", "[gather]") {
    auto main = []() -> aio::coro<void> {
        auto t = aio::create_task(after(1, 7));
        auto f = aio::create_future<std::string>();
        aio::get_running_loop().call_later(2, [f] { f.set_result("future"); });
        auto nothing = []() -> aio::coro<void> { co_await aio::sleep(0.5); };
        auto [x, y, z] = co_await aio::gather(t, f, nothing());
        CHECK(x == 7);
        CHECK(y == "future");
        CHECK(std::is_same_v<decltype(z), std::monostate>);
    };
    aio_test::run(main());
}

TEST_CASE("gather over a range returns a vector in order", "[gather]") {
    auto main = []() -> aio::coro<void> {
        // More children than one block of the gather's bookkeeping holds (ten), finishing last to first.
        std::vector<aio::coro<double>> work;
        std::vector<double> expected;
        for (int i = 0; i < 23; ++i) {
            work.push_back(after(23 - i, double(i)));
            expected.push_back(i);
        }
        std::vector<double> results = co_await aio::gather(std::move(work));
        CHECK(results == expected);
        std::vector<aio::coro<double>> none;
        auto empty = co_await aio::gather(std::move(none));
        CHECK(empty.empty());
    };
    aio_test::run(main());
}

TEST_CASE("the first error propagates at once while siblings keep running", "[gather][errors]") {
    auto main = []() -> aio::coro<void> {
        bool sibling_finished = false;
        auto sibling = [](bool& flag) -> aio::coro<int> {
            co_await aio::sleep(5);
            flag = true;
            co_return 1;
        };
        auto s = aio::create_task(sibling(sibling_finished));
        try {
            co_await aio::gather(s, fail_after(1, "first"), fail_after(2, "second"));
            FAIL("gather should have thrown");
        } catch (const std::runtime_error& e) {
            CHECK(std::string(e.what()) == "first");
            CHECK(aio::time() == 1.0);
        }
        CHECK_FALSE(s.done());
        co_await s;
        CHECK(sibling_finished);
        CHECK(aio::time() == 5.0);
    };
    aio_test::run(main());
}

TEST_CASE("gather with return_exceptions gives a result per entry", "[gather][errors]") {
    auto main = []() -> aio::coro<void> {
        auto [bad, good] = co_await aio::gather(aio::return_exceptions, fail_after(1, "oops"), after(2, 1));
        CHECK_FALSE(bad.has_value());
        CHECK(bad.error_is<std::runtime_error>());
        CHECK(bad.error_message() == "oops");
        CHECK_THROWS_WITH(bad.value(), "oops");
        REQUIRE(good.has_value());
        CHECK(good.value() == 1);

        std::vector<aio::coro<int>> many;
        many.push_back(fail_after(1, "x"));
        many.push_back([]() -> aio::coro<int> { co_return 5; }());
        auto results = co_await aio::gather(aio::return_exceptions, std::move(many));
        REQUIRE(results.size() == 2);
        CHECK(results[0].error_message() == "x");
        CHECK(results[1].value() == 5);
    };
    aio_test::run(main());
}

TEST_CASE("a cancelled child fails a plain gather; with return_exceptions it is an entry", "[gather][cancel]") {
    auto main = []() -> aio::coro<void> {
        auto victim = aio::create_task(after(10, 1));
        aio::get_running_loop().call_later(1, [victim] { victim.cancel(); });
        CHECK_THROWS_AS(co_await aio::gather(victim, after(2, 2)), aio::cancelled_error);

        // asyncio: the gather raises the child's own CancelledError, message included.
        auto messaged = aio::create_task(after(10, 1));
        aio::get_running_loop().call_later(1, [messaged] { messaged.cancel("child message"); });
        std::string seen = "(none)";
        try {
            co_await aio::gather(messaged, after(2, 2));
        } catch (const aio::cancelled_error& e) {
            seen = e.message();
        }
        CHECK(seen == "child message");

        auto victim2 = aio::create_task(after(10, 1));
        aio::get_running_loop().call_later(1, [victim2] { victim2.cancel(); });
        auto [r1, r2] = co_await aio::gather(aio::return_exceptions, victim2, after(2, 2));
        CHECK(r1.error_is<aio::cancelled_error>());
        CHECK(r2.value() == 2);
    };
    aio_test::run(main());
}

TEST_CASE("cancelling the gather cancels every child", "[gather][cancel]") {
    auto main = []() -> aio::coro<void> {
        auto a = aio::create_task(after(10, 1));
        auto b = aio::create_task(after(10, 2));
        auto g = aio::gather(a, b);
        co_await aio::sleep(1);
        CHECK(g.cancel("stop"));
        std::string seen = "(none)";
        try {
            co_await g;
        } catch (const aio::cancelled_error& e) {
            seen = e.message();
        }
        CHECK(seen == "stop");  // gather.cancel(msg) ends with that message, as asyncio's
        // asyncio too: the gather ends with its first child's CancelledError set as its
        // exception, so it is done but not cancelled().
        CHECK_FALSE(g.cancelled());
        CHECK(a.cancelled());
        CHECK(b.cancelled());
    };
    aio_test::run(main());
}

TEST_CASE("cancelling a gather over a range cancels every child, a repeated one included", "[gather][cancel]") {
    auto main = []() -> aio::coro<void> {
        std::vector<aio::task<int>> tasks;
        for (int i = 0; i < 23; ++i) tasks.push_back(aio::create_task(after(10 + i, i)));
        tasks.push_back(tasks[3]);  // twice: cancelled once
        auto g = aio::gather(tasks);
        co_await aio::sleep(1);
        CHECK(g.cancel());
        CHECK_THROWS_AS(co_await g, aio::cancelled_error);
        for (const auto& t : tasks) CHECK(t.cancelled());
        CHECK(aio::time() == 1.0);
    };
    aio_test::run(main());
}

TEST_CASE("cancelling a gather with return_exceptions ends it with CancelledError set, not cancelled", "[gather][cancel]") {
    auto main = []() -> aio::coro<void> {
        auto a = aio::create_task(after(10, 1));
        auto g = aio::gather(aio::return_exceptions, a);
        co_await aio::sleep(1);
        CHECK(g.cancel("stop"));
        std::string seen = "(none)";
        try {
            co_await g;
        } catch (const aio::cancelled_error& e) {
            seen = e.message();
        }
        CHECK(seen == "stop");
        // asyncio's _GatheringFuture: once every child is done, outer.set_exception(the
        // CancelledError): done, not cancelled(), and exception() hands it back.
        CHECK(g.done());
        CHECK_FALSE(g.cancelled());
        std::exception_ptr e = g.exception();
        CHECK_THROWS_AS(std::rethrow_exception(e), aio::cancelled_error);
        CHECK(a.cancelled());
    };
    aio_test::run(main());
}

TEST_CASE("cancelling the task that awaits a gather cancels the children", "[gather][cancel]") {
    auto main = []() -> aio::coro<void> {
        auto a = aio::create_task(after(10, 1));
        auto b = aio::create_task(after(10, 2));
        auto waiter = aio::create_task([](aio::task<int> x, aio::task<int> y) -> aio::coro<void> {
            co_await aio::gather(x, y);
        }(a, b));
        co_await aio::sleep(1);
        waiter.cancel();
        CHECK_THROWS_AS(co_await waiter, aio::cancelled_error);
        CHECK(a.cancelled());
        CHECK(b.cancelled());
        CHECK(aio::time() == 1.0);
    };
    aio_test::run(main());
}

TEST_CASE("errors of other children after the first are not reported as never retrieved", "[gather][errors]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    aio_test::captured_errors captured;
    captured.attach(loop);
    auto main = []() -> aio::coro<void> {
        try {
            co_await aio::gather(fail_after(1, "a"), fail_after(2, "b"));
        } catch (const std::runtime_error&) {
        }
        co_await aio::sleep(5);
    };
    loop.run(main());
    for (auto& e : captured.errors) UNSCOPED_INFO(e.message << " " << e.task_name);
    CHECK(captured.errors.empty());
}

namespace {
aio::coro<int> counted(int& runs, double delay, int value) {
    ++runs;
    co_await aio::sleep(delay);
    co_return value;
}
}  // namespace

TEST_CASE("gather takes any awaitable; the same one passed twice runs once, its result at both places", "[gather]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    aio_test::captured_errors captured;
    captured.attach(loop);
    auto main = []() -> aio::coro<void> {
        // aio::sleep beside a coroutine, wrapped in tasks as asyncio's ensure_future does.
        auto [s, x, r] = co_await aio::gather(aio::sleep(2), after(1, 3), aio::sleep(1, 42));
        CHECK(std::is_same_v<decltype(s), std::monostate>);
        CHECK(x == 3);
        CHECK(r == 42);
        CHECK(aio::time() == 2.0);

        int runs = 0;
        auto c = counted(runs, 1, 5);  // asyncio: gather(c, c) runs the coroutine once
        auto [p, q] = co_await aio::gather(std::move(c), std::move(c));
        CHECK(p == 5);
        CHECK(q == 5);
        CHECK(runs == 1);
        CHECK(aio::time() == 3.0);

        auto t = aio::create_task(counted(runs, 1, 6));
        auto same = t;  // another handle of the same task
        auto [t1, t2, t3] = co_await aio::gather(t, same, t);
        CHECK(t1 + t2 + t3 == 18);
        std::vector<aio::task<int>> both{t, t};
        auto twice = co_await aio::gather(std::move(both));
        CHECK(twice == std::vector<int>{6, 6});
        CHECK(runs == 2);

        auto nap = aio::sleep(1, std::string("nap"));
        auto [n1, n2] = co_await aio::gather(std::move(nap), std::move(nap));
        CHECK(n1 + n2 == "napnap");
        CHECK(aio::time() == 5.0);

        // An error passed twice: one entry each with return_exceptions; without it, raised once
        // (and not reported as never retrieved).
        auto bad = fail_after(1, "bad");
        auto [e1, e2] = co_await aio::gather(aio::return_exceptions, std::move(bad), std::move(bad));
        CHECK(e1.error_is<std::runtime_error>());
        CHECK(aio::describe(e2.error()) == "bad");
        auto worse = fail_after(1, "worse");
        CHECK_THROWS_WITH(co_await aio::gather(std::move(worse), std::move(worse)), "worse");
        CHECK(aio::time() == 7.0);
    };
    loop.run(main());
    for (auto& e : captured.errors) UNSCOPED_INFO(e.message << " " << e.task_name);
    CHECK(captured.errors.empty());
}
