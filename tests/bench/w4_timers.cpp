// W4 timers: N tasks each sleep a seeded-random delay in [0, 1 s] (bench::minstd, the same
// delays in every peer). -> overhead = wall - longest delay (~1 s), mean / max lateness of the
// wake-ups, and in wasm the number of host setTimeout calls made (Module.aioTimersArmed).
// Always aio::run: in wasm the host's event loop and its timers drive the aio loop.
#include "bench.hpp"

#include <algorithm>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

namespace {

struct lateness {
    double sum = 0, max = 0;
};

aio::coro<void> sleeper(double delay, lateness& late) {
    double start = bench::now();
    co_await aio::sleep(delay);
    double l = bench::now() - start - delay;
    late.sum += l;
    late.max = std::max(late.max, l);
}

aio::coro<int> amain(long n) {
    bench::minstd rng;
    std::vector<double> delays(static_cast<std::size_t>(n));
    for (double& d : delays) d = rng.next();
    double longest = *std::max_element(delays.begin(), delays.end());
    lateness late;
    double start = bench::now();
    std::vector<aio::task<void>> tasks;
    tasks.reserve(delays.size());
    for (double d : delays) tasks.push_back(aio::create_task(sleeper(d, late)));
    co_await aio::gather(tasks);
    double wall = bench::now() - start;
    long host_timers = -1;
#ifdef __EMSCRIPTEN__
    // -1: this build's host glue does not count them (Module.aioTimersArmed, wasm/src/host_js.cpp).
    host_timers = EM_ASM_INT({ return Module.aioTimersArmed === undefined ? -1 : Module.aioTimersArmed; });
#endif
    std::printf("%s W4 timers: %ld tasks, wall %.1f ms, overhead %.1f ms, lateness mean %.3f ms max %.3f ms, "
                "host timers armed %ld\n",
                bench::target(), n, wall * 1e3, (wall - longest) * 1e3, late.sum / n * 1e3, late.max * 1e3,
                host_timers);
    std::printf("BENCH {\"w\":\"W4\",\"n\":%ld,\"seconds\":%.9f,\"overhead_ms\":%.3f,\"mean_late_ms\":%.4f,"
                "\"max_late_ms\":%.3f,\"host_timers\":%ld,\"loop\":\"host\"}\n",
                n, wall, (wall - longest) * 1e3, late.sum / n * 1e3, late.max * 1e3, host_timers);
    co_return 0;
}

}  // namespace

int main(int argc, char** argv) { return aio::run_main(amain(bench::parse(argc, argv, 100'000).n)); }
