// W3 ping-pong on asio: two coroutines alternating asio::post, N switches in total. -> switches/s
#include "common.hpp"

namespace {

asio::awaitable<void> player(long turns) {
    auto ex = co_await asio::this_coro::executor;
    for (long i = 0; i < turns; ++i) co_await asio::post(ex, asio::use_awaitable);
}

double ping_pong(long n) {
    asio::io_context ctx(ASIO_CONCURRENCY_HINT_UNSAFE);
    double start = peer::now();
    asio::co_spawn(ctx, player(n / 2), asio::detached);
    asio::co_spawn(ctx, player(n / 2), asio::detached);
    ctx.run();
    return peer::now() - start;
}

}  // namespace

int main(int argc, char** argv) {
    return peer::report("W3", "ping-pong switches", peer::parse(argc, argv, 1'000'000), ping_pong);
}
