// The time module on the loop's clock: inside a running aio loop time(), perf_counter() and
// monotonic() read the loop's time (so on the virtual clock timings are exact), outside one the
// real clocks. sleep() blocks: on the virtual clock it moves the loop's time forward instead.
#include "python/asyncio.hpp"
#include "python/detail.hpp"

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

double number(const Value& v, const char* fname) {
    if (v.is_intlike()) return static_cast<double>(v.as_int());
    if (v.is_float()) return v.as_float();
    raise(exc::TypeError, "'" + type_name(v) + "' object cannot be interpreted as an integer");
    (void)fname;
}

Value t_time(const Value*, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("time", kwnames);
    detail::check_args("time()", nargs, 0, 0);
    static const double base = epoch_base();
    if (auto* l = loop_now()) return Value::real(base + l->time());
    using namespace std::chrono;
    return Value::real(duration<double>(system_clock::now().time_since_epoch()).count());
}

Value t_monotonic(const Value*, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("monotonic", kwnames);
    detail::check_args("monotonic()", nargs, 0, 0);
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
    if (l && l->clock() == aio::clock_kind::virtual_time) {
        l->advance_virtual_time(s);  // the whole loop stalls, as a blocking call does
        return Value();
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(s));
    return Value();
}

}  // namespace

void init_time(Dict& ns) {
    auto def = [&](const char* name, NativeFn fn) { ns.table.insert(new_str(name), new_function(name, fn)); };
    def("time", t_time);
    def("monotonic", t_monotonic);
    def("perf_counter", t_monotonic);
    def("sleep", t_sleep);
}

}  // namespace aio::py
