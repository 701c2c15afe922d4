// The time module for aio's Python: the native part (_time: the clocks, sleep, strftime, asctime,
// mktime, mod_time.cpp) and, in Python here, struct_time (CPython's is a C "struct sequence": a
// tuple of 9 fields with tm_zone and tm_gmtoff as attributes only), gmtime, localtime and ctime.

namespace aio::py {

extern const char* const time_source;

const char* const time_source = R"py("""time: time access and conversions (aio's Python: the clocks follow the running loop)."""
from _time import (_broken_down, asctime, mktime, monotonic, monotonic_ns, perf_counter, perf_counter_ns, sleep,
                   strftime, time, time_ns)

_FIELDS = ("tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst")


class struct_time(tuple):
    """The time value as returned by gmtime(), localtime(), and strptime(), and
 accepted by asctime(), mktime() and strftime().  May be considered as a
 sequence of 9 integers.

 Note that several fields' values are not the same as those defined by
 the C language standard for struct tm.  For example, the value of the
 field tm_year is the actual year, not year - 1900.  See individual
 fields' descriptions for details."""

    n_sequence_fields = 9
    n_fields = 11
    n_unnamed_fields = 0

    def __new__(cls, sequence, dict=None):
        try:
            items = tuple(sequence)
        except TypeError:
            raise TypeError("constructor requires a sequence") from None
        if len(items) < 9:
            raise TypeError(f"time.struct_time() takes an at least 9-sequence ({len(items)}-sequence given)")
        if len(items) > 11:
            raise TypeError(f"time.struct_time() takes an at most 11-sequence ({len(items)}-sequence given)")
        self = tuple.__new__(cls, items[:9])
        extra = items[9:] + (None, None)
        dict = dict or {}
        self._zone = dict.get("tm_zone", extra[0])
        self._gmtoff = dict.get("tm_gmtoff", extra[1])
        return self

    def __repr__(self):
        return "time.struct_time(" + ", ".join(f"{name}={value!r}" for name, value in zip(_FIELDS, self)) + ")"

    def __reduce__(self):
        return (struct_time, (tuple(self), {"tm_zone": self._zone, "tm_gmtoff": self._gmtoff}))

    tm_year = property(lambda self: self[0], doc="year, for example, 1993")
    tm_mon = property(lambda self: self[1], doc="month of year, range [1, 12]")
    tm_mday = property(lambda self: self[2], doc="day of month, range [1, 31]")
    tm_hour = property(lambda self: self[3], doc="hours, range [0, 23]")
    tm_min = property(lambda self: self[4], doc="minutes, range [0, 59]")
    tm_sec = property(lambda self: self[5], doc="seconds, range [0, 61])")
    tm_wday = property(lambda self: self[6], doc="day of week, range [0, 6], Monday is 0")
    tm_yday = property(lambda self: self[7], doc="day of year, range [1, 366]")
    tm_isdst = property(lambda self: self[8], doc="1 if summer time is in effect, 0 if not, and -1 if unknown")
    tm_zone = property(lambda self: self._zone, doc="abbreviation of timezone name")
    tm_gmtoff = property(lambda self: self._gmtoff, doc="offset from UTC in seconds")



# gmtime([seconds]), localtime([seconds]), ctime([seconds]): the arguments are checked by _time,
# with CPython's messages.
def gmtime(*seconds):
    """Convert seconds since the Epoch to a time tuple expressing UTC (a.k.a. GMT)."""
    return struct_time(_broken_down("gmtime", False, seconds))


def localtime(*seconds):
    """Convert seconds since the Epoch to a time tuple expressing local time (UTC on the virtual clock)."""
    return struct_time(_broken_down("localtime", True, seconds))


def ctime(*seconds):
    """Convert a time in seconds since the Epoch to a string in local time."""
    return asctime(struct_time(_broken_down("ctime", True, seconds)))
)py";

}  // namespace aio::py
