// 002 超时处理 (examples/python/t2_14_timeout.py): wait_for past the deadline.
#include <aio/aio.hpp>

#include <cstdio>
#include <string>

aio::coro<std::string> long_running_task() {  // async def long_running_task():
    co_await aio::sleep(5);
    co_return "任务完成";
}

aio::coro<void> main_() {
    try {
        // 设置3秒超时
        std::string result = co_await aio::wait_for(long_running_task(), 3);
        std::printf("结果: %s\n", result.c_str());
    } catch (const aio::timeout_error&) {  // except asyncio.TimeoutError:
        std::printf("任务超时\n");
    }
}

int main() { aio::run_main(main_()); }  // asyncio.run(main())
