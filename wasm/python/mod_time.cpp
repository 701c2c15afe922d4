// The time module on the loop's clock: inside a running aio loop time(), perf_counter() and
// monotonic() read the loop's time (so on the virtual clock timings are exact), outside one the
// real clocks. sleep() called straight from a thread's function suspends that thread (the GIL is
// released, threads.hpp); anywhere else it blocks: on the virtual clock it moves the loop's time
// forward instead.
// When run_options() picks the virtual clock, the whole program is on it (ProgramClockRun): time
// starts at 2026-01-01 00:00:00 UTC (as tools/py_record.py records CPython) and monotonic() at
// 1000.0, and a sleep outside any loop is instant.
#include "python/asyncio.hpp"
#include "python/detail.hpp"
#include "python/awaitable.hpp"
#include "python/threads.hpp"

#include "aio/sleep.hpp"

#include "aio/loop.hpp"

#include <chrono>
#include <cmath>
#include <thread>

namespace aio::py {

namespace {

aio::event_loop* loop_now() { return aio::detail::this_thread.running_loop; }

double steady_seconds() {
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

// Wall-clock seconds at the first time.time() of a run, whole so loop-time deltas stay exact.
double epoch_base() {
    using namespace std::chrono;
    return std::floor(duration<double>(system_clock::now().time_since_epoch()).count());
}

// The program's virtual clock (seconds since it started) and the loop that drives it now.
struct ProgramClock {
    double now = 0;
    const aio::event_loop* loop = nullptr;
    double origin = 0;  // program time when `loop`'s time was 0
};
ProgramClock& program_clock() {
    static ProgramClock c;
    return c;
}
bool program_is_virtual() { return run_options().loop.clock == aio::clock_kind::virtual_time; }
double program_seconds() {
    auto& c = program_clock();
    auto* running = loop_now();
    if (running && running != c.loop) return running->time();  // a loop run from C++, not asyncio's
    if (c.loop) c.now = c.origin + c.loop->time();
    return c.now;
}
constexpr double virtual_epoch = 1767225600.0;  // time.time() when a virtual-clock program starts
constexpr double virtual_monotonic = 1000.0;    // monotonic() then

aio::coro<Value> sleep_in_thread(double seconds) {
    co_await aio::sleep(seconds);
    co_return Value();
}

double number(const Value& v, const char* fname) {
    double d;
    if (detail::real_value(v, d)) return d;
    raise(exc::TypeError, "'" + type_name(v) + "' object cannot be interpreted as an integer");
    (void)fname;
}

Value t_time(const Value*, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("time", kwnames);
    detail::check_args("time()", nargs, 0, 0);
    if (program_is_virtual()) return Value::real(virtual_epoch + program_seconds());
    static const double base = epoch_base();
    if (auto* l = loop_now()) return Value::real(base + l->time());
    using namespace std::chrono;
    return Value::real(duration<double>(system_clock::now().time_since_epoch()).count());
}

Value t_monotonic(const Value*, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("monotonic", kwnames);
    detail::check_args("monotonic()", nargs, 0, 0);
    if (program_is_virtual()) return Value::real(virtual_monotonic + program_seconds());
    if (auto* l = loop_now()) return Value::real(l->time());
    return Value::real(steady_seconds());
}

Value t_sleep(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("sleep", kwnames);
    detail::check_args("sleep()", nargs, 1, 1);
    double s = number(args[0], "sleep");
    if (std::isnan(s)) raise(exc::ValueError, "Invalid value NaN (not a number)");
    if (s < 0) raise(exc::ValueError, "sleep length must be non-negative");
    auto* l = loop_now();
    if (l && may_suspend()) throw Suspend{new_awaitable("sleep", [s] { return sleep_in_thread(s); })};
    if (l && l->clock() == aio::clock_kind::virtual_time) {
        l->advance_virtual_time(s);  // the whole loop stalls, as a blocking call does
        return Value();
    }
    if (!l && program_is_virtual()) {
        program_clock().now += s;
        return Value();
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(s));
    return Value();
}

}  // namespace

ProgramClockRun::ProgramClockRun(const aio::event_loop& loop)
    : loop_(loop), outer_(program_clock().loop), outer_origin_(program_clock().origin) {
    auto& c = program_clock();
    const double now = program_seconds();
    c.loop = &loop;
    c.origin = now - loop.time();
}

ProgramClockRun::~ProgramClockRun() {
    auto& c = program_clock();
    c.now = c.origin + loop_.time();
    c.loop = outer_;
    c.origin = outer_origin_;
}

void init_time(Dict& ns) {
    auto def = [&](const char* name, NativeFn fn) { ns.table.insert(new_str(name), new_function(name, fn)); };
    def("time", t_time);
    def("monotonic", t_monotonic);
    def("perf_counter", t_monotonic);
    def("sleep", t_sleep);
}

}  // namespace aio::py
