# A function's own attributes: __name__/__qualname__/__module__/__doc__, renaming, and the
# attributes a decorator sets (the hand-written functools.wraps of many tutorials). The wrapper
# counts through an object rather than through itself (`wrapper.calls += 1` inside wrapper):
# a function that refers to itself is a reference cycle, which the front-end (no cycle
# collector, README) never frees, and the ASan suite reports that as a leak.
import asyncio


class Counter:
    calls = 0


def count_calls(fn):
    counter = Counter()

    async def wrapper(*args, **kwargs):
        counter.calls += 1
        return await fn(*args, **kwargs)
    wrapper.counter = counter
    wrapper.__name__ = fn.__name__
    wrapper.__qualname__ = fn.__qualname__
    wrapper.__doc__ = fn.__doc__
    wrapper.__wrapped__ = fn
    return wrapper


@count_calls
async def fetch(n):
    """Fetch n things."""
    await asyncio.sleep(0.01)
    return n * 2


class Worker:
    def run(self):
        def inner():
            pass
        return inner


async def main():
    print(await fetch(1), await fetch(2), fetch.counter.calls)
    print(fetch.__name__, fetch.__qualname__, fetch.__doc__, fetch.__module__)
    print(fetch.__wrapped__.__name__, fetch.__wrapped__.__qualname__)
    print(repr(fetch).split(" at ")[0])
    task = asyncio.create_task(fetch(3))
    print(task.get_name().startswith("Task-"), await task)


asyncio.run(main())
print(Worker.run.__name__, Worker.run.__qualname__, Worker().run().__qualname__)
print((lambda: 0).__name__, (lambda: 0).__doc__)
f = Worker.run
f.note = "hello"
print(f.note, Worker.run.note, Worker().run.note)
try:
    f.__name__ = 3
except TypeError as e:
    print("TypeError:", e)
try:
    f.__qualname__ = None
except TypeError as e:
    print("TypeError:", e)
try:
    print(f.missing)
except AttributeError as e:
    print("AttributeError:", e)
