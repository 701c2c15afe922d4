// Stress: a million tasks, a storm of 100k cancellations landing at random (seeded) points while
// tasks hold or wait on locks, semaphores, conditions, events and queues, and timer churn. All on
// the virtual clock, so a seed replays exactly. Sizes scale with AIO_STRESS_SCALE, the seed is
// AIO_STRESS_SEED (tests/stress_support.hpp). The suite's listener (tests/main.cpp) also checks
// that every frame and task is gone afterwards.
#include "storm.hpp"
#include "stress_support.hpp"
#include "support.hpp"

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace {

using aio_test::report;
using aio_test::scaled;

long live_tasks() { return aio::debug::live_tasks(); }

// ----------------------------------------------------------------------------- 1M tasks

aio::coro<void> gated_adder(aio::event& gate, std::int64_t& sum, long i) {
    co_await gate.wait();
    co_await aio::sleep(0);
    sum += i;
}

}  // namespace

TEST_CASE("stress: 1,000,000 tasks alive at once, all run to completion", "[stress]") {
    const long n = scaled(1'000'000);
    long peak_tasks = 0;
    std::int64_t sum = 0;  // (long is 32 bits in wasm)
    auto main = [&]() -> aio::coro<void> {
        aio::event gate;
        std::vector<aio::task<void>> tasks;
        tasks.reserve(static_cast<std::size_t>(n));
        const long before = live_tasks();
        for (long i = 0; i < n; ++i) tasks.push_back(aio::create_task(gated_adder(gate, sum, i)));
        peak_tasks = live_tasks() - before;
        co_await aio::sleep(0);  // every task now waits on the gate
        CHECK(gate.waiting() == static_cast<std::size_t>(n));
        gate.set();
        for (auto& t : tasks) co_await t;
        for (auto& t : tasks) CHECK(t.done());
    };
    aio_test::run(main());
    CHECK(peak_tasks == n);
    CHECK(sum == static_cast<std::int64_t>(n) * (n - 1) / 2);
    report("[stress] tasks: " + std::to_string(n) + " alive at once, all completed");
}


TEST_CASE("stress: a storm of 100,000 cancellations at random points leaves every primitive consistent",
          "[stress]") {
    const long n = scaled(100'000);
    const std::uint64_t seed = aio_test::stress_seed();
    INFO("replay with AIO_STRESS_SEED=" << seed << " AIO_STRESS_SCALE=" << aio_test::stress_scale());
    storm::arena a(1024);
    long other_end = -1;
    std::string first_error;
    auto main = [&]() -> aio::coro<void> {
        other_end = co_await storm::run(a, n, seed, 1.0, first_error);  // cancelled within 1 virtual second
        CHECK(aio::get_running_loop().timer_count() == 0);
    };
    aio_test::run(main());
    INFO("first task that did not end cancelled: " << first_error);
    CHECK(other_end == 0);
    storm::check_balanced(a);
    auto reuse = [&]() -> aio::coro<void> {
        for (std::size_t s = 0; s < a.locks.size(); ++s) {
            auto held = co_await a.locks[s].scoped();
            for (int p = 0; p < storm::permits; ++p) co_await a.semaphores[s].acquire();
            CHECK(a.semaphores[s].value() == 0);
            for (int p = 0; p < storm::permits; ++p) a.semaphores[s].release();
        }
    };
    aio_test::run(reuse());

    // The storm reached every kind of waiting and holding.
    std::string where_text;
    long total = 0;
    for (int w = 0; w < storm::where_count; ++w) {
        INFO("cancelled while " << storm::where_names[w]);
        if (w != storm::notifying) CHECK(a.cancelled_at[w] > 0);  // notify only waits on a busy lock
        total += a.cancelled_at[w];
        where_text += std::string(w ? ", " : "") + storm::where_names[w] + " " + std::to_string(a.cancelled_at[w]);
    }
    CHECK(total == n);
    report("[stress] cancellation storm (seed " + std::to_string(seed) + "): " + std::to_string(n) +
           " tasks cancelled after " + std::to_string(a.ops) + " operations; cancelled while " + where_text);
}

// ----------------------------------------------------------------------------- timer churn

namespace {

aio::coro<void> sleep_then(double delay, long& woke) {
    co_await aio::sleep(delay);
    ++woke;
}

aio::coro<void> wait_for_event(aio::event& e, double limit, long& timed_out, long& woke) {
    auto wait = storm::wait_event(e);
    try {
        co_await aio::wait_for(std::move(wait), limit);
        ++woke;
    } catch (const aio::timeout_error&) {
        ++timed_out;
    }
}

}  // namespace

TEST_CASE("stress: timer churn — call_later, sleep and wait_for timers created and cancelled by the 100,000",
          "[stress]") {
    const long n = scaled(200'000);
    const std::uint64_t seed = aio_test::stress_seed();
    INFO("replay with AIO_STRESS_SEED=" << seed);
    long fired = 0, late_or_early = 0, fired_cancelled = 0, expected_fired = 0;
    long slept = 0, woke = 0, timed_out = 0, tasks_cancelled = 0;
    std::size_t peak_timers = 0;
    auto main = [&]() -> aio::coro<void> {
        auto& loop = aio::get_running_loop();
        std::mt19937_64 rng(seed);
        std::uniform_real_distribution<double> delay(0.0, 1.0);

        // Callbacks: half cancelled at once, a quarter cancelled later by another timer.
        std::vector<aio::callback_handle> handles;
        std::vector<char> cancelled(static_cast<std::size_t>(n), 0);
        handles.reserve(static_cast<std::size_t>(n));
        for (long i = 0; i < n; ++i) {
            double due = loop.time() + delay(rng);
            handles.push_back(loop.call_at(due, [&, i, due] {
                ++fired;
                if (std::abs(loop.time() - due) > 1e-9) ++late_or_early;  // loop time counts whole ns
                if (cancelled[static_cast<std::size_t>(i)]) ++fired_cancelled;
            }));
        }
        for (long i = 0; i < n; ++i) {
            auto choice = rng() % 4;
            if (choice < 2) {
                handles[static_cast<std::size_t>(i)].cancel();
                cancelled[static_cast<std::size_t>(i)] = 1;
            } else if (choice == 2) {
                long victim = static_cast<long>(rng() % static_cast<std::uint64_t>(n));
                loop.call_later(delay(rng), [&, victim] {
                    auto& h = handles[static_cast<std::size_t>(victim)];
                    if (!h.cancelled() && loop.time() < h.when()) {
                        h.cancel();
                        cancelled[static_cast<std::size_t>(victim)] = 1;
                    }
                });
            }
        }
        peak_timers = loop.timer_count();

        // Sleeping tasks and wait_for timeouts, a third of them cancelled at random times.
        aio::event never;
        std::vector<aio::task<void>> tasks;
        for (long i = 0; i < n / 4; ++i) {
            if (i % 2) tasks.push_back(aio::create_task(sleep_then(delay(rng), slept)));
            else tasks.push_back(aio::create_task(wait_for_event(never, delay(rng), timed_out, woke)));
            if (rng() % 3 == 0) loop.call_later(delay(rng), [t = tasks.back()] { t.cancel(); });
        }
        co_await aio::wait(tasks);
        co_await aio::sleep(2.0);  // past every timer
        for (auto& t : tasks) tasks_cancelled += t.cancelled() ? 1 : 0;
        for (long i = 0; i < n; ++i) expected_fired += cancelled[static_cast<std::size_t>(i)] ? 0 : 1;
        CHECK(loop.timer_count() == 0);
        CHECK(loop.ready_count() == 0);
    };
    aio_test::run(main());
    CHECK(fired == expected_fired);
    CHECK(fired_cancelled == 0);
    CHECK(late_or_early == 0);
    CHECK(woke == 0);  // `never` is never set
    CHECK(slept + timed_out + tasks_cancelled == n / 4);
    CHECK(tasks_cancelled > 0);
    CHECK(timed_out > 0);
    report("[stress] timer churn (seed " + std::to_string(seed) + "): " + std::to_string(n) + " callbacks (" +
           std::to_string(fired) + " fired, the rest cancelled), " + std::to_string(n / 4) + " sleep/wait_for tasks (" +
           std::to_string(tasks_cancelled) + " cancelled), peak " + std::to_string(peak_timers) + " timers armed");
}
