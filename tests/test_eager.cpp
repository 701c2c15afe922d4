// Eager tasks (asyncio 3.12's eager_start / eager_task_factory): the first step runs inside
// create_task.
#include "support.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace {

aio::coro<int> quick(aio_test::journal& log, std::uint64_t& seen_task) {
    seen_task = aio::current_task().id();
    log("quick ran");
    co_return 42;
}

aio::coro<void> two_steps(aio_test::journal& log) {
    log("first step");
    co_await aio::sleep(0);
    log("second step");
}

aio::coro<int> fails_at_once() {
    throw std::runtime_error("eager boom");
    co_return 0;
}

aio::coro<void> cancels_itself() {
    aio::current_task().cancel("stop");
    co_await aio::sleep(1);
}

}  // namespace

TEST_CASE("eager task: finished in its first step, done when create_task returns, never queued", "[eager][task]") {
    auto main = []() -> aio::coro<void> {
        aio_test::journal log;
        std::uint64_t seen = 0;
        auto main_id = aio::current_task().id();
        std::size_t ready_before = aio::get_running_loop().ready_count();
        auto t = aio::create_task(quick(log, seen), {.name = "quick", .eager = true});
        log("after create_task");
        CHECK(t.done());
        CHECK(t.result() == 42);
        CHECK(t.get_name() == "quick");
        CHECK(seen == t.id());  // current_task() in the eager step is the new task
        CHECK(aio::current_task().id() == main_id);
        CHECK(aio::get_running_loop().ready_count() == ready_before);
        CHECK(log.lines == std::vector<std::string>{"quick ran", "after create_task"});
        CHECK(aio::all_tasks().size() == 1);  // only main: the eager task is gone already

        // The default is lazy: nothing ran yet.
        aio_test::journal lazy_log;
        auto lazy = aio::create_task(quick(lazy_log, seen));
        CHECK_FALSE(lazy.done());
        CHECK(lazy_log.lines.empty());
        CHECK(aio::get_running_loop().ready_count() == ready_before + 1);
        CHECK(co_await lazy == 42);
    };
    aio_test::run(main());
}

TEST_CASE("eager task: one that suspends goes on as a normal task", "[eager][task]") {
    auto main = []() -> aio::coro<void> {
        aio_test::journal log;
        auto t = aio::create_task(two_steps(log), {.eager = true});
        log("after create_task");
        CHECK_FALSE(t.done());
        CHECK(aio::all_tasks().size() == 2);
        co_await t;
        CHECK(log.lines == std::vector<std::string>{"first step", "after create_task", "second step"});
    };
    aio_test::run(main());
}

TEST_CASE("eager task: errors of the first step stay in the task", "[eager][task]") {
    auto main = []() -> aio::coro<void> {
        aio::task<int> t;
        CHECK_NOTHROW(t = aio::create_task(fails_at_once(), {.eager = true}));
        REQUIRE(t.done());
        CHECK_FALSE(t.cancelled());
        CHECK_THROWS_WITH(co_await t, "eager boom");

        // Cancelled in its first step: cancelled at its first suspension, as a normal task.
        auto c = aio::create_task(cancels_itself(), {.eager = true});
        CHECK_FALSE(c.done());
        CHECK_THROWS_AS(co_await c, aio::cancelled_error);
        CHECK(c.cancelled());
        CHECK(aio::time() == 0.0);
    };
    aio_test::run(main());
}

TEST_CASE("eager tasks: the loop-wide factory, opting out, and a loop that is not running", "[eager][loop]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time, .eager_tasks = true});
    CHECK(loop.eager_tasks());
    aio_test::journal log;
    std::uint64_t seen = 0;
    // Not running yet: lazy, as asyncio starts eagerly only on a running loop.
    auto before = loop.create_task(quick(log, seen), {.eager = true});
    CHECK_FALSE(before.done());
    auto main = [&]() -> aio::coro<void> {
        if (!aio_test::exploring()) CHECK(log.lines == std::vector<std::string>{"quick ran"});  // `before` ran first
        auto t = aio::create_task(quick(log, seen));
        CHECK(t.done());
        auto opted_out = aio::create_task(quick(log, seen), {.eager = false});
        CHECK_FALSE(opted_out.done());
        aio::get_running_loop().set_eager_tasks(false);
        auto lazy = aio::create_task(quick(log, seen));
        CHECK_FALSE(lazy.done());
        aio::get_running_loop().set_eager_tasks(true);
        CHECK(aio::create_task(quick(log, seen)).done());
        co_await opted_out;
        co_await lazy;
        CHECK(log.lines.size() == 5);
    };
    loop.run(main());
    CHECK(before.result() == 42);
    // Closed: both paths still refuse.
    CHECK_THROWS_AS(loop.create_task(quick(log, seen)), aio::loop_closed_error);
    loop.set_eager_tasks(false);
    CHECK_THROWS_AS(loop.create_task(quick(log, seen)), aio::loop_closed_error);
}

TEST_CASE("eager tasks: the trace shows created, started, finished, without a ready-queue step", "[eager][trace]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    std::vector<std::string> kinds;
    std::uint64_t watched = 0;
    std::uint64_t parent = 0;
    loop.set_trace([&](const aio::trace_event& e) {
        if (e.kind == aio::trace_kind::task_created && e.text == "watched") {
            watched = e.task_id;
            parent = e.other_id;
        }
        if (watched && e.task_id == watched) kinds.push_back(aio::to_string(e.kind));
    });
    auto main = [&]() -> aio::coro<void> {
        aio_test::journal log;
        auto t = aio::create_task(two_steps(log), {.name = "watched", .eager = true});
        CHECK(kinds == std::vector<std::string>{"task_created", "task_started", "task_suspended"});
        CHECK(parent == aio::current_task().id());
        co_await t;
    };
    loop.run(main());
    CHECK(kinds == std::vector<std::string>{"task_created", "task_started", "task_suspended", "task_resumed",
                                            "task_finished"});
}

TEST_CASE("task_options.name_number: Task-<n> from the creator's own count, known from the first step", "[eager][task][trace]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    std::vector<std::string> created;
    loop.set_trace([&](const aio::trace_event& e) {
        if (e.kind == aio::trace_kind::task_created) created.emplace_back(e.text);
    });
    auto main = [&]() -> aio::coro<void> {
        std::string seen_in_first_step;
        auto named_in_step = [&]() -> aio::coro<void> {
            seen_in_first_step = aio::current_task().get_name();
            co_return;
        };
        auto eager = aio::create_task(named_in_step(), {.eager = true, .name_number = 7});
        CHECK(eager.done());
        CHECK(seen_in_first_step == "Task-7");
        CHECK(eager.get_name() == "Task-7");
        // A name given wins over the number; renaming replaces the number.
        auto both = aio::create_task(named_in_step(), {.name = "given", .name_number = 8});
        CHECK(both.get_name() == "given");
        auto renamed = aio::create_task(named_in_step(), {.name_number = 9});
        renamed.set_name("later");
        CHECK(renamed.get_name() == "later");
        // Beyond what fits beside the tag bit (wasm32: 31 bits), the name is stored as text.
        auto huge = aio::create_task(named_in_step(), {.name_number = 18446744073709551615ull});
        CHECK(huge.get_name() == "Task-18446744073709551615");
        co_await both;
        co_await renamed;
        co_await huge;
    };
    loop.run(main());
    CHECK(created == std::vector<std::string>{"Task-1", "Task-7", "given", "Task-9", "Task-18446744073709551615"});
}
