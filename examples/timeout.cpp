// Timeouts: wait_for gives up after the deadline (and cancels the work); work that fits returns
// its result. Also the `async with asyncio.timeout(...)` scope form.
// Tutorials: 002 超时处理 (long_running_task 5 s, wait_for(..., timeout=3) -> "任务超时");
// 004 §4.3 超时控制 (10 s task, timeout=5.0).
#include "lib/example.hpp"

namespace {

aio::coro<std::string> long_running_task(aio_examples::context& out, double seconds) {
    try {
        co_await aio::sleep(seconds);
    } catch (const aio::cancelled_error&) {
        out.log("long_running_task: cancelled by the timeout");  // wait_for cancels the work
        throw;
    }
    co_return "task done";
}

aio::coro<void> main_(aio_examples::context& out) {
    double limit = out.number("timeout");
    try {
        // result = await asyncio.wait_for(long_running_task(), timeout=3)
        std::string result = co_await aio::wait_for(long_running_task(out, out.number("task_seconds")), limit);
        out.log("result: " + result);
    } catch (const aio::timeout_error&) {  // except asyncio.TimeoutError:
        out.log("task timed out");
    }

    std::string result = co_await aio::wait_for(long_running_task(out, out.number("fast_seconds")), limit);
    out.log("a task that fits: " + result);

    // Python 3.11: async with asyncio.timeout(3): ... — a deadline for a whole block.
    try {
        co_await aio::timeout(limit, [&](aio::timeout_scope&) -> aio::coro<void> {
            co_await aio::sleep(out.number("fast_seconds"));
            out.log("block: first step done");
            co_await long_running_task(out, out.number("task_seconds"));
            out.log("block: never printed");
        });
    } catch (const aio::timeout_error&) {
        out.log("block timed out");
    }
}

const aio_examples::example_info info{"timeout", main_, nullptr,
                                      {{"task_seconds", "5", "seconds the long task needs"},
                                       {"timeout", "3", "the deadline in seconds"},
                                       {"fast_seconds", "1", "seconds the task that fits needs"}}};
AIO_REGISTER_EXAMPLE(info);

}  // namespace
