// The cancellation storm's workers (tests/test_stress.cpp, tests/test_soak.cpp): tasks that loop
// over random (seeded) operations on shared locks, semaphores, conditions, events and queues until
// cancelled, keeping the books that must balance afterwards (holders, puts and gets) and counting
// where each cancellation landed.
#pragma once

#include "support.hpp"

#include <array>
#include <deque>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace storm {

// Where a worker can be when its cancellation lands (the storm counts each).
enum where : int {
    waiting_lock, holding_lock, waiting_semaphore, holding_semaphore, waiting_condition,
    notifying, waiting_event, putting, getting, getting_with_timeout, in_timeout_scope, sleeping,
    where_count
};
constexpr std::array<const char*, where_count> where_names{
    "waiting_lock", "holding_lock", "waiting_semaphore", "holding_semaphore", "waiting_condition",
    "notifying", "waiting_event", "putting", "getting", "getting_with_timeout", "in_timeout_scope",
    "sleeping"};

constexpr int shards = 32;             // instances of each primitive (workers pick one at random)
constexpr std::ptrdiff_t permits = 3;  // per semaphore
constexpr std::size_t queue_size = 4;  // bounded queues

// The shared primitives (`shards` of each kind; workers pick one at random) and the bookkeeping
// that must balance after the storm.
struct arena {
    explicit arena(int shard_count) : shards(shard_count) {
        for (int i = 0; i < shards; ++i) {
            locks.emplace_back();
            semaphores.emplace_back(permits);
            conditions.emplace_back();
            events.emplace_back();
            queues.emplace_back(queue_size);
        }
    }
    const int shards;
    std::deque<aio::lock> locks;  // deques: the primitives cannot move
    std::deque<aio::semaphore> semaphores;
    std::deque<aio::condition> conditions;
    std::deque<aio::event> events;
    std::deque<aio::queue<long>> queues;
    std::vector<int> lock_holders = std::vector<int>(static_cast<std::size_t>(shards));
    std::vector<int> semaphore_holders = std::vector<int>(static_cast<std::size_t>(shards));
    std::vector<long> puts = std::vector<long>(static_cast<std::size_t>(shards));  // completed put()s per queue
    std::vector<long> gets = std::vector<long>(static_cast<std::size_t>(shards));  // completed get()s per queue
    long exclusion_violations = 0;    // a second lock holder, or too many semaphore holders
    long condition_without_lock = 0;  // condition.wait() returned without the lock
    long ops = 0;
    std::array<long, where_count> cancelled_at{};
    double pause_unit = 1e-3;  // seconds; operations hold or wait 1..20 units
};

// Counts holders of a primitive for the time it lives (a cancellation unwinds it).
struct holding {
    int& holders;
    holding(int& h, int limit, long& violations) : holders(h) {
        if (++holders > limit) ++violations;
    }
    ~holding() { --holders; }
    holding(const holding&) = delete;
    holding& operator=(const holding&) = delete;
};

inline aio::coro<long> get_one(aio::queue<long>& q, long& gets) {
    long v = co_await q.get();
    ++gets;
    co_return v;
}

inline aio::coro<void> wait_event(aio::event& e) { co_await e.wait(); }

// One random operation; `at` says where the worker is, for the storm's statistics.
inline aio::coro<void> one_op(arena& a, std::mt19937_64& rng, where& at) {
    const auto s = static_cast<std::size_t>(rng() % static_cast<std::uint64_t>(a.shards));
    const double pause = static_cast<double>(rng() % 20 + 1) * a.pause_unit;  // 1..20 units
    ++a.ops;
    // Puts and gets are balanced (2 : 1 + 1 with a timeout), so queues both fill and run dry.
    switch (rng() % 14) {
    case 0:
    case 1: {
        at = waiting_lock;
        auto held = co_await a.locks[s].scoped();
        holding h(a.lock_holders[s], 1, a.exclusion_violations);
        at = holding_lock;
        co_await aio::sleep(pause);
        break;
    }
    case 2:
    case 3: {
        at = waiting_semaphore;
        auto held = co_await a.semaphores[s].scoped();
        holding h(a.semaphore_holders[s], permits, a.exclusion_violations);
        at = holding_semaphore;
        co_await aio::sleep(pause);
        break;
    }
    case 4: {
        at = waiting_condition;
        auto held = co_await a.conditions[s].scoped();
        co_await a.conditions[s].wait();
        if (!a.conditions[s].locked()) ++a.condition_without_lock;
        break;
    }
    case 5: {
        at = notifying;
        auto held = co_await a.conditions[s].scoped();
        a.conditions[s].notify(rng() % 3 + 1);
        break;
    }
    case 6:
        at = waiting_event;
        co_await a.events[s].wait();
        break;
    case 7:
        if (rng() % 2) a.events[s].set();
        else a.events[s].clear();
        break;
    case 8:
    case 9:
        at = putting;
        co_await a.queues[s].put(static_cast<long>(rng() % 1000));
        ++a.puts[s];
        break;
    case 10:
        at = getting;
        co_await get_one(a.queues[s], a.gets[s]);
        break;
    case 11: {
        at = getting_with_timeout;
        auto get = get_one(a.queues[s], a.gets[s]);
        try {
            co_await aio::wait_for(std::move(get), pause);
        } catch (const aio::timeout_error&) {
        }
        break;
    }
    default: {
        at = rng() % 2 ? in_timeout_scope : sleeping;
        auto wait = [&a, s]() { return wait_event(a.events[s]); };
        try {
            if (at == in_timeout_scope) co_await aio::timeout(pause, wait);
            else co_await aio::sleep(pause);
        } catch (const aio::timeout_error&) {
        }
        break;
    }
    }
}

// Loops over random operations until cancelled; records where the cancellation landed.
inline aio::coro<void> worker(arena& a, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    where at = sleeping;
    try {
        for (;;) co_await one_op(a, rng, at);
    } catch (const aio::cancelled_error&) {
        ++a.cancelled_at[at];
        throw;
    }
}


// Checks (Catch2) that every primitive is free, balanced and still usable once all workers ended;
// drains the queues and returns every permit on the way.
inline void check_balanced(arena& a) {
    CHECK(a.exclusion_violations == 0);
    CHECK(a.condition_without_lock == 0);
    for (std::size_t s = 0; s < static_cast<std::size_t>(a.shards); ++s) {
        INFO("shard " << s);
        CHECK_FALSE(a.locks[s].locked());
        CHECK(a.locks[s].waiting() == 0);
        CHECK(a.lock_holders[s] == 0);
        CHECK(a.semaphores[s].value() == permits);
        CHECK(a.semaphores[s].waiting() == 0);
        CHECK(a.semaphore_holders[s] == 0);
        CHECK_FALSE(a.conditions[s].locked());
        CHECK(a.conditions[s].waiting() == 0);
        CHECK(a.events[s].waiting() == 0);
        auto& q = a.queues[s];
        CHECK(q.getters_waiting() == 0);
        CHECK(q.putters_waiting() == 0);
        // Nothing lost or duplicated: what was put and not taken is exactly what is stored, every
        // stored item can be taken, then every slot can be filled (no stale reservation), and
        // emptied again for the next round.
        CHECK(a.puts[s] - a.gets[s] == static_cast<long>(q.qsize()));
        std::size_t stored = q.qsize();
        for (std::size_t i = 0; i < stored; ++i) CHECK_NOTHROW(q.get_nowait());
        CHECK(q.empty());
        for (std::size_t i = 0; i < queue_size; ++i) CHECK_NOTHROW(q.put_nowait(1));
        CHECK(q.full());
        for (std::size_t i = 0; i < queue_size; ++i) CHECK_NOTHROW(q.get_nowait());
        a.puts[s] = a.gets[s] = 0;
    }
}

// Starts `n` workers on the running loop, each cancelled at a random time within `horizon`
// seconds; returns once all have ended. Returns how many did not end cancelled (and the first
// such error in `first_error`).
inline aio::coro<long> run(arena& a, long n, std::uint64_t seed, double horizon, std::string& first_error) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> when(0.0, horizon);
    std::vector<aio::task<void>> tasks;
    tasks.reserve(static_cast<std::size_t>(n));
    auto& loop = aio::get_running_loop();
    for (long i = 0; i < n; ++i) {
        tasks.push_back(aio::create_task(worker(a, seed * 1'000'003 + static_cast<std::uint64_t>(i))));
        loop.call_later(when(rng), [t = tasks.back()] { t.cancel("storm"); });
    }
    co_await aio::wait(tasks);
    long other_end = 0;
    for (auto& t : tasks) {
        if (t.cancelled()) continue;
        ++other_end;
        if (first_error.empty() && t.done() && t.exception()) first_error = aio::describe(t.exception());
    }
    co_return other_end;
}

}  // namespace storm
