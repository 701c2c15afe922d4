// W5 memory: N tasks pending on one aio::event -> bytes per pending task (live heap bytes, minus
// what the frame pool keeps cached), then the time to cancel them all and see them finish
// (gather with return_exceptions: every task raises cancelled_error once, nobody rethrows it).
#include "bench.hpp"

#include <ctime>
#include <new>

// Counts live heap bytes: every allocation carries its size in a 16-byte header.
namespace {
std::size_t live_bytes = 0;
}
void* operator new(std::size_t size) {
    void* block = std::malloc(size + 16);
    if (!block) throw std::bad_alloc();
    *static_cast<std::size_t*>(block) = size;
    live_bytes += size;
    return static_cast<char*>(block) + 16;
}
void operator delete(void* p) noexcept {
    if (!p) return;
    void* block = static_cast<char*>(p) - 16;
    live_bytes -= *static_cast<std::size_t*>(block);
    std::free(block);
}
void operator delete(void* p, std::size_t) noexcept { operator delete(p); }

namespace {

double in_use() {
    return static_cast<double>(live_bytes) - static_cast<double>(aio::debug::pool_cached_bytes());
}

aio::coro<void> waiter(aio::event& e) { co_await e.wait(); }

aio::coro<int> amain(bench::options o) {
    aio::event never;
    std::vector<aio::task<void>> tasks;
    co_await aio::sleep(0);
    double before = in_use();
    for (long i = 0; i < o.n; ++i) tasks.push_back(aio::create_task(waiter(never)));
    co_await aio::sleep(0);  // every task has started and is now suspended on the event
    // Everything the pending tasks cost: task state, frame, the handle in `tasks`.
    double bytes = (in_use() - before) / static_cast<double>(o.n);
    double start = bench::now();
    std::clock_t cpu_start = std::clock();  // CPU time too: on a loaded machine wall time is mostly waiting
    for (auto& t : tasks) t.cancel();
    co_await aio::gather(aio::return_exceptions, tasks);  // each outcome: cancelled_error
    double cancel = bench::now() - start;
    double cancel_cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    std::printf("%s W5 memory: %.0f bytes per pending task (%ld tasks on one event); cancelling all: %.1f ms\n",
                bench::target(), bytes, o.n, cancel * 1e3);
    std::printf("BENCH {\"w\":\"W5\",\"n\":%ld,\"bytes_per_task\":%.1f,\"cancel_ms\":%.3f,\"cancel_cpu_ms\":%.3f,"
                "\"loop\":\"%s\"}\n",
                o.n, bytes, cancel * 1e3, cancel_cpu * 1e3, o.loop_name());
    co_return 0;
}

}  // namespace

int main(int argc, char** argv) {
    bench::options o = bench::parse(argc, argv, 100'000);
    return bench::start(amain(o), o.host);
}
