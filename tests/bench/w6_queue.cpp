// W6 queue: a bounded queue (maxsize 100), 1 producer, 4 consumers, N items. -> items per second
#include "bench.hpp"

namespace {

constexpr int consumers = 4;

aio::coro<void> producer(aio::queue<long>& q, long n) {
    for (long i = 0; i < n; ++i) co_await q.put(i);
    for (int c = 0; c < consumers; ++c) co_await q.put(-1);  // one stop mark per consumer
}

aio::coro<void> consumer(aio::queue<long>& q, long long& sum) {
    for (;;) {
        long v = co_await q.get();
        if (v < 0) break;
        sum += v;
    }
}

aio::coro<double> run_queue(long n) {
    double start = bench::now();
    aio::queue<long> q(100);
    long long sum = 0;
    std::vector<aio::task<void>> tasks;
    tasks.push_back(aio::create_task(producer(q, n)));
    for (int c = 0; c < consumers; ++c) tasks.push_back(aio::create_task(consumer(q, sum)));
    co_await aio::gather(tasks);
    double seconds = bench::now() - start;
    if (sum != static_cast<long long>(n) * (n - 1) / 2) std::printf("WRONG SUM %lld\n", sum);
    co_return seconds;
}

aio::coro<int> amain(bench::options o) {
    for (int i = 0; i < o.warmup; ++i) co_await run_queue(o.n);
    double s = co_await run_queue(o.n);
    std::printf("%s W6 queue: %ld items in %.1f ms = %.2f M items/s\n", bench::target(), o.n, s * 1e3,
                static_cast<double>(o.n) / s / 1e6);
    std::printf("BENCH {\"w\":\"W6\",\"n\":%ld,\"seconds\":%.9f,\"loop\":\"%s\"}\n", o.n, s, o.loop_name());
    co_return 0;
}

}  // namespace

int main(int argc, char** argv) {
    bench::options o = bench::parse(argc, argv, 1'000'000);
    return bench::start(amain(o), o.host);
}
