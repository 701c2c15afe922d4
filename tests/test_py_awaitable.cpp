// The coroutine protocol's native half (wasm/python/awaitable.hpp): awaiting a NativeAwaitable
// from C++ inside aio on the virtual clock, reuse and non-awaitable errors, CancelledError.
#include "aio/aio.hpp"
#include "python/awaitable.hpp"
#include "python/exceptions.hpp"

#include <catch2/catch.hpp>

using namespace aio::py;

TEST_CASE("a NativeAwaitable runs its start() once when awaited", "[python]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    int starts = 0;
    Value a = new_awaitable("sleep", [&]() -> aio::coro<Value> {
        ++starts;
        co_await aio::sleep(2);
        co_return Value::integer(42);
    });
    CHECK(is_awaitable(a));
    CHECK(!is_awaitable(Value::integer(1)));
    CHECK(repr(a).rfind("<coroutine object sleep at 0x", 0) == 0);
    CHECK(type_name(a) == "coroutine");
    auto main = [&]() -> aio::coro<std::string> {
        Value v = co_await await_value(a);
        std::string second;
        try {
            co_await await_value(a);
        } catch (const Error& e) {
            second = e.what();
        }
        co_return repr(v) + "|" + second;
    };
    CHECK(loop.run(main()) == "42|RuntimeError: cannot reuse already awaited coroutine");
    CHECK(loop.time() == 2.0);
    CHECK(starts == 1);
}

TEST_CASE("awaiting a non-awaitable raises TypeError", "[python]") {
    auto main = []() -> aio::coro<std::string> {
        try {
            co_await await_value(Value::integer(3));
        } catch (const Error& e) {
            co_return e.what();
        }
        co_return "no error";
    };
    CHECK(aio::run(main()) == "TypeError: object int can't be used in 'await' expression");
}

TEST_CASE("asyncio.CancelledError is a BaseException", "[python]") {
    CHECK(cancelled_error_type.is_subtype_of(exc::BaseException));
    CHECK(!cancelled_error_type.is_subtype_of(exc::Exception));
    CHECK(cancelled_error_type.name == "CancelledError");
}
