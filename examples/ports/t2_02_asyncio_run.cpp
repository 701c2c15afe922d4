// 002 Python 3.7+ 简化语法 (examples/python/t2_02_asyncio_run.py): asyncio.run.
#include <aio/aio.hpp>

#include <cstdio>

aio::coro<void> hello() {  // async def hello():
    std::printf("Hello\n");
    co_await aio::sleep(1);
    std::printf("World\n");
}

// Python 3.7+ 简化执行方式
int main() { aio::run_main(hello()); }  // asyncio.run(hello())
