// W2 spawn + gather: N tasks each sleep(0) once and return i, gathered. -> tasks per second
#include "bench.hpp"

namespace {

aio::coro<long long> one(long long i) {
    co_await aio::sleep(0);
    co_return i;
}

aio::coro<double> spawn_gather(long n) {
    double start = bench::now();
    std::vector<aio::task<long long>> tasks;
    tasks.reserve(static_cast<std::size_t>(n));
    for (long i = 0; i < n; ++i) tasks.push_back(aio::create_task(one(i)));
    std::vector<long long> results = co_await aio::gather(tasks);
    double seconds = bench::now() - start;
    long long sum = 0;
    for (long long v : results) sum += v;
    if (sum != static_cast<long long>(n) * (n - 1) / 2) std::printf("WRONG SUM %lld\n", sum);
    co_return seconds;
}

aio::coro<int> amain(bench::options o) {
    for (int i = 0; i < o.warmup; ++i) co_await spawn_gather(o.n);
    double s = co_await spawn_gather(o.n);
    std::printf("%s W2 spawn+gather: %ld tasks in %.1f ms = %.2f M tasks/s\n", bench::target(), o.n, s * 1e3,
                static_cast<double>(o.n) / s / 1e6);
    std::printf("BENCH {\"w\":\"W2\",\"n\":%ld,\"seconds\":%.9f,\"loop\":\"%s\"}\n", o.n, s, o.loop_name());
    co_return 0;
}

}  // namespace

int main(int argc, char** argv) {
    bench::options o = bench::parse(argc, argv, 1'000'000);
    return bench::start(amain(o), o.host);
}
