// gather: run awaitables concurrently; results come back in argument order, not completion order.
// Tutorials: 000 §2.3.1 asyncio.gather() (task(1), task(2), task(0.5) -> [1, 2, 0.5]);
// 001 asyncio.gather; 002 并发执行多个任务 (task_func 任务1..3 printed in a loop);
// 003 基本用法 2 (Task A/B/C started / completed); 004 §2.3 方法1 (fetch_data 1..3).
#include "lib/example.hpp"

#include <vector>

namespace {

std::string seconds(double s) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", s);
    return text;
}

aio::coro<double> task(aio_examples::context& out, double i) {  // async def task(i):
    out.log("task(" + seconds(i) + ") starts");
    co_await aio::sleep(i);
    out.log("task(" + seconds(i) + ") done");
    co_return i;
}

// async def task_func(name, delay): return f"{name} done after {delay} s"
aio::coro<std::string> task_func(std::string name, double delay) {
    co_await aio::sleep(delay);
    co_return name + " done after " + seconds(delay) + " s";
}

aio::coro<void> main_(aio_examples::context& out) {
    // results = await asyncio.gather(task(1), task(2), task(0.5))
    auto [a, b, c] = co_await aio::gather(task(out, out.number("first")), task(out, out.number("second")),
                                          task(out, out.number("third")));
    out.log("results: [" + seconds(a) + ", " + seconds(b) + ", " + seconds(c) +
            "]  (argument order, not completion order)");

    // asyncio.gather(*tasks) with a list built at run time: gather a vector, get a vector.
    std::vector<aio::coro<std::string>> tasks;
    for (int i = 1; i <= out.integer("count"); ++i) tasks.push_back(task_func("task" + std::to_string(i), i));
    for (const std::string& result : co_await aio::gather(std::move(tasks))) out.log(result);
}

const aio_examples::example_info info{"gather", main_, nullptr,
                                      {{"first", "1", "seconds the first task sleeps"},
                                       {"second", "2", "seconds the second task sleeps"},
                                       {"third", "0.5", "seconds the third task sleeps"},
                                       {"count", "3", "tasks in the second gather (task i sleeps i s)", aio_examples::param_kind::count}}};
AIO_REGISTER_EXAMPLE(info);

}  // namespace
