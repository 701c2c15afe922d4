#include "aio/detail/loop_clock.hpp"

#include "aio/errors.hpp"

#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <type_traits>

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#endif

namespace aio::detail {

loop_clock::loop_clock(clock_kind kind, std::optional<double> speed) : kind_(kind), real_origin_(steady_ns()) {
    static_assert(std::is_same_v<std::chrono::steady_clock::duration, std::chrono::nanoseconds>);
    bool real = kind == clock_kind::real;
    speed_ = speed.value_or(real ? 1.0 : std::numeric_limits<double>::infinity());
    if (!(speed_ > 0) || (real && !std::isfinite(speed_)))
        throw std::invalid_argument(real ? "loop_options.speed must be a positive number"
                                         : "loop_options.speed must be a positive number or infinity");
}

std::int64_t loop_clock::steady_ns() {
#ifdef __EMSCRIPTEN__
    // The same reading as steady_clock (clock_gettime(CLOCK_MONOTONIC) is emscripten_get_now() in
    // milliseconds), without libc's JS wrapper splitting it into seconds and nanoseconds first:
    // a 100,000-timer start-up spends a tenth of its time reading the clock.
    return static_cast<std::int64_t>(emscripten_get_now() * 1e6);
#else
    return std::chrono::steady_clock::now().time_since_epoch().count();
#endif
}

std::int64_t loop_clock::now_ns() const {
    if (kind_ == clock_kind::virtual_time) return virtual_now_;
    std::int64_t elapsed = steady_ns() - real_origin_;
    if (speed_ == 1.0) return real_base_ + elapsed;
    return real_base_ + static_cast<std::int64_t>(static_cast<double>(elapsed) * speed_);
}

void loop_clock::set_speed(double speed) {
    if (kind_ == clock_kind::real) {
        if (!(speed > 0) || !std::isfinite(speed)) throw std::invalid_argument("speed must be a positive number");
        real_base_ = now_ns();
        real_origin_ = steady_ns();
    } else {
        if (!(speed > 0)) throw std::invalid_argument("speed must be a positive number or infinity");
        save_pace_progress();
    }
    speed_ = speed;
}

void loop_clock::advance(double seconds) {
    if (kind_ != clock_kind::virtual_time)
        throw invalid_state_error("advance_virtual_time: the loop runs on the real clock");
    if (!(seconds >= 0) || !std::isfinite(seconds)) throw std::invalid_argument("advance_virtual_time: seconds must be >= 0");
    virtual_now_ += to_ns(seconds);
    pace_wall_ = -1;
}

std::int64_t loop_clock::to_ns(double seconds) {
    if (std::isnan(seconds)) throw std::invalid_argument("delay is NaN");
    constexpr double limit = 9.0e18;
    double ns = seconds * 1e9;
    if (ns >= limit) return static_cast<std::int64_t>(limit);
    if (ns <= -limit) return -static_cast<std::int64_t>(limit);
    return std::llround(ns);
}

std::int64_t loop_clock::deadline_after(double delay_seconds) const {
    std::int64_t delay = to_ns(delay_seconds);
    std::int64_t now = now_ns();
    constexpr std::int64_t far = std::numeric_limits<std::int64_t>::max() / 2;
    return delay > far - now ? far : now + delay;
}

std::int64_t loop_clock::wall_time_of(std::int64_t loop_ns) const {
    return real_origin_ + static_cast<std::int64_t>(static_cast<double>(loop_ns - real_base_) / speed_);
}

// ---------------------------------------------------------------- pacing (virtual clock)

bool loop_clock::paced() const { return kind_ == clock_kind::virtual_time && std::isfinite(speed_); }

double loop_clock::pace_speed() const { return std::isfinite(speed_) ? speed_ : 1.0; }

std::int64_t loop_clock::jump_due_at(std::int64_t deadline) {
    if (pace_wall_ < 0) {
        pace_wall_ = steady_ns();
        pace_virtual_ = static_cast<double>(virtual_now_);
    } else if (pace_held_) {
        pace_wall_ = steady_ns();
    }
    pace_held_ = false;
    double wall = static_cast<double>(pace_wall_) + (static_cast<double>(deadline) - pace_virtual_) / pace_speed();
    constexpr double far = static_cast<double>(std::numeric_limits<std::int64_t>::max() / 2);
    return wall >= far ? static_cast<std::int64_t>(far) : static_cast<std::int64_t>(wall);
}

void loop_clock::jump_to(std::int64_t deadline) {
    if (deadline > virtual_now_) {
        pace_wall_ = -1;
        virtual_now_ = deadline;
    }
}

void loop_clock::save_pace_progress() {
    if (pace_wall_ < 0 || kind_ != clock_kind::virtual_time) return;
    std::int64_t now = steady_ns();
    pace_virtual_ += static_cast<double>(now - pace_wall_) * pace_speed();
    pace_wall_ = now;
}

void loop_clock::resume_pace() {
    if (pace_wall_ >= 0) pace_wall_ = steady_ns();
}

}  // namespace aio::detail
