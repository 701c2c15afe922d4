// W2 spawn + gather on asio: co_spawn N coroutines that each co_await asio::post once and return
// i; every result is collected by its completion handler (asio has no gather of N). -> tasks/s
#include "common.hpp"

#include <vector>

namespace {

asio::awaitable<long long> one(long long i) {
    co_await asio::post(co_await asio::this_coro::executor, asio::use_awaitable);
    co_return i;
}

double spawn_gather(long n) {
    asio::io_context ctx(ASIO_CONCURRENCY_HINT_UNSAFE);
    double start = peer::now();
    std::vector<long long> results(static_cast<std::size_t>(n));
    for (long i = 0; i < n; ++i)
        asio::co_spawn(ctx, one(i), [&results, i](std::exception_ptr e, long long v) {
            if (e) std::rethrow_exception(e);
            results[static_cast<std::size_t>(i)] = v;
        });
    ctx.run();
    double seconds = peer::now() - start;
    long long sum = 0;
    for (long long v : results) sum += v;
    if (sum != static_cast<long long>(n) * (n - 1) / 2) std::printf("WRONG SUM %lld\n", sum);
    return seconds;
}

}  // namespace

int main(int argc, char** argv) {
    return peer::report("W2", "spawn+gather tasks", peer::parse(argc, argv, 1'000'000), spawn_gather);
}
