// Coroutine objects: calling a coroutine function runs nothing; awaiting it runs it.
// Tutorial: 000 §1.2 (my_coroutine), §2.1 (nested() returns 42); 003 §3 (await expressions).
#include "lib/example.hpp"

namespace {

aio::coro<std::string> my_coroutine(aio_examples::context& out) {  // async def my_coroutine():
    out.log("coroutine starts");
    co_await aio::sleep(1);  // a suspension point: other tasks may run now
    out.log("coroutine ends");
    co_return "result";
}

aio::coro<int> nested() { co_return 42; }  // async def nested(): return 42

aio::coro<void> main_(aio_examples::context& out) {
    auto coro = my_coroutine(out);  // a coroutine object: nothing has run yet
    out.log("coroutine object created, not started");
    std::string result = co_await coro;  // awaiting runs it to completion
    out.log("result: " + result);

    int answer = co_await nested();
    out.log("nested() returned " + std::to_string(answer));
}

const aio_examples::example_info info{"coroutines", main_, nullptr, {}};
AIO_REGISTER_EXAMPLE(info);

}  // namespace
