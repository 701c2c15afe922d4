// 002 创建和执行任务 (examples/python/t2_04_create_task.py).
#include <aio/aio.hpp>

#include <cstdio>
#include <string>

aio::coro<std::string> task_func() {  // async def task_func():
    co_await aio::sleep(1);
    co_return "任务完成";
}

aio::coro<void> main_() {
    // 创建任务
    auto task = aio::create_task(task_func());

    // 执行其他操作
    std::printf("等待任务完成...\n");

    // 等待任务完成并获取结果
    std::string result = co_await task;
    std::printf("任务结果: %s\n", result.c_str());
}

int main() { aio::run_main(main_()); }  // asyncio.run(main())
