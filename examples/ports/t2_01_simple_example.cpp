// 002 简单示例 (examples/python/t2_01_simple_example.py): a loop made, run and closed by hand.
#include <aio/aio.hpp>

#include <cstdio>

aio::coro<void> hello() {  // async def hello():
    std::printf("Hello\n");
    co_await aio::sleep(1);  // 非阻塞等待1秒
    std::printf("World\n");
}

int main() {
    // 创建事件循环: loop = asyncio.get_event_loop()
    // (with_environment_clock: the clock AIO_CLOCK asks for, as aio::run would pick)
    aio::event_loop loop(aio::with_environment_clock({}));

    // 执行协程: loop.run_until_complete(hello())
    loop.run_until_complete(hello());

    // 关闭事件循环: loop.close()
    loop.close();
}
