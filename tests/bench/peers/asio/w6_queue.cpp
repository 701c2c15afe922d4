// W6 queue on asio: asio::experimental::channel with 100 slots (the bounded queue), 1 producer,
// 4 consumers, N items, one stop mark (-1) per consumer. -> items/s
#include "common.hpp"

#include <asio/experimental/channel.hpp>

namespace {

constexpr int consumers = 4;
using channel = asio::experimental::channel<void(asio::error_code, long)>;

asio::awaitable<void> producer(channel& q, long n) {
    for (long i = 0; i < n; ++i) co_await q.async_send(asio::error_code{}, i, asio::use_awaitable);
    for (int c = 0; c < consumers; ++c) co_await q.async_send(asio::error_code{}, -1, asio::use_awaitable);
}

asio::awaitable<void> consumer(channel& q, long long& sum) {
    for (;;) {
        long v = co_await q.async_receive(asio::use_awaitable);
        if (v < 0) break;
        sum += v;
    }
}

double run_queue(long n) {
    asio::io_context ctx(ASIO_CONCURRENCY_HINT_UNSAFE);
    double start = peer::now();
    channel q(ctx, 100);
    long long sum = 0;
    asio::co_spawn(ctx, producer(q, n), asio::detached);
    for (int c = 0; c < consumers; ++c) asio::co_spawn(ctx, consumer(q, sum), asio::detached);
    ctx.run();
    double seconds = peer::now() - start;
    if (sum != static_cast<long long>(n) * (n - 1) / 2) std::printf("WRONG SUM %lld\n", sum);
    return seconds;
}

}  // namespace

int main(int argc, char** argv) {
    return peer::report("W6", "queue items", peer::parse(argc, argv, 1'000'000), run_queue);
}
