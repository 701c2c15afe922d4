// 002 异步上下文管理器 (examples/python/t2_09_async_with.py).
#include <aio/aio.hpp>

#include <cstdio>
#include <exception>

// class AsyncContextManager: __aenter__ / __aexit__ are aenter() / aexit(error), as aio::async_with expects.
class AsyncContextManager {
public:
    aio::coro<AsyncContextManager*> aenter() {  // async def __aenter__(self):
        std::printf("进入异步上下文\n");
        co_return this;  // return self
    }
    aio::coro<bool> aexit(std::exception_ptr) {  // async def __aexit__(self, exc_type, exc_val, exc_tb):
        std::printf("退出异步上下文\n");
        co_return false;  // (None: an error goes on)
    }
};

aio::coro<void> main_() {
    AsyncContextManager manager;
    // async with AsyncContextManager() as cm:
    co_await aio::async_with(manager, [](AsyncContextManager*) -> aio::coro<void> {
        std::printf("在异步上下文中\n");
        co_return;
    });
}

int main() { aio::run_main(main_()); }  // asyncio.run(main())
