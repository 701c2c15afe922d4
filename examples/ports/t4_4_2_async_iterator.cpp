// 004 §4.2 异步迭代器 (examples/python/t4_4_2_async_iterator.py).
// The snippet defines iterate() and never runs it, so this program prints nothing either.
#include <aio/aio.hpp>

#include <cstdio>
#include <optional>

// class AsyncIterator: __anext__ is next(); std::nullopt stands for StopAsyncIteration.
class AsyncIterator {
public:
    explicit AsyncIterator(int max_count) : max_count_(max_count) {}  // def __init__(self, max_count):

    aio::coro<std::optional<int>> next() {  // async def __anext__(self):
        if (current_ >= max_count_) co_return std::nullopt;  // raise StopAsyncIteration
        co_await aio::sleep(0.5);
        current_ += 1;
        co_return current_;
    }

private:
    int max_count_;
    int current_ = 0;
};

// async def iterate():
aio::coro<void> iterate() {
    AsyncIterator items(5);
    while (auto item = co_await items.next())  // async for item in AsyncIterator(5):
        std::printf("Item: %d\n", *item);
}

int main() { return 0; }  // the snippet never runs iterate()
