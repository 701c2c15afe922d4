// 003 高级用法 3 (examples/python/t3_09_async_generator.py): an async generator.
// The snippet defines main() and never runs it, so this program prints nothing either.
#include <aio/aio.hpp>

#include <cstdio>

// async def async_generator(n):
aio::async_generator<int> async_generator(int n) {
    for (int i = 0; i < n; ++i) {
        co_await aio::sleep(0.5);
        co_yield i;
    }
}

aio::coro<void> main_() {
    auto items = async_generator(5);
    while (auto item = co_await items.next())  // async for item in async_generator(5):
        std::printf("%d\n", *item);
}

int main() { return 0; }  // the snippet never calls asyncio.run(main())
