// Fault injection for teaching and testing: make HTTP requests, storage operations and file
// operations slow, flaky or hanging on purpose, so retries, timeouts and wait_for can be shown and
// tested deterministically.
//
//   aio::faults::scope slow(aio::faults::target::http, {.latency = 0.5});      // every request +0.5 s
//   aio::faults::scope flaky(aio::faults::target::storage, {.error_rate = 0.3, .seed = 7});
//   aio::faults::set(aio::faults::target::files, {.hang_rate = 1.0});          // every file op hangs
//   aio::faults::clear_all();
//
// - One switch per target and per process ("per host": the native process, the Node process or
//   the browser page), shared by every loop and thread in it. Off by default; off costs one
//   atomic load per operation.
// - Before each operation of a target (an HTTP attempt, a store get/put/delete/select/count/
//   cursor batch/commit, a file open/read/write/sync/close/stat/list/remove/...) the runtime
//   calls before(): it sleeps latency + uniform[0, jitter) seconds (aio::sleep: exact on the
//   virtual clock, and counted inside an HTTP request's timeout), then draws from the target's
//   seeded RNG whether the operation hangs (awaits forever, until cancelled: wait_for or a timeout
//   ends it; with nothing else pending the loop reports a deadlock) or fails. A failure is thrown
//   as the target's own error type, so the usual handling applies: http::connection_error (retried
//   by the session's `retries`), store::io_error, files::io_error; the message starts with
//   "injected fault".
// - The RNG is a splitmix64 sequence seeded by `seed` whenever set() is called: the same seed and
//   the same sequence of operations give the same faults on every host.
#pragma once

#include "aio/coro.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace aio::faults {

enum class target : std::uint8_t { http, storage, files };
inline constexpr int target_count = 3;
std::string_view name(target t);

struct settings {
    double latency = 0;      // seconds added before every operation
    double jitter = 0;       // plus uniform [0, jitter) seconds (seeded RNG)
    double error_rate = 0;   // probability in [0, 1] that an operation fails
    double hang_rate = 0;    // probability in [0, 1] that an operation never completes
    std::uint64_t seed = 1;  // RNG seed (re-seeded by every set())
    bool active() const { return latency > 0 || jitter > 0 || error_rate > 0 || hang_rate > 0; }
};

// What before() did so far for a target (since the last set()/clear()).
struct counters {
    std::uint64_t operations = 0;  // before() calls while the target had faults set
    std::uint64_t delayed = 0;
    std::uint64_t failed = 0;
    std::uint64_t hung = 0;
};

void set(target t, settings s);  // replaces the target's settings, re-seeds, zeroes counters
void clear(target t);
void clear_all();
settings get(target t);
counters stats(target t);

// RAII: sets a target's faults, restores the previous settings when it goes out of scope.
class scope {
public:
    scope(target t, settings s);
    ~scope();
    scope(const scope&) = delete;
    scope& operator=(const scope&) = delete;

private:
    target target_;
    settings previous_;
};

// The hook the runtime calls before an operation of target `t` (`operation` describes it, e.g.
// "GET http://..." or "store get users"). Applies latency and hangs; returns the failure message
// if this operation must fail (the caller throws its own error type with it), nullopt otherwise.
coro<std::optional<std::string>> before(target t, std::string operation);

}  // namespace aio::faults
