#include "support.hpp"

using namespace std::chrono_literals;

TEST_CASE("calling a coroutine function runs nothing until it is awaited", "[coro]") {
    int ran = 0;
    auto body = [&]() -> aio::coro<int> {
        ++ran;
        co_return 42;
    };
    auto main = [&]() -> aio::coro<int> {
        auto c = body();
        CHECK(ran == 0);
        int v = co_await c;
        CHECK(ran == 1);
        co_return v;
    };
    CHECK(aio_test::run(main()) == 42);
}
