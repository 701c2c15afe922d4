// Knobs shared by the stress and soak tests (tests/test_stress.cpp, tests/test_soak.cpp).
//   AIO_STRESS_SCALE=F   multiplies every stress size (default 1: 1M tasks, 100k cancellations...)
//   AIO_STRESS_SEED=N    seed of the random choices (default 1); a failure prints the seed to replay
//   AIO_SOAK_SECONDS=N   runs the soak test for N wall seconds (default 0: the soak is skipped)
// In wasm the Node pre-js (cmake/node_prejs.js) copies AIO_* variables into the module's getenv.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace aio_test {

inline double env_number(const char* name, double fallback) {
    const char* v = std::getenv(name);
    if (!v || !*v) return fallback;
    char* end = nullptr;
    double d = std::strtod(v, &end);
    return end && *end == '\0' ? d : fallback;
}

inline double stress_scale() { return env_number("AIO_STRESS_SCALE", 1.0); }

// `n` scaled by AIO_STRESS_SCALE, at least 1.
inline long scaled(long n) {
    double v = static_cast<double>(n) * stress_scale();
    return v < 1 ? 1 : static_cast<long>(v);
}

inline std::uint64_t stress_seed() { return static_cast<std::uint64_t>(env_number("AIO_STRESS_SEED", 1)); }

// One line of figures per stress run, on stderr (kept in build/logs/<suite>.test.log).
inline void report(const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); }

}  // namespace aio_test
