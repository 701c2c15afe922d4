// 003 高级用法 1 (examples/python/t3_07_async_with.py): an async context manager.
// The snippet defines use_resource() and never runs it, so this program prints nothing either.
#include <aio/aio.hpp>

#include <cstdio>
#include <exception>

// class AsyncResource: __aenter__ / __aexit__ are aenter() / aexit(error), as aio::async_with expects.
class AsyncResource {
public:
    aio::coro<AsyncResource*> aenter() {  // async def __aenter__(self):
        std::printf("Acquiring resource\n");
        co_await aio::sleep(0.5);
        co_return this;  // return self
    }
    aio::coro<bool> aexit(std::exception_ptr) {  // async def __aexit__(self, exc_type, exc, tb):
        std::printf("Releasing resource\n");
        co_await aio::sleep(0.5);
        co_return false;  // (None: an error goes on)
    }
};

// async def use_resource():
aio::coro<void> use_resource() {
    AsyncResource manager;
    // async with AsyncResource() as resource:
    co_await aio::async_with(manager, [](AsyncResource*) -> aio::coro<void> {
        std::printf("Using resource\n");
        co_await aio::sleep(1);
    });
}

int main() { return 0; }  // the snippet never runs use_resource()
