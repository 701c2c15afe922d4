// _time, the native half of the time module (lib_time.cpp is the rest): the clocks on the loop's
// clock: inside a running aio loop time(), perf_counter() and monotonic() read the loop's time
// (so on the virtual clock timings are exact), outside one the real clocks. sleep() called
// straight from a thread's function suspends that thread (the GIL is released, threads.hpp);
// anywhere else it blocks: on the virtual clock it moves the loop's time forward instead.
// When run_options() picks the virtual clock, the whole program is on it (ProgramClockRun): time
// starts at 2026-01-01 00:00:00 UTC (as tools/py_record.py records CPython) and monotonic() at
// 1000.0, a sleep outside any loop is instant, and local time is UTC (the recorded output is the
// same in every time zone). Then the calendar: broken-down times, mktime, strftime and asctime
// with CPython's checks of a time tuple.
#include "python/asyncio.hpp"
#include "python/detail.hpp"
#include "python/awaitable.hpp"
#include "python/threads.hpp"

#include "aio/sleep.hpp"

#include "aio/loop.hpp"

#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>
#include <limits>
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

double time_now() {
    if (program_is_virtual()) return virtual_epoch + program_seconds();
    static const double base = epoch_base();
    if (auto* l = loop_now()) return base + l->time();
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

double monotonic_now() {
    if (program_is_virtual()) return virtual_monotonic + program_seconds();
    if (auto* l = loop_now()) return l->time();
    return steady_seconds();
}

Value t_time(const Value*, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("time", kwnames);
    detail::check_args("time.time", nargs, 0, 0);
    return Value::real(time_now());
}

Value t_monotonic(const Value*, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("monotonic", kwnames);
    detail::check_args("time.monotonic", nargs, 0, 0);
    return Value::real(monotonic_now());
}

// time_ns() and monotonic_ns(): the same clocks in whole nanoseconds.
Value t_time_ns(const Value*, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("time_ns", kwnames);
    detail::check_args("time.time_ns", nargs, 0, 0);
    return Value::integer(static_cast<std::int64_t>(std::llround(time_now() * 1e9)));
}

Value t_monotonic_ns(const Value*, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("monotonic_ns", kwnames);
    detail::check_args("time.monotonic_ns", nargs, 0, 0);
    return Value::integer(static_cast<std::int64_t>(std::llround(monotonic_now() * 1e9)));
}

// ---- the calendar ----

[[noreturn]] void timestamp_overflow() { raise(exc::OverflowError, "timestamp out of range for platform time_t"); }

// Seconds since the epoch, rounded down (CPython's _PyTime_ROUND_FLOOR); None: now.
std::int64_t seconds_arg(const Value& v) {
    double d;
    if (v.is_none()) {
        d = time_now();
    } else if (v.is_int() || v.is_bool()) {
        return detail::as_integer(v);
    } else if (!detail::real_value(v, d)) {
        return detail::as_integer(v);  // an __index__, or its TypeError
    }
    if (std::isnan(d)) raise(exc::ValueError, "Invalid value NaN (not a number)");
    d = std::floor(d);
    if (!(d >= -9.2e18 && d <= 9.2e18)) timestamp_overflow();
    return static_cast<std::int64_t>(d);
}

// The civil calendar in UTC (std::chrono's, years -32767..32767), whatever the width of the
// platform's time_t (32 bits in this Emscripten): gmtime, and local time on the virtual clock.
constexpr std::int64_t first_day = std::chrono::sys_days{std::chrono::year{-32767} / 1 / 1}.time_since_epoch().count();
constexpr std::int64_t last_day = std::chrono::sys_days{std::chrono::year{32767} / 12 / 31}.time_since_epoch().count();

std::tm utc_fields(std::int64_t seconds) {
    using namespace std::chrono;
    std::int64_t day = seconds / 86400, rest = seconds % 86400;
    if (rest < 0) rest += 86400, --day;
    if (day < first_day || day > last_day) timestamp_overflow();
    const sys_days date{days{day}};
    const year_month_day ymd{date};
    std::tm tm{};
    tm.tm_year = static_cast<int>(ymd.year()) - 1900;
    tm.tm_mon = static_cast<int>(static_cast<unsigned>(ymd.month())) - 1;
    tm.tm_mday = static_cast<int>(static_cast<unsigned>(ymd.day()));
    tm.tm_hour = static_cast<int>(rest / 3600);
    tm.tm_min = static_cast<int>(rest / 60 % 60);
    tm.tm_sec = static_cast<int>(rest % 60);
    tm.tm_wday = static_cast<int>(weekday{date}.c_encoding());
    tm.tm_yday = static_cast<int>((date - sys_days{ymd.year() / January / 1}).count());
    return tm;
}

// timegm: the fields normalized as mktime does (a 13th month is next January, a 32nd day the
// next month's first, ...).
std::int64_t utc_seconds(const std::tm& tm) {
    using namespace std::chrono;
    std::int64_t month0 = tm.tm_mon % 12, year = tm.tm_year + 1900LL + tm.tm_mon / 12;
    if (month0 < 0) month0 += 12, --year;
    if (year < -32767 || year > 32767) raise(exc::OverflowError, "mktime argument out of range");
    const std::int64_t day = sys_days{std::chrono::year{static_cast<int>(year)} / month{static_cast<unsigned>(month0 + 1)} / 1}
                                 .time_since_epoch()
                                 .count() +
                             tm.tm_mday - 1;
    return day * 86400 + tm.tm_hour * 3600LL + tm.tm_min * 60LL + tm.tm_sec;
}

// Local time is UTC on the virtual clock.
bool local_is_utc() { return program_is_virtual(); }

// The local time of `seconds`: the C library's on the real clock (within its time_t).
std::tm local_fields(std::int64_t seconds) {
    if (local_is_utc()) return utc_fields(seconds);
    const std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    if (t != seconds || !localtime_r(&t, &tm)) timestamp_overflow();
    return tm;
}

// The 11 fields of a struct_time, for lib_time.cpp's struct_time(); zone and offset as CPython on
// Linux gives them (gmtime: "GMT").
Value tuple_of(const std::tm& tm, const char* zone, long gmtoff) {
    return new_tuple({Value::integer(tm.tm_year + 1900LL), Value::integer(tm.tm_mon + 1), Value::integer(tm.tm_mday),
                      Value::integer(tm.tm_hour), Value::integer(tm.tm_min), Value::integer(tm.tm_sec),
                      Value::integer((tm.tm_wday + 6) % 7), Value::integer(tm.tm_yday + 1),
                      Value::integer(tm.tm_isdst), new_str(zone), Value::integer(gmtoff)});
}

// _broken_down(fname, local, (seconds,) or ()): the fields of gmtime(), localtime() and ctime()
// (lib_time.cpp), which pass their arguments on as a tuple to be checked here as CPython does.
Value t_broken_down(const Value* a, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("_broken_down", kwnames);
    detail::check_args("_broken_down()", nargs, 3, 3);
    const auto& given = a[2].as<Tuple>()->items;
    detail::check_args((as_str(a[0])->s + "()").c_str(), given.size(), 0, 1);
    const std::int64_t t = seconds_arg(given.empty() ? Value() : given[0]);
    const bool local = truthy(a[1]);
    if (local && !local_is_utc()) {
        const std::tm tm = local_fields(t);
        return tuple_of(tm, tm.tm_zone ? tm.tm_zone : "", tm.tm_gmtoff);
    }
    return tuple_of(utc_fields(t), local ? "UTC" : "GMT", 0);
}

// A time tuple argument as CPython's gettmarg reads it: a tuple (or struct_time) of 9 ints.
std::tm time_tuple(const Value& v, const char* fname) {
    if (!is(v, Kind::tuple)) raise(exc::TypeError, "Tuple or struct_time argument required");
    const auto& items = v.as<Tuple>()->items;
    if (items.size() != 9) raise(exc::TypeError, std::string(fname) + "(): illegal time tuple argument");
    std::int64_t f[9];
    for (int i = 0; i < 9; ++i) f[i] = detail::as_integer(items[i]);
    auto narrow = [](std::int64_t x) {
        if (x < std::numeric_limits<int>::min() || x > std::numeric_limits<int>::max())
            raise(exc::OverflowError, "Python int too large to convert to C int");
        return static_cast<int>(x);
    };
    std::tm tm{};
    tm.tm_year = narrow(f[0] - 1900);
    tm.tm_mon = narrow(f[1] - 1);
    tm.tm_mday = narrow(f[2]);
    tm.tm_hour = narrow(f[3]);
    tm.tm_min = narrow(f[4]);
    tm.tm_sec = narrow(f[5]);
    tm.tm_wday = narrow((f[6] + 1) % 7);  // Monday = 0 in Python, Sunday = 0 in C
    tm.tm_yday = narrow(f[7] - 1);
    tm.tm_isdst = narrow(f[8]);
    return tm;
}

// CPython's checktm for strftime and asctime: 0 stands for 1 in month and day fields; fields out
// of range are a ValueError naming them.
void check_time_tuple(std::tm& tm) {
    if (tm.tm_mon == -1) tm.tm_mon = 0;
    else if (tm.tm_mon < 0 || tm.tm_mon > 11) raise(exc::ValueError, "month out of range");
    if (tm.tm_mday == 0) tm.tm_mday = 1;
    else if (tm.tm_mday < 0 || tm.tm_mday > 31) raise(exc::ValueError, "day of month out of range");
    if (tm.tm_hour < 0 || tm.tm_hour > 23) raise(exc::ValueError, "hour out of range");
    if (tm.tm_min < 0 || tm.tm_min > 59) raise(exc::ValueError, "minute out of range");
    if (tm.tm_sec < 0 || tm.tm_sec > 61) raise(exc::ValueError, "seconds out of range");
    if (tm.tm_wday < 0) raise(exc::ValueError, "day of week out of range");
    if (tm.tm_yday == -1) tm.tm_yday = 0;
    else if (tm.tm_yday < 0 || tm.tm_yday > 365) raise(exc::ValueError, "day of year out of range");
}

// The tuple argument, or the local time now when it is absent or None.
std::tm tuple_or_now(const Value* a, std::size_t nargs, const char* fname) {
    if (nargs > 0 && !a[0].is_none()) {
        std::tm tm = time_tuple(a[0], fname);
        check_time_tuple(tm);
        return tm;
    }
    return local_fields(seconds_arg(Value()));
}

// %c spelled out as the C locale defines it: Emscripten's strftime pads the day with a zero
// ("Dec 07"), glibc with a space ("Dec  7"), as CPython prints on Linux.
std::string c_locale_format(const std::string& format) {
    std::string out;
    for (std::size_t i = 0; i < format.size(); ++i) {
        if (format[i] == '%' && i + 1 < format.size()) {
            if (format[i + 1] == 'c') {
                out += "%a %b %e %H:%M:%S %Y";
            } else {
                out += format[i];
                out += format[i + 1];
            }
            ++i;
        } else {
            out += format[i];
        }
    }
    return out;
}

Value t_strftime(const Value* a, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("strftime", kwnames);
    detail::check_args("strftime()", nargs, 1, 2);
    if (!is(a[0], Kind::str)) raise(exc::TypeError, "strftime() argument 1 must be str, not " + type_name(a[0]));
    const std::string format = c_locale_format(as_str(a[0])->s);
    if (format.find('\0') != std::string::npos) raise(exc::ValueError, "embedded null character");
    std::tm tm = tuple_or_now(a + 1, nargs - 1, "strftime");
    if (tm.tm_isdst < -1) tm.tm_isdst = -1;
    else if (tm.tm_isdst > 1) tm.tm_isdst = 1;
    if (local_is_utc()) {
        tm.tm_zone = "UTC";
        tm.tm_gmtoff = 0;
    }
    if (format.empty()) return new_str("");
    // strftime returns 0 for "did not fit" and for an empty result: grow up to CPython's bound.
    for (std::size_t size = 256;; size *= 2) {
        std::string out(size, '\0');
        std::size_t n = std::strftime(out.data(), size, format.c_str(), &tm);
        if (n > 0 || size >= 256 * format.size()) {
            out.resize(n);
            return new_str(std::move(out));
        }
    }
}

Value t_asctime(const Value* a, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("asctime", kwnames);
    detail::check_args("asctime", nargs, 0, 1);
    const std::tm tm = tuple_or_now(a, nargs, "asctime");
    static const char* const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char out[64];
    std::snprintf(out, sizeof out, "%s %s%3d %.2d:%.2d:%.2d %d", days[tm.tm_wday % 7], months[tm.tm_mon],
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, 1900 + tm.tm_year);
    return new_str(out);
}

Value t_mktime(const Value* a, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("mktime", kwnames);
    detail::check_args("time.mktime", nargs, 1, 1);
    std::tm tm = time_tuple(a[0], "mktime");
    tm.tm_wday = -1;  // mktime leaves it so on failure (-1 is also a valid result)
    if (local_is_utc()) return Value::real(static_cast<double>(utc_seconds(tm)));
    const std::time_t t = std::mktime(&tm);
    if (t == static_cast<std::time_t>(-1) && tm.tm_wday == -1)
        raise(exc::OverflowError, "mktime argument out of range");
    return Value::real(static_cast<double>(t));
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

void start_program_clock() {
    auto& c = program_clock();
    c.now = 0;
    c.origin = c.loop ? -c.loop->time() : 0;
}

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
    def("time_ns", t_time_ns);
    def("monotonic", t_monotonic);
    def("monotonic_ns", t_monotonic_ns);
    def("perf_counter", t_monotonic);
    def("perf_counter_ns", t_monotonic_ns);
    def("sleep", t_sleep);
    def("_broken_down", t_broken_down);
    def("strftime", t_strftime);
    def("asctime", t_asctime);
    def("mktime", t_mktime);
}

}  // namespace aio::py
