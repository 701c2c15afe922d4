// asyncio fidelity of task creation: create_task(callable, args...) owns the callable.
#include "support.hpp"

#include <memory>
#include <string>

namespace {

// Marks itself dead when destroyed, so a task reading a dead capture is seen (not just UB).
struct witness {
    std::shared_ptr<bool> alive = std::make_shared<bool>(true);
    witness() = default;
    witness(const witness& o) : alive(std::make_shared<bool>(*o.alive)) {}
    witness(witness&& o) noexcept : alive(std::make_shared<bool>(*o.alive)) {}
    ~witness() { *alive = false; }
    bool ok() const { return *alive; }
};

aio::coro<std::string> greet(const std::string& who, int times) {
    co_await aio::sleep(1);
    std::string out;
    for (int i = 0; i < times; ++i) out += who;
    co_return out;
}

}  // namespace

TEST_CASE("create_task(callable): the task owns the lambda's captures and the arguments", "[task][fidelity]") {
    auto main = []() -> aio::coro<void> {
        // The lambda is a temporary: its captures must live in the task, not in this statement.
        auto t = aio::create_task([w = witness(), s = std::string("still here")]() -> aio::coro<std::string> {
            co_await aio::sleep(1);
            CHECK(w.ok());
            co_return s;
        });
        auto v = co_await t;
        CHECK(v == "still here");

        // Arguments are moved into the task too (greet takes a reference to the task's copy).
        auto g = aio::create_task(greet, std::string("ab"), 2);
        auto gv = co_await g;
        CHECK(gv == "abab");

        // void tasks and task groups.
        int ran = 0;
        co_await aio::with_task_group([&](aio::task_group& tg) -> aio::coro<void> {
            tg.create_task([&ran, w = witness()]() -> aio::coro<void> {
                co_await aio::sleep(1);
                if (w.ok()) ++ran;
            });
            auto two = tg.create_task(greet, std::string("x"), 3);
            co_await aio::sleep(0);
            CHECK_FALSE(two.done());
        });
        CHECK(ran == 1);
        CHECK(aio::time() == Approx(3.0));
    };
    aio_test::run(main());
}
