// Pitfalls, each shown and explained: blocking the loop with a sleeping call (debug mode reports
// the slow step; the fix is to_thread), calling run inside a running loop (the error and the fix),
// and awaiting in a function that is not a coroutine (a compile error: in a comment below).
// Tutorials: 004 §6 常见陷阱 (6.1 在同步函数中使用 await, 6.2 阻塞事件循环, 6.3 嵌套的
// asyncio.run()); 003 注意事项 1 (time.sleep() in a coroutine); 002 最佳实践 2 and 8; 000 §1.1
// 关键细节 (one thread; a task only switches at an await, pure computation never does).
//
// 6.1 — `await` in a plain function. Python: SyntaxError. C++: co_await turns a function into a
// coroutine, and a function returning void cannot be one, so this does not compile:
//
//     void sync_function() {
//         co_await aio::sleep(1);  // g++: error: unable to find the promise type for this coroutine
//     }                            // clang: error: this function cannot be a coroutine
//
// The fix is the same as in Python: make it a coroutine, `aio::coro<void> async_function()`.
#include "lib/example.hpp"

namespace {

using aio_examples::context;

aio::coro<void> bad_async(context& out, double seconds) {  // async def bad_async(): time.sleep(5)
    out.log("bad_async: blocking sleep inside a coroutine");
    aio::blocking_sleep(seconds);  // time.sleep, no await: the loop's only thread is stuck here, nothing else runs
    out.log("bad_async: done");
    co_return;
}

aio::coro<void> good_async(context& out, double seconds) {  // await asyncio.to_thread(time.sleep, 5)
    out.log("good_async: the blocking sleep goes to a thread");
    co_await aio::to_thread(aio::blocking_sleep, seconds);  // the loop runs other tasks meanwhile
    out.log("good_async: done");
}

aio::coro<void> other(context& out) {
    out.log("other task: gets its turn");
    co_return;
}

aio::coro<int> inner() {
    co_await aio::sleep(0);
    co_return 1;
}

aio::coro<void> outer_wrong() {  // async def outer(): asyncio.run(inner())
    aio::run(inner());           // a second loop on a thread that already runs one
    co_return;
}

aio::coro<int> outer_right() { co_return co_await inner(); }  // async def outer(): await inner()

aio::coro<void> main_(context& out) {
    const double seconds = out.number("blocking");
    aio::event_loop& loop = aio::get_running_loop();
    // asyncio debug mode: every step longer than slow_callback_duration (0.1 s) is reported.
    loop.set_debug(true);
    loop.set_log_handler([&out](std::string_view line) { out.log("loop: " + std::string(line)); });

    out.print("-- 6.2 blocking the loop --");
    auto bad = aio::create_task(bad_async(out, seconds), "bad_async");
    auto waiting = aio::create_task(other(out), "other");
    co_await aio::gather(bad, waiting);

    out.print("-- the fix: to_thread --");
    auto good = aio::create_task(good_async(out, seconds), "good_async");
    waiting = aio::create_task(other(out), "other");
    co_await aio::gather(good, waiting);
    loop.set_debug(false);

    out.print("-- 6.3 asyncio.run inside a running loop --");
    try {
        co_await outer_wrong();
    } catch (const aio::nested_run_error& e) {  // Python: RuntimeError
        out.log(std::string("nested_run_error: ") + e.what());
    }
    int value = co_await outer_right();
    out.log("the fix, await inner(): " + std::to_string(value));
}

const aio_examples::example_info info{
    "pitfalls", main_, nullptr, {{"blocking", "5", "seconds the blocking sleep takes (time.sleep(5))"}}};
AIO_REGISTER_EXAMPLE(info);

}  // namespace
