// 004 §3.1 to_thread (examples/python/t4_3_1_to_thread.py): three blocking calls on threads at once.
// The calls block (aio::blocking_sleep, the runtime's time.sleep: a real sleep on a worker thread,
// so natively this program takes about 5 s on any clock; on a host without threads, e.g. a web
// page, each call's blocking time passes on the virtual clock as on a thread, and is logged so).
#include <aio/aio.hpp>

#include <cstdio>
#include <string>

std::string blocking_task() {
    // 同步阻塞函数
    std::printf("开始耗时任务\n");
    aio::blocking_sleep(5);  // sleep(5)  # 模拟阻塞操作
    std::printf("完成耗时任务\n");
    return "结果";
}

aio::coro<std::string> async_task() {
    // 异步包装
    std::string result = co_await aio::to_thread(blocking_task);
    co_return result;
}

aio::coro<void> main_() {
    // 并发运行多个阻塞任务
    auto [a, b, c] = co_await aio::gather(async_task(), async_task(), async_task());
    std::printf("['%s', '%s', '%s']\n", a.c_str(), b.c_str(), c.c_str());  // print(results)
}

int main() { aio::run_main(main_()); }  // asyncio.run(main())
