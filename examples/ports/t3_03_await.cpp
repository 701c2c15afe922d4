// 003 核心概念 3 (examples/python/t3_03_await.py): awaiting a coroutine inside another.
// The snippet defines main() and never runs it, so this program prints nothing either.
#include <aio/aio.hpp>

#include <cstdio>
#include <string>

// From the tutorial's previous block (t3_01): async def my_coroutine(): return "Hello from coroutine"
aio::coro<std::string> my_coroutine() { co_return "Hello from coroutine"; }

// async def main():
aio::coro<void> main_() {
    std::string result = co_await my_coroutine();  // result = await my_coroutine()
    std::printf("%s\n", result.c_str());           // print(result)
}

int main() { return 0; }  // the snippet never calls asyncio.run(main())
