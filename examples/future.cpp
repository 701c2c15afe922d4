// A future completed by hand: one task sets the result, another awaits it; and a callback-style
// API wrapped in a future.
// Tutorial: 000 §1.4 Future 对象 (set_future_result / await future -> "Future 结果"; "通常用于
// 手动管理异步操作结果（如包装回调式 API）").
#include "lib/example.hpp"

#include <functional>

namespace {

// async def set_future_result(): (nested in main in the tutorial; a C++ coroutine takes what it
// uses as parameters, so the future handle is passed in: copies share one future)
aio::coro<void> set_future_result(aio_examples::context& out, aio::future<std::string> future, double delay) {
    co_await aio::sleep(delay);
    out.log("set_future_result: future.set_result(\"Future result\")");
    future.set_result("Future result");  // sets the result, marks it done, wakes the awaiters
}

// Some callback-based API (a timer here): it reports its answer later through `done`.
void legacy_read_sensor(double delay, std::function<void(int)> done) {
    aio::get_running_loop().call_later(delay, [done] { done(21); });
}

// ...wrapped in a future so a coroutine can simply await it.
aio::coro<int> read_sensor(double delay) {
    auto future = aio::create_future<int>();
    legacy_read_sensor(delay, [future](int value) { future.set_result(value * 2); });
    co_return co_await future;
}

aio::coro<void> main_(aio_examples::context& out) {
    auto future = aio::create_future<std::string>();  // future = asyncio.Future()
    out.log(std::string("future done? ") + (future.done() ? "yes" : "no"));

    aio::create_task(set_future_result(out, future, out.number("delay")));
    std::string result = co_await future;  // result = await future
    out.log("await future -> " + result);
    out.log(std::string("future done? ") + (future.done() ? "yes" : "no") + ", result(): " + future.result());

    int value = co_await read_sensor(out.number("delay"));
    out.log("callback API wrapped in a future -> " + std::to_string(value));
}

const aio_examples::example_info info{
    "future", main_, nullptr, {{"delay", "1", "seconds before the result is set"}}};
AIO_REGISTER_EXAMPLE(info);

}  // namespace
