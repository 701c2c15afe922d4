// asyncio fidelity of async generators: asend, the aiter/anext protocol, finalization at shutdown.
// Expected orders recorded from CPython 3.11 (the Python programs are quoted next to each case).
#include "support.hpp"

#include <optional>
#include <string>
#include <vector>

namespace {

// async def echo():
//     x = yield 1; print("got", x); y = yield 2; print("got", y)
aio::async_generator<int, std::string> echo(aio_test::journal& log) {
    std::optional<std::string> x = co_yield 1;
    log("got " + x.value_or("None"));
    std::optional<std::string> y = co_yield 2;
    log("got " + y.value_or("None"));
}

// An iterable class (Python's __aiter__ making a fresh iterator whose __anext__ counts up).
struct Countdown {
    int from;
    int* aiter_calls;
    struct iterator {
        int left;
        aio::coro<std::optional<int>> anext() {
            if (left == 0) co_return std::nullopt;
            co_await aio::sleep(1);
            co_return left--;
        }
    };
    iterator aiter() {
        ++*aiter_calls;
        return iterator{from};
    }
};

}  // namespace

TEST_CASE("async generator: asend delivers values to co_yield; a first non-empty send is refused", "[generator][fidelity]") {
    // python3: TypeError can't send non-None value to a just-started async generator / 1 /
    // got hi / 2 / got bye / StopAsyncIteration / dflt / StopAsyncIteration; anext(b) 1, got None, 2
    aio_test::journal log;
    auto main = [&]() -> aio::coro<void> {
        auto a = echo(log);
        bool refused = false;
        try {
            co_await a.asend("5");
        } catch (const aio::type_error& e) {  // a std::invalid_argument
            refused = std::string(e.what()) == "can't send non-None value to a just-started async generator";
        }
        CHECK(refused);
        CHECK_THROWS_AS(co_await a.asend("6"), std::invalid_argument);
        CHECK_FALSE(a.finished());  // still usable, still unstarted
        auto first = co_await a.next();  // asend(None)
        CHECK(first == 1);
        auto second = co_await a.asend("hi");
        CHECK(second == 2);
        auto end = co_await a.asend("bye");
        CHECK_FALSE(end);  // StopAsyncIteration
        auto dflt = co_await aio::anext(a, -1);
        CHECK(dflt == -1);
        CHECK_THROWS_AS(co_await aio::anext(a), aio::stop_async_iteration);

        auto b = echo(log);
        auto b1 = co_await aio::anext(b);
        CHECK(b1 == 1);
        auto b2 = co_await b.next();  // asend(None): the co_yield gives std::nullopt
        CHECK(b2 == 2);
    };
    aio_test::run(main());
    CHECK(log.lines == std::vector<std::string>{"got hi", "got bye", "got None"});
}

TEST_CASE("async iteration: aiter() is called once, then anext() until exhaustion", "[generator][fidelity]") {
    auto main = []() -> aio::coro<void> {
        int calls = 0;
        Countdown three{3, &calls};
        std::vector<int> seen;
        co_await aio::async_for(three, [&](int v) -> aio::coro<void> {
            seen.push_back(v);
            co_return;
        });
        CHECK(seen == std::vector<int>{3, 2, 1});
        CHECK(calls == 1);
        // A temporary iterable is kept alive by async_for itself.
        co_await aio::async_for(Countdown{2, &calls}, [&](int v) -> aio::coro<void> {
            seen.push_back(v);
            co_return;
        });
        CHECK(seen == std::vector<int>{3, 2, 1, 2, 1});
        CHECK(calls == 2);
        // By hand: it = aiter(x); anext(it), anext(it, default).
        auto it = aio::aiter(three);
        CHECK(calls == 3);
        auto v1 = co_await aio::anext(it);
        CHECK(v1 == 3);
        auto v2 = co_await aio::anext(it, 0);
        CHECK(v2 == 2);
        auto v3 = co_await aio::anext(it, 0);
        CHECK(v3 == 1);
        auto v4 = co_await aio::anext(it, 0);
        CHECK(v4 == 0);
        CHECK_THROWS_AS(co_await aio::anext(it), aio::stop_async_iteration);
        static_assert(std::is_same_v<aio::async_value_t<Countdown>, int>);
        // An async generator is its own iterator.
        aio_test::journal unused;
        auto gen = echo(unused);
        CHECK(&aio::aiter(gen) == &gen);
        CHECK(aio::time() == Approx(8.0));
    };
    aio_test::run(main());
}

namespace {
// async def gen(name):
//     try:
//         for i in range(100): yield i
//     finally:
//         print(name, "finally start"); await asyncio.sleep(0.1); print(name, "finally end")
aio::async_generator<int> guarded(aio_test::journal& log, std::string name) {
    std::exception_ptr stopping;
    try {
        for (int i = 0; i < 100; ++i) co_yield i;
    } catch (...) {
        stopping = std::current_exception();
    }
    log(name + " finally start");
    co_await aio::sleep(0.1);
    log(name + " finally end at " + std::to_string(aio::time()));
    if (stopping) std::rethrow_exception(stopping);
}
}  // namespace

TEST_CASE("async generator: run() closes generators still suspended at a co_yield after main returns", "[generator][fidelity][fifo]") {
    // python3 (3.11): keep.append(g); await anext(g); create_task(consumer()) where consumer does
    // `async for x in gen("c"): print("c got", x); await asyncio.sleep(10)`; sleep(0); main done:
    //   c got 0 / main done / c finally start / kept finally start / c finally end / kept finally end
    // (asyncio closes them concurrently in a WeakSet's order; aio in the order they started).
    aio_test::journal log;
    std::optional<aio::async_generator<int>> kept;  // outlives main, like Python's global list
    aio_test::captured_errors errors;
    auto consumer = [&]() -> aio::coro<void> {
        auto gen = guarded(log, "c");
        co_await aio::async_for(gen, [&](int x) -> aio::coro<void> {
            log("c got " + std::to_string(x));
            co_await aio::sleep(10);
        });
    };
    auto main = [&]() -> aio::coro<void> {
        kept.emplace(guarded(log, "kept"));
        auto first = co_await kept->next();
        CHECK(first == 0);
        auto background = aio::create_task(consumer());  // still in its loop body when main returns
        co_await aio::sleep(0);
        log("main done");
    };
    {
        aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
        errors.attach(loop);
        loop.run(main());
    }
    CHECK(log.lines == std::vector<std::string>{"c got 0", "main done", "kept finally start", "c finally start",
                                                "kept finally end at 0.100000", "c finally end at 0.100000"});
    CHECK(errors.errors.empty());
    CHECK(kept->finished());
    kept.reset();  // the frame outlived its loop: destroyed by its owner as usual

    // A generator that ignores generator_exit is reported, like asyncio's "an error occurred
    // during closing of asynchronous generator".
    std::optional<aio::async_generator<int>> stubborn;
    auto main2 = [&]() -> aio::coro<void> {
        stubborn.emplace([]() -> aio::async_generator<int> {
            for (;;) {
                try {
                    co_yield 1;
                } catch (const aio::generator_exit&) {
                }
            }
        }());
        co_await stubborn->next();
    };
    {
        aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
        errors.attach(loop);
        loop.run(main2());
    }
    REQUIRE(errors.errors.size() == 1);
    CHECK(errors.errors[0].message == "an error occurred during closing of asynchronous generator");
    stubborn.reset();
}
