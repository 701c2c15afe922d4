// Soak: a mixed workload in rounds for AIO_SOAK_SECONDS wall seconds (hidden test: run it with
// `./tools/test --only soak`, or AIO_SOAK_SECONDS=N aio_tests "[soak]"). Each round spawns and
// gathers tasks, runs a small cancellation storm, churns timers, passes items through a queue,
// commits store transactions and (natively, with node installed) makes HTTP requests of which the
// server drops some. Memory is sampled after every round — resident set natively, the wasm heap
// (HEAP8.length) in Node — and must not keep growing: the second half's peak stays within the
// first half's peak x 1.1 plus a slack. Tasks and frames are back to the baseline after each round.
#include "storm.hpp"
#include "stress_support.hpp"
#include "support.hpp"

#include "aio/http.hpp"
#include "aio/store.hpp"

#ifdef __EMSCRIPTEN__
#include <emscripten/heap.h>
#else
#include "demo_server.hpp"

#include <unistd.h>
#endif

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

namespace {

#ifdef __EMSCRIPTEN__
constexpr const char* memory_name = "wasm heap";
constexpr double slack_mib = 16;  // the heap grows in steps of up to 20%
double memory_mib() { return static_cast<double>(emscripten_get_heap_size()) / (1 << 20); }
#else
constexpr const char* memory_name = "RSS";
constexpr double slack_mib = 8;
double memory_mib() {
    long pages = 0, resident = 0;
    FILE* f = std::fopen("/proc/self/statm", "r");
    if (!f) return 0;
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
    return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1 << 20);
}
#endif

double wall_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

aio::coro<long> leaf(long i) {
    co_await aio::sleep(0);
    co_return i;
}

aio::coro<void> spawn_and_gather(long n) {
    std::vector<aio::coro<long>> all;
    for (long i = 0; i < n; ++i) all.push_back(leaf(i));
    auto values = co_await aio::gather(std::move(all));
    long sum = 0;
    for (long v : values) sum += v;
    CHECK(sum == n * (n - 1) / 2);
}

aio::coro<void> timer_churn(std::mt19937_64& rng, long n) {
    auto& loop = aio::get_running_loop();
    long fired = 0, expected = 0;
    std::vector<aio::callback_handle> handles;
    for (long i = 0; i < n; ++i) {
        handles.push_back(loop.call_later(static_cast<double>(rng() % 10) * 1e-3, [&fired] { ++fired; }));
        if (rng() % 2) handles.back().cancel();
        else ++expected;
    }
    co_await aio::sleep(0.015);
    CHECK(fired == expected);
}

aio::coro<void> consume(aio::queue<long>& q, long& got) {
    for (;;) {
        long v = co_await q.get();
        if (v < 0) co_return;
        ++got;
    }
}

aio::coro<void> queue_traffic(long n) {
    aio::queue<long> q(16);
    long got = 0;
    std::vector<aio::task<void>> consumers;
    for (int c = 0; c < 4; ++c) consumers.push_back(aio::create_task(consume(q, got)));
    for (long i = 0; i < n; ++i) co_await q.put(i);
    for (int c = 0; c < 4; ++c) co_await q.put(-1);
    for (auto& t : consumers) co_await t;
    CHECK(got == n);
}

aio::coro<void> store_traffic(aio::store::database& db, long round) {
    for (long i = 0; i < 100; ++i) {
        long k = (round * 100 + i) % 500;  // a bounded key space: the live data stays the same size
        aio::store::json v = {{"round", round}, {"i", i}, {"pad", std::string(static_cast<std::size_t>(k % 64), 'x')}};
        co_await db.put("items", k, std::move(v));
        if (i % 10 == 0) co_await db.del("items", (k + 250) % 500);
    }
    std::size_t live = co_await db.count("items");
    CHECK(live <= 500);
}

#ifndef __EMSCRIPTEN__
aio::coro<void> http_traffic(std::string base, long n) {
    aio::http::client_session s({.base_url = base, .timeout = 30.0});
    long ok = 0, dropped = 0;
    auto one = [&](long i) -> aio::coro<void> {
        bool drop = i % 10 == 9;
        try {
            auto r = co_await s.get(drop ? "/drop" : "/json");
            if (!drop && r.status == 200) ++ok;
        } catch (const aio::http::connection_error&) {
            if (drop) ++dropped;
        }
    };
    std::vector<aio::coro<void>> all;
    for (long i = 0; i < n; ++i) all.push_back(one(i));
    co_await aio::gather(std::move(all));
    CHECK(ok == n - n / 10);
    CHECK(dropped == n / 10);
}
#endif

struct sample {
    double t;
    double mib;
};

}  // namespace

TEST_CASE("soak: a mixed workload for AIO_SOAK_SECONDS keeps memory bounded", "[.soak]") {
    const double seconds = aio_test::env_number("AIO_SOAK_SECONDS", 0);
    if (seconds <= 0) {
        WARN("soak skipped: set AIO_SOAK_SECONDS (./tools/test --only soak sets 600)");
        return;
    }
    std::string http_base;
#ifndef __EMSCRIPTEN__
    if (aio_test::node_available() && aio_test::demo_server::get().running())
        http_base = aio_test::demo_server::get().base();
#endif
    std::vector<sample> samples;
    long rounds = 0;
    const std::uint64_t seed = aio_test::stress_seed();
    auto main = [&]() -> aio::coro<void> {
        std::mt19937_64 rng(seed);
        aio::store::open_options options{.stores = {"items"}};
        auto db = aio::store::database::memory(options);
        storm::arena a(64);
        const long tasks_base = aio::debug::live_tasks(), frames_base = aio::debug::live_frames();
        const double t0 = wall_seconds();
        while (wall_seconds() - t0 < seconds) {
            co_await spawn_and_gather(10'000);
            std::string first_error;
            long other_end = co_await storm::run(a, 2'000, seed + static_cast<std::uint64_t>(rounds), 0.05, first_error);
            INFO(first_error);
            CHECK(other_end == 0);
            storm::check_balanced(a);
            co_await timer_churn(rng, 5'000);
            co_await queue_traffic(5'000);
            co_await store_traffic(db, rounds);
#ifndef __EMSCRIPTEN__
            if (!http_base.empty()) co_await http_traffic(http_base, 100);
#endif
            ++rounds;
            CHECK(aio::debug::live_tasks() == tasks_base);
            CHECK(aio::debug::live_frames() == frames_base);
            samples.push_back({wall_seconds() - t0, memory_mib()});
        }
        co_await db.close();
    };
    aio_test::run(main(), aio::clock_kind::real);

    REQUIRE(samples.size() >= 4);
    const double half = samples.back().t / 2;
    double first_max = 0, second_max = 0;
    for (const auto& s : samples) {
        double& peak = s.t < half ? first_max : second_max;
        peak = std::max(peak, s.mib);
    }
    std::string curve;
    for (int i = 1; i <= 10; ++i) {
        const auto& s = samples[std::min(samples.size() - 1, samples.size() * static_cast<std::size_t>(i) / 10)];
        char buf[48];
        std::snprintf(buf, sizeof buf, "%s%.0fs %.1f", i > 1 ? ", " : "", s.t, s.mib);
        curve += buf;
    }
    char summary[160];
    std::snprintf(summary, sizeof summary, "first-half peak %.1f MiB, second-half peak %.1f MiB", first_max, second_max);
    aio_test::report("[soak] " + std::to_string(rounds) + " rounds in " + std::to_string(static_cast<int>(samples.back().t)) +
                     " s" + (http_base.empty() ? "" : " (with HTTP)") + "; " + memory_name + " MiB: " + curve + "; " + summary);
    INFO(memory_name << ": " << curve);
    CHECK(second_max <= first_max * 1.1 + slack_mib);
}
