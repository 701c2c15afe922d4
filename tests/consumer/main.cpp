// The installed-package check's program (see CMakeLists.txt here): two tasks gathered on the
// virtual clock, so the printed loop time is exact.
#include "aio/aio.hpp"

#include <cstdio>

namespace {

aio::coro<int> later(int value, double delay) {
    co_await aio::sleep(delay);
    co_return value;
}

aio::coro<int> amain() {
    auto a = aio::create_task(later(20, 2.0));
    auto b = aio::create_task(later(22, 1.0));
    auto [x, y] = co_await aio::gather(a, b);
    std::printf("sum=%d t=%g\n", x + y, aio::time());
    co_return 0;
}

}  // namespace

int main() {
    aio::loop_options options;
    options.clock = aio::clock_kind::virtual_time;
    return aio::run(amain(), options);
}
