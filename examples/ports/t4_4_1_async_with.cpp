// 004 §4.1 异步上下文管理器 (examples/python/t4_4_1_async_with.py).
// The snippet defines use_resource() and never runs it, so this program prints nothing either.
#include <aio/aio.hpp>

#include <cstdio>
#include <exception>

// class AsyncResource: __aenter__ / __aexit__ are aenter() / aexit(error), as aio::async_with expects.
class AsyncResource {
public:
    aio::coro<AsyncResource*> aenter() {  // async def __aenter__(self):
        std::printf("获取资源\n");
        co_await aio::sleep(1);
        co_return this;  // return self
    }
    aio::coro<bool> aexit(std::exception_ptr) {  // async def __aexit__(self, exc_type, exc_val, exc_tb):
        std::printf("释放资源\n");
        co_await aio::sleep(1);
        co_return false;  // (None: an error goes on)
    }
};

// async def use_resource():
aio::coro<void> use_resource() {
    AsyncResource manager;
    // async with AsyncResource() as resource:
    co_await aio::async_with(manager, [](AsyncResource*) -> aio::coro<void> {
        std::printf("使用资源\n");
        co_return;
    });
}

int main() { return 0; }  // the snippet never runs use_resource()
