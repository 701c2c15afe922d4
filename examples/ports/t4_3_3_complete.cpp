// 004 §3.3 完整示例 (examples/python/t4_3_3_complete.py): a sync function on a worker thread runs
// its own loop (asyncio.run), which sends a blocking call to another thread. The call blocks
// (aio::blocking_sleep, time.sleep): natively for 5 real seconds on any clock; without threads
// (a web page) its time passes on the virtual clock as on a thread.
#include <aio/aio.hpp>

#include <cstdio>

void task() {
    // 同步阻塞任务
    std::printf("执行同步任务...\n");
    aio::blocking_sleep(5);  // sleep(5)
    std::printf("同步任务完成\n");
}

aio::coro<void> async_task() {
    // 将同步任务转为异步
    co_await aio::to_thread(task);
}

void obj() {
    // 同步函数,调用异步任务
    std::printf("obj: 开始\n");
    aio::run(async_task());  // asyncio.run(async_task()): a new loop on this worker thread
    std::printf("obj: 结束\n");
}

aio::coro<void> async_obj() {
    // 异步包装 obj
    co_await aio::to_thread(obj);
}

aio::coro<void> main_() {
    // 主异步函数
    std::printf("main: 开始\n");
    co_await async_obj();
    std::printf("main: 结束\n");
}

int main() { aio::run_main(main_()); }  // if __name__ == "__main__": asyncio.run(main())
