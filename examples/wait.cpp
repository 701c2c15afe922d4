// wait: block until ALL_COMPLETED, FIRST_COMPLETED or FIRST_EXCEPTION; get (done, pending) back.
// wait never cancels anything: what is pending keeps running until you cancel it.
// Tutorials: 000 §1.3 更常用写法 (named tasks task_A / task_B, asyncio.wait(task_list,
// timeout=None)) and §2.3.2 asyncio.wait() (tasks task(1), task(2), task(0.5): 3 done / 0 pending,
// then FIRST_COMPLETED -> [0.5]; the return_when values).
// Note: the tutorial passes coroutines to wait() and reuses the same list for the second call;
// Python 3.11+ only accepts tasks there, and a coroutine can only run once, so each call below gets
// fresh tasks.
#include "lib/example.hpp"

#include <vector>

namespace {

std::string seconds(double s) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", s);
    return text;
}

aio::coro<double> task(double i) {  // async def task(i): await asyncio.sleep(i); return i
    co_await aio::sleep(i);
    co_return i;
}

aio::coro<double> failing(double i) {
    co_await aio::sleep(i);
    throw std::runtime_error("failing(" + seconds(i) + ") raised");
}

template <class T>
std::string names(const std::vector<aio::task<T>>& tasks) {
    std::string text = "{";
    for (const auto& t : tasks) text += (text.size() > 1 ? ", " : "") + t.get_name();
    return text + "}";
}

template <class T>
std::string results(const std::vector<aio::task<T>>& tasks) {
    std::string text = "[";
    for (const auto& t : tasks) text += (text.size() > 1 ? ", " : "") + seconds(t.result());
    return text + "]";
}

std::vector<aio::task<double>> three_tasks(aio_examples::context& out) {
    std::vector<aio::task<double>> tasks;
    for (const char* p : {"first", "second", "third"}) {
        double i = out.number(p);
        tasks.push_back(aio::create_task(task(i), "task(" + seconds(i) + ")"));
    }
    return tasks;
}

aio::coro<void> main_(aio_examples::context& out) {
    {  // done, pending = await asyncio.wait(task_list, timeout=None)
        std::vector<aio::task<double>> task_list{aio::create_task(task(1), "task_A"),
                                                 aio::create_task(task(2), "task_B")};
        auto [done, pending] = co_await aio::wait(task_list);
        out.log("wait(task_list): done " + names(done) + ", pending " + names(pending));
    }
    {  // return_when=ALL_COMPLETED (the default)
        auto [done, pending] = co_await aio::wait(three_tasks(out), aio::return_when::all_completed);
        out.log("ALL_COMPLETED: " + std::to_string(done.size()) + " done, " + std::to_string(pending.size()) +
                " pending");
    }
    {  // return_when=FIRST_COMPLETED
        auto [done, pending] = co_await aio::wait(three_tasks(out), aio::return_when::first_completed);
        out.log("FIRST_COMPLETED: results of done " + results(done) + ", still pending " + names(pending));
        for (auto& t : pending) t.cancel();  // wait() left them running: stop them ourselves
        co_await aio::wait(pending);
        out.log("cancelled the pending ones: " + names(pending));
    }
    {  // return_when=FIRST_EXCEPTION: returns at the first error (or when all are done)
        std::vector<aio::task<double>> tasks{aio::create_task(task(2), "task(2)"),
                                             aio::create_task(failing(0.5), "failing(0.5)"),
                                             aio::create_task(task(1), "task(1)")};
        auto [done, pending] = co_await aio::wait(tasks, aio::return_when::first_exception);
        for (const auto& t : done)
            out.log("FIRST_EXCEPTION: " + t.get_name() + " -> " + aio::describe(t.exception()));
        out.log("still pending " + names(pending));
        for (auto& t : pending) t.cancel();
        co_await aio::wait(pending);
    }
}

const aio_examples::example_info info{"wait", main_, nullptr,
                                      {{"first", "1", "seconds the first task sleeps"},
                                       {"second", "2", "seconds the second task sleeps"},
                                       {"third", "0.5", "seconds the third task sleeps"}}};
AIO_REGISTER_EXAMPLE(info);

}  // namespace
