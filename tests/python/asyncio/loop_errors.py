# The loop's exception handler: set/get/call/default_exception_handler, the context asyncio
# gives it for a failing callback or a task whose exception was never retrieved, and the
# default handler's text (written to sys.stderr, which this program points at stdout).
import asyncio
import sys


def cb(*args):
    raise ValueError("boom %s" % (args,))


class Job:
    def run(self, n):
        raise KeyError(n)


async def fails():
    raise ValueError("task boom")


async def fails_later(delay):
    await asyncio.sleep(delay)
    raise RuntimeError("late")


def show(loop, context):
    print("handler:", context["message"])
    for key, value in context.items():
        if key != "message":
            print("  %s: %r" % (key, value))


async def main():
    loop = asyncio.get_running_loop()
    print(loop.get_exception_handler())

    # A task that failed and that nobody awaits: the default handler's report.
    asyncio.create_task(fails(), name="lost")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("after the unretrieved task")

    # A retrieved exception is not reported.
    t = asyncio.create_task(fails(), name="retrieved")
    await asyncio.sleep(0)
    print(repr(t.exception()))
    del t
    await asyncio.sleep(0)

    # A task that is still referenced is reported when the last reference goes.
    t = asyncio.create_task(fails_later(1), name="held")
    await asyncio.sleep(2)
    print("still held:", t.done())
    del t
    print("after del")

    # A Future given an exception and dropped.
    fut = loop.create_future()
    fut.set_exception(OSError(2, "gone"))
    del fut
    print("after the future")

    loop.set_exception_handler(show)
    print(loop.get_exception_handler() is show)
    loop.call_soon(cb, 1)
    loop.call_soon(Job().run, "k")
    loop.call_soon(print, "a print callback")
    h = loop.call_later(1, cb, "x" * 40, 12345)
    print(repr(h))
    await asyncio.sleep(2)
    asyncio.create_task(fails(), name="lost again")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    f2 = loop.create_future()
    f2.add_done_callback(cb)
    f2.set_result(5)
    await asyncio.sleep(0)
    await asyncio.sleep(0)

    # call_exception_handler goes to the handler set; None restores the default one.
    loop.call_exception_handler({"message": "custom", "extra": 1})
    loop.set_exception_handler(None)
    print(loop.get_exception_handler())
    loop.call_exception_handler({"message": "custom2", "exception": KeyError("k"), "b": [1], "a": "x"})
    loop.call_exception_handler({})
    loop.default_exception_handler({"message": "direct", "future": "f"})
    try:
        loop.set_exception_handler(42)
    except TypeError as e:
        print("TypeError:", e)
    print("end")


sys.stderr = sys.stdout
try:
    asyncio.run(main())
finally:
    sys.stderr = sys.__stderr__
