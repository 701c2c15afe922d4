// Schedule exploration: a loop that runs its ready work in a random but reproducible order, to
// flush out code that silently relies on asyncio's FIFO order.
//
// With an explorer, each tick of the loop runs the items ready at its start (tasks and callbacks
// alike) in an order the explorer picks, and timers due at the same instant fire in an order it
// picks. Ticks stay: due timers before ready work, and what becomes ready during a tick runs in a
// later one — so sleep(0) still lets every item of its own tick run before the caller resumes,
// but a task created just before it no longer surely starts first (asyncio's FIFO would).
//
// An order is a sequence of choices ("which of the n left goes next"). A seeded explorer draws
// them from splitmix64, so the same seed gives the same schedule on every host; every explorer
// records the choices it makes, and a replaying explorer makes exactly the recorded ones.
//
//   auto s = aio::schedule_explorer::seeded(42);
//   aio::event_loop loop({.clock = aio::clock_kind::virtual_time, .schedule = s});
//   loop.run(main());
//   auto again = aio::schedule_explorer::replaying(s->recording());   // the same schedule
//
// Environment: AIO_SCHEDULE_SEED=N (or AIO_SCHEDULE_REPLAY=RECORDING, natively also =@FILE) gives
// every loop made without an explicit `schedule` option an explorer of its own, starting from the
// first choice: so unchanged programs and tests run under exploration, and each loop's schedule
// depends on the seed alone (a failing test replays when run alone).
//
// Exact replay needs a program that is deterministic apart from the schedule: the virtual clock,
// no threads, no outside I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace aio {

class schedule_explorer {
public:
    static std::shared_ptr<schedule_explorer> seeded(std::uint64_t seed);
    // Throws std::invalid_argument if `recording` is not a recording.
    static std::shared_ptr<schedule_explorer> replaying(std::string_view recording);

    // Which of `n` candidates goes next: an index in [0, n). n <= 1 is no choice (0, not recorded).
    std::size_t pick(std::size_t n);

    bool is_replay() const { return replay_ != nullptr; }
    std::uint64_t seed() const { return seed_; }
    // The choices made since the start, one character each ("0"-"9", "a"-"z", "A"-"Z" for 0-61,
    // "(N)" above): replaying(recording()) makes them again.
    const std::string& recording() const { return recording_; }
    std::size_t choices() const { return choices_; }
    // Replay only: choices the recording could not supply (it ran out, or named a candidate that
    // does not exist: the program took another path). 0 means the replay was exact so far.
    std::size_t divergences() const { return divergences_; }
    // Back to the first choice: the same seed's sequence again, or the recording from its start.
    void restart();
    // How to get this schedule again: "AIO_SCHEDULE_SEED=42" or "AIO_SCHEDULE_REPLAY=<recording>".
    std::string describe() const;

private:
    schedule_explorer(std::uint64_t seed, std::shared_ptr<const std::string> replay);
    std::size_t next_recorded();  // replay: the next choice of the recording, or npos at its end
    void record(std::size_t choice);

    std::uint64_t seed_;
    std::uint64_t state_;
    std::shared_ptr<const std::string> replay_;  // the recording being replayed, if any
    std::size_t replay_at_ = 0;
    std::string recording_;
    std::size_t choices_ = 0;
    std::size_t divergences_ = 0;
};

// A new explorer as AIO_SCHEDULE_SEED / AIO_SCHEDULE_REPLAY ask (read once per process), or null
// when neither is set; every loop made without an explicit `schedule` option takes one. Throws
// std::invalid_argument if the variable is malformed.
std::shared_ptr<schedule_explorer> environment_schedule();
// The explorer environment_schedule() last gave on this thread (a test runner's failure report).
std::shared_ptr<schedule_explorer> latest_environment_schedule();

}  // namespace aio
