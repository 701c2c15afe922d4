// 004 §6.1 "✅ 正确" (examples/python/t4_6_1_await_in_sync_right.py): await only inside a coroutine.
// The snippet defines async_function() and never runs it, so this program prints nothing either.
#include <aio/aio.hpp>

// async def async_function():
aio::coro<void> async_function() {
    co_await aio::sleep(1);  // await asyncio.sleep(1)
}

int main() { return 0; }  // the snippet never runs async_function()
