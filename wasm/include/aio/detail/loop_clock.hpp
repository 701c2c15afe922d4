// The loop's clock: real (the steady clock, scaled by a speed), virtual (time jumps to the next
// timer), or virtual and paced (each jump waits the wall time it stands for at a finite speed).
// Loop time is in nanoseconds; what waits for work (the loop) asks the clock when a jump is due.
#pragma once

#include <cstdint>
#include <optional>

namespace aio {

enum class clock_kind : std::uint8_t {
    real,          // steady clock: sleep(1) takes a second
    virtual_time,  // time jumps to the next timer when nothing is ready: exact (and instant, or
                   // paced by a finite speed)
};

namespace detail {

class loop_clock {
public:
    // Throws std::invalid_argument for a speed that is not > 0 (or not finite on the real clock).
    // No speed: 1 on the real clock, infinity (instant jumps) on the virtual one.
    loop_clock(clock_kind kind, std::optional<double> speed);

    clock_kind kind() const { return kind_; }
    bool is_virtual() const { return kind_ == clock_kind::virtual_time; }
    std::int64_t now_ns() const;
    double speed() const { return speed_; }  // infinity: an instant virtual clock
    // Throws std::invalid_argument as the constructor does; a paced wait keeps its progress.
    void set_speed(double speed);
    // Virtual clock only (invalid_state_error otherwise): time moves on by `seconds` at once.
    void advance(double seconds);

    static std::int64_t steady_ns();
    // Seconds to nanoseconds, clamped to ±9e18; std::invalid_argument for NaN.
    static std::int64_t to_ns(double seconds);
    // now + delay, saturating far in the future.
    std::int64_t deadline_after(double delay_seconds) const;
    // Real clock: the steady-clock time at which loop time reaches `loop_ns`.
    std::int64_t wall_time_of(std::int64_t loop_ns) const;

    // --- virtual clock ---
    std::int64_t virtual_now() const { return virtual_now_; }
    bool paced() const;        // virtual at a finite speed
    double pace_speed() const;  // the pace of a wait: the finite speed, else real time
    // A jump is being waited for (paced, or while outside work is pending).
    bool waiting_for_jump() const { return pace_wall_ >= 0; }
    // The steady-clock time at which the jump to `deadline` is due; starts the wait if none runs.
    std::int64_t jump_due_at(std::int64_t deadline);
    // Time moves to `deadline` (if later than now); the wait for it is over.
    void jump_to(std::int64_t deadline);
    // Before a speed change or a pause: the imagined time reached so far becomes the new start,
    // so the wait goes on from there (a pause does not count, a new speed applies from now on).
    void save_pace_progress();
    // After a pause: the wait goes on from now.
    void resume_pace();
    // Instant clock, outside work came in during a wait: only wall time spent waiting counts.
    void hold_pace() {
        save_pace_progress();
        pace_held_ = true;
    }

private:
    clock_kind kind_;
    double speed_ = 1.0;
    std::int64_t virtual_now_ = 0;
    std::int64_t real_origin_ = 0;  // steady-clock ns at which loop time was real_base_
    std::int64_t real_base_ = 0;    // loop time (ns) at real_origin_
    // A paced wait for the next jump: since steady-clock ns pace_wall_ (-1: not waiting), time is
    // imagined to flow from pace_virtual_ at pace_speed(); the jump to a deadline is due when
    // that imagined time reaches it. Reset by every jump.
    std::int64_t pace_wall_ = -1;
    double pace_virtual_ = 0;
    bool pace_held_ = false;  // instant clock between waits on outside work: the pace stands still
};

}  // namespace detail
}  // namespace aio
