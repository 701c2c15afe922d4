// Starting the loop: asyncio.run(main()) versus managing the loop by hand
// (get_event_loop / run_until_complete / close).
// Tutorials: 000 §2.2 事件循环的启动与管理; 002 简单示例 and Python 3.7+ 简化语法 (hello);
// 003 核心概念 2 (asyncio.run(my_coroutine()) returns its result) and 基本用法 1 (say_hello);
// 004 §2.2 基本使用.
//
// This example makes its own loops, so it is a plain function (sync_main), not a coroutine.
// In a program's main() the asyncio.run line is `return aio::run_main(main());`: in wasm it hands
// the loop to the browser's / Node's event loop (so host I/O works) and never returns. Code that
// carries on after the loop (like this walk-through) uses aio::run or event_loop::run, which
// return main's value on every host.
#include "lib/example.hpp"

namespace {

aio::coro<void> hello(aio_examples::context& out) {  // async def hello():
    out.log("Hello");
    co_await aio::sleep(out.number("delay"));  //     await asyncio.sleep(1)
    out.log("World");
}

aio::coro<std::string> my_coroutine() { co_return "Hello from coroutine"; }

aio::coro<void> background(aio_examples::context& out) {
    try {
        co_await aio::sleep(3600);
    } catch (const aio::cancelled_error&) {
        out.print("background task: cancelled by the loop's shutdown");
        throw;
    }
}

aio::coro<void> main_leaving_a_task(aio_examples::context& out) {
    aio::create_task(background(out), "background");  // never awaited
    co_await aio::sleep(0);
    out.print("main returns while 'background' still sleeps");
}

void main_(aio_examples::context& out) {
    out.print("-- asyncio.run(hello()) --");
    {
        aio::event_loop loop(out.options());  // a new loop...
        out.set_start(loop.time());
        loop.run(hello(out));  // ...runs hello to completion, cleans up, closes itself
        out.printf("loop closed afterwards: %s", loop.is_closed() ? "yes" : "no");
    }

    out.print("-- result = asyncio.run(my_coroutine()) --");
    std::string result = aio::event_loop(out.options()).run(my_coroutine());
    out.print("result: " + result);

    out.print("-- asyncio.run also cancels what main left running --");
    aio::event_loop(out.options()).run(main_leaving_a_task(out));

    // Tutorial mistake (000 §2.2): its script calls asyncio.get_event_loop() after asyncio.run(main()).
    // On Python 3.11 that raises RuntimeError: There is no current event loop in thread 'MainThread'
    // (asyncio.run leaves no current loop); asyncio.new_event_loop() is the call that makes one.
    out.print("-- loop = get_event_loop(); loop.run_until_complete(hello()); loop.close() --");
    aio::event_loop loop(out.options());  // asyncio.get_event_loop(): here, just a loop object
    out.set_start(loop.time());
    try {
        loop.run_until_complete(hello(out));  // runs until this coroutine is done, nothing more
    } catch (...) {
        loop.close();  // finally: loop.close()
        throw;
    }
    loop.close();
    out.printf("loop closed: %s", loop.is_closed() ? "yes" : "no");
    try {
        loop.run_until_complete(hello(out));
    } catch (const aio::loop_closed_error& e) {
        out.print(std::string("a closed loop refuses work: ") + e.what());
    }
}

const aio_examples::example_info info{
    "run_vs_loop", nullptr, main_, {{"delay", "1", "seconds hello() sleeps between Hello and World"}}};
AIO_REGISTER_EXAMPLE(info);

}  // namespace
