// Coroutine objects: calling a coroutine function runs nothing; awaiting it runs it.
// Tutorials: 000 §1.2 协程 (my_coroutine, "coroutine object, not executed") and §2.1 async/await
// (nested() returns 42); 001 协程函数 (calling one returns a coroutine object) and await关键字;
// 003 核心概念 1 and 3 (coroutine, await expressions).
#include "lib/example.hpp"

namespace {

aio::coro<std::string> my_coroutine(aio_examples::context& out) {  // async def my_coroutine():
    out.log("coroutine starts");
    co_await aio::sleep(out.number("delay"));  // a suspension point: other tasks may run now
    out.log("coroutine ends");
    co_return "result";
}

aio::coro<int> nested() { co_return 42; }  // async def nested(): return 42

aio::coro<void> main_(aio_examples::context& out) {
    auto coro = my_coroutine(out);  // coro = my_coroutine(): a coroutine object, nothing has run
    out.log("coroutine object created, not started");
    std::string result = co_await coro;  // awaiting runs it to completion, here, in this task
    out.log("result: " + result);

    int answer = co_await nested();  // result = await nested()
    out.log("nested() returned " + std::to_string(answer));
    // `await` only exists inside a coroutine: see the pitfalls example for what C++ says.
}

const aio_examples::example_info info{
    "coroutines", main_, nullptr, {{"delay", "1", "seconds my_coroutine sleeps (asyncio.sleep(1))"}}};
AIO_REGISTER_EXAMPLE(info);

}  // namespace
