// 003 基本用法 3 (examples/python/t3_06_create_task.py): create tasks first, await them later.
// The snippet defines main() and never runs it, so this program prints nothing either.
#include <aio/aio.hpp>

#include <cstdio>

// From the tutorial's previous block (t3_05): async def task(name, seconds)
aio::coro<void> task(const char* name, int seconds) {
    std::printf("Task %s started\n", name);
    co_await aio::sleep(seconds);
    std::printf("Task %s completed after %d seconds\n", name, seconds);
}

aio::coro<void> main_() {
    // 创建任务但不立即等待
    auto task1 = aio::create_task(task("Task1", 2));
    auto task2 = aio::create_task(task("Task2", 1));

    // 等待所有任务完成
    co_await task1;
    co_await task2;
}

int main() { return 0; }  // the snippet never calls asyncio.run(main())
