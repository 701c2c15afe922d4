// 004 §6.2 "✅ 正确" (examples/python/t4_6_2_blocking_right.py): the blocking sleep on a thread.
// The snippet defines good_async() and never runs it, so this program prints nothing either.
#include <aio/aio.hpp>

// async def good_async():
aio::coro<void> good_async() {
    // await asyncio.to_thread(time.sleep, 5)  # 在线程中执行
    co_await aio::to_thread([] { aio::blocking_sleep(5); });
}

int main() { return 0; }  // the snippet never runs good_async()
