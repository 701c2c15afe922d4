// bisect for aio's Python, written in Python: binary search and insertion in a sorted list.
// CPython's is C, so the module is frames_hidden.

namespace aio::py {

extern const char* const bisect_source;

const char* const bisect_source = R"py("""bisect: bisection algorithms on sorted sequences (aio's Python)."""

__all__ = ["bisect", "bisect_left", "bisect_right", "insort", "insort_left", "insort_right"]


def _bounds(a, lo, hi):
    if lo < 0:
        raise ValueError("lo must be non-negative")
    return lo, len(a) if hi is None else hi


def bisect_left(a, x, lo=0, hi=None, *, key=None):
    """The first index in a[lo:hi] where x could go keeping a sorted (before equal items)."""
    lo, hi = _bounds(a, lo, hi)
    while lo < hi:
        mid = (lo + hi) // 2
        if (a[mid] if key is None else key(a[mid])) < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def bisect_right(a, x, lo=0, hi=None, *, key=None):
    """The last index in a[lo:hi] where x could go keeping a sorted (after equal items)."""
    lo, hi = _bounds(a, lo, hi)
    while lo < hi:
        mid = (lo + hi) // 2
        if x < (a[mid] if key is None else key(a[mid])):
            hi = mid
        else:
            lo = mid + 1
    return lo


def insort_left(a, x, lo=0, hi=None, *, key=None):
    """Inserts x into the sorted a, before equal items."""
    a.insert(bisect_left(a, x if key is None else key(x), lo, hi, key=key), x)


def insort_right(a, x, lo=0, hi=None, *, key=None):
    """Inserts x into the sorted a, after equal items."""
    a.insert(bisect_right(a, x if key is None else key(x), lo, hi, key=key), x)


bisect = bisect_right
insort = insort_right
)py";

}  // namespace aio::py
