// 004 §2.2 基本用法 (examples/python/t4_2_2_basic.py): define a coroutine and run it.
#include <aio/aio.hpp>

#include <cstdio>

// 定义异步函数
aio::coro<void> hello() {  // async def hello():
    std::printf("Hello\n");
    co_await aio::sleep(1);  // await asyncio.sleep(1)
    std::printf("World\n");
}

// 运行异步函数
int main() { aio::run_main(hello()); }  // asyncio.run(hello())
