// 002 定义协程 (examples/python/t2_03_define_coroutine.py).
// The snippet only defines the coroutine function and runs nothing, so this program prints nothing.
#include <aio/aio.hpp>

#include <string>

// async def my_coroutine():
aio::coro<std::string> my_coroutine() {
    // 协程代码
    co_return "结果";
}

int main() { return 0; }
