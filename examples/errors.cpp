// Errors: try/catch around an awaited failing coroutine; gather failing on the first error (the
// others keep running) versus return_exceptions giving [error, result]; the "task failed: ..."
// loop over mixed results.
// Tutorials: 002 错误处理 (捕获异常; 多个任务的错误处理: 方式1 / 方式2); 000 §2.3.1
// return_exceptions=True ([ValueError('出错了'), 1]); 004 §4.4 异常处理 (handle_errors,
// gather_with_errors: "任务失败: ..."); 001 asyncio.gather (on its claim that the others are
// cancelled, see below); 003 注意事项 3.
#include "lib/example.hpp"

#include <vector>

namespace {

// Python's ValueError.
struct value_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string repr(const aio::result<std::string>& r) {
    if (r.error_is<value_error>()) return "value_error('" + r.error_message() + "')";
    if (!r) return "error('" + r.error_message() + "')";
    return "'" + r.value() + "'";
}

aio::coro<std::string> task_with_error(double delay) {  // async def task_with_error():
    co_await aio::sleep(delay);
    throw value_error("the task failed");
}

aio::coro<std::string> task1(double delay) {  // async def task1(): ... raise ValueError("任务1出错")
    co_await aio::sleep(delay);
    throw value_error("task1 failed");
}

aio::coro<std::string> task2(aio_examples::context& out, double delay) {  // async def task2(): ...
    co_await aio::sleep(delay);
    out.log("task2 finishes");
    co_return "task2 done";
}

aio::coro<void> main_(aio_examples::context& out) {
    double fail = out.number("fail_after"), ok = out.number("succeed_after");

    // 1. An exception raised in an awaited coroutine surfaces at the await.
    try {
        co_await task_with_error(fail);
    } catch (const value_error& e) {  // except ValueError as e:
        out.log(std::string("caught: ") + e.what());
    }

    // 2. gather raises the first error as soon as it happens...
    auto second = aio::create_task(task2(out, ok));
    try {
        co_await aio::gather(task1(fail), second);
    } catch (const value_error& e) {
        out.log(std::string("gather raised: ") + e.what());
    }
    // ...but does not cancel the others (tutorial 001 says it does; asyncio's gather does not,
    // and neither does this one: a task group is what cancels the siblings of a failed task).
    out.log(std::string("task2 still running? ") + (second.done() ? "no" : "yes"));
    out.log("await task2 -> '" + co_await second + "'");

    // 3. return_exceptions: every entry is a value or the exception that replaced it.
    auto [r1, r2] = co_await aio::gather(aio::return_exceptions, task1(fail), task2(out, ok));
    out.log("[" + repr(r1) + ", " + repr(r2) + "]");

    // 4. The tutorial's loop: report the failures, use the rest.
    std::vector<aio::coro<std::string>> tasks;
    tasks.push_back(task1(fail));
    tasks.push_back(task2(out, ok));
    for (const auto& result : co_await aio::gather(aio::return_exceptions, std::move(tasks))) {
        if (!result) {  // isinstance(result, Exception)
            out.log("task failed: " + result.error_message());
        } else {
            out.log("task succeeded: " + result.value());
        }
    }
}

const aio_examples::example_info info{"errors", main_, nullptr,
                                      {{"fail_after", "1", "seconds before the failing tasks raise"},
                                       {"succeed_after", "2", "seconds task2 takes to succeed"}}};
AIO_REGISTER_EXAMPLE(info);

}  // namespace
