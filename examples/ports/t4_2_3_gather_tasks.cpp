// 004 §2.3 并发执行 (examples/python/t4_2_3_gather_tasks.py): gather, then create_task.
#include <aio/aio.hpp>

#include <cstdio>
#include <string>

// async def fetch_data(id):
aio::coro<std::string> fetch_data(int id) {
    std::printf("开始获取数据 %d\n", id);
    co_await aio::sleep(2);
    std::printf("完成获取数据 %d\n", id);
    co_return "数据 " + std::to_string(id);  // return f"数据 {id}"
}

aio::coro<void> main_() {
    // 方法1:使用 gather 并发执行
    auto [a, b, c] = co_await aio::gather(fetch_data(1), fetch_data(2), fetch_data(3));
    std::printf("['%s', '%s', '%s']\n", a.c_str(), b.c_str(), c.c_str());  // print(results): the list's repr

    // 方法2:使用 create_task
    auto task1 = aio::create_task(fetch_data(4));
    auto task2 = aio::create_task(fetch_data(5));
    co_await task1;
    co_await task2;
}

int main() { aio::run_main(main_()); }  // asyncio.run(main())
