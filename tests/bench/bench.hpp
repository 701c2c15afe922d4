// Shared by the suite's programs (tests/bench/w*.cpp); tools/bench drives them.
//
//   bench_wN_NAME [N] [--warmup K] [--host] [--url BASE]
//
// Each program runs its workload K times untimed (default 1: pools and caches warm, as a
// long-running program has them), then once timed, and prints one line
//   BENCH {"w":"W2","n":...,"seconds":...,"loop":"self"|"host",...}
// that tools/bench parses (anything else it prints is for people).
// --host runs main with aio::run: in wasm the host's event loop (Node's microtasks, setImmediate
// slices, one setTimeout) drives the aio loop. Without it a self-driven aio::event_loop runs
// (natively the two are the same thing). --url: the server a network workload (W7) talks to.
#pragma once

#include "aio/aio.hpp"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace bench {

inline double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct options {
    long n = 0;
    int warmup = 1;
    bool host = false;
    const char* url = nullptr;
    const char* loop_name() const { return host ? "host" : "self"; }
};

inline options parse(int argc, char** argv, long default_n) {
    options o;
    o.n = default_n;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--warmup") && i + 1 < argc) {
            o.warmup = std::atoi(argv[++i]);
        } else if (!std::strcmp(argv[i], "--host")) {
            o.host = true;
        } else if (!std::strcmp(argv[i], "--url") && i + 1 < argc) {
            o.url = argv[++i];
        } else {
            o.n = std::atol(argv[i]);
        }
    }
    return o;
}

inline const char* target() {
#ifdef __EMSCRIPTEN__
    return "wasm";
#else
    return "native";
#endif
}

// Runs main to completion on the chosen loop. With host = true in wasm this never returns: the
// process exits with main's status once main is done.
inline int start(aio::coro<int> main, bool host) {
    if (host) return aio::run_main(std::move(main));
    aio::event_loop loop;
    return loop.run(std::move(main));
}

// MINSTD (x = x * 48271 mod 2^31-1), the same sequence in every peer's script.
struct minstd {
    std::uint64_t x = 42;
    double next() {
        x = x * 48271 % 2147483647;
        return static_cast<double>(x) / 2147483647.0;
    }
};

}  // namespace bench
