// context_var: asyncio's contextvars rules for tasks and threads.
#include "support.hpp"

#include "aio/context_var.hpp"

#include <stdexcept>
#include <string>

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
