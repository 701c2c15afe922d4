#include "aio/detail/host_slice.hpp"

#include "aio/detail/loop_clock.hpp"

#include <algorithm>

namespace aio::detail {

void host_slice::begin(double budget_ms, unsigned max_steps) {
    deadline_ = loop_clock::steady_ns() + static_cast<std::int64_t>(budget_ms * 1e6);
    max_steps_ = max_steps;
    over_ = false;
    since_check_ = 0;
    steps_ = 0;
    ++slices_;
}

bool host_slice::spent() {
    if (over_) return true;
    most_steps_ = std::max(most_steps_, ++steps_);
    if (++since_check_ < check_every) return false;
    since_check_ = 0;
    over_ = steps_ >= max_steps_ || loop_clock::steady_ns() >= deadline_;
    return over_;
}

}  // namespace aio::detail
