// 002 错误处理 (examples/python/t2_11_catch_error.py): catch a coroutine's error at the await.
#include <aio/aio.hpp>

#include <cstdio>
#include <stdexcept>

// Python's ValueError.
struct ValueError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

aio::coro<void> task_with_error() {  // async def task_with_error():
    co_await aio::sleep(1);
    throw ValueError("任务执行出错");
}

aio::coro<void> main_() {
    try {
        co_await task_with_error();
    } catch (const ValueError& e) {  // except ValueError as e:
        std::printf("捕获到异常: %s\n", e.what());
    }
}

int main() { aio::run_main(main_()); }  // asyncio.run(main())
