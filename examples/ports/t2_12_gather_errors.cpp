// 002 错误处理 / gather (examples/python/t2_12_gather_errors.py): gather's first error, then
// return_exceptions. (The tutorial's comment is wrong: the first error does not make the other
// tasks fail; task2 keeps running, as in asyncio.)
#include <aio/aio.hpp>

#include <cstdio>
#include <stdexcept>
#include <string>

// Python's ValueError.
struct ValueError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

aio::coro<std::string> task1() {  // async def task1():
    co_await aio::sleep(1);
    throw ValueError("任务1出错");
}

aio::coro<std::string> task2() {  // async def task2():
    co_await aio::sleep(2);
    co_return "任务2完成";
}

aio::coro<void> main_() {
    // 方式1：使用gather，一个任务出错会导致所有任务失败
    try {
        auto [a, b] = co_await aio::gather(task1(), task2());
        std::printf("['%s', '%s']\n", a.c_str(), b.c_str());  // print(results)
    } catch (const ValueError& e) {
        std::printf("捕获到异常: %s\n", e.what());
    }

    // 方式2：使用gather的return_exceptions参数
    auto [r1, r2] = co_await aio::gather(aio::return_exceptions, task1(), task2());
    // print(results)  # [ValueError("任务1出错"), "任务2完成"]: each entry's repr
    auto repr = [](const aio::result<std::string>& r) {
        if (r.has_value()) return "'" + r.value() + "'";
        if (const auto* e = r.error_as<ValueError>()) return "ValueError('" + std::string(e->what()) + "')";
        return r.error_message();
    };
    std::printf("[%s, %s]\n", repr(r1).c_str(), repr(r2).c_str());
}

int main() { aio::run_main(main_()); }  // asyncio.run(main())
