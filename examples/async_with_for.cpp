// `async with` and `async for`: an async context manager whose enter and exit await, an async
// iterator class, and an async generator.
// Tutorials: 003 高级用法 1-3 (AsyncResource, AsyncCounter(5), async_generator(5)); 002 异步上下文
// 管理器 (AsyncContextManager) and 异步迭代器 (AsyncIterator(5)); 004 §4.1 异步上下文管理器 and
// §4.2 异步迭代器; 002 最佳实践 6.
#include "lib/example.hpp"

#include <exception>
#include <optional>
#include <stdexcept>

namespace {

using aio_examples::context;

// class AsyncResource: __aenter__ / __aexit__ are aenter() / aexit(error).
class AsyncResource {
public:
    AsyncResource(context& out, double seconds) : out_(out), seconds_(seconds) {}

    aio::coro<AsyncResource*> aenter() {  // async def __aenter__(self): ... return self
        out_.log("Acquiring resource");
        co_await aio::sleep(seconds_);
        co_return this;
    }
    aio::coro<bool> aexit(std::exception_ptr error) {  // async def __aexit__(self, exc_type, exc, tb):
        out_.log(error ? "Releasing resource (after an error)" : "Releasing resource");
        co_await aio::sleep(seconds_);
        co_return false;  // do not swallow the error
    }

private:
    context& out_;
    double seconds_;
};

// class AsyncCounter: __anext__ is next(); std::nullopt is StopAsyncIteration.
class AsyncCounter {
public:
    AsyncCounter(int stop, double step) : stop_(stop), step_(step) {}

    aio::coro<std::optional<int>> next() {
        if (current_ < stop_) {
            co_await aio::sleep(step_);
            co_return ++current_;
        }
        co_return std::nullopt;  // raise StopAsyncIteration
    }

private:
    int current_ = 0;
    int stop_;
    double step_;
};

// async def async_generator(n): for i in range(n): await asyncio.sleep(0.5); yield i
aio::async_generator<int> async_generator(int n, double step) {
    for (int i = 0; i < n; ++i) {
        co_await aio::sleep(step);
        co_yield i;
    }
}

aio::coro<void> main_(context& out) {
    const double step = out.number("step");
    const int count = out.integer("count");

    AsyncResource resource(out, out.number("resource_seconds"));
    // async with AsyncResource() as resource: ...
    co_await aio::async_with(resource, [&](AsyncResource*) -> aio::coro<void> {
        out.log("Using resource");
        co_await aio::sleep(out.number("use_seconds"));
    });
    // The exit runs on an error too, and the error goes on.
    try {
        co_await aio::async_with(resource, [&](AsyncResource*) -> aio::coro<void> {
            out.log("Using resource, then failing");
            throw std::runtime_error("something went wrong");
            co_return;
        });
    } catch (const std::runtime_error& e) {
        out.log(std::string("the error after the exit: ") + e.what());
    }

    AsyncCounter counter(count, step);
    while (auto i = co_await counter.next())  // async for i in AsyncCounter(5):
        out.log("AsyncCounter: " + std::to_string(*i));

    auto items = async_generator(count, step);
    while (auto item = co_await items.next())  // async for item in async_generator(5):
        out.log("async_generator: " + std::to_string(*item));

    // The same loop with a body coroutine: aio::async_for (it takes the iterator by reference).
    auto more = async_generator(2, step);
    co_await aio::async_for(more, [&](int item) -> aio::coro<void> {
        out.log("async_for: " + std::to_string(item));
        co_return;
    });
}

const aio_examples::example_info info{"async_with_for", main_, nullptr,
                                      {{"resource_seconds", "0.5", "seconds __aenter__ and __aexit__ each await"},
                                       {"use_seconds", "1", "seconds the body uses the resource"},
                                       {"count", "5", "items AsyncCounter and async_generator produce", aio_examples::param_kind::count},
                                       {"step", "0.5", "seconds before each item"}}};
AIO_REGISTER_EXAMPLE(info);

}  // namespace
