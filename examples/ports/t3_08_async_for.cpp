// 003 高级用法 2 (examples/python/t3_08_async_for.py): an async iterator class.
// The snippet defines main() and never runs it, so this program prints nothing either.
#include <aio/aio.hpp>

#include <cstdio>
#include <optional>

// class AsyncCounter: __anext__ is next(); std::nullopt stands for StopAsyncIteration.
class AsyncCounter {
public:
    explicit AsyncCounter(int stop) : stop_(stop) {}  // def __init__(self, stop):

    aio::coro<std::optional<int>> next() {  // async def __anext__(self):
        if (current_ < stop_) {
            co_await aio::sleep(0.5);
            current_ += 1;
            co_return current_;
        }
        co_return std::nullopt;  // raise StopAsyncIteration
    }

private:
    int current_ = 0;
    int stop_;
};

aio::coro<void> main_() {
    AsyncCounter counter(5);
    while (auto i = co_await counter.next())  // async for i in AsyncCounter(5):
        std::printf("%d\n", *i);
}

int main() { return 0; }  // the snippet never calls asyncio.run(main())
