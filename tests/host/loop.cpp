// Scenarios for the Node harness (tests/node/host_loop.test.mjs): aio::run driven by Node's own
// event loop. Usage: node host_loop.js SCENARIO
#include "aio/aio.hpp"

#include <emscripten.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string_view>

namespace {

// Timers come from host setTimeout: a JS timer that expires before ours runs in between. (The JS
// timer is set for 0 ms right before a 50 ms sleep: Node runs expired timers in deadline order, so
// the order does not depend on how loaded the machine is.)
aio::coro<int> timers() {
    std::printf("start\n");
    co_await aio::sleep(0.01);
    std::printf("after 10ms\n");
    EM_ASM({ setTimeout(() => console.log("js timer"), 0); });
    co_await aio::sleep(0.05);
    std::printf("after 60ms\n");
    co_return 7;
}

// A long run of ready work yields to the host's macrotask queue between slices.
aio::coro<int> slices() {
    EM_ASM({
        Module.macrotaskRan = false;
        setTimeout(() => { Module.macrotaskRan = true; }, 0);
    });
    const int total = 300000;
    int seen_at = -1;
    for (int i = 0; i < total; ++i) {
        co_await aio::sleep(0);
        if (seen_at < 0 && EM_ASM_INT({ return Module.macrotaskRan ? 1 : 0; })) seen_at = i;
    }
    std::printf("macrotask ran at iteration %d of %d\n", seen_at, total);
    co_return 0;
}

// One tick with many ready tasks is still split into slices: the host gets a turn mid-tick.
aio::coro<int> big_tick() {
    EM_ASM({
        Module.macrotaskRan = false;
        setTimeout(() => { Module.macrotaskRan = true; }, 0);
    });
    const int total = 200000;
    int after_host_turn = 0;
    std::vector<aio::task<void>> tasks;
    tasks.reserve(total);
    for (int i = 0; i < total; ++i)
        tasks.push_back(aio::create_task([](int& count) -> aio::coro<void> {
            if (EM_ASM_INT({ return Module.macrotaskRan ? 1 : 0; })) ++count;
            co_return;
        }(after_host_turn)));
    co_await aio::gather(tasks);  // all of them became ready in the same tick
    std::printf("tasks that ran after the host's turn: %s\n", after_host_turn > 0 ? "some" : "none");
    co_return 0;
}

// Ready work runs from a microtask: before any macrotask queued at the same time.
aio::coro<int> microtask() {
    EM_ASM({ setTimeout(() => console.log("macrotask"), 0); });
    co_await aio::sleep(0);
    std::printf("task step 2\n");
    co_await aio::sleep(0);
    std::printf("task step 3\n");
    co_return 0;
}

aio::coro<int> failing() {
    co_await aio::sleep(0.001);
    throw std::runtime_error("boom");
}

aio::coro<int> deadlock() {
    auto never = aio::create_future<int>();
    co_return co_await never;
}

// Tasks still running when main returns are cancelled and awaited before the exit.
aio::coro<int> leftovers() {
    aio::create_task([]() -> aio::coro<void> {
        try {
            co_await aio::sleep(100);
        } catch (const aio::cancelled_error&) {
            std::printf("leftover cancelled\n");
            throw;
        }
    }());
    co_await aio::sleep(0.001);
    std::printf("main done\n");
    co_return 3;
}

// An async generator still suspended in a consumer's loop when main returns is closed before the
// exit: its cleanup runs and may await (asyncio's shutdown_asyncgens), then the consumer is
// cancelled.
aio::async_generator<int> guarded() {
    std::exception_ptr stopping;
    try {
        for (int i = 0;; ++i) co_yield i;
    } catch (...) {
        stopping = std::current_exception();
    }
    std::printf("generator cleanup start\n");
    co_await aio::sleep(0.01);
    std::printf("generator cleanup end\n");
    std::rethrow_exception(stopping);
}
aio::coro<int> open_generator() {
    aio::create_task([]() -> aio::coro<void> {
        auto gen = guarded();
        try {
            while (auto v = co_await gen.next()) {
                std::printf("got %d\n", *v);
                co_await aio::sleep(100);
            }
        } catch (const aio::cancelled_error&) {
            std::printf("consumer cancelled\n");
            throw;
        }
    }());
    co_await aio::sleep(0.001);
    std::printf("main done\n");
    co_return 4;
}

// A leftover task whose cleanup raises: the error goes to the loop's exception handler, as
// natively (event_loop::cancel_all_tasks), and the exit status stays main's.
aio::coro<int> leftover_error() {
    aio::get_running_loop().set_exception_handler([](const aio::error_context& c) {
        std::printf("handler: %s; task %s; %s\n", c.message.c_str(), c.task_name.c_str(),
                    aio::describe(c.exception).c_str());
    });
    aio::create_task(
        []() -> aio::coro<void> {
            try {
                co_await aio::sleep(100);
            } catch (const aio::cancelled_error&) {
            }
            throw std::runtime_error("cleanup failed");
        }(),
        "cleaner");
    co_await aio::sleep(0.001);
    co_return 4;
}

// Debug mode reports slow steps on the host-driven loop too (a threshold of 0: every step).
aio::coro<int> slow_steps() {
    auto& loop = aio::get_running_loop();
    int reports = 0;
    loop.set_log_handler([&](std::string_view line) {
        if (line.find("Executing <Task ") == 0 && line.find("name='main' coro=<slow_steps() defined at ") != std::string_view::npos)
            ++reports;
    });
    loop.set_slow_callback_duration(0);
    loop.set_debug(true);
    for (int i = 0; i < 3; ++i) co_await aio::sleep(0);
    loop.set_debug(false);
    loop.set_log_handler(nullptr);
    std::printf("slow-step reports naming main: %s\n", reports >= 2 ? "yes" : "no");
    co_return 0;
}

// Many timers are served by one host timer at a time.
aio::coro<int> many_timers() {
    std::vector<aio::task<void>> tasks;
    for (int i = 0; i < 1000; ++i)
        // 20 distinct deadlines 0.2 s ahead: still in the future once all 1000 tasks have started
        // on a loaded machine (with deadlines of 0-19 ms a slow start had seen every one pass
        // before the first host timer was needed: 0 armed).
        tasks.push_back(aio::create_task([](int k) -> aio::coro<void> { co_await aio::sleep(0.2 + 0.001 * (k % 20)); }(i)));
    co_await aio::gather(tasks);
    int armed = EM_ASM_INT({ return Module.aioTimersArmed || 0; });
    std::printf("host timers armed: %d\n", armed);
    co_return 0;
}

// Many timers falling due at once are expired across host slices too (not one long host task),
// and the tasks still wake in their timers' order. Virtual time (set in main) makes every deadline
// the same; host_slice_ms = 0 ends a slice at every check, so this does not depend on how fast
// the machine is.
aio::coro<int> due_timers() {
    const int total = 2000;
    int fired = 0, wakes_between = 0;
    bool first_fired = false;
    aio::get_running_loop().set_trace([&](const aio::trace_event& e) {
        if (e.kind == aio::trace_kind::timer_fired && e.task_id != 0) {
            first_fired = true;
            ++fired;
        }
        if (e.kind == aio::trace_kind::host_wake && first_fired && fired < total) ++wakes_between;
    });
    std::vector<int> woke;
    std::vector<aio::task<void>> tasks;
    for (int i = 0; i < total; ++i)
        tasks.push_back(aio::create_task([](int k, std::vector<int>& order) -> aio::coro<void> {
            co_await aio::sleep(0.02);
            order.push_back(k);
        }(i, woke)));
    co_await aio::gather(tasks);
    aio::get_running_loop().set_trace(nullptr);
    bool in_order = woke.size() == total;
    for (int i = 0; in_order && i < total; ++i) in_order = woke[i] == i;
    std::printf("timers fired: %d; host turns while they expired: %s; woke in order: %s\n", fired,
                wakes_between > 0 ? "some" : "none", in_order ? "yes" : "no");
    co_return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const char* scenario = argc > 1 ? argv[1] : "timers";
    if (!std::strcmp(scenario, "timers")) return aio::run_main(timers());
    if (!std::strcmp(scenario, "slices")) return aio::run_main(slices());
    if (!std::strcmp(scenario, "big_tick")) return aio::run_main(big_tick());
    if (!std::strcmp(scenario, "due_timers")) return aio::run_main(due_timers(), {.clock = aio::clock_kind::virtual_time, .host_slice_ms = 0});
    // An unlimited slice: the order then depends on the host mapping alone, not on timing.
    if (!std::strcmp(scenario, "microtask")) return aio::run_main(microtask(), {.host_slice_ms = 1e9});
    if (!std::strcmp(scenario, "failing")) return aio::run_main(failing());
    if (!std::strcmp(scenario, "deadlock")) return aio::run_main(deadlock());
    if (!std::strcmp(scenario, "leftovers")) return aio::run_main(leftovers());
    if (!std::strcmp(scenario, "many_timers")) return aio::run_main(many_timers());
    if (!std::strcmp(scenario, "open_generator")) return aio::run_main(open_generator());
    if (!std::strcmp(scenario, "leftover_error")) return aio::run_main(leftover_error());
    if (!std::strcmp(scenario, "slow_steps")) return aio::run_main(slow_steps());
    std::fprintf(stderr, "unknown scenario %s\n", scenario);
    return 2;
}
