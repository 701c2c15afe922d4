// task groups: structured waiting, first failure cancels the rest, every error reported.
#include "support.hpp"

#include <algorithm>
#include <stdexcept>

using aio_test::after;
using aio_test::fail_after;

TEST_CASE("a task group waits for every child and returns the body's value", "[task_group]") {
    auto main = []() -> aio::coro<void> {
        aio::task<int> a, b;
        int v = co_await aio::with_task_group([&](aio::task_group& tg) -> aio::coro<int> {
            a = tg.create_task(after(1, 1));
            b = tg.create_task(after(3, 2));
            CHECK(tg.pending() == 2);
            co_return 10;
        });
        CHECK(v == 10);
        CHECK(a.result() + b.result() == 3);
        CHECK(aio::time() == 3.0);
    };
    aio_test::run(main());
}

TEST_CASE("the first failure cancels the siblings and the body; errors come as a group", "[task_group][errors]") {
    aio_test::journal log;
    auto main = [&]() -> aio::coro<void> {
        aio::task<int> slow;
        try {
            co_await aio::with_task_group([&](aio::task_group& tg) -> aio::coro<void> {
                slow = tg.create_task(after(10, 1));
                tg.create_task(fail_after(1, "one"));
                tg.create_task(fail_after(1, "two"));
                try {
                    co_await aio::sleep(100);
                } catch (const aio::cancelled_error&) {
                    log("body cancelled");
                    throw;
                }
            });
            FAIL("expected exception_group");
        } catch (const aio::exception_group& group) {
            REQUIRE(group.exceptions().size() == 2);
            // In the order the tasks failed: at the same instant, so either under exploration.
            std::vector<std::string> errors{aio::describe(group.exceptions()[0]), aio::describe(group.exceptions()[1])};
            if (aio_test::exploring()) std::sort(errors.begin(), errors.end());
            CHECK(errors == std::vector<std::string>{"one", "two"});
            CHECK(std::string(group.what()).find("2 sub-exceptions") != std::string::npos);
        }
        CHECK(slow.cancelled());
        CHECK(aio::time() == 1.0);
        CHECK(aio::current_task().cancelling() == 0);  // the group took its own cancel back
    };
    aio_test::run(main());
    CHECK(log.lines == std::vector<std::string>{"body cancelled"});
}

TEST_CASE("an error in the body cancels the children and is reported in the group", "[task_group][errors]") {
    auto main = []() -> aio::coro<void> {
        aio::task<int> child;
        try {
            co_await aio::with_task_group([&](aio::task_group& tg) -> aio::coro<void> {
                child = tg.create_task(after(10, 1));
                co_await aio::sleep(1);
                throw std::logic_error("body");
            });
            FAIL("expected exception_group");
        } catch (const aio::exception_group& group) {
            REQUIRE(group.exceptions().size() == 1);
            CHECK(aio::describe(group.exceptions()[0]) == "body");
        }
        CHECK(child.cancelled());
    };
    aio_test::run(main());
}

TEST_CASE("cancelling the enclosing task cancels the children and propagates", "[task_group][cancel]") {
    auto main = []() -> aio::coro<void> {
        aio::task<int> child;
        auto outer = aio::create_task([](aio::task<int>& c) -> aio::coro<void> {
            co_await aio::with_task_group([&](aio::task_group& tg) -> aio::coro<void> {
                c = tg.create_task(after(10, 1));
                co_return;  // now waiting for the child in the exit
            });
        }(child));
        co_await aio::sleep(1);
        outer.cancel();
        CHECK_THROWS_AS(co_await outer, aio::cancelled_error);
        CHECK(child.cancelled());
        CHECK(aio::time() == 1.0);
    };
    aio_test::run(main());
}

TEST_CASE("a child failing while the group waits at exit cancels the others", "[task_group][errors]") {
    auto main = []() -> aio::coro<void> {
        aio::task<int> slow;
        CHECK_THROWS_AS(co_await aio::with_task_group([&](aio::task_group& tg) -> aio::coro<void> {
                            slow = tg.create_task(after(10, 1));
                            tg.create_task(fail_after(2, "late"));
                            co_return;
                        }),
                        aio::exception_group);
        CHECK(slow.cancelled());
        CHECK(aio::time() == 2.0);
    };
    aio_test::run(main());
}

TEST_CASE("create_task on a finished or aborting task group is an error", "[task_group][misuse]") {
    auto main = []() -> aio::coro<void> {
        aio::task_group* saved = nullptr;
        co_await aio::with_task_group([&](aio::task_group& tg) -> aio::coro<void> {
            saved = &tg;
            co_return;
        });
        (void)saved;  // the group object is gone with its scope; misuse is caught while it lives:
        CHECK_THROWS_AS(co_await aio::with_task_group([&](aio::task_group& tg) -> aio::coro<void> {
                            tg.create_task(fail_after(0, "x"));
                            co_await aio::sleep(1);  // cancelled by the failure
                        }),
                        aio::exception_group);
        bool refused = false;
        try {
            co_await aio::with_task_group([&](aio::task_group& tg) -> aio::coro<void> {
                tg.create_task(fail_after(0, "y"));
                try {
                    co_await aio::sleep(1);
                } catch (const aio::cancelled_error&) {
                    try {
                        tg.create_task(after(1, 1));
                    } catch (const aio::runtime_error& e) {  // asyncio: RuntimeError
                        refused = std::string(e.what()) == "TaskGroup <TaskGroup errors=1 cancelling> is shutting down";
                    }
                    throw;
                }
            });
        } catch (const aio::exception_group&) {
        }
        CHECK(refused);
    };
    aio_test::run(main());
}

// The asyncio way: `tg = TaskGroup(); async with tg: ...`, the group usable before and after.
TEST_CASE("a task_group object is entered by async_with, once, and readable after the block", "[task_group][misuse]") {
    auto main = []() -> aio::coro<void> {
        aio::task_group tg;
        CHECK(tg.repr() == "<TaskGroup>");
        CHECK_THROWS_MATCHES(tg.create_task(after(1, 1)), aio::runtime_error,
                             Catch::Matchers::Message("TaskGroup <TaskGroup> has not been entered"));
        aio::task<int> a, b;
        std::string inside, nested;
        int v = co_await aio::async_with(tg, [&]() -> aio::coro<int> {
            a = tg.create_task(after(1, 1));
            b = tg.create_task(after(3, 2));
            inside = tg.repr();
            try {
                co_await aio::async_with(tg, []() -> aio::coro<void> { co_return; });
            } catch (const aio::runtime_error& e) {  // asyncio: RuntimeError
                nested = e.what();
            }
            co_return 10;
        });
        CHECK(v == 10);
        CHECK(inside == "<TaskGroup tasks=2 entered>");
        CHECK(nested == "TaskGroup <TaskGroup tasks=2 entered> has already been entered");
        CHECK(a.result() + b.result() == 3);
        CHECK(aio::time() == 3.0);
        CHECK(tg.entered());
        CHECK(tg.pending() == 0);
        CHECK(tg.repr() == "<TaskGroup entered>");
        CHECK_THROWS_MATCHES(tg.create_task(after(1, 1)), aio::runtime_error,
                             Catch::Matchers::Message("TaskGroup <TaskGroup entered> is finished"));
        CHECK_THROWS_MATCHES(co_await aio::async_with(tg, []() -> aio::coro<void> { co_return; }), aio::runtime_error,
                             Catch::Matchers::Message("TaskGroup <TaskGroup entered> has already been entered"));
        CHECK(aio::time() == 3.0);
    };
    aio_test::run(main());
}

TEST_CASE("a task_group object: the first failure cancels the siblings and the body, then refuses tasks", "[task_group][errors]") {
    aio_test::journal log;
    auto main = [&]() -> aio::coro<void> {
        aio::task_group tg;
        aio::task<int> slow;
        std::string refused;
        try {
            // The body may take the group as its argument too (`async with tg as g`).
            co_await aio::async_with(tg, [&](aio::task_group& g) -> aio::coro<void> {
                slow = g.create_task([]() -> aio::coro<int> {  // cleans up for 0.5 s when cancelled
                    auto r = co_await aio::try_await(aio::sleep(10));
                    co_await aio::sleep(0.5);
                    r.value();
                    co_return 1;
                });
                g.create_task(fail_after(1, "one"));
                try {
                    co_await aio::sleep(100);
                } catch (const aio::cancelled_error&) {
                    log("body cancelled at " + std::to_string(aio::time()));
                    try {
                        g.create_task(after(1, 1));
                    } catch (const aio::runtime_error& e) {
                        refused = e.what();
                    }
                    throw;
                }
            });
            FAIL("expected exception_group");
        } catch (const aio::exception_group& group) {
            REQUIRE(group.exceptions().size() == 1);
            CHECK(aio::describe(group.exceptions()[0]) == "one");
            CHECK(std::string(group.what()).rfind("unhandled errors in a TaskGroup (1 sub-exception)", 0) == 0);
        }
        CHECK(refused == "TaskGroup <TaskGroup tasks=1 errors=1 cancelling> is shutting down");
        CHECK(slow.cancelled());
        CHECK(aio::time() == 1.5);
        CHECK(tg.cancelling());
        CHECK(tg.repr() == "<TaskGroup cancelling>");  // asyncio drops the errors once raised
        CHECK(aio::current_task().cancelling() == 0);  // the group took its own cancel back
    };
    aio_test::run(main());
    CHECK(log.lines == std::vector<std::string>{"body cancelled at 1.000000"});
}

TEST_CASE("cancelling the task inside a task_group object's block cancels the children and propagates", "[task_group][cancel]") {
    auto main = []() -> aio::coro<void> {
        aio::task_group tg;
        aio::task<int> child;
        auto outer = aio::create_task([](aio::task_group& g, aio::task<int>& c) -> aio::coro<void> {
            co_await aio::async_with(g, [&]() -> aio::coro<void> {
                c = g.create_task(after(10, 1));
                co_await aio::sleep(5);
            });
        }(tg, child));
        co_await aio::sleep(2);
        outer.cancel();
        CHECK_THROWS_AS(co_await outer, aio::cancelled_error);
        CHECK(child.cancelled());
        CHECK(aio::time() == 2.0);
        CHECK(tg.repr() == "<TaskGroup cancelling>");
    };
    aio_test::run(main());
}
