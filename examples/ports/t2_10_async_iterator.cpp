// 002 异步迭代器 (examples/python/t2_10_async_iterator.py).
#include <aio/aio.hpp>

#include <cstdio>
#include <optional>

// class AsyncIterator: __anext__ is next(); std::nullopt stands for StopAsyncIteration.
class AsyncIterator {
public:
    explicit AsyncIterator(int stop) : stop_(stop) {}  // def __init__(self, stop):

    aio::coro<std::optional<int>> next() {  // async def __anext__(self):
        if (current_ >= stop_) co_return std::nullopt;  // raise StopAsyncIteration

        co_await aio::sleep(0.5);  // 模拟IO操作
        current_ += 1;
        co_return current_;
    }

private:
    int stop_;
    int current_ = 0;
};

aio::coro<void> main_() {
    AsyncIterator numbers(5);
    while (auto number = co_await numbers.next())  // async for number in AsyncIterator(5):
        std::printf("%d\n", *number);
}

int main() { aio::run_main(main_()); }  // asyncio.run(main())
