// 003 基本用法 2 (examples/python/t3_05_gather.py): three tasks at once with gather.
#include <aio/aio.hpp>

#include <cstdio>

// async def task(name, seconds):
aio::coro<void> task(const char* name, int seconds) {
    std::printf("Task %s started\n", name);
    co_await aio::sleep(seconds);
    std::printf("Task %s completed after %d seconds\n", name, seconds);
}

aio::coro<void> main_() {
    // 同时启动多个任务
    co_await aio::gather(task("A", 2), task("B", 1), task("C", 3));
}

int main() { aio::run_main(main_()); }  // asyncio.run(main())
