// functools for aio's Python: the native part (_functools: partial, reduce, wraps and
// update_wrapper, mod_functools.cpp) and, in Python here, lru_cache and cache (one wrapper type,
// as CPython's _lru_cache_wrapper), cached_property and total_ordering.

namespace aio::py {

extern const char* const functools_source;

const char* const functools_source = R"py("""functools: higher-order functions and operations on callables (aio's Python)."""
from _functools import WRAPPER_ASSIGNMENTS, WRAPPER_UPDATES, partial, reduce, update_wrapper, wraps
from collections import namedtuple

__all__ = ["update_wrapper", "wraps", "WRAPPER_ASSIGNMENTS", "WRAPPER_UPDATES", "total_ordering", "cache",
           "lru_cache", "reduce", "partial", "cached_property"]

_CacheInfo = namedtuple("CacheInfo", ["hits", "misses", "maxsize", "currsize"])
_missing = object()


class _lru_cache_wrapper:
    """A function with a cache of its results by arguments, least recently used dropped first."""

    def __init__(self, func, maxsize, typed):
        update_wrapper(self, func)
        self._func, self._maxsize, self._typed = func, maxsize, typed
        self._cache = {}  # in use order: a hit moves its key to the end
        self._hits = self._misses = 0

    def _key(self, args, kwds):
        key = args
        if kwds:
            key += (_missing,) + tuple(kwds.items())
        if self._typed:
            key += tuple(type(v) for v in args) + tuple(type(v) for v in kwds.values())
        return key

    def __call__(self, *args, **kwds):
        if self._maxsize == 0:
            self._misses += 1
            return self._func(*args, **kwds)
        key = self._key(args, kwds)
        result = self._cache.pop(key, _missing)
        if result is not _missing:
            self._hits += 1
            self._cache[key] = result
            return result
        self._misses += 1
        result = self._func(*args, **kwds)
        self._cache[key] = result
        if self._maxsize is not None and len(self._cache) > self._maxsize:
            del self._cache[next(iter(self._cache))]
        return result

    def __get__(self, instance, owner=None):
        # A method: the instance is the first argument.
        return self if instance is None else partial(self, instance)

    def cache_info(self):
        return _CacheInfo(self._hits, self._misses, self._maxsize, len(self._cache))

    def cache_clear(self):
        self._cache.clear()
        self._hits = self._misses = 0

    def cache_parameters(self):
        return {"maxsize": self._maxsize, "typed": self._typed}


def lru_cache(maxsize=128, typed=False):
    """@lru_cache(maxsize=128, typed=False), or bare @lru_cache: caches the function's results."""
    if isinstance(maxsize, int):
        maxsize = max(maxsize, 0)
    elif callable(maxsize) and isinstance(typed, bool):
        return _lru_cache_wrapper(maxsize, 128, typed)
    elif maxsize is not None:
        raise TypeError("Expected first argument to be an integer, a callable, or None")

    def decorating_function(user_function):
        return _lru_cache_wrapper(user_function, maxsize, typed)
    return decorating_function


def cache(user_function):
    """@cache: lru_cache without a size limit."""
    return _lru_cache_wrapper(user_function, None, False)


class cached_property:
    """A property computed once per instance, then kept in the instance's __dict__."""

    def __init__(self, func):
        self.func = func
        self.attrname = None
        self.__doc__ = func.__doc__

    def __set_name__(self, owner, name):
        if self.attrname is None:
            self.attrname = name
        elif name != self.attrname:
            raise TypeError("Cannot assign the same cached_property to two different names "
                            f"({self.attrname!r} and {name!r}).")

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        if self.attrname is None:
            raise TypeError("Cannot use cached_property instance without calling __set_name__ on it.")
        value = instance.__dict__.get(self.attrname, _missing)
        if value is _missing:
            value = self.func(instance)
            instance.__dict__[self.attrname] = value
        return value


# total_ordering: from the one ordering a class defines (the first of < <= > >= it has), the
# others, each calling it once and == or != if needed; NotImplemented passes through.
def _derived(root, negate, equal):
    # op(a, b) = (not) root(a, b), then "or a == b" (equal True) / "and a != b" (equal False).
    def op(self, other):
        result = getattr(type(self), root)(self, other)
        if result is NotImplemented:
            return result
        if negate:
            result = not result
        if equal is None:
            return result
        return (result or self == other) if equal else (result and self != other)
    return op


_orderings = {
    "__lt__": {"__gt__": (True, False), "__le__": (False, True), "__ge__": (True, None)},
    "__le__": {"__ge__": (True, True), "__lt__": (False, False), "__gt__": (True, None)},
    "__gt__": {"__lt__": (True, False), "__ge__": (False, True), "__le__": (True, None)},
    "__ge__": {"__le__": (True, True), "__gt__": (False, False), "__lt__": (True, None)},
}


def total_ordering(cls):
    """Class decorator: the rich comparisons a class lacks, from the one it defines."""
    roots = [op for op in _orderings if getattr(cls, op, None) is not getattr(object, op, None)]
    if not roots:
        raise ValueError("must define at least one ordering operation: < > <= >=")
    root = max(roots)  # CPython's choice: __lt__, else __le__, else __gt__, else __ge__
    for name, (negate, equal) in _orderings[root].items():
        if name not in roots:
            op = _derived(root, negate, equal)
            op.__name__ = name
            setattr(cls, name, op)
    return cls
)py";

}  // namespace aio::py
