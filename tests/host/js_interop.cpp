// Scenarios for tests/node/js_interop.test.mjs: JS Promises awaited from C++ and C++ tasks
// awaited from JS, on the host-driven loop. Usage: node host_js_interop.js SCENARIO
#include "aio/aio.hpp"
#include "aio/js.hpp"

#include <emscripten.h>
#include <emscripten/val.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>

using emscripten::val;

namespace {

// The JS value of an expression (here: arrow functions), evaluated in the global scope.
val js(const char* source) {
    return val::global("Function")(val("return (" + std::string(source) + ")"))();
}

// Fulfilled promises: the value comes back; C++ has no timer pending while it waits, so only the
// hold on the loop keeps it from reporting a deadlock.
aio::coro<int> resolve() {
    val later = js("(ms, v) => new Promise((ok) => setTimeout(() => ok(v), ms))");
    std::string s = co_await aio::js::await_string(later(val(30), val("hello")));
    std::printf("string: %s\n", s.c_str());
    double d = co_await aio::js::await_number(later(val(10), val(2.5)));
    std::printf("number: %g\n", d);
    std::string j = co_await aio::js::await_json(js("() => Promise.resolve({a: [1, 2], b: 'x'})")());
    std::printf("json: %s\n", j.c_str());
    val v = co_await aio::js::await_promise(js("() => Promise.resolve({n: 42})")());
    std::printf("val: %d\n", v["n"].as<int>());
    val plain = co_await aio::js::await_promise(val(7));  // not a promise: already fulfilled
    std::printf("plain: %d\n", plain.as<int>());
    try {
        co_await aio::js::await_string(later(val(1), val(3)));
    } catch (const aio::js_error& e) {
        std::printf("wrong type: %s\n", e.what());
    }
    co_return 0;
}

// Rejections become aio::js_error with the reason's name and message.
aio::coro<int> reject() {
    try {
        co_await aio::js::await_promise(
            js("() => new Promise((_, no) => setTimeout(() => no(new TypeError('bad thing')), 10))")());
        std::printf("no exception\n");
    } catch (const aio::js_error& e) {
        std::printf("js_error name=%s message=%s\n", e.name().c_str(), e.message().c_str());
    }
    try {
        co_await aio::js::await_promise(js("() => Promise.reject('just a string')")());
    } catch (const aio::js_error& e) {
        std::printf("js_error name=%s message=%s\n", e.name().c_str(), e.message().c_str());
    }
    try {
        co_await aio::js::await_promise(js("async () => { throw new RangeError('thrown in async'); }")());
    } catch (const std::runtime_error& e) {  // js_error is a std::runtime_error
        std::printf("runtime_error: %s\n", e.what());
    }
    co_return 0;
}

aio::coro<int> answer() {
    co_await aio::sleep(0.01);
    co_return 42;
}
aio::coro<std::string> greeting() {
    co_await aio::sleep(0.005);
    co_return std::string("hi from C++");
}
aio::coro<int> failing() {
    co_await aio::sleep(0.01);
    throw std::runtime_error("nope");
}
aio::coro<void> forever() { co_await aio::sleep(1000); }

// JS awaits C++ tasks; C++ awaits JS's summary of what it saw.
aio::coro<int> to_promise() {
    val summarize = js(R"(async (a, b, c, d) => {
        const out = [];
        for (const p of [a, b, c, d]) {
            try { out.push('ok:' + (await p)); }
            catch (e) { out.push('err:' + e.name + ':' + e.message + ':' + (e instanceof Error)); }
        }
        return out.join('|');
    })");
    auto doomed = aio::create_task(forever());
    val pd = aio::js::to_promise(doomed);
    val summary = summarize(aio::js::to_promise(answer()), aio::js::to_promise(greeting()),
                            aio::js::to_promise(failing()), pd);
    co_await aio::sleep(0.02);
    doomed.cancel();
    std::string text = co_await aio::js::await_string(summary);
    std::printf("%s\n", text.c_str());
    co_return 0;
}

// Cancelling a task that awaits a never-settling promise: cancelled_error at once.
aio::coro<int> cancel() {
    auto t = aio::create_task([]() -> aio::coro<void> {
        try {
            co_await aio::js::await_promise(js("() => new Promise(() => {})")());
        } catch (const aio::cancelled_error&) {
            std::printf("awaiter got cancelled_error\n");
            throw;
        }
    }());
    co_await aio::sleep(0.02);
    // Counted in loop ticks, not milliseconds: no timer or promise has to fire first.
    auto ticks0 = aio::get_running_loop().ticks();
    t.cancel();
    try {
        co_await t;
    } catch (const aio::cancelled_error&) {
        std::printf("cancelled within %s\n", aio::get_running_loop().ticks() - ticks0 <= 2 ? "2 ticks" : "too long");
    }
    // The hold on the loop is gone: a main that now waits on nothing is a deadlock, reported.
    if (EM_ASM_INT({ return Module.aioDeadlockCheck ? 1 : 0; })) {
        auto never = aio::create_future<int>();
        co_return co_await never;
    }
    co_return 0;
}

// A promise that settles after its awaiter was cancelled: dropped, no crash, nothing leaks.
aio::coro<int> late() {
    val late_promise = js("(ms) => new Promise((ok) => setTimeout(() => { globalThis.settledLate = true; ok('late'); }, ms))");
    auto t = aio::create_task([](val p) -> aio::coro<void> { co_await aio::js::await_string(p); }(late_promise(val(60))));
    co_await aio::sleep(0.01);
    t.cancel();
    try {
        co_await t;
    } catch (const aio::cancelled_error&) {
        std::printf("cancelled before settlement\n");
    }
    co_await aio::sleep(0.15);
    std::printf("settled late: %s\n", EM_ASM_INT({ return globalThis.settledLate ? 1 : 0; }) ? "yes" : "no");
    // Many more of them, interleaved with new awaits on the same ids' table.
    for (int i = 0; i < 50; ++i) {
        auto c = aio::create_task([](val p) -> aio::coro<void> { co_await aio::js::await_promise(p); }(late_promise(val(i % 7))));
        co_await aio::sleep(0);
        c.cancel();
    }
    std::string v = co_await aio::js::await_string(late_promise(val(20)));
    co_await aio::sleep(0.03);
    std::printf("after the storm: %s\n", v.c_str());
    std::printf("late settlements dropped: %d\n", EM_ASM_INT({ return Module.aioJs.dropped; }));
    co_return 0;
}

// A loop that drives itself cannot await a promise: it says so instead of hanging.
int self_driven() {
    aio::event_loop loop;
    try {
        loop.run([]() -> aio::coro<void> { co_await aio::js::await_promise(val(1)); }());
        std::printf("no error\n");
    } catch (const aio::invalid_state_error& e) {
        std::printf("invalid_state_error: %s\n", e.what());
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const char* scenario = argc > 1 ? argv[1] : "resolve";
    if (!std::strcmp(scenario, "resolve")) return aio::run_main(resolve());
    if (!std::strcmp(scenario, "reject")) return aio::run_main(reject());
    if (!std::strcmp(scenario, "to_promise")) return aio::run_main(to_promise());
    if (!std::strcmp(scenario, "cancel")) return aio::run_main(cancel());
    if (!std::strcmp(scenario, "cancel_then_deadlock")) {
        EM_ASM({ Module.aioDeadlockCheck = true; });
        return aio::run_main(cancel());
    }
    if (!std::strcmp(scenario, "late")) return aio::run_main(late());
    if (!std::strcmp(scenario, "self_driven")) return self_driven();
    std::fprintf(stderr, "unknown scenario %s\n", scenario);
    return 2;
}
