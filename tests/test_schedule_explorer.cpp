// Schedule exploration (aio/schedule_explorer.hpp): seeded orders are reproducible and differ between
// seeds, a recorded schedule replays exactly, timer ties are varied, sleep(0) still lets every
// other ready task run, and without an explorer the loop keeps asyncio's FIFO order.
#include "support.hpp"

#include <algorithm>
#include <set>

namespace {

using events = std::vector<std::string>;

// Many ready tasks and callbacks at once, each yielding, plus callbacks due at the same instant:
// returns what ran, in order, and (in `trace`) every task step the loop took.
events workload(std::shared_ptr<aio::schedule_explorer> explorer, events* trace = nullptr) {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time, .schedule = std::move(explorer)});
    events ran;
    if (trace) {
        loop.set_trace([trace](const aio::trace_event& e) {
            if (e.kind == aio::trace_kind::task_resumed || e.kind == aio::trace_kind::task_started ||
                e.kind == aio::trace_kind::timer_fired || e.kind == aio::trace_kind::callback_run)
                trace->push_back(std::string(aio::to_string(e.kind)) + " " + std::to_string(e.task_id) + " @" +
                                 std::to_string(e.tick));
        });
    }
    auto worker = [&ran](int id) -> aio::coro<void> {
        ran.push_back("start " + std::to_string(id));
        co_await aio::sleep(0);
        ran.push_back("after " + std::to_string(id));
    };
    auto main = [&]() -> aio::coro<void> {
        std::vector<aio::task<void>> tasks;
        for (int i = 0; i < 12; ++i) tasks.push_back(aio::create_task(worker(i)));
        for (int i = 0; i < 4; ++i) {
            auto& l = aio::get_running_loop();
            l.call_soon([&ran, i] { ran.push_back("soon " + std::to_string(i)); });
            l.call_later(1.0, [&ran, i] { ran.push_back("timer " + std::to_string(i)); });
        }
        co_await aio::gather(tasks);
        co_await aio::sleep(2);
    };
    loop.run(main());
    return ran;
}

// What the workload prints in asyncio's FIFO order.
events fifo_order() {
    events want;
    for (int i = 0; i < 12; ++i) want.push_back("start " + std::to_string(i));
    for (int i = 0; i < 4; ++i) want.push_back("soon " + std::to_string(i));
    for (int i = 0; i < 12; ++i) want.push_back("after " + std::to_string(i));
    for (int i = 0; i < 4; ++i) want.push_back("timer " + std::to_string(i));
    return want;
}

events sorted(events e) {
    std::sort(e.begin(), e.end());
    return e;
}

}  // namespace

// Tagged [fifo]: under AIO_SCHEDULE_SEED a loop without an explicit explorer explores too.
TEST_CASE("without an explorer the loop runs ready work and timer ties in FIFO order", "[schedule][fifo]") {
    CHECK(workload(nullptr) == fifo_order());
}

TEST_CASE("the same seed gives the same schedule, event for event", "[schedule]") {
    events trace_a, trace_b;
    auto a = aio::schedule_explorer::seeded(7);
    auto b = aio::schedule_explorer::seeded(7);
    CHECK(workload(a, &trace_a) == workload(b, &trace_b));
    CHECK(trace_a == trace_b);
    CHECK(a->recording() == b->recording());
    CHECK(a->choices() > 12);
    CHECK(a->describe() == "AIO_SCHEDULE_SEED=7");
}

TEST_CASE("different seeds give different orders of the same work", "[schedule]") {
    const events fifo = fifo_order();
    std::set<events> orders;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        events ran = workload(aio::schedule_explorer::seeded(seed));
        CHECK(sorted(ran) == sorted(fifo));  // the same work, only the order differs
        orders.insert(ran);
    }
    // 12 tasks and 4 callbacks in one tick alone have 16! orders: seeds that collide would mean
    // the explorer is not really choosing.
    CHECK(orders.size() == 20);
    CHECK(orders.count(fifo) == 0);
}

TEST_CASE("under exploration sleep(0) still lets every other ready task run first", "[schedule]") {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        events ran = workload(aio::schedule_explorer::seeded(seed));
        auto first_after = std::find_if(ran.begin(), ran.end(), [](auto& l) { return l.rfind("after", 0) == 0; });
        auto last_start = std::find_if(ran.rbegin(), ran.rend(), [](auto& l) { return l.rfind("start", 0) == 0; });
        INFO("seed " << seed);
        CHECK(last_start.base() <= first_after);
        // Timers stay in their own tick, after all the ready work of time 0.
        CHECK(ran.back().rfind("timer", 0) == 0);
    }
}

TEST_CASE("timers due at the same instant fire in an order the explorer picks", "[schedule]") {
    std::set<events> orders;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        events ran = workload(aio::schedule_explorer::seeded(seed));
        orders.insert(events(ran.end() - 4, ran.end()));
    }
    CHECK(orders.size() > 5);  // of 4! = 24 orders
}

TEST_CASE("a recorded schedule replays exactly", "[schedule]") {
    auto original = aio::schedule_explorer::seeded(12345);
    events trace_original, trace_replay;
    events ran = workload(original, &trace_original);
    auto replay = aio::schedule_explorer::replaying(original->recording());
    CHECK(replay->is_replay());
    CHECK(workload(replay, &trace_replay) == ran);
    CHECK(trace_replay == trace_original);
    CHECK(replay->divergences() == 0);
    CHECK(replay->recording() == original->recording());
    // restart() goes back to the first choice: the same schedule once more.
    replay->restart();
    CHECK(workload(replay, nullptr) == ran);
    CHECK(replay->divergences() == 0);
}

TEST_CASE("a replay that runs out of choices continues in FIFO order and says so", "[schedule]") {
    auto empty = aio::schedule_explorer::replaying("");
    CHECK(workload(empty) == fifo_order());
    CHECK(empty->divergences() == empty->choices());
    CHECK(empty->choices() > 0);
    // A choice beyond the candidates (the program took another path) is counted too.
    auto odd = aio::schedule_explorer::replaying("ZZZZ");
    workload(odd);
    CHECK(odd->divergences() > 0);
}

TEST_CASE("recordings: one character per choice, (N) above 61, bad text rejected", "[schedule]") {
    // 100 tasks ready at once: the first choices range over 100 candidates.
    auto explorer = aio::schedule_explorer::seeded(3);
    std::vector<int> order, replayed;
    auto run = [](std::shared_ptr<aio::schedule_explorer> s, std::vector<int>& out) {
        aio::event_loop loop({.clock = aio::clock_kind::virtual_time, .schedule = std::move(s)});
        auto main = [&]() -> aio::coro<void> {
            std::vector<aio::task<void>> tasks;
            for (int i = 0; i < 100; ++i)
                tasks.push_back(aio::create_task([](std::vector<int>& o, int id) -> aio::coro<void> {
                    o.push_back(id);
                    co_return;
                }(out, i)));
            co_await aio::gather(tasks);
        };
        loop.run(main());
    };
    run(explorer, order);
    CHECK(explorer->recording().find('(') != std::string::npos);
    CHECK(explorer->choices() >= 99);
    run(aio::schedule_explorer::replaying(explorer->recording()), replayed);
    CHECK(replayed == order);
    CHECK_THROWS_AS(aio::schedule_explorer::replaying("01!"), std::invalid_argument);
    CHECK_THROWS_AS(aio::schedule_explorer::replaying("(12"), std::invalid_argument);
    CHECK_THROWS_AS(aio::schedule_explorer::replaying("()"), std::invalid_argument);
    CHECK(aio::schedule_explorer::replaying("0a(100)Z")->describe() == "AIO_SCHEDULE_REPLAY=0a(100)Z");
}

TEST_CASE("under exploration timeouts, cancellation and primitives still keep their promises", "[schedule]") {
    // A sleep and a timeout due at the same instant, under many orders: the timeout always wins
    // its own race or the work finishes first, never both, never neither.
    for (std::uint64_t seed = 1; seed <= 30; ++seed) {
        aio::event_loop loop({.clock = aio::clock_kind::virtual_time, .schedule = aio::schedule_explorer::seeded(seed)});
        auto main = []() -> aio::coro<int> {
            aio::lock lock;
            int inside = 0, most = 0, finished = 0, timed_out = 0;
            auto worker = [&](double work) -> aio::coro<void> {
                try {
                    co_await aio::wait_for([&]() -> aio::coro<void> {
                        auto held = co_await lock.scoped();
                        most = std::max(most, ++inside);
                        co_await aio::sleep(work);
                        --inside;
                    }(), 1.0);
                    ++finished;
                } catch (const aio::timeout_error&) {
                    ++timed_out;
                }
            };
            std::vector<aio::task<void>> tasks;
            for (int i = 0; i < 6; ++i) tasks.push_back(aio::create_task(worker(i % 2 ? 1.0 : 0.25)));
            co_await aio::gather(tasks);
            co_return most * 100 + finished * 10 + timed_out;
        };
        int got = loop.run(main());
        INFO("seed " << seed << " -> " << got);
        CHECK(got / 100 == 1);                  // the lock admits one at a time
        CHECK(got % 100 / 10 + got % 10 == 6);  // every worker either finished or timed out
    }
}
