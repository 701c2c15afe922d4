// The native C++ peer (issue 17): standalone asio (Debian libasio-dev) with C++20 coroutines,
// the same workload shapes as tests/bench/wN_*.cpp. Built and run by tools/bench
// (tools/lib/bench_suite.py); one program per workload, same arguments as the aio programs:
//
//   asio_wN_NAME [N] [--warmup K]
//
// Each runs its workload K times untimed, then once timed, and prints the same one line
//   BENCH {"w":"W2","n":...,"seconds":...,"loop":"asio"}
// A single-threaded io_context with ASIO_CONCURRENCY_HINT_UNSAFE (no locking): asio's fastest
// configuration for one thread, as aio's loop is one thread.
#pragma once

// asio 1.22 detects coroutines for g++ but not for clang++ with libstdc++'s <coroutine>: say so.
#if defined(__clang__) && !defined(ASIO_HAS_CO_AWAIT)
#define ASIO_HAS_CO_AWAIT 1
#define ASIO_HAS_STD_COROUTINE 1
#endif
#include <asio.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace peer {

inline double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct options {
    long n = 0;
    int warmup = 1;
};

inline options parse(int argc, char** argv, long default_n) {
    options o;
    o.n = default_n;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--warmup") && i + 1 < argc) {
            o.warmup = std::atoi(argv[++i]);
        } else {
            o.n = std::atol(argv[i]);
        }
    }
    return o;
}

// Runs `once(n)` (returns seconds) warmup times, then once timed; prints the BENCH line.
template <class F>
int report(const char* w, const char* what, const options& o, F once) {
    for (int i = 0; i < o.warmup; ++i) once(o.n);
    double s = once(o.n);
    std::printf("asio %s %s: %ld in %.1f ms = %.2f M/s\n", w, what, o.n, s * 1e3, static_cast<double>(o.n) / s / 1e6);
    std::printf("BENCH {\"w\":\"%s\",\"n\":%ld,\"seconds\":%.9f,\"loop\":\"asio\"}\n", w, o.n, s);
    return 0;
}

}  // namespace peer
