// 002 并发执行多个任务 (examples/python/t2_05_gather.py).
#include <aio/aio.hpp>

#include <cstdio>
#include <string>

// async def task_func(name, delay):
aio::coro<std::string> task_func(std::string name, int delay) {
    co_await aio::sleep(delay);
    co_return name + " 完成，延迟 " + std::to_string(delay) + " 秒";  // f"{name} 完成，延迟 {delay} 秒"
}

aio::coro<void> main_() {
    // 并发执行多个任务
    auto [a, b, c] = co_await aio::gather(task_func("任务1", 1), task_func("任务2", 2), task_func("任务3", 3));

    for (const std::string& result : {a, b, c})  // for result in results:
        std::printf("%s\n", result.c_str());
}

int main() { aio::run_main(main_()); }  // asyncio.run(main())
