// 003 基本用法 1 (examples/python/t3_04_run_coroutine.py): running a coroutine.
#include <aio/aio.hpp>

#include <cstdio>

// async def say_hello():
aio::coro<void> say_hello() {
    std::printf("Hello\n");
    co_await aio::sleep(1);  // await asyncio.sleep(1)  # 模拟 I/O 操作
    std::printf("World\n");
}

// 运行协程: asyncio.run(say_hello())
int main() { aio::run_main(say_hello()); }
