// 004 §4.3 超时处理 (examples/python/t4_4_3_timeout.py).
// The snippet defines with_timeout() and never runs it, so this program prints nothing either.
#include <aio/aio.hpp>

#include <cstdio>
#include <string>

// async def long_running_task():
aio::coro<std::string> long_running_task() {
    co_await aio::sleep(10);
    co_return "完成";
}

// async def with_timeout():
aio::coro<void> with_timeout() {
    try {
        std::string result = co_await aio::wait_for(long_running_task(), 5.0);  // timeout=5.0
        std::printf("%s\n", result.c_str());
    } catch (const aio::timeout_error&) {  // except asyncio.TimeoutError:
        std::printf("任务超时\n");
    }
}

int main() { return 0; }  // the snippet never runs with_timeout()
