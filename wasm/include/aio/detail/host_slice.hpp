// The budget of one host-driven slice (wasm): the loop runs ready work and due timers until the
// slice's time is spent or it has run its most steps, then yields to the host's event loop. The
// time is checked every check_every steps (a clock read is a JS call in wasm), even mid-tick.
#pragma once

#include <cstdint>

namespace aio::detail {

class host_slice {
public:
    static constexpr unsigned check_every = 64;

    void begin(double budget_ms, unsigned max_steps);
    // Counts one step; true once the slice is over (and from then on until the next begin).
    bool spent();
    bool over() const { return over_; }
    std::uint64_t count() const { return slices_; }        // slices begun so far
    unsigned most_steps() const { return most_steps_; }    // the most steps one slice ran

private:
    std::int64_t deadline_ = 0;  // steady-clock ns
    unsigned max_steps_ = 0;
    unsigned steps_ = 0;
    unsigned since_check_ = 0;
    unsigned most_steps_ = 0;
    std::uint64_t slices_ = 0;
    bool over_ = false;
};

}  // namespace aio::detail
