// to_thread from a loop that aio::run drives (in wasm: the host's event loop drives it), with a
// blocking function that runs its own loop inside the worker thread (the nested case).
//   ./tools/run example to_thread
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <thread>

namespace {

int slow_square(int x) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return x * x;
}

// Blocking code that uses asyncio itself: asyncio.run inside a worker thread.
int nested(int x) {
    return aio::run([](int v) -> aio::coro<int> {
        co_await aio::sleep(0.01);
        co_return v + 1;
    }(x));
}

aio::coro<int> main_coro() {
    auto ticker = aio::create_task([]() -> aio::coro<int> {
        int ticks = 0;
        for (; ticks < 3; ++ticks) co_await aio::sleep(0.005);
        co_return ticks;
    }());
    int a = co_await aio::to_thread(slow_square, 6);
    int b = co_await aio::to_thread(nested, 41);
    int ticks = co_await ticker;
    std::printf("threads: %s, slow_square(6) = %d, nested(41) = %d, ticks = %d\n",
                aio::threads_available() ? "yes" : "no (ran on the loop thread)", a, b, ticks);
    co_return a == 36 && b == 42 && ticks == 3 ? 0 : 1;
}

}  // namespace

int main() { return aio::run(main_coro()); }
