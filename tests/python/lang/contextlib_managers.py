# contextlib: @contextmanager and @asynccontextmanager (entering, leaving, an exception thrown into
# the generator and handled or not, the generator's own mistakes, use as a decorator),
# suppress, closing, aclosing, nullcontext, ExitStack and AsyncExitStack.
import asyncio
import contextlib
from contextlib import asynccontextmanager, contextmanager


@contextmanager
def tag(name, log):
    log.append("<" + name + ">")
    try:
        yield name.upper()
    finally:
        log.append("</" + name + ">")


log = []
with tag("a", log) as value:
    log.append(value)
print(log)

log = []
try:
    with tag("b", log):
        raise KeyError("body")
except KeyError as e:
    print("left the block:", repr(e), log)


@contextmanager
def swallow(*types):
    try:
        yield
    except types as e:
        print("swallowed", repr(e))


with swallow(ValueError):
    raise ValueError("quiet")
print("after swallow")
try:
    with swallow(ValueError):
        raise TypeError("loud")
except TypeError as e:
    print("not swallowed:", repr(e))


@contextmanager
def no_yield():
    if False:
        yield


@contextmanager
def two_yields():
    yield 1
    yield 2


@contextmanager
def yields_after_throw():
    try:
        yield
    except ZeroDivisionError:
        yield


@contextmanager
def replaces():
    try:
        yield
    except ValueError as e:
        raise RuntimeError("replaced") from e


for cm, body_raises in [(no_yield, False), (two_yields, False), (yields_after_throw, True), (replaces, True)]:
    try:
        with cm():
            if body_raises:
                1 / 0 if cm is yields_after_throw else int("x")
    except Exception as e:
        print(cm.__name__, type(e).__name__, e, repr(e.__cause__))


@contextmanager
def stops():
    yield


try:
    with stops():
        raise StopIteration("mine")
except StopIteration as e:
    print("StopIteration goes through:", repr(e))


@tag("deco", log := [])
def decorated(x):
    log.append(x)
    return x * 2


print(decorated(1), decorated(2), log)
print(tag.__name__, type(tag("x", [])).__name__)

with contextlib.suppress(KeyError, IndexError):
    [][1]
print("suppressed IndexError")
try:
    with contextlib.suppress(KeyError):
        raise ValueError("v")
except ValueError as e:
    print("suppress let through", repr(e))


class Resource:
    def close(self):
        print("closed")


with contextlib.closing(Resource()) as r:
    print(type(r).__name__)
with contextlib.nullcontext(42) as n:
    print("nullcontext", n)

with contextlib.ExitStack() as stack:
    for i in range(3):
        stack.callback(print, "callback", i)
    stack.enter_context(tag("in-stack", log))
    print("inside the stack")
print(log[-2:])


def fails(name):
    def exit_(exc_type, exc, tb):
        print("exit", name, "sees", repr(exc))
        raise RuntimeError(name)
    return exit_


try:
    with contextlib.ExitStack() as stack:
        stack.push(lambda *details: True)  # suppresses what reaches it
        stack.push(fails("second"))
        stack.push(fails("first"))
        raise KeyError("body")
    print("suppressed at the end")
except Exception as e:
    print("unexpected", repr(e))

try:
    with contextlib.ExitStack() as stack:
        stack.push(fails("outer"))
        stack.push(fails("inner"))
except RuntimeError as e:
    print(repr(e), "context:", repr(e.__context__))

try:
    with contextlib.ExitStack() as stack:
        stack.push(fails("outer"))
        stack.push(fails("inner"))
        raise KeyError("body")
except RuntimeError as e:
    print(repr(e), "context:", repr(e.__context__), "then:", repr(e.__context__.__context__))

stack = contextlib.ExitStack()
stack.callback(print, "moved")
moved = stack.pop_all()
stack.close()
print("closed the emptied stack")
moved.close()
try:
    contextlib.ExitStack().enter_context(object())
except TypeError as e:
    print(e)


@asynccontextmanager
async def connection(name):
    print("open", name)
    await asyncio.sleep(0.1)
    try:
        yield name + "-conn"
    finally:
        await asyncio.sleep(0.1)
        print("close", name)


@asynccontextmanager
async def async_swallow():
    try:
        yield
    except ValueError as e:
        print("async swallowed", repr(e))


async def use(name, delay):
    async with connection(name) as conn:
        await asyncio.sleep(delay)
        return conn


class AsyncResource:
    async def aclose(self):
        print("aclosed")


async def main():
    print(await asyncio.gather(use("a", 0.2), use("b", 0.1)))
    async with async_swallow():
        raise ValueError("async quiet")
    task = asyncio.create_task(use("c", 10))
    await asyncio.sleep(0.5)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("cancelled inside the connection")

    @connection("deco")
    async def work():
        print("working")
        return 7

    print(await work())
    async with contextlib.aclosing(AsyncResource()) as r:
        print(type(r).__name__)
    async with contextlib.nullcontext("async-null") as n:
        print(n)
    async with contextlib.AsyncExitStack() as stack:
        print(await stack.enter_async_context(connection("s1")))
        stack.push_async_callback(asyncio.sleep, 0.1)
        stack.callback(print, "sync callback")
        print(stack.enter_context(tag("sync-in-async", [])))
    try:
        async with contextlib.AsyncExitStack() as stack:
            await stack.enter_async_context(tag("sync", []))
    except TypeError as e:
        print(e)


asyncio.run(main())
