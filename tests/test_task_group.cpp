// task groups: structured waiting, first failure cancels the rest, every error reported.
#include "support.hpp"

#include <algorithm>
#include <stdexcept>

namespace {
aio::coro<int> after(double delay, int value) {
    co_await aio::sleep(delay);
    co_return value;
}
aio::coro<int> fail_after(double delay, std::string message) {
    co_await aio::sleep(delay);
    throw std::runtime_error(message);
}
}  // namespace

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
                        refused = std::string(e.what()) == "TaskGroup is shutting down";
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
