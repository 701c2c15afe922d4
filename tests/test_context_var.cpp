// context_var: asyncio's contextvars rules for tasks and threads.
#include "support.hpp"

#include "aio/context_var.hpp"
#include "aio/detail/context.hpp"

#include <stdexcept>
#include <string>
#include <utility>

TEST_CASE("context_var: get with and without a default, set and reset", "[contextvars][fidelity]") {
    static aio::context_var<int> level("level");
    static aio::context_var<std::string> who("who", "nobody");
    auto main = []() -> aio::coro<std::string> {
        CHECK_THROWS_AS(level.get(), std::out_of_range);  // LookupError
        CHECK(level.get(5) == 5);
        CHECK(who.get() == "nobody");
        auto t1 = level.set(1);
        auto t2 = level.set(2);
        CHECK(level.get() == 2);
        level.reset(t2);
        CHECK(level.get() == 1);
        CHECK_THROWS_AS(level.reset(t2), aio::invalid_state_error);  // a token works once
        level.reset(t1);
        CHECK(level.get(-1) == -1);  // back to unset
        who.set("main");
        aio::context_var<int> other("other");
        auto foreign = other.set(1);
        CHECK_THROWS_AS(level.reset(foreign), std::invalid_argument);
        co_return who.get();
    };
    CHECK(aio_test::run(main()) == "main");
}

TEST_CASE("context_var: each task starts with a copy of its creator's context", "[contextvars][fidelity][fifo]") {
    static aio::context_var<std::string> name("name", "-");
    aio_test::journal log;
    auto child = [&](std::string label) -> aio::coro<void> {
        log(label + " sees " + name.get());
        name.set(label);  // only this task's copy changes
        co_await aio::sleep(1);
        log(label + " still sees " + name.get());
    };
    auto main = [&]() -> aio::coro<void> {
        name.set("parent");
        auto a = aio::create_task(child("a"));
        name.set("parent2");  // after a was created: a keeps its copy
        auto b = aio::create_task(child("b"));
        co_await aio::sleep(0);
        log("parent sees " + name.get());
        co_await a;
        co_await b;
        log("parent ends with " + name.get());
    };
    aio_test::run(main());
    CHECK(log.lines == std::vector<std::string>{"a sees parent", "b sees parent2", "parent sees parent2",
                                                "a still sees a", "b still sees b", "parent ends with parent2"});
}

TEST_CASE("context_var: to_thread and run_in_executor carry the caller's context", "[contextvars][thread][fidelity]") {
    static aio::context_var<int> request("request");
    auto main = []() -> aio::coro<int> {
        request.set(7);
        int a = co_await aio::to_thread([] {
            int seen = request.get();
            request.set(100);  // the worker's copy, not the caller's
            return seen;
        });
        int b = co_await aio::run_in_executor(nullptr, [] { return request.get(0); });
        co_return a * 100 + b * 10 + request.get();
    };
    CHECK(aio_test::run(main()) == 777);
}

TEST_CASE("context_var: code outside any task uses the thread's context", "[contextvars][fidelity]") {
    static aio::context_var<int> outside("outside");
    auto token = outside.set(3);
    auto main = []() -> aio::coro<int> { co_return outside.get(0); };
    CHECK(aio_test::run(main()) == 3);  // the main task copied the context it was created in
    outside.reset(token);
    CHECK(outside.get(0) == 0);
}

// Python's Context.run: a swapped-in context takes the writes made while it is current; the
// code that swapped it in keeps its own values.
TEST_CASE("context_var: context_swap_current runs code in a given context", "[contextvars][fidelity]") {
    static aio::context_var<int> level("level");
    auto run_in = [](aio::detail::context_data*& ctx, int value) {
        aio::detail::context_data* previous = aio::detail::context_swap_current(std::exchange(ctx, nullptr));
        level.set(value);
        ctx = aio::detail::context_swap_current(previous);
    };
    auto value_in = [](const aio::detail::context_data* ctx) {
        for (auto& [key, value] : aio::detail::context_entries(ctx))
            if (key == &level) return *static_cast<const int*>(value.get());
        return -1;
    };
    SECTION("outside tasks") {
        auto token = level.set(1);
        aio::detail::context_data* snapshot = aio::detail::context_retain_current();
        run_in(snapshot, 2);
        CHECK(level.get() == 1);
        CHECK(value_in(snapshot) == 2);
        aio::detail::context_data* empty = nullptr;
        run_in(empty, 3);
        CHECK(value_in(empty) == 3);
        CHECK(level.get() == 1);
        aio::detail::context_release(snapshot);
        aio::detail::context_release(empty);
        level.reset(token);
    }
    SECTION("in a task, with the tasks it creates inheriting the swapped-in context") {
        auto main = [&]() -> aio::coro<int> {
            level.set(10);
            aio::detail::context_data* snapshot = aio::detail::context_retain_current();
            aio::detail::context_data* previous = aio::detail::context_swap_current(snapshot);
            level.set(20);
            auto child = aio::create_task([]() -> aio::coro<int> { co_return level.get(); }());
            snapshot = aio::detail::context_swap_current(previous);
            int seen = co_await child;
            int kept = value_in(snapshot);
            aio::detail::context_release(snapshot);
            co_return level.get() * 10000 + kept * 100 + seen;
        };
        CHECK(aio_test::run(main()) == 10 * 10000 + 20 * 100 + 20);
    }
    CHECK(aio::detail::context_entries(nullptr).empty());
}
