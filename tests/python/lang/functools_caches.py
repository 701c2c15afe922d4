# functools: lru_cache and cache (hits, misses, eviction order, typed, methods, clearing, errors),
# cached_property, total_ordering; and partial/reduce/wraps still there.
import asyncio
import functools


@functools.lru_cache(maxsize=2)
def double(x):
    print("compute", x)
    return x * 2


print(double(1), double(1), double(2), double(3), double(1), double.cache_info())
double.cache_clear()
print(double.cache_info(), double.cache_parameters(), type(double), double.__name__, double.__wrapped__.__name__)


@functools.lru_cache
def bare(x, *, scale=1):
    return x * scale


print(bare(2), bare(2, scale=3), bare(2, scale=3), bare.cache_info())


@functools.cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(15), fib.cache_info())  # shallow: a sanitizer build gives each frame far more C++ stack


@functools.lru_cache(typed=True)
def typed(x):
    return x


typed(1)
typed(1.0)
print(typed.cache_info())


@functools.lru_cache(maxsize=0)
def never(x):
    return x


never(1)
never(1)
print(never.cache_info())


class Service:
    calls = 0

    @functools.lru_cache
    def lookup(self, key):
        Service.calls += 1
        return key.upper()

    @functools.cached_property
    def config(self):
        print("loading config")
        return {"retries": 3}


s = Service()
print(s.lookup("a"), s.lookup("a"), Service.calls, Service.lookup.cache_info())
print(s.config, s.config, s.__dict__, type(Service.__dict__["config"]).__name__)


@functools.total_ordering
class Version:
    def __init__(self, n):
        self.n = n

    def __eq__(self, other):
        return self.n == other.n

    def __lt__(self, other):
        return self.n < other.n


@functools.total_ordering
class Reverse:
    def __init__(self, n):
        self.n = n

    def __eq__(self, other):
        return self.n == other.n

    def __ge__(self, other):
        return self.n >= other.n


print(Version(1) <= Version(2), Version(3) > Version(2), Version(2) >= Version(2), Version(1) > Version(1))
print(Reverse(1) < Reverse(2), Reverse(2) <= Reverse(2), Reverse(3) > Reverse(2), sorted([3, 1, 2], key=Version)[0])


async def main():
    @functools.lru_cache
    def cached_coro_factory(n):
        return n * 10

    await asyncio.sleep(0)
    print(cached_coro_factory(4), cached_coro_factory(4), cached_coro_factory.cache_info().hits)


asyncio.run(main())
print(functools.reduce(lambda a, b: a + b, [1, 2, 3]), functools.partial(max, 5)(3), repr(functools.partial(max, 5)))
for bad in [lambda: functools.lru_cache("x"), lambda: fib([1]), lambda: functools.total_ordering(type("N", (), {}))]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)


@functools.lru_cache
def parse(text):
    return int(text)


print(parse("1"))
print(parse("x"))  # the traceback shows no functools frame, as CPython's
