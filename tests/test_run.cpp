// aio::run is asyncio.run on every host (wasm included: it returns main's value); aio::run_main is
// a program's entry point (in wasm it hands the loop to the host and exits the process).
#include "support.hpp"

#ifdef __EMSCRIPTEN__
#include "aio/js.hpp"
#endif

#include <stdexcept>
#include <string>

namespace {

aio::coro<int> answer_later(double seconds) {
    co_await aio::sleep(seconds);
    co_return 42;
}

aio::coro<void> fails_later() {
    co_await aio::sleep(1);
    throw std::runtime_error("main failed");
}

}  // namespace

TEST_CASE("aio::run returns main's value, rethrows its error and cleans up, on every host", "[run]") {
    const aio::loop_options virtual_clock{.clock = aio::clock_kind::virtual_time};
    CHECK(aio::run(answer_later(5), virtual_clock) == 42);
    CHECK_THROWS_WITH(aio::run(fails_later(), virtual_clock), "main failed");

    // Leftover tasks are cancelled and awaited before run returns; the loop is gone after it.
    bool cleaned = false;
    auto main = [&]() -> aio::coro<double> {
        aio::create_task([&]() -> aio::coro<void> {
            try {
                co_await aio::sleep(100);
            } catch (const aio::cancelled_error&) {
                cleaned = true;
                throw;
            }
        });
        co_await aio::sleep(2);
        co_return aio::time();
    };
    CHECK(aio::run(main(), virtual_clock) == 2.0);
    CHECK(cleaned);
    CHECK_THROWS_AS(aio::get_running_loop(), aio::runtime_error);
}

#ifdef __EMSCRIPTEN__
TEST_CASE("aio::run in wasm: host I/O cannot complete in its self-driven loop and says so", "[run][wasm]") {
    auto main = []() -> aio::coro<void> { co_await aio::js::await_promise(emscripten::val(1)); };
    try {
        aio::run(main());
        FAIL("no error");
    } catch (const aio::invalid_state_error& e) {
        CHECK_THAT(e.what(), Catch::Contains("aio::run_main"));
    }
}
#endif

#ifndef __EMSCRIPTEN__  // setenv: the wasm aio_tests reads no host environment
namespace {
// Sets AIO_CLOCK for one scope, then removes it (no test outside this one sees it).
struct clock_variable {
    explicit clock_variable(const char* value) { setenv("AIO_CLOCK", value, 1); }
    ~clock_variable() { unsetenv("AIO_CLOCK"); }
};

aio::coro<aio::clock_kind> running_clock() { co_return aio::get_running_loop().clock(); }

aio::coro<double> time_after(double seconds) {
    const double start = aio::get_running_loop().time();
    co_await aio::sleep(seconds);
    co_return aio::get_running_loop().time() - start;
}
}  // namespace

TEST_CASE("AIO_CLOCK=virtual puts aio::run on the virtual clock; other values are refused", "[run]") {
    {
        clock_variable on("virtual");
        CHECK(aio::with_environment_clock({}).clock == aio::clock_kind::virtual_time);
        CHECK(*aio::with_environment_clock({.speed = 2.0}).speed == 2.0);  // the speed is kept
        REQUIRE(aio::run(running_clock()) == aio::clock_kind::virtual_time);
        CHECK(aio::run(time_after(3600)) == 3600.0);  // an hour of timers, exact (and at once)
    }
    {
        clock_variable off("real");
        CHECK(aio::with_environment_clock({}).clock == aio::clock_kind::real);
        CHECK(aio::run(running_clock()) == aio::clock_kind::real);
        CHECK(aio::with_environment_clock({.clock = aio::clock_kind::virtual_time}).clock == aio::clock_kind::virtual_time);
    }
    {
        clock_variable bad("fast");
        CHECK_THROWS_AS(aio::with_environment_clock({}), std::invalid_argument);
        CHECK_THROWS_WITH(aio::run(time_after(1)), "AIO_CLOCK must be 'virtual' or 'real', not 'fast'");
    }
    CHECK(aio::with_environment_clock({}).clock == aio::clock_kind::real);  // unset
}
#endif
