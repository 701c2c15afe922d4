#include "support.hpp"

#include <optional>
#include <stdexcept>
#include <string>

namespace {

aio::async_generator<int> ticker(int n, double delay) {
    for (int i = 0; i < n; ++i) {
        co_await aio::sleep(delay);
        co_yield i;
    }
}

// Records its destruction, to see cleanup of a generator left early.
struct sentinel {
    aio_test::journal* log;
    const char* what;
    ~sentinel() { (*log)(std::string(what) + " destroyed"); }
};

// The tutorial's class-based async iterator (__aiter__/__anext__).
struct AsyncCounter {
    int i = 0;
    int stop;
    explicit AsyncCounter(int stop_at) : stop(stop_at) {}
    aio::coro<std::optional<int>> next() {
        if (i >= stop) co_return std::nullopt;  // StopAsyncIteration
        co_await aio::sleep(0.1);
        co_return i++;
    }
};

}  // namespace

TEST_CASE("async generator: while-next loop gets every value and awaits inside the body", "[generator]") {
    auto main = []() -> aio::coro<double> {
        std::vector<int> got;
        auto gen = ticker(4, 1.0);
        while (auto v = co_await gen.next()) got.push_back(*v);
        CHECK(got == std::vector<int>{0, 1, 2, 3});
        CHECK(gen.finished());
        auto r1 = co_await gen.next();
        CHECK_FALSE(r1);  // stays exhausted
        co_return aio::time();
    };
    CHECK(aio_test::run(main()) == Approx(4.0));  // virtual clock: the sleeps really happened
}

TEST_CASE("async generator: runs on the consumer's task, interleaving with other tasks", "[generator][fifo]") {
    aio_test::journal log;
    auto other = [&]() -> aio::coro<void> {
        for (int i = 0; i < 3; ++i) {
            log("other " + std::to_string(i));
            co_await aio::sleep(1.0);
        }
    };
    auto main = [&]() -> aio::coro<void> {
        auto side = aio::create_task(other());
        auto gen = ticker(3, 0.5);
        while (auto v = co_await gen.next()) log("got " + std::to_string(*v));
        co_await side;
        CHECK(aio::current_task().valid());
    };
    aio_test::run(main());
    CHECK(log.lines == std::vector<std::string>{"other 0", "got 0", "other 1", "got 1", "got 2", "other 2"});
}

TEST_CASE("async generator: async_for helper, with and without break", "[generator]") {
    auto main = []() -> aio::coro<void> {
        std::vector<int> all;
        auto gen = ticker(3, 0.1);
        co_await aio::async_for(gen, [&](int v) -> aio::coro<void> {
            co_await aio::sleep(0.1);
            all.push_back(v);
        });
        CHECK(all == std::vector<int>{0, 1, 2});

        std::vector<int> some;
        auto gen2 = ticker(10, 0.1);
        co_await aio::async_for(gen2, [&](int v) -> aio::coro<bool> {
            some.push_back(v);
            co_return v < 2;  // false == break
        });
        CHECK(some == std::vector<int>{0, 1, 2});
        CHECK_FALSE(gen2.finished());  // left early, still suspended at its co_yield
    };
    aio_test::run(main());
}

TEST_CASE("async generator: leaving the loop early destroys it and runs its cleanup", "[generator]") {
    aio_test::journal log;
    auto numbers = [&]() -> aio::async_generator<int> {
        sentinel s{&log, "generator local"};
        for (int i = 0;; ++i) {
            co_await aio::sleep(1.0);
            co_yield i;
        }
    };
    auto main = [&]() -> aio::coro<void> {
        {
            auto gen = numbers();
            while (auto v = co_await gen.next()) {
                log("got " + std::to_string(*v));
                if (*v == 1) break;
            }
            log("left loop");
        }  // generator destroyed here, suspended at co_yield
        log("after scope");
        // A generator that was never started is destroyed without running anything.
        { auto unused = numbers(); }
        log("unused dropped");
    };
    aio_test::run(main());
    CHECK(log.lines == std::vector<std::string>{"got 0", "got 1", "left loop", "generator local destroyed",
                                                "after scope", "unused dropped"});
}

TEST_CASE("async generator: an exception in the body surfaces at the consumer's await", "[generator]") {
    auto failing = []() -> aio::async_generator<std::string> {
        co_yield "one";
        co_await aio::sleep(1.0);
        throw std::runtime_error("generator broke");
    };
    auto main = [&]() -> aio::coro<void> {
        auto gen = failing();
        auto first = co_await gen.next();
        REQUIRE(first);
        CHECK(*first == "one");
        bool caught = false;
        try {
            co_await gen.next();
        } catch (const std::runtime_error& e) {
            caught = std::string(e.what()) == "generator broke";
        }
        CHECK(caught);
        CHECK(gen.finished());
        auto r2 = co_await gen.next();
        CHECK_FALSE(r2);
    };
    aio_test::run(main());
}

TEST_CASE("async generator: athrow delivers an exception at the co_yield", "[generator]") {
    aio_test::journal log;
    auto resilient = [&]() -> aio::async_generator<int> {
        int value = 0;
        for (;;) {
            try {
                co_yield value;
            } catch (const std::runtime_error& e) {
                log(std::string("caught ") + e.what());
                value = -1;
                continue;
            }
            ++value;
        }
    };
    auto strict = []() -> aio::async_generator<int> {
        co_yield 1;
        co_yield 2;
    };
    auto main = [&]() -> aio::coro<void> {
        auto gen = resilient();
        auto r3 = co_await gen.next();
        CHECK(*r3 == 0);
        auto r4 = co_await gen.next();
        CHECK(*r4 == 1);
        // The body handles it and yields again: athrow gives that value.
        auto r5 = co_await gen.athrow(std::runtime_error("boom"));
        CHECK(*r5 == -1);
        auto r6 = co_await gen.next();
        CHECK(*r6 == 0);

        // Not handled: it propagates out of the body to the athrow caller.
        auto g2 = strict();
        auto r7 = co_await g2.next();
        CHECK(*r7 == 1);
        bool propagated = false;
        try {
            co_await g2.athrow(std::logic_error("unhandled"));
        } catch (const std::logic_error&) {
            propagated = true;
        }
        CHECK(propagated);
        CHECK(g2.finished());

        // Never started: raised at once, the generator is closed.
        auto g3 = strict();
        CHECK_THROWS_AS(co_await g3.athrow(std::logic_error("early")), std::logic_error);
        CHECK(g3.finished());
    };
    aio_test::run(main());
    CHECK(log.lines == std::vector<std::string>{"caught boom"});
}

TEST_CASE("async generator: aclose runs cleanup that awaits", "[generator]") {
    aio_test::journal log;
    auto resource = [&]() -> aio::async_generator<int> {
        std::exception_ptr stopping;
        try {
            for (int i = 0;; ++i) co_yield i;
        } catch (...) {
            stopping = std::current_exception();  // generator_exit
        }
        co_await aio::sleep(1.0);  // async cleanup (no co_await in a handler)
        log("cleaned up at " + std::to_string(aio::time()));
        std::rethrow_exception(stopping);
    };
    auto stubborn = []() -> aio::async_generator<int> {
        for (;;) {
            try {
                co_yield 1;
            } catch (const aio::generator_exit&) {
            }
        }
    };
    auto main = [&]() -> aio::coro<void> {
        auto gen = resource();
        auto r8 = co_await gen.next();
        CHECK(*r8 == 0);
        auto r9 = co_await gen.next();
        CHECK(*r9 == 1);
        co_await gen.aclose();
        CHECK(gen.finished());
        co_await gen.aclose();  // closing twice is fine
        auto r10 = co_await gen.next();
        CHECK_FALSE(r10);

        auto bad = stubborn();
        co_await bad.next();
        CHECK_THROWS_AS(co_await bad.aclose(), aio::invalid_state_error);
        CHECK(bad.finished());

        auto never = stubborn();
        co_await never.aclose();  // not started: just closed
        CHECK(never.finished());
    };
    aio_test::run(main());
    CHECK(log.lines == std::vector<std::string>{"cleaned up at 1.000000"});
}

TEST_CASE("async generator: cancelling the consumer reaches the generator's await", "[generator]") {
    aio_test::journal log;
    auto slow = [&]() -> aio::async_generator<int> {
        sentinel s{&log, "slow local"};
        co_yield 1;
        try {
            co_await aio::sleep(100.0);
        } catch (const aio::cancelled_error&) {
            log("generator saw cancel");
            throw;
        }
        co_yield 2;
    };
    auto consumer = [&]() -> aio::coro<void> {
        auto gen = slow();
        while (auto v = co_await gen.next()) log("got " + std::to_string(*v));
    };
    auto main = [&]() -> aio::coro<void> {
        auto t = aio::create_task(consumer());
        co_await aio::sleep(1.0);
        t.cancel();
        CHECK_THROWS_AS(co_await t, aio::cancelled_error);
    };
    aio_test::run(main());
    CHECK(log.lines == std::vector<std::string>{"got 1", "generator saw cancel", "slow local destroyed"});
}

TEST_CASE("async generator: next() while it is already running is an error", "[generator]") {
    auto main = []() -> aio::coro<void> {
        auto gen = ticker(3, 1.0);
        auto first = aio::create_task([](aio::async_generator<int>& g) -> aio::coro<int> {
            co_return *co_await g.next();
        }(gen));
        co_await aio::sleep(0.001);  // first is now inside the generator's sleep (whatever the schedule)
        CHECK_THROWS_AS(co_await gen.next(), aio::invalid_state_error);
        auto r11 = co_await first;
        CHECK(r11 == 0);
    };
    aio_test::run(main());
}

TEST_CASE("async iterator class: AsyncCounter works with the same loop forms", "[generator]") {
    auto main = []() -> aio::coro<void> {
        std::vector<int> got;
        AsyncCounter counter(3);
        while (auto v = co_await counter.next()) got.push_back(*v);
        CHECK(got == std::vector<int>{0, 1, 2});

        static_assert(std::is_same_v<aio::async_value_t<AsyncCounter>, int>);
        static_assert(std::is_same_v<aio::async_value_t<aio::async_generator<std::string>>, std::string>);
        int sum = 0;
        AsyncCounter again(5);
        co_await aio::async_for(again, [&](int v) -> aio::coro<void> {
            sum += v;
            co_return;
        });
        CHECK(sum == 10);
        CHECK(aio::time() == Approx(0.8));
    };
    aio_test::run(main());
}

TEST_CASE("async generator: deep chains of awaits inside the body stay stack-safe", "[generator]") {
    struct rec {
        static aio::coro<int> down(int n) {
            if (n == 0) co_return 0;
            co_return 1 + co_await down(n - 1);
        }
    };
    auto deep = []() -> aio::async_generator<int> {
        for (int i = 0; i < 3; ++i) co_yield co_await rec::down(20000);
    };
    auto main = [&]() -> aio::coro<int> {
        int total = 0;
        auto gen = deep();
        while (auto v = co_await gen.next()) total += *v;
        co_return total;
    };
    CHECK(aio_test::run(main()) == 60000);
}
