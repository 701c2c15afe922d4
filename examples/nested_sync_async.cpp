// Nested sync/async calls: a synchronous function that runs its own event loop (asyncio.run) is
// moved to a worker thread with to_thread; inside, that loop moves the next blocking function to
// a thread again.
// Tutorial: 004 §3.2 嵌套的异步和同步调用 (sync_task / async_wrapper / sync_caller /
// async_caller) and §3.3 完整示例 (task / async_task / obj / async_obj / main).
//
// Two mistakes in the tutorial's §3.2 code: `from time.sleep` is not valid Python (it means
// `from time import sleep`), and
//     await asyncio.to_thread(sync_caller())
// *calls* sync_caller right there, on the loop's thread, and would hand its result (None) to
// to_thread. sync_caller's asyncio.run then finds the running loop and raises RuntimeError. The
// correct form passes the function itself: `await asyncio.to_thread(sync_caller)` — in C++
// `co_await aio::to_thread(obj, ...)` as below (to_thread(obj()) would not even compile: obj
// returns void). The last part of main shows what the mistaken call does at run time.
#include "lib/example.hpp"

#include <functional>

namespace {

using aio_examples::context;

void task(context& out, double seconds) {  // def task(): (synchronous, blocking)
    out.print("task: running the sync task...");
    aio::blocking_sleep(seconds);  // time.sleep
    out.print("task: sync task done");
}

aio::coro<void> async_task(context& out, double seconds) {  // async def async_task():
    co_await aio::to_thread(task, std::ref(out), seconds);   //     await asyncio.to_thread(task)
}

void obj(context& out, double seconds) {  // def obj(): a sync function that runs async code
    out.print("obj: start");
    aio::run(async_task(out, seconds));  // asyncio.run(async_task()): a new loop on this thread
    out.print("obj: end");
}

aio::coro<void> async_obj(context& out, double seconds) {  // async def async_obj():
    co_await aio::to_thread(obj, std::ref(out), seconds);   //     await asyncio.to_thread(obj)
}

aio::coro<void> main_(context& out) {
    const double seconds = out.number("blocking");
    out.log("main: start");
    co_await async_obj(out, seconds);
    out.log("main: end");

    // The tutorial's `to_thread(sync_caller())`: obj runs here, on the loop's own thread.
    try {
        obj(out, seconds);
    } catch (const aio::nested_run_error& e) {
        out.log(std::string("obj() called on the loop thread: nested_run_error: ") + e.what());
    }
}

const aio_examples::example_info info{
    "nested_sync_async", main_, nullptr, {{"blocking", "5", "seconds the blocking task takes (sleep(5))"}}};
AIO_REGISTER_EXAMPLE(info);

}  // namespace
