// 003 核心概念 1 (examples/python/t3_01_coroutine.py): defining a coroutine function.
// The snippet only defines it and runs nothing, so this program prints nothing either.
#include <aio/aio.hpp>

#include <string>

// async def my_coroutine():
aio::coro<std::string> my_coroutine() {
    co_return "Hello from coroutine";  // return "Hello from coroutine"
}

int main() { return 0; }
