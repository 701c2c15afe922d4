// First benchmark (issue: core runtime). Not a test: prints figures.
//   W2: N tasks that each sleep(0) once and return i, gathered.      -> tasks per second
//   W5: N tasks pending on one future (bytes each), then all cancelled. -> bytes per pending task
// Usage: bench_spawn_gather [N] [PENDING]   (defaults 1,000,000 and 100,000)
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
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

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

aio::coro<long long> one(long long i) {
    co_await aio::sleep(0);
    co_return i;
}

aio::coro<void> spawn_gather(long n, double& elapsed) {
    auto start = std::chrono::steady_clock::now();
    std::vector<aio::task<long long>> tasks;
    tasks.reserve(static_cast<std::size_t>(n));
    for (long i = 0; i < n; ++i) tasks.push_back(aio::create_task(one(i)));
    std::vector<long long> results = co_await aio::gather(tasks);
    elapsed = seconds_since(start);
    long long sum = 0;
    for (long long v : results) sum += v;
    if (sum != static_cast<long long>(n) * (n - 1) / 2) std::printf("WRONG SUM %lld\n", sum);
}

aio::coro<void> waiter(aio::future<void> f) { co_await f; }

aio::coro<void> pending_memory(long n, double& bytes_per_task, double& cancel_seconds) {
    auto never = aio::create_future<void>();
    std::vector<aio::task<void>> tasks;
    tasks.reserve(static_cast<std::size_t>(n));
    co_await aio::sleep(0);
    auto in_use = [] { return static_cast<double>(live_bytes) - static_cast<double>(aio::debug::pool_cached_bytes()); };
    double before = in_use();
    for (long i = 0; i < n; ++i) tasks.push_back(aio::create_task(waiter(never)));
    co_await aio::sleep(0);  // every task has started and is now suspended on the future
    // Everything the pending tasks cost: task state, frame, the handle in `tasks`.
    bytes_per_task = (in_use() - before) / static_cast<double>(n);
    auto start = std::chrono::steady_clock::now();
    for (auto& t : tasks) t.cancel();
    for (auto& t : tasks) {
        try {
            co_await t;
        } catch (const aio::cancelled_error&) {
        }
    }
    cancel_seconds = seconds_since(start);
}

}  // namespace

int main(int argc, char** argv) {
    long n = argc > 1 ? std::atol(argv[1]) : 1'000'000;
    long pending = argc > 2 ? std::atol(argv[2]) : 100'000;
#ifdef __EMSCRIPTEN__
    const char* target = "wasm";
#else
    const char* target = "native";
#endif
    double elapsed = 0;
    {
        aio::event_loop loop;  // warm-up: fills the frame pool
        loop.run(spawn_gather(n, elapsed));
    }
    aio::event_loop loop;
    loop.run(spawn_gather(n, elapsed));
    std::printf("%s W2 spawn+gather: %ld tasks in %.1f ms = %.2f M tasks/s\n", target, n, elapsed * 1e3,
                static_cast<double>(n) / elapsed / 1e6);
    if (pending <= 0) return 0;
    double bytes = 0, cancel_seconds = 0;
    aio::event_loop loop2;
    loop2.run(pending_memory(pending, bytes, cancel_seconds));
    std::printf("%s W5 memory: %.0f bytes per pending task (%ld tasks on one future); cancelling all: %.1f ms\n",
                target, bytes, pending, cancel_seconds * 1e3);
    std::printf("%s sizes: task state %zu B, pointer %zu B\n", target, sizeof(aio::detail::task_state<void>),
                sizeof(void*));
    return 0;
}
