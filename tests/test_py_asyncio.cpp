// The asyncio and time modules (wasm/python/asyncio_*.cpp, mod_time.cpp) driven through the
// object model on aio's virtual clock, with NativeAwaitables standing in for Python coroutines.
// Expected values were recorded with CPython 3.11 running the snippet quoted beside each check
// (its real-clock times, e.g. 2.008, are the virtual clock's exact 2.0 plus scheduling noise).
#include "python/asyncio.hpp"
#include "python/awaitable.hpp"
#include "python/modules.hpp"
#include "python/run.hpp"
#include "python/vm.hpp"
#include "py_support.hpp"

#include "aio/loop.hpp"
#include "aio/sleep.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace aio::py;

namespace {

Value module(void (*init)(Dict&)) {
    Value d = new_dict();
    init(*d.as<Dict>());
    return d;
}
Value A(const char* name) {
    static Value ns = module(init_asyncio);
    return getitem(ns, new_str(name));
}
Value T(const char* name) {
    static Value ns = module(init_time);
    return getitem(ns, new_str(name));
}
Value s(const char* v) { return new_str(v); }
Value i(std::int64_t v) { return Value::integer(v); }

// f(*pos, **kw)
Value kwcall(const Value& f, std::vector<Value> pos, std::vector<std::pair<std::string, Value>> kw) {
    std::vector<Value> names;
    std::size_t n = pos.size();
    for (auto& [k, v] : kw) {
        names.push_back(new_str(k));
        pos.push_back(v);
    }
    Tuple kwnames(std::move(names));
    incref(&kwnames);  // lives on the stack: never let a Value delete it
    return call(f, pos.data(), n, &kwnames);
}

double now() { return aio::get_running_loop().time(); }

// `await a` as the VM does it (a Future/Task through its __await__).
aio::coro<Value> await_(Value a) { co_return co_await await_value(std::move(a)); }

// What `except E as e: repr(e)` saw, or "" when nothing was raised.
template <class F>
std::string raised(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return repr(e.exc);
    }
    return "";
}

// A program run on the virtual clock with what it writes captured per stream.
struct captured_run {
    int status;
    std::string out, err;
};
captured_run run_captured(const std::string& source, const std::string& filename) {
    captured_run r{0, {}, {}};
    auto saved = host().write;
    host().write = [&](int fd, std::string_view text) { (fd == 2 ? r.err : r.out) += text; };
    run_options().loop.clock = aio::clock_kind::virtual_time;
    r.status = run_source(source, filename);
    host().write = saved;
    return r;
}

// asyncio.run(main) on the virtual clock; main is a C++ coroutine shown to Python as one.
Value run(aio::coro<Value> (*main)()) {
    run_options().loop.clock = aio::clock_kind::virtual_time;
    return call(A("run"), {new_awaitable("main", main)});
}

aio::coro<Value> boom_body(double delay, std::string message) {
    co_await aio::sleep(delay);
    raise(exc::ValueError, message);
}
Value boom(double delay, std::string message) {
    return new_awaitable("boom", [delay, message] { return boom_body(delay, message); });
}

std::vector<std::string> lines;
void out(std::string line) { lines.push_back(std::move(line)); }

}  // namespace

// async def main():
//     r = await asyncio.gather(asyncio.sleep(1, 'a'), asyncio.sleep(2, 'b'))     # ['a', 'b'] 2.0
//     try: await asyncio.gather(asyncio.sleep(3, 'a'), boom(1, 'x'))
//     except ValueError as e: print(repr(e))                                      # ValueError('x') 1.0
//     r = await asyncio.gather(asyncio.sleep(1, 'a'), boom(2, 'y'), return_exceptions=True)
//                                                                    # ['a', ValueError('y')] 2.0
//     print(await asyncio.gather())                                               # []
namespace {
aio::coro<Value> gather_main() {
    double t0 = now();
    Value aw1 = call(A("gather"), {call(A("sleep"), {i(1), s("a")}), call(A("sleep"), {i(2), s("b")})});
    Value r = co_await await_(aw1);
    out(repr(r) + " " + std::to_string(now() - t0));
    t0 = now();
    try {
        Value aw2 = call(A("gather"), {call(A("sleep"), {i(3), s("a")}), boom(1, "x")});
        co_await await_(aw2);
    } catch (const Error& e) {
        out(repr(e.exc) + " " + std::to_string(now() - t0));
    }
    t0 = now();
    Value with_errors = kwcall(A("gather"), {call(A("sleep"), {i(1), s("a")}), boom(2, "y")},
                               {{"return_exceptions", Value::boolean(true)}});
    r = co_await await_(with_errors);
    out(repr(r) + " " + std::to_string(now() - t0));
    Value aw101 = call(A("gather"), nullptr, 0);
    r = co_await await_(aw101);
    out(repr(r));
    co_return Value();
}
}  // namespace

TEST_CASE("asyncio.gather: results in order, the first error, return_exceptions", "[python]") {
    lines.clear();
    run(gather_main);
    REQUIRE(lines == std::vector<std::string>{"['a', 'b'] 2.000000", "ValueError('x') 1.000000",
                                              "['a', ValueError('y')] 2.000000", "[]"});
}

// try: await asyncio.wait_for(asyncio.sleep(5), 1)
// except TimeoutError as e: print(repr(e), type(e.__cause__).__name__)   # TimeoutError() CancelledError 1.0
// print(await asyncio.wait_for(asyncio.sleep(1, 'r'), None))            # r
namespace {
aio::coro<Value> wait_for_main() {
    double t0 = now();
    try {
        Value aw3 = call(A("wait_for"), {call(A("sleep"), {i(5)}), i(1)});
        co_await await_(aw3);
    } catch (const Error& e) {
        out(repr(e.exc) + " " + type_name(getattr(e.exc, "__cause__")) + " " + std::to_string(now() - t0));
    }
    Value aw4 = call(A("wait_for"), {call(A("sleep"), {i(1), s("r")}), Value()});
    Value r = co_await await_(aw4);
    out(str(r));
    co_return Value();
}
}  // namespace

TEST_CASE("asyncio.wait_for: TimeoutError from the CancelledError after the timeout", "[python]") {
    lines.clear();
    run(wait_for_main);
    REQUIRE(lines == std::vector<std::string>{"TimeoutError() CancelledError 1.000000", "r"});
}

// t = asyncio.create_task(asyncio.sleep(10), name="sleeper"); await asyncio.sleep(1)
// print(t.get_name(), t.done(), t.cancel("bye"))                  # sleeper False True
// try: await t
// except asyncio.CancelledError as e: print(repr(e), t.cancelled())   # CancelledError('bye') True
// f = loop.create_future()
// f.result()        -> InvalidStateError('Result is not set.')
// f.set_result(3); f.set_result(4) -> InvalidStateError('invalid state'); f.result() == 3
// asyncio.create_task(1) -> TypeError: a coroutine was expected, got 1
// repr(f) -> <Future finished result=3>
namespace {
aio::coro<Value> task_main() {
    Value t = kwcall(A("create_task"), {call(A("sleep"), {i(10)})}, {{"name", s("sleeper")}});
    Value aw5 = call(A("sleep"), {i(1)});
    co_await await_(aw5);
    out(str(call_method(t, "get_name", {})) + " " + repr(call_method(t, "done", {})) + " " +
        repr(call_method(t, "cancel", {s("bye")})));
    try {
        Value aw6 = call_method(t, "__await__", {});
        co_await await_(aw6);
    } catch (const aio::cancelled_error& e) {
        out(repr(from_aio_error(std::current_exception())) + " " + repr(call_method(t, "cancelled", {})));
    } catch (const Error& e) {
        out(repr(e.exc) + " " + repr(call_method(t, "cancelled", {})));
    }
    Value loop = call(A("get_running_loop"), {});
    Value f = call_method(loop, "create_future", {});
    out(raised([&] { call_method(f, "result", {}); }));
    call_method(f, "set_result", {i(3)});
    out(raised([&] { call_method(f, "set_result", {i(4)}); }) + " " + repr(call_method(f, "result", {})));
    out(str(call_method(f, "__repr__", {})));
    out(raised([&] { call(A("create_task"), {i(1)}); }));
    Value me = call(A("current_task"), {});
    out(str(call_method(me, "get_name", {})) + " " +
        repr(Value::boolean(contains(call(A("all_tasks"), {}), me))));
    co_return Value();
}
}  // namespace

TEST_CASE("asyncio Task and Future: names, cancel with a message, states, errors", "[python]") {
    lines.clear();
    run(task_main);
    for (auto& l : lines) INFO(l);
    REQUIRE(lines.size() == 7);
    CHECK(lines[0] == "sleeper False True");
    CHECK(lines[1] == "CancelledError('bye') True");
    CHECK(lines[2] == "InvalidStateError('Result is not set.')");
    CHECK(lines[3] == "InvalidStateError('invalid state') 3");
    CHECK(lines[4] == "<Future finished result=3>");
    CHECK(lines[5] == "TypeError('a coroutine was expected, got 1')");
    CHECK(lines[6].substr(0, 5) == "Task-");  // CPython: Task-1 (its counter is process-wide)
    CHECK(lines[6].substr(lines[6].size() - 4) == "True");
}

// a = asyncio.create_task(asyncio.sleep(1, 'a')); b = asyncio.create_task(asyncio.sleep(3, 'b'))
// done, pending = await asyncio.wait([a, b], return_when=asyncio.FIRST_COMPLETED)
// print(len(done), len(pending), a in done, b in pending)      # 1 1 True True 1.0
// await asyncio.wait([])  -> ValueError('Set of Tasks/Futures is empty.')
namespace {
aio::coro<Value> wait_main() {
    double t0 = now();
    Value a = call(A("create_task"), {call(A("sleep"), {i(1), s("a")})});
    Value b = call(A("create_task"), {call(A("sleep"), {i(3), s("b")})});
    Value aw7 = kwcall(A("wait"), {new_list({a, b})}, {{"return_when", A("FIRST_COMPLETED")}});
    Value r = co_await await_(aw7);
    Value done = getitem(r, i(0)), pending = getitem(r, i(1));
    out(std::to_string(len(done)) + " " + std::to_string(len(pending)) + " " +
        repr(Value::boolean(contains(done, a))) + " " + repr(Value::boolean(contains(pending, b))) + " " +
        std::to_string(now() - t0));
    out(raised([&] { call(A("wait"), {new_list()}); }));
    co_return Value();
}
}  // namespace

TEST_CASE("asyncio.wait: FIRST_COMPLETED splits done and pending at the first finish", "[python]") {
    lines.clear();
    run(wait_main);
    REQUIRE(lines == std::vector<std::string>{"1 1 True True 1.000000", "ValueError('Set of Tasks/Futures is empty.')"});
}

// lock = asyncio.Lock(); three users each hold it for 1 s -> entered at 0, 1, 2
// lock.release() when free -> RuntimeError('Lock is not acquired.')
// sem = asyncio.Semaphore(2); three holders of 1 s each -> gather done at 2.0
namespace {
Value the_lock;
aio::coro<Value> lock_user_body(double t0) {
    Value aw8 = call_method(the_lock, "__aenter__", {});
    co_await await_(aw8);
    out("enter " + std::to_string(now() - t0));
    Value aw9 = call(A("sleep"), {i(1)});
    co_await await_(aw9);
    Value aw10 = call_method(the_lock, "__aexit__", {Value(), Value(), Value()});
    co_await await_(aw10);
    co_return Value();
}
aio::coro<Value> lock_main() {
    the_lock = call(A("Lock"), {});
    double t0 = now();
    auto user = [t0] { return new_awaitable("user", [t0] { return lock_user_body(t0); }); };
    Value aw11 = call(A("gather"), {user(), user(), user()});
    co_await await_(aw11);
    out(raised([&] { call_method(the_lock, "release", {}); }));
    Value sem = call(A("Semaphore"), {i(2)});
    Value holders = new_list();
    t0 = now();
    for (int k = 0; k < 3; ++k)
        call_method(holders, "append", {new_awaitable("limited", [sem] {
                        return [](Value sem) -> aio::coro<Value> {
                            Value aw12 = call_method(sem, "__aenter__", {});
                            co_await await_(aw12);
                            Value aw13 = call(A("sleep"), {i(1)});
                            co_await await_(aw13);
                            Value aw14 = call_method(sem, "__aexit__", {Value(), Value(), Value()});
                            co_await await_(aw14);
                            co_return Value();
                        }(sem);
                    })});
    std::vector<Value> items = to_vector(holders);
    Value aw102 = call(A("gather"), items.data(), items.size());
    co_await await_(aw102);
    out("sem " + std::to_string(now() - t0));
    out(raised([&] { call(A("Semaphore"), {i(-1)}); }));
    Value bs = call(A("BoundedSemaphore"), {i(1)});
    out(raised([&] { call_method(bs, "release", {}); }));
    Value c = call(A("Condition"), {});
    out(raised([&] { call_method(c, "notify", {}); }));
    the_lock = Value();
    co_return Value();
}
}  // namespace

TEST_CASE("asyncio Lock and Semaphore: FIFO hand-over on the virtual clock, misuse errors", "[python]") {
    lines.clear();
    run(lock_main);
    REQUIRE(lines == std::vector<std::string>{
                         "enter 0.000000", "enter 1.000000", "enter 2.000000",
                         "RuntimeError('Lock is not acquired.')", "sem 2.000000",
                         "ValueError('Semaphore initial value must be >= 0')",
                         "ValueError('BoundedSemaphore released too many times')",
                         "RuntimeError('cannot notify on un-acquired lock')"});
}

// q = asyncio.Queue(1); q.put_nowait(1); q.put_nowait(2) -> QueueFull() (qsize 1, full True)
// q.get_nowait() -> 1; again -> QueueEmpty(); task_done() twice -> ValueError('task_done() called too many times')
// PriorityQueue of (3,'c'),(1,'a'),(2,'b') -> [(1, 'a'), (2, 'b'), (3, 'c')]; LifoQueue 1,2,3 -> [3, 2, 1]
// Queue(2), a producer of 4 items and a consumer taking one a second:
//   put 0 @0, put 1 @0, get 0 @1, put 2 @1, get 1 @2, put 3 @2, get 2 @3, get 3 @4
namespace {
Value the_queue;
aio::coro<Value> producer() {
    double t0 = now();
    for (int k = 0; k < 4; ++k) {
        Value aw15 = call_method(the_queue, "put", {i(k)});
        co_await await_(aw15);
        out("put " + std::to_string(k) + " " + std::to_string(now() - t0));
    }
    co_return Value();
}
aio::coro<Value> consumer() {
    double t0 = now();
    for (int k = 0; k < 4; ++k) {
        Value aw16 = call(A("sleep"), {i(1)});
        co_await await_(aw16);
        Value aw17 = call_method(the_queue, "get", {});
        Value v = co_await await_(aw17);
        out("get " + repr(v) + " " + std::to_string(now() - t0));
    }
    co_return Value();
}
aio::coro<Value> queue_main() {
    Value q = call(A("Queue"), {i(1)});
    call_method(q, "put_nowait", {i(1)});
    out(raised([&] { call_method(q, "put_nowait", {i(2)}); }) + " " + repr(call_method(q, "qsize", {})) + " " +
        repr(call_method(q, "full", {})));
    out(repr(call_method(q, "get_nowait", {})));
    out(raised([&] { call_method(q, "get_nowait", {}); }) + " " + repr(call_method(q, "empty", {})));
    call_method(q, "task_done", {});
    out(raised([&] { call_method(q, "task_done", {}); }));
    Value pq = call(A("PriorityQueue"), {});
    for (auto& [n, c] : std::vector<std::pair<int, const char*>>{{3, "c"}, {1, "a"}, {2, "b"}})
        call_method(pq, "put_nowait", {new_tuple({i(n), s(c)})});
    Value got = new_list();
    for (int k = 0; k < 3; ++k) call_method(got, "append", {call_method(pq, "get_nowait", {})});
    out(repr(got));
    Value lq = call(A("LifoQueue"), {});
    for (int k = 1; k <= 3; ++k) call_method(lq, "put_nowait", {i(k)});
    got = new_list();
    for (int k = 0; k < 3; ++k) call_method(got, "append", {call_method(lq, "get_nowait", {})});
    out(repr(got));
    the_queue = call(A("Queue"), {i(2)});
    Value aw18 = call(A("gather"), {new_awaitable("producer", producer), new_awaitable("consumer", consumer)});
    co_await await_(aw18);
    Value sq = call(A("Queue"), {});
    call_method(sq, "shutdown", {});
    out(raised([&] { call_method(sq, "put_nowait", {i(1)}); }));
    the_queue = Value();
    co_return Value();
}
}  // namespace

TEST_CASE("asyncio queues: nowait errors, priority and LIFO order, back-pressure timing", "[python]") {
    lines.clear();
    run(queue_main);
    REQUIRE(lines == std::vector<std::string>{
                         "QueueFull() 1 True", "1", "QueueEmpty() True",
                         "ValueError('task_done() called too many times')",
                         "[(1, 'a'), (2, 'b'), (3, 'c')]", "[3, 2, 1]",
                         "put 0 0.000000", "put 1 0.000000", "get 0 1.000000", "put 2 1.000000",
                         "get 1 2.000000", "put 3 2.000000", "get 2 3.000000", "get 3 4.000000",
                         "QueueShutDown()"});
}

// t0 = loop.time(); m0 = time.monotonic(); time.sleep(2)
// print(loop.time() - t0, time.monotonic() - m0)     # 2.0 2.0 (a blocking sleep stalls the loop)
namespace {
aio::coro<Value> time_main() {
    double t0 = now();
    double m0 = call(T("monotonic"), {}).as_float();
    double w0 = call(T("time"), {}).as_float();
    call(T("sleep"), {i(2)});
    out(std::to_string(now() - t0) + " " + std::to_string(call(T("monotonic"), {}).as_float() - m0) + " " +
        std::to_string(call(T("time"), {}).as_float() - w0));
    out(raised([] { call(T("sleep"), {i(-1)}); }));
    co_return Value();
}
}  // namespace

TEST_CASE("time on the virtual clock: sleep() advances the loop's time, monotonic/time follow it", "[python]") {
    lines.clear();
    run(time_main);
    REQUIRE(lines == std::vector<std::string>{"2.000000 2.000000 2.000000",
                                              "ValueError('sleep length must be non-negative')"});
}

// asyncio.run(1) -> ValueError('a coroutine was expected, got 1')
// asyncio.run(...) inside a running loop -> RuntimeError('asyncio.run() cannot be called from a running event loop')
// an error escaping main comes out of asyncio.run
namespace {
aio::coro<Value> nested_main() {
    out(raised([] { call(A("run"), {call(A("sleep"), {i(0)})}); }));
    co_return Value();
}
aio::coro<Value> failing_main() {
    Value aw19 = call(A("sleep"), {i(1)});
    co_await await_(aw19);
    raise(exc::KeyError, "k");
}
}  // namespace

TEST_CASE("asyncio.run: bad argument, nested run, main's error", "[python]") {
    lines.clear();
    CHECK(raised([] { call(A("run"), {i(1)}); }) == "ValueError('a coroutine was expected, got 1')");
    run(nested_main);
    REQUIRE(lines == std::vector<std::string>{
                         "RuntimeError('asyncio.run() cannot be called from a running event loop')"});
    CHECK(raised([] { run(failing_main); }) == "KeyError('k')");
    CHECK(raised([] { call(A("get_running_loop"), {}); }) == "RuntimeError('no running event loop')");
}

// try:
//     async with asyncio.timeout(1) as cm: await asyncio.sleep(5)
// except TimeoutError as e: print(repr(e), type(e.__cause__).__name__, cm.expired())  # TimeoutError() CancelledError True 1.0
// async with asyncio.timeout(2) as cm: await asyncio.sleep(1)
// print(cm.expired())                                                                 # False
// async with asyncio.timeout(1): raise KeyError('x')   -> KeyError('x') passes through
namespace {
// `async with cm: await body` as the VM runs it: __aenter__, the body, __aexit__ with the error.
aio::coro<Value> async_with(Value cm, Value body) {
    Value enter = call_method(cm, "__aenter__", {});
    co_await await_(enter);
    Value error;
    try {
        co_await await_(body);
    } catch (const aio::cancelled_error&) {
        error = from_aio_error(std::current_exception());
    } catch (const Error& e) {
        error = e.exc;
    }
    Value exit = call_method(cm, "__aexit__", {error.is_none() ? Value() : Value(&type_of(error)), error, Value()});
    Value suppress = co_await await_(exit);
    if (!error.is_none() && !truthy(suppress)) raise(error);
    co_return Value();
}
aio::coro<Value> timeout_main() {
    double t0 = now();
    Value cm = call(A("timeout"), {i(1)});
    try {
        Value body = call(A("sleep"), {i(5)});
        co_await async_with(cm, body);
    } catch (const Error& e) {
        out(repr(e.exc) + " " + type_name(getattr(e.exc, "__cause__")) + " " +
            repr(call_method(cm, "expired", {})) + " " + std::to_string(now() - t0));
    }
    cm = call(A("timeout"), {i(2)});
    Value body = call(A("sleep"), {i(1)});
    co_await async_with(cm, body);
    out(repr(call_method(cm, "expired", {})));
    t0 = now();
    cm = call(A("timeout_at"), {Value::real(now() + 1.5)});
    try {
        Value body2 = call(A("sleep"), {i(5)});
        co_await async_with(cm, body2);
    } catch (const Error& e) {
        out(repr(e.exc) + " " + std::to_string(now() - t0));
    }
    cm = call(A("timeout"), {i(1)});
    try {
        co_await async_with(cm, boom(0, "x"));
    } catch (const Error& e) {
        out(repr(e.exc));
    }
    co_return Value();
}
}  // namespace

TEST_CASE("asyncio.timeout / timeout_at: the deadline's cancellation leaves as TimeoutError", "[python]") {
    lines.clear();
    run(timeout_main);
    REQUIRE(lines == std::vector<std::string>{"TimeoutError() CancelledError True 1.000000", "False",
                                              "TimeoutError() 1.500000", "ValueError('x')"});
}

// b = asyncio.Barrier(3); print(await asyncio.gather(b.wait(), b.wait(), b.wait()))   # [0, 1, 2]
// b2 = asyncio.Barrier(2); t = asyncio.create_task(b2.wait()); await asyncio.sleep(0); await b2.abort()
// await t -> BrokenBarrierError('Abort or reset of barrier');  asyncio.Barrier(0) -> ValueError('parties must be > 0')
namespace {
aio::coro<Value> barrier_main() {
    Value b = call(A("Barrier"), {i(3)});
    Value all = call(A("gather"), {call_method(b, "wait", {}), call_method(b, "wait", {}), call_method(b, "wait", {})});
    out(repr(co_await await_(all)));
    Value b2 = call(A("Barrier"), {i(2)});
    Value t = call(A("create_task"), {call_method(b2, "wait", {})});
    Value aw103 = call(A("sleep"), {i(0)});
    co_await await_(aw103);
    Value aw104 = call_method(b2, "abort", {});
    co_await await_(aw104);
    try {
        Value aw105 = call_method(t, "__await__", {});
        co_await await_(aw105);
    } catch (const Error& e) {
        out(repr(e.exc));
    }
    out(raised([] { call(A("Barrier"), {i(0)}); }));
    co_return Value();
}
}  // namespace

TEST_CASE("asyncio.Barrier: arrival indexes, abort breaks the waiters", "[python][fifo]") {
    lines.clear();
    run(barrier_main);
    REQUIRE(lines == std::vector<std::string>{"[0, 1, 2]", "BrokenBarrierError('Abort or reset of barrier')",
                                              "ValueError('parties must be > 0')"});
}

#if !defined(__EMSCRIPTEN__)  // reads the source tree: the wasm aio_tests has no file system (as the parser corpus)
// tests/python/asyncio/NAME.py run through the front-end on the virtual clock print NAME.out,
// which tests/python/asyncio/record.py recorded with CPython 3.11 on an equivalent virtual clock.
TEST_CASE("Python asyncio programs print what CPython 3.11 printed", "[python][fifo]") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(AIO_SOURCE_DIR) / "tests" / "python" / "asyncio";
    std::vector<fs::path> programs;
    for (auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".py" && e.path().filename() != "record.py")
            programs.push_back(e.path());
    std::sort(programs.begin(), programs.end());
    REQUIRE(programs.size() >= 2);
    auto read = [](const fs::path& p) {
        std::ifstream in(p, std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    };
    for (auto& program : programs) {
        auto [status, out, err] = run_captured(read(program), program.filename().string());
        INFO(program.filename().string() << "\n" << err);
        CHECK(status == 0);
        CHECK(out == read(fs::path(program).replace_extension(".out")));
    }
}
#endif

// tests/python/asyncio/taskgroup.py (recorded with CPython 3.11) through the object model, as
// the VM's `async with` will call it:
//     tg = asyncio.TaskGroup(); repr(tg)                    # <TaskGroup>
//     tg.create_task(c)   # RuntimeError: TaskGroup <TaskGroup> has not been entered
//     async with tg:
//         repr(tg)                                           # <TaskGroup entered>
//         a = tg.create_task(work(1, 1)); b = tg.create_task(work(2, 2), name="two")
//         repr(tg), b.get_name()                             # <TaskGroup tasks=2 entered> two
//     a.result(), b.result(), repr(tg), elapsed              # 1 2 <TaskGroup entered> 2.0
//     tg.create_task(c)   # RuntimeError: TaskGroup <TaskGroup entered> is finished
//     async with TaskGroup() as tg2: slow = tg2.create_task(work(1, 5)); tg2.create_task(fail(1, "x")); await sleep(10)
//         # ExceptionGroup('unhandled errors in a TaskGroup', [ValueError('x')]) (ValueError('x'),) True 1.0
//     two failing children   # unhandled errors in a TaskGroup (2 sub-exceptions) (ValueError('a'), ValueError('b'))
//     the body raises KeyError('body')   # unhandled errors in a TaskGroup (1 sub-exception) (KeyError('body'),) True 0.0
namespace {
Value tg_create(const Value& tg, Value coro, const char* name = nullptr) {
    if (!name) return call_method(tg, "create_task", {std::move(coro)});
    return kwcall(getattr(tg, "create_task"), {std::move(coro)}, {{"name", s(name)}});
}
Value body(std::function<aio::coro<Value>()> f) { return new_awaitable("body", std::move(f)); }

aio::coro<Value> taskgroup_main() {
    double t0 = now();
    Value tg = call(A("TaskGroup"), nullptr, 0);
    out(repr(tg));
    out(raised([&] { tg_create(tg, call(A("sleep"), {i(1)})); }));
    Value a, b;
    Value body1 = body([&]() -> aio::coro<Value> {
        out(repr(tg));
        a = tg_create(tg, call(A("sleep"), {i(1), i(1)}));
        b = tg_create(tg, call(A("sleep"), {i(2), i(2)}), "two");
        out(repr(tg) + " " + str(call_method(b, "get_name", {})));
        co_return Value();
    });
    co_await async_with(tg, body1);
    out(repr(call_method(a, "result", {})) + " " + repr(call_method(b, "result", {})) + " " + repr(tg) + " " +
        std::to_string(now() - t0));
    out(raised([&] { tg_create(tg, call(A("sleep"), {i(1)})); }));

    t0 = now();
    Value tg2 = call(A("TaskGroup"), nullptr, 0), slow;
    try {
        Value body2 = body([&]() -> aio::coro<Value> {
            slow = tg_create(tg2, call(A("sleep"), {i(5)}));
            tg_create(tg2, boom(1, "x"));
            Value nap = call(A("sleep"), {i(10)});
            co_await await_(nap);
            co_return Value();
        });
        co_await async_with(tg2, body2);
    } catch (const Error& e) {
        out(repr(e.exc) + " " + repr(getattr(e.exc, "exceptions")) + " " + repr(call_method(slow, "cancelled", {})) +
            " " + std::to_string(now() - t0));
    }

    Value tg3 = call(A("TaskGroup"), nullptr, 0);
    try {
        Value body3 = body([&]() -> aio::coro<Value> {
            tg_create(tg3, boom(1, "a"));
            tg_create(tg3, boom(1, "b"));
            co_return Value();
        });
        co_await async_with(tg3, body3);
    } catch (const Error& e) {
        out(str(e.exc) + " " + repr(getattr(e.exc, "exceptions")));
    }

    t0 = now();
    Value tg4 = call(A("TaskGroup"), nullptr, 0), child;
    try {
        Value body4 = body([&]() -> aio::coro<Value> {
            child = tg_create(tg4, call(A("sleep"), {i(1)}));
            raise(exc::KeyError, "body");
            co_return Value();  // makes the lambda a coroutine
        });
        co_await async_with(tg4, body4);
    } catch (const Error& e) {
        out(str(e.exc) + " " + repr(getattr(e.exc, "exceptions")) + " " + repr(call_method(child, "cancelled", {})) +
            " " + std::to_string(now() - t0));
    }
    co_return Value();
}
}  // namespace

TEST_CASE("asyncio.TaskGroup: waits for its children, the first error cancels the rest", "[python][fifo]") {
    lines.clear();
    run(taskgroup_main);
    REQUIRE(lines == std::vector<std::string>{
                         "<TaskGroup>",
                         "RuntimeError('TaskGroup <TaskGroup> has not been entered')",
                         "<TaskGroup entered>",
                         "<TaskGroup tasks=2 entered> two",
                         "1 2 <TaskGroup entered> 2.000000",
                         "RuntimeError('TaskGroup <TaskGroup entered> is finished')",
                         "ExceptionGroup('unhandled errors in a TaskGroup', [ValueError('x')]) (ValueError('x'),) True "
                         "1.000000",
                         "unhandled errors in a TaskGroup (2 sub-exceptions) (ValueError('a'), ValueError('b'))",
                         "unhandled errors in a TaskGroup (1 sub-exception) (KeyError('body'),) True 0.000000",
                     });
}

// A cancelled outer task cancels the group's children and leaves as CancelledError; misuse of
// the methods (CPython: entering twice, a non-coroutine, __aexit__ arguments).
//     async with tg: tg.create_task(sleep(10)); await sleep(10)   (outer task cancelled at 1.0)
//         -> CancelledError, the child cancelled, 1.0
//     async with tg: async with tg: ...   # RuntimeError: TaskGroup <TaskGroup entered> has already been entered
//     tg.create_task(1)                    # TypeError: a coroutine was expected, got 1
//     tg.__aexit__(None)  # TypeError: TaskGroup.__aexit__() missing 2 required positional arguments: 'exc' and 'tb'
//     asyncio.TaskGroup(1)  # TypeError: TaskGroup.__init__() takes 1 positional argument but 2 were given
namespace {
aio::coro<Value> taskgroup_cancel_main() {
    double t0 = now();
    Value tg = call(A("TaskGroup"), nullptr, 0), child;
    Value outer_body = body([&]() -> aio::coro<Value> {
        Value inner = body([&]() -> aio::coro<Value> {
            child = tg_create(tg, call(A("sleep"), {i(10)}));
            Value nap = call(A("sleep"), {i(10)});
            co_await await_(nap);
            co_return Value();
        });
        co_await async_with(tg, inner);
        out("not reached");
        co_return Value();
    });
    Value outer = call(A("create_task"), {outer_body});
    Value nap = call(A("sleep"), {i(1)});
    co_await await_(nap);
    call_method(outer, "cancel", {});
    try {
        co_await await_(outer);
    } catch (const aio::cancelled_error&) {
        out("cancelled " + repr(call_method(outer, "cancelled", {})) + " " + repr(call_method(child, "cancelled", {})) +
            " " + std::to_string(now() - t0));
    }

    Value tg2 = call(A("TaskGroup"), nullptr, 0);
    Value body6 = body([&]() -> aio::coro<Value> {
        try {
            Value again = call_method(tg2, "__aenter__", {});
            co_await await_(again);
        } catch (const Error& e) {
            out(repr(e.exc));
        }
        out(raised([&] { tg_create(tg2, i(1)); }));
        co_return Value();
    });
    co_await async_with(tg2, body6);
    out(raised([&] { call_method(tg2, "__aexit__", {Value()}); }));
    out(raised([&] { call(A("TaskGroup"), {i(1)}); }));
    co_return Value();
}
}  // namespace

TEST_CASE("asyncio.TaskGroup: the enclosing task's cancellation, misuse errors", "[python][fifo]") {
    lines.clear();
    run(taskgroup_cancel_main);
    REQUIRE(lines == std::vector<std::string>{
                         "cancelled True True 1.000000",
                         "RuntimeError('TaskGroup <TaskGroup entered> has already been entered')",
                         "TypeError('a coroutine was expected, got 1')",
                         "TypeError(\"TaskGroup.__aexit__() missing 2 required positional arguments: 'exc' and 'tb'\")",
                         "TypeError('TaskGroup.__init__() takes 1 positional argument but 2 were given')",
                     });
}

// r = asyncio.Runner(); r.run(1)          # ValueError: a coroutine was expected, got 1
// r.run(main()) -> 'm'; r.get_loop() is r.get_loop() -> True; r.close(); r.close()
// r.run(main())                           # RuntimeError: Runner is closed
// asyncio.Queue(3).maxsize, asyncio.Queue().maxsize  # 3 0
// asyncio.to_thread                       # AttributeError: module 'asyncio' has no attribute 'to_thread'
namespace {
aio::coro<Value> runner_main() {
    co_await aio::sleep(1);
    co_return s("m");
}
}  // namespace

TEST_CASE("asyncio.Runner: runs on one loop until closed; Queue.maxsize; a module's AttributeError", "[python]") {
    run_options().loop.clock = aio::clock_kind::virtual_time;
    Value r = call(A("Runner"), nullptr, 0);
    CHECK(raised([&] { call_method(r, "run", {i(1)}); }) == "ValueError('a coroutine was expected, got 1')");
    CHECK(repr(call_method(r, "run", {new_awaitable("main", runner_main)})) == "'m'");
    Value loop = call_method(r, "get_loop", {});
    CHECK(loop.is(call_method(r, "get_loop", {})));
    call_method(r, "close", {});
    call_method(r, "close", {});
    CHECK(truthy(call_method(loop, "is_closed", {})));
    CHECK(raised([&] { call_method(r, "run", {new_awaitable("main", runner_main)}); }) ==
          "RuntimeError('Runner is closed')");
    CHECK(repr(getattr(call(A("Queue"), {i(3)}), "maxsize")) == "3");
    CHECK(repr(getattr(call(A("Queue"), nullptr, 0), "maxsize")) == "0");
    Value asyncio = import_module("asyncio");
    CHECK(raised([&] { getattr(asyncio, "no_such_name"); }) ==
          "AttributeError(\"module 'asyncio' has no attribute 'no_such_name'\")");
}

// asyncio's debug mode times a step on the loop's clock, so on the virtual clock a time.sleep(5)
// inside a coroutine is reported as exactly 5 s (tests/python/asyncio/blocking_sleep.py prints
// what the other task saw), naming the Python coroutine (CPython adds "done, ... result=...
// created at <asyncio's own file>", which aio's report leaves out).
TEST_CASE("debug mode reports the Python task whose time.sleep blocked the loop", "[python]") {
    const char* source =
        "import asyncio, time\n"
        "async def blocker():\n"
        "    time.sleep(5)\n"
        "async def polite():\n"
        "    await asyncio.sleep(1)\n"
        "async def main():\n"
        "    await asyncio.gather(asyncio.create_task(blocker(), name='blocker'), polite())\n"
        "asyncio.run(main(), debug=True)\n";
    auto [status, out, err] = run_captured(source, "blocked.py");
    CHECK(status == 0);
    CHECK(out.empty());
    // Only this step took 5 s of loop time (on a loaded machine other steps may pass the 0.1 s
    // threshold in wall time, so they are not counted out).
    CHECK(err.find("Executing <Task finished name='blocker' coro=<blocker() defined at blocked.py:2>> took 5.000 seconds\n") !=
          std::string::npos);
    CHECK(err.find("polite() defined at blocked.py:4>> took 5") == std::string::npos);
}

// loop.slow_callback_duration sets debug mode's threshold (tests/python/asyncio/
// slow_callback_duration.py prints the values; this checks what stderr reports): on the virtual
// clock a 2 s blocking step passes a 1 s threshold and a 5 s one stays under 10.5 s, exactly.
TEST_CASE("loop.slow_callback_duration is the threshold of debug mode's slow-step reports", "[python]") {
    const char* source =
        "import asyncio, time\n"
        "async def blocker(seconds):\n"
        "    time.sleep(seconds)\n"
        "async def main():\n"
        "    loop = asyncio.get_running_loop()\n"
        "    loop.slow_callback_duration = 1\n"
        "    await asyncio.create_task(blocker(2), name='long')\n"
        "    loop.slow_callback_duration = 10.5\n"
        "    await asyncio.create_task(blocker(5), name='short')\n"
        "    try:\n"
        "        loop.slow_callback_duration = '1'\n"
        "    except TypeError as e:\n"
        "        print(e, loop.slow_callback_duration)\n"
        "asyncio.run(main(), debug=True)\n";
    auto [status, out, err] = run_captured(source, "slow.py");
    CHECK(status == 0);
    CHECK(out == "slow_callback_duration must be a number, not str 10.5\n");
    CHECK(err.find("Executing <Task finished name='long' coro=<blocker() defined at slow.py:2>> took 2.000 seconds\n") !=
          std::string::npos);
    CHECK(err.find("name='short'") == std::string::npos);
}

// The default exception handler's report of a failing callback, and of an error raised by a
// custom handler. Recorded with CPython 3.11 (python3 cb.py); its traceback's frames of
// asyncio/events.py (Handle._run) and base_events.py (call_exception_handler) are CPython's own
// library and are not shown here (README "Differences"); the rest is its text. FIFO order:
// under another schedule cb(1) may run after the handler is set.
TEST_CASE("a failing loop callback is reported as asyncio's default handler does", "[python][fifo]") {
    const char* source =
        "import asyncio\n"
        "def cb(x):\n"
        "    raise ValueError(x)\n"
        "def bad(loop, context):\n"
        "    raise RuntimeError('handler failed')\n"
        "async def main():\n"
        "    loop = asyncio.get_running_loop()\n"
        "    loop.call_soon(cb, 1)\n"
        "    await asyncio.sleep(0)\n"
        "    loop.set_exception_handler(bad)\n"
        "    loop.call_soon(cb, 2)\n"
        "    await asyncio.sleep(0)\n"
        "asyncio.run(main())\n";
    CHECK(py_test::run_on_virtual_clock(source, "cb.py") ==
          "Exception in callback cb(1) at cb.py:2\n"
          "handle: <Handle cb(1) at cb.py:2>\n"
          "Traceback (most recent call last):\n"
          "  File \"cb.py\", line 3, in cb\n"
          "    raise ValueError(x)\n"
          "ValueError: 1\n"
          "Unhandled error in exception handler\n"
          "context: {'message': 'Exception in callback cb(2) at cb.py:2', 'exception': ValueError(2), "
          "'handle': <Handle cb(2) at cb.py:2>}\n"
          "Traceback (most recent call last):\n"
          "  File \"cb.py\", line 3, in cb\n"
          "    raise ValueError(x)\n"
          "ValueError: 2\n"
          "\n"
          "During handling of the above exception, another exception occurred:\n"
          "\n"
          "Traceback (most recent call last):\n"
          "  File \"cb.py\", line 5, in bad\n"
          "    raise RuntimeError('handler failed')\n"
          "RuntimeError: handler failed\n"
          "[exit 0]\n");
}

// CPython lets a class derive from asyncio.Queue (or Lock, Future, random.Random); here their state
// is a C++ object a subclass's instances would not have, so the class statement itself refuses,
// with a TypeError naming the type — never a crash in the first method call.
TEST_CASE("subclassing a native object type raises TypeError at the class statement", "[python]") {
    for (const char* base : {"asyncio.Queue", "asyncio.Lock", "asyncio.Future", "random.Random"}) {
        std::string source = std::string("import asyncio, random\nclass Mine(") + base + "):\n    pass\nprint('not reached')\n";
        std::string out = py_test::run_on_virtual_clock(source, "subclass.py");
        std::string name = std::string(base).substr(std::string(base).find('.') + 1);
        INFO(out);
        CHECK(out.find("TypeError: subclassing '" + name + "' is not supported by this Python (aio's front-end) yet") != std::string::npos);
        CHECK(out.find("not reached") == std::string::npos);
        CHECK(out.find("[exit 1]") != std::string::npos);
    }
}
