// 004 §6.2 "❌ 错误" (examples/python/t4_6_2_blocking_wrong.py): a blocking sleep inside a coroutine.
// The snippet defines bad_async() and never runs it, so this program prints nothing either.
#include <aio/aio.hpp>

// async def bad_async():
aio::coro<void> bad_async() {
    aio::blocking_sleep(5);  // time.sleep(5)  # 阻塞整个事件循环
    co_return;
}

int main() { return 0; }  // the snippet never runs bad_async()
