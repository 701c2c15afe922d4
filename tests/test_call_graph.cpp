// Call graphs (asyncio.capture_call_graph): a task's suspended coroutine frames, outermost
// first, and what awaits it.
#include "support.hpp"

#include <algorithm>
#include <functional>
#include <optional>

namespace {

std::vector<std::string> names(const std::vector<aio::frame_info>& frames) {
    std::vector<std::string> out;
    for (const auto& f : frames) out.emplace_back(f.function);
    return out;
}

std::vector<std::uint64_t> ids(const std::vector<aio::any_task>& tasks) {
    std::vector<std::uint64_t> out;
    for (const auto& t : tasks) out.push_back(t.id());
    std::sort(out.begin(), out.end());
    return out;
}

aio::coro<void> inner(aio::event& go) { co_await go.wait(); }

aio::coro<void> middle(aio::event& go, aio::event& again) {
    co_await inner(go);
    co_await again.wait();
}

aio::coro<void> outer(aio::event& go, aio::event& again) { co_await middle(go, again); }

aio::coro<std::vector<std::string>> running_stack() {
    auto g = aio::capture_call_graph();
    co_return g ? names(g->call_stack) : std::vector<std::string>{};
}

aio::coro<std::vector<std::string>> outer_running() { co_return co_await running_stack(); }

aio::async_generator<int> counter(aio::event& go) {
    co_await go.wait();
    co_yield 1;
}

aio::coro<void> consume(aio::event& go) {
    auto gen = counter(go);
    while (co_await gen.next()) {
    }
}

}  // namespace

TEST_CASE("a task's call stack lists its suspended coroutine frames, outermost first", "[call_graph]") {
    auto main = []() -> aio::coro<void> {
        aio::event go, again;
        auto t = aio::create_task(outer(go, again), "deep");
        CHECK(names(aio::call_stack(t)) == std::vector<std::string>{"outer"});  // not started yet
        co_await aio::sleep(0.001);  // every ready task runs until it waits (whatever the schedule)
        auto frames = aio::call_stack(t);
        REQUIRE(names(frames) == std::vector<std::string>{"outer", "middle", "inner"});
        for (const auto& f : frames) {
            CHECK(std::string(f.file).find("test_call_graph.cpp") != std::string::npos);
            CHECK(f.line > 0);
        }
        go.set();
        co_await aio::sleep(0.001);  // inner returned; middle now waits on `again` itself
        CHECK(names(aio::call_stack(t)) == std::vector<std::string>{"outer", "middle"});
        again.set();
        co_await t;
        CHECK(aio::call_stack(t).empty());  // finished: no frames left
        std::string text = aio::format_call_graph(aio::capture_call_graph(t));
        CHECK(text.find("* Task(name='deep', id=" + std::to_string(t.id()) + ")") == 0);
        CHECK(text.find("Call stack") == std::string::npos);
    };
    aio_test::run(main());
}

TEST_CASE("capture_call_graph() in a task includes the frame running it", "[call_graph]") {
    auto main = []() -> aio::coro<std::vector<std::string>> { co_return co_await outer_running(); };
    CHECK(aio_test::run(main()) == std::vector<std::string>{"operator()", "outer_running", "running_stack"});
    CHECK_FALSE(aio::capture_call_graph().has_value());  // outside any task
    CHECK_THROWS_AS(aio::call_stack(aio::any_task()), aio::invalid_state_error);
}

TEST_CASE("an async generator's frame is on the stack of the task iterating it", "[call_graph][generator]") {
    auto main = []() -> aio::coro<void> {
        aio::event go;
        auto t = aio::create_task(consume(go));
        co_await aio::sleep(0.001);
        CHECK(names(aio::call_stack(t)) == std::vector<std::string>{"consume", "counter"});
        go.set();
        co_await t;
    };
    aio_test::run(main());
}

TEST_CASE("gather children are awaited by the gather, which the parent awaits", "[call_graph][gather]") {
    auto main = []() -> aio::coro<void> {
        aio::event go, again;
        auto a = aio::create_task(outer(go, again), "a");
        auto b = aio::create_task(outer(go, again), "b");
        auto parent = aio::create_task([](aio::task<void> x, aio::task<void> y) -> aio::coro<void> {
            co_await aio::gather(x, y);
        }(a, b), "parent");
        co_await aio::sleep(0.001);
        CHECK(ids(aio::awaiting_tasks(a)) == std::vector<std::uint64_t>{parent.id()});
        CHECK(ids(aio::awaiting_tasks(b)) == std::vector<std::uint64_t>{parent.id()});
        CHECK(aio::awaiting_tasks(parent).empty());
        auto g = aio::capture_call_graph(a);
        CHECK(names(g.call_stack) == std::vector<std::string>{"outer", "middle", "inner"});
        REQUIRE(g.awaited_by.size() == 1);
        const auto& gathering = g.awaited_by[0];
        CHECK_FALSE(gathering.future.core()->is_task());
        REQUIRE(gathering.awaited_by.size() == 1);
        CHECK(gathering.awaited_by[0].future == parent);
        auto parent_stack = names(gathering.awaited_by[0].call_stack);
        CHECK(parent_stack == std::vector<std::string>{"operator()"});  // gather is a future, not a frame
        std::string text = aio::format_call_graph(g);
        CHECK(text.find("* Task(name='a'") == 0);
        CHECK(text.find("in async inner()") != std::string::npos);
        CHECK(text.find("* Future(id=") != std::string::npos);
        CHECK(text.find("* Task(name='parent', id=" + std::to_string(parent.id()) + ")") != std::string::npos);
        go.set();
        again.set();
        co_await parent;
        CHECK(aio::awaited_by(a).empty());  // finished: nobody waits any more
    };
    aio_test::run(main());
}

TEST_CASE("awaiting a task directly and a task group in the call graph", "[call_graph]") {
    auto main = []() -> aio::coro<void> {
        aio::event go, again;
        auto child = aio::create_task(outer(go, again), "child");
        auto waiter = aio::create_task([](aio::task<void> c) -> aio::coro<void> { co_await c; }(child), "waiter");
        // Capturing lambdas are named: they must outlive the coroutines they start.
        std::optional<aio::task<void>> grouped;
        auto body = [&](aio::task_group& tg) -> aio::coro<void> {
            grouped = tg.create_task(outer(go, again), "grouped");
            co_return;
        };
        auto with_group = [&]() -> aio::coro<void> { co_await aio::with_task_group(body); };
        auto group_parent = aio::create_task(with_group(), "group_parent");
        co_await aio::sleep(0.001);
        CHECK(ids(aio::awaiting_tasks(child)) == std::vector<std::uint64_t>{waiter.id()});
        REQUIRE(grouped);
        CHECK(ids(aio::awaiting_tasks(*grouped)) == std::vector<std::uint64_t>{group_parent.id()});
        go.set();
        again.set();
        co_await waiter;
        co_await group_parent;
        CHECK(aio::awaiting_tasks(*grouped).empty());
    };
    aio_test::run(main());
}

// Two tasks awaiting each other: cycle_a awaits cycle_b, cycle_b waits for cycle_a through
// aio::wait (a plain await closing the cycle is refused: "Task cannot await on itself"), started
// on a virtual-time loop; each test inspects them once both wait. Left pending on purpose: the
// loop's destructor destroys their frames.
struct await_cycle {
    aio::event_loop loop{{.clock = aio::clock_kind::virtual_time}};
    std::optional<aio::task<void>> a, b;

    aio::coro<void> await_other(std::optional<aio::task<void>>& other) {
        co_await aio::sleep(0);
        co_await *other;
    }
    aio::coro<void> wait_other(std::optional<aio::task<void>>& other) {
        co_await aio::sleep(0);
        std::vector<aio::task<void>> one;
        one.push_back(*other);
        co_await aio::wait(std::move(one));
    }
    // Runs check() once both tasks wait on each other (whatever the schedule).
    void run(std::function<aio::coro<void>()> check) {
        auto main = [&]() -> aio::coro<void> {
            a = aio::create_task(await_other(b), "cycle_a");
            b = aio::create_task(wait_other(a), "cycle_b");
            co_await aio::sleep(0.001);
            co_await check();
        };
        loop.run_until_complete(main());
    }
};

TEST_CASE("a wait cycle in the call graph is cut where it closes", "[call_graph]") {
    await_cycle c;
    c.run([&]() -> aio::coro<void> {
        CHECK(ids(aio::awaiting_tasks(*c.a)) == std::vector<std::uint64_t>{c.b->id()});
        auto g = aio::capture_call_graph(*c.a);
        REQUIRE(g.awaited_by.size() == 1);
        CHECK(g.awaited_by[0].future == *c.b);
        CHECK(g.awaited_by[0].awaited_by.empty());
        CHECK(aio::format_call_graph(g).find("* Task(name='cycle_b'") != std::string::npos);
        co_return;
    });
}

TEST_CASE("cancelling a task of an await cycle stops where the cycle closes", "[call_graph][cancel][fifo]") {
    await_cycle c;
    c.run([&]() -> aio::coro<void> {
        CHECK(c.a->cancel());  // forwarded to b, whose wait() ends; a then sees b cancelled
        co_await aio::sleep(0);
        co_await aio::sleep(0);
        CHECK(c.b->cancelled());
        CHECK(c.a->cancelled());
    });
}

TEST_CASE("a task awaiting gather waits on a future the trace calls 'gather'", "[call_graph]") {
    auto main = []() -> aio::coro<void> {
        aio::event go;
        auto child = aio::create_task([](aio::event& e) -> aio::coro<int> {
            co_await e.wait();
            co_return 1;
        }(go), "child");
        auto gatherer = aio::create_task([](aio::task<int> c) -> aio::coro<int> {
            auto [v] = co_await aio::gather(c);
            co_return v;
        }(child), "gatherer");
        auto plain = aio::get_running_loop().create_future<int>();
        auto awaiter = aio::create_task([](aio::future<int> f) -> aio::coro<int> { co_return co_await f; }(plain), "awaiter");
        co_await aio_test::settle();  // both tasks reach their waits, in whatever order the schedule runs them
        auto g = aio::waiting_on(gatherer);
        REQUIRE(g);
        CHECK(g->kind == aio::wait_kind::future);
        CHECK(g->label == "gather");
        CHECK(g->task_id == 0);
        auto f = aio::waiting_on(awaiter);
        REQUIRE(f);
        CHECK(f->kind == aio::wait_kind::future);
        CHECK(f->label.empty());
        go.set();
        plain.set_result(2);
        CHECK(co_await gatherer == 1);
        CHECK(co_await awaiter == 2);
    };
    aio_test::run(main());
}

TEST_CASE("waiting_on says what a suspended task waits on, and nothing while it can run", "[call_graph]") {
    auto main = []() -> aio::coro<void> {
        aio::event go, again;
        auto sleeper = aio::create_task([]() -> aio::coro<void> { co_await aio::sleep(5); }(), "sleeper");
        auto waiter = aio::create_task(outer(go, again), "waiter");
        auto awaiter = aio::create_task([](aio::task<void> t) -> aio::coro<void> { co_await t; }(waiter), "awaiter");
        CHECK_FALSE(aio::waiting_on(sleeper));  // created, not yet run
        co_await aio::sleep(0.001);
        auto s = aio::waiting_on(sleeper);
        REQUIRE(s);
        CHECK(s->kind == aio::wait_kind::sleep);
        CHECK(s->deadline_ns - aio::get_running_loop().now_ns() > aio::event_loop::to_ns(4));
        CHECK(s->task_id == 0);
        auto w = aio::waiting_on(waiter);
        REQUIRE(w);
        CHECK(w->kind == aio::wait_kind::primitive);
        CHECK(w->label == "event");
        auto a = aio::waiting_on(awaiter);
        REQUIRE(a);
        CHECK(a->kind == aio::wait_kind::task);
        CHECK(a->task_id == waiter.id());
        CHECK(a->task_name == "waiter");
        go.set();
        again.set();
        co_await awaiter;
        CHECK_FALSE(aio::waiting_on(waiter));  // done
        sleeper.cancel();
        CHECK_THROWS_AS(aio::waiting_on(aio::any_task()), aio::invalid_state_error);
    };
    aio_test::run(main());
}
