// Tasks: create_task with names, done() before and after, result(), awaiting a task twice,
// cancel() and add_done_callback().
// Tutorials: 000 §1.3 任务 (task_func A/B, task1.done() False then True, 任务的核心方法);
// 001 事件循环与任务 (a Task may be awaited many times, a coroutine object once);
// 002 创建和执行任务 ("等待任务完成..." while the task runs); 003 基本用法 3 (创建任务);
// 004 §2.3 方法2 (create_task).
#include "lib/example.hpp"

namespace {

std::string seconds(double s) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", s);
    return text;
}

// async def task_func(name, delay):
aio::coro<std::string> task_func(aio_examples::context& out, std::string name, double delay) {
    out.log("task " + name + ", delay=" + seconds(delay) + ": starts");
    try {
        co_await aio::sleep(delay);
    } catch (const aio::cancelled_error&) {  // cancel() arrives here, at the suspension point
        out.log("task " + name + ": cancelled while sleeping");
        throw;  // let the task end as cancelled
    }
    out.log("task " + name + ": ends");
    co_return "task " + name + " done";
}

aio::coro<int> answer() { co_return 42; }

const char* yes_no(bool b) { return b ? "yes" : "no"; }

aio::coro<void> main_(aio_examples::context& out) {
    // Created tasks are scheduled at once: they start at the next suspension of main.
    auto task1 = aio::create_task(task_func(out, "A", out.number("delay_a")), "task_A");
    auto task2 = aio::create_task(task_func(out, "B", out.number("delay_b")), "task_B");
    task1.add_done_callback([&out](const aio::task<std::string>& t) {  // runs on the loop, once done
        out.log("callback: " + t.get_name() + " finished with '" + t.result() + "'");
    });

    out.log(task1.get_name() + " done? " + yes_no(task1.done()));
    try {
        task1.result();  // not finished yet
    } catch (const aio::invalid_state_error& e) {
        out.log(std::string("result() too early: ") + e.what());
    }
    out.log("waiting for the tasks...");

    std::string result1 = co_await task1;  // result1 = await task1
    std::string result2 = co_await task2;  // result2 = await task2
    out.log("results: '" + result1 + "', '" + result2 + "'");
    out.log(task1.get_name() + " done? " + yes_no(task1.done()) + ", result(): '" + task1.result() + "'");

    // A task can be awaited again (it keeps its result); a coroutine object only once.
    out.log("await task1 again: '" + co_await task1 + "'");
    auto coro = answer();
    int first = co_await coro;
    try {
        co_await coro;
    } catch (const aio::runtime_error& e) {  // Python: RuntimeError
        out.log("await a coroutine (" + std::to_string(first) + ") again: " + e.what());
    }

    // cancel(): the task gets cancelled_error where it waits; awaiting it raises it here too.
    auto task3 = aio::create_task(task_func(out, "C", 10), "task_C");
    task3.add_done_callback([&out](const aio::task<std::string>& t) {
        out.log("callback: " + t.get_name() + " cancelled? " + yes_no(t.cancelled()));
    });
    co_await aio::sleep(out.number("cancel_after"));
    task3.cancel();
    try {
        co_await task3;
    } catch (const aio::cancelled_error&) {
        out.log("await task_C raised cancelled_error; cancelled()? " + std::string(yes_no(task3.cancelled())));
    }
}

const aio_examples::example_info info{"tasks", main_, nullptr,
                                      {{"delay_a", "1", "seconds task A sleeps"},
                                       {"delay_b", "2", "seconds task B sleeps"},
                                       {"cancel_after", "0.5", "seconds before task C (10 s) is cancelled"}}};
AIO_REGISTER_EXAMPLE(info);

}  // namespace
