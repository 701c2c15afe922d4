// Loop services: all_tasks / current_task, never-retrieved errors, debug mode, trace events.
#include "support.hpp"

#include <chrono>
#include <thread>

TEST_CASE("all_tasks lists pending tasks; current_task is the running one", "[loop]") {
    auto main = []() -> aio::coro<void> {
        auto self = aio::current_task();
        REQUIRE(self.valid());
        auto t = aio::create_task(
            []() -> aio::coro<std::string> {
                co_await aio::sleep(0);
                co_return aio::current_task().get_name();
            }(),
            "child");
        auto tasks = aio::all_tasks();
        CHECK(tasks.size() == 2);
        std::string name = co_await t;
        CHECK(name == "child");
        CHECK(aio::all_tasks().size() == 1);
        CHECK(aio::all_tasks()[0] == self);
    };
    aio_test::run(main());
}

TEST_CASE("a task exception nobody retrieves is reported when the task is destroyed", "[loop][errors]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    aio_test::captured_errors captured;
    captured.attach(loop);
    auto main = [&]() -> aio::coro<void> {
        {
            auto t = aio::create_task([]() -> aio::coro<void> {
                throw std::runtime_error("lost");
                co_return;
            }(), "forgotten");
            co_await aio::sleep(1);
            CHECK(captured.errors.empty());  // still referenced: it may yet be retrieved
        }
        // The last handle is gone: reported now, not lost.
        REQUIRE(captured.errors.size() == 1);
        CHECK(captured.errors[0].message == "Task exception was never retrieved");
        CHECK(captured.errors[0].task_name == "forgotten");
        CHECK(aio::describe(captured.errors[0].exception) == "lost");

        auto retrieved = aio::create_task([]() -> aio::coro<void> {
            throw std::runtime_error("seen");
            co_return;
        }());
        co_await aio::sleep(1);
        CHECK(retrieved.exception() != nullptr);
    };
    loop.run(main());
    CHECK(captured.errors.size() == 1);
}

TEST_CASE("a fire-and-forget task that fails is reported once it is done", "[loop][errors]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    aio_test::captured_errors captured;
    captured.attach(loop);
    auto main = [&]() -> aio::coro<void> {
        aio::create_task([]() -> aio::coro<void> {
            co_await aio::sleep(1);
            throw std::runtime_error("unobserved");
        }());
        co_await aio::sleep(2);
        REQUIRE(captured.errors.size() == 1);
        CHECK(aio::describe(captured.errors[0].exception) == "unobserved");
    };
    loop.run(main());
}

TEST_CASE("debug mode reports a step that blocks the loop", "[loop][debug]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time, .debug = true, .slow_callback_duration = 0.05});
    std::vector<std::string> logged;
    loop.set_log_handler([&](std::string_view line) { logged.emplace_back(line); });
    auto blocker = []() -> aio::coro<void> {
        std::this_thread::sleep_for(std::chrono::milliseconds(80));  // the tutorials' time.sleep pitfall
        co_return;
    };
    auto polite = []() -> aio::coro<void> { co_await aio::sleep(1); };
    auto main = [&]() -> aio::coro<void> {
        co_await aio::create_task(blocker(), "blocker");
        co_await aio::create_task(polite(), "polite");
    };
    loop.run(main());
    REQUIRE(logged.size() == 1);
    CHECK(logged[0].find("Executing <Task finished name='blocker' coro=<operator()() defined at ") == 0);
    CHECK(logged[0].find("test_loop.cpp:") != std::string::npos);
}

TEST_CASE("the trace hook sees the life of every task in order", "[loop][trace][fifo]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    std::vector<std::string> events;
    loop.set_trace([&](const aio::trace_event& e) {
        switch (e.kind) {
            case aio::trace_kind::task_created:
                events.push_back("created " + std::string(e.text) + " parent=" + std::to_string(e.other_id));
                break;
            case aio::trace_kind::task_started: events.push_back("started " + std::to_string(e.task_id)); break;
            case aio::trace_kind::task_suspended:
                events.push_back("suspended " + std::to_string(e.task_id) + " on " + aio::to_string(e.wait) +
                                 (e.wait == aio::wait_kind::sleep ? " until " + std::to_string(e.deadline_ns) : ""));
                break;
            case aio::trace_kind::task_resumed: events.push_back("resumed " + std::to_string(e.task_id)); break;
            case aio::trace_kind::task_finished:
                events.push_back("finished " + std::to_string(e.task_id) + " " + aio::to_string(e.result));
                break;
            case aio::trace_kind::task_cancel_requested: events.push_back("cancel " + std::to_string(e.task_id)); break;
            case aio::trace_kind::timer_fired: events.push_back("timer at " + std::to_string(e.time_ns)); break;
            default: break;
        }
    });
    auto child = []() -> aio::coro<int> {
        co_await aio::sleep(1);
        co_return 1;
    };
    auto main = [&]() -> aio::coro<void> {
        auto t = aio::create_task(child(), "child");
        co_await t;
        auto doomed = aio::create_task(child(), "doomed");
        co_await aio::sleep(0);
        doomed.cancel();
        try {
            co_await doomed;
        } catch (const aio::cancelled_error&) {
        }
    };
    loop.run(main());
    std::vector<std::string> expected{
        "created Task-1 parent=0", "started 1",
        "created child parent=1", "suspended 1 on task",
        "started 2", "suspended 2 on sleep until 1000000000",
        "timer at 1000000000", "resumed 2", "finished 2 value",
        "resumed 1", "created doomed parent=1", "suspended 1 on yield",
        "started 3", "suspended 3 on sleep until 2000000000",
        "resumed 1", "cancel 3", "suspended 1 on task",
        "resumed 3", "finished 3 cancelled",
        "resumed 1", "finished 1 value"};
    CHECK(events == expected);
}

TEST_CASE("tracing switched on inside a step covers that step's end and the rest of its tick", "[loop][trace][fifo]") {
    // The loop tests tracing between steps, not inside one: the step that subscribes and the
    // steps after it in the same tick must still be reported whole (the event_loop example
    // subscribes from main's first step).
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    std::vector<std::string> events;
    auto record = [&](const aio::trace_event& e) {
        switch (e.kind) {
            case aio::trace_kind::task_resumed: events.push_back("resumed " + std::to_string(e.task_id)); break;
            case aio::trace_kind::task_suspended: events.push_back("suspended " + std::to_string(e.task_id)); break;
            case aio::trace_kind::task_finished: events.push_back("finished " + std::to_string(e.task_id)); break;
            case aio::trace_kind::tick_begin: events.push_back("tick"); break;
            case aio::trace_kind::tick_end: events.push_back("end"); break;
            default: break;
        }
    };
    auto yielder = [](int times) -> aio::coro<void> {
        for (int i = 0; i < times; ++i) co_await aio::sleep(0);
    };
    auto subscriber = [&]() -> aio::coro<void> {
        co_await aio::sleep(0);
        aio::get_running_loop().set_trace(record);
        co_await aio::sleep(0);
    };
    std::uint64_t first = 0, second = 0, third = 0;
    loop.run([&]() -> aio::coro<void> {
        auto a = aio::create_task(yielder(2));
        auto b = aio::create_task(subscriber());
        auto c = aio::create_task(yielder(1));
        first = a.id(), second = b.id(), third = c.id();
        co_await aio::gather(a, b, c);
        aio::get_running_loop().set_trace(nullptr);
    }());
    auto id = [](std::uint64_t n) { return std::to_string(n); };
    // Tick 3 (a, b, c each resumed from their first yield): b subscribes mid-tick.
    std::vector<std::string> want{"suspended " + id(second), "resumed " + id(third), "finished " + id(third), "end",
                                  "tick", "resumed " + id(first), "finished " + id(first), "resumed " + id(second),
                                  "finished " + id(second), "end"};
    CHECK(std::vector<std::string>(events.begin(), events.begin() + std::min(events.size(), want.size())) == want);
}

TEST_CASE("without a subscriber tracing costs nothing observable and can be switched off", "[loop][trace]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    int count = 0;
    loop.set_trace([&](const aio::trace_event&) { ++count; });
    CHECK(loop.tracing());
    loop.set_trace(nullptr);
    CHECK_FALSE(loop.tracing());
    loop.run([]() -> aio::coro<void> { co_await aio::sleep(1); }());
    CHECK(count == 0);
}
