// Fault injection (see aio/faults.hpp).
#include "aio/faults.hpp"

#include "aio/detail/splitmix.hpp"
#include "aio/future.hpp"
#include "aio/sleep.hpp"

#include <atomic>
#include <mutex>

namespace aio::faults {

namespace {

struct target_state {
    settings config;
    counters count;
    std::uint64_t rng = 0;
};

struct registry {
    std::mutex mutex;
    target_state targets[target_count];
    std::atomic<bool> any[target_count] = {};
};

registry& reg() {
    static auto* r = new registry;  // never destroyed: usable from static destructors
    return *r;
}

double next_uniform(std::uint64_t& state) {
    return static_cast<double>(detail::splitmix64(state) >> 11) * 0x1.0p-53;  // [0, 1)
}

int index(target t) { return static_cast<int>(t); }

}  // namespace

std::string_view name(target t) {
    switch (t) {
    case target::http: return "http";
    case target::storage: return "storage";
    case target::files: return "files";
    }
    return "?";
}

void set(target t, settings s) {
    registry& r = reg();
    std::lock_guard<std::mutex> lock(r.mutex);
    target_state& st = r.targets[index(t)];
    st.config = s;
    st.count = {};
    st.rng = s.seed;
    r.any[index(t)].store(s.active(), std::memory_order_release);
}

void clear(target t) { set(t, {}); }

void clear_all() {
    for (int i = 0; i < target_count; ++i) clear(static_cast<target>(i));
}

settings get(target t) {
    registry& r = reg();
    std::lock_guard<std::mutex> lock(r.mutex);
    return r.targets[index(t)].config;
}

counters stats(target t) {
    registry& r = reg();
    std::lock_guard<std::mutex> lock(r.mutex);
    return r.targets[index(t)].count;
}

scope::scope(target t, settings s) : target_(t), previous_(get(t)) { set(t, s); }
scope::~scope() { set(target_, previous_); }

coro<std::optional<std::string>> before(target t, std::string operation) {
    registry& r = reg();
    if (!r.any[index(t)].load(std::memory_order_acquire)) co_return std::nullopt;
    double delay = 0;
    bool hang = false;
    bool fail = false;
    {
        std::lock_guard<std::mutex> lock(r.mutex);
        target_state& st = r.targets[index(t)];
        const settings& c = st.config;
        ++st.count.operations;
        delay = c.latency > 0 ? c.latency : 0;
        if (c.jitter > 0) delay += c.jitter * next_uniform(st.rng);
        // Draw both every time, so the sequence does not depend on which rates are set.
        double h = next_uniform(st.rng);
        double e = next_uniform(st.rng);
        hang = h < c.hang_rate;
        fail = !hang && e < c.error_rate;
        if (delay > 0) ++st.count.delayed;
        if (hang) ++st.count.hung;
        if (fail) ++st.count.failed;
    }
    if (delay > 0) co_await aio::sleep(delay);
    if (hang) {
        // Never completed: only a cancellation (wait_for, a timeout, task.cancel()) ends it.
        future<void> never = create_future<void>();
        co_await never;
    }
    if (fail) co_return "injected fault (" + std::string(name(t)) + "): " + operation;
    co_return std::nullopt;
}

}  // namespace aio::faults
