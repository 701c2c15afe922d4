// 003 最佳实践 (examples/python/t3_12_semaphore.py): Semaphore(3) over ten tasks.
#include <aio/aio.hpp>

#include <cstdio>
#include <vector>

// async def limited_task(semaphore, task_id):
aio::coro<void> limited_task(aio::semaphore& semaphore, int task_id) {
    auto held = co_await semaphore.scoped();  // async with semaphore:  (released when `held` goes)
    std::printf("Task %d started\n", task_id);
    co_await aio::sleep(1);
    std::printf("Task %d completed\n", task_id);
}

aio::coro<void> main_() {
    aio::semaphore semaphore(3);  // 最多同时运行3个任务
    std::vector<aio::coro<void>> tasks;  // tasks = [limited_task(semaphore, i) for i in range(10)]
    for (int i = 0; i < 10; ++i) tasks.push_back(limited_task(semaphore, i));
    co_await aio::gather(std::move(tasks));  // await asyncio.gather(*tasks)
}

int main() { aio::run_main(main_()); }  // asyncio.run(main())
