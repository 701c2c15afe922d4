// W3 ping-pong: two tasks alternating sleep(0), N switches in total. -> switches per second
#include "bench.hpp"

namespace {

aio::coro<void> player(long turns) {
    for (long i = 0; i < turns; ++i) co_await aio::sleep(0);
}

aio::coro<double> ping_pong(long n) {
    double start = bench::now();
    co_await aio::gather(aio::create_task(player(n / 2)), aio::create_task(player(n / 2)));
    co_return bench::now() - start;
}

aio::coro<int> amain(bench::options o) {
    for (int i = 0; i < o.warmup; ++i) co_await ping_pong(o.n);
    double s = co_await ping_pong(o.n);
    std::printf("%s W3 ping-pong: %ld switches in %.1f ms = %.2f M switches/s\n", bench::target(), o.n, s * 1e3,
                static_cast<double>(o.n) / s / 1e6);
    std::printf("BENCH {\"w\":\"W3\",\"n\":%ld,\"seconds\":%.9f,\"loop\":\"%s\"}\n", o.n, s, o.loop_name());
    co_return 0;
}

}  // namespace

int main(int argc, char** argv) {
    bench::options o = bench::parse(argc, argv, 1'000'000);
    return bench::start(amain(o), o.host);
}
