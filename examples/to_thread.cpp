// to_thread from a running loop, with a blocking function that runs its own loop inside the
// worker thread (the nested case). Where the host has no threads (plain wasm) the function runs
// on the loop thread and the loop says so.
#include "lib/example.hpp"

#include <chrono>
#include <thread>

namespace {

int slow_square(int x) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return x * x;
}

// Blocking code that uses the runtime itself: aio::run inside a worker thread.
int nested(int x) {
    return aio::run([](int v) -> aio::coro<int> {
        co_await aio::sleep(0.01);
        co_return v + 1;
    }(x));
}

aio::coro<int> ticker() {
    int ticks = 0;
    for (; ticks < 3; ++ticks) co_await aio::sleep(0.005);
    co_return ticks;
}

aio::coro<void> main_(aio_examples::context& out) {
    auto ticks_task = aio::create_task(ticker());
    int a = co_await aio::to_thread(slow_square, 6);
    int b = co_await aio::to_thread(nested, 41);
    int ticks = co_await ticks_task;
    out.printf("threads: %s", aio::threads_available() ? "yes" : "no (ran on the loop thread)");
    out.printf("slow_square(6) = %d, nested(41) = %d, ticks = %d", a, b, ticks);
}

const aio_examples::example_info info{"to_thread", main_, nullptr, {}};
AIO_REGISTER_EXAMPLE(info);

}  // namespace
