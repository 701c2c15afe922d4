# Async generators left unfinished: closed by the loop (CPython's asyncgen hooks), when dropped
# and at asyncio.run's end (loop.shutdown_asyncgens).
import asyncio


async def numbers(name):
    try:
        for i in range(3):
            yield i
    finally:
        print(name, "finally")


# break out of `async for` as the last thing main does: the finally still runs before run ends
async def break_at_end():
    async for x in numbers("break_at_end"):
        print("got", x)
        break
    print("after break")

asyncio.run(break_at_end())
print("run 1 ended")


# break, then the loop goes on: the aclose() task runs two steps after the drop
async def break_then_continue():
    async for x in numbers("break_then_continue"):
        break
    print("after break")
    await asyncio.sleep(0)
    print("one step")
    await asyncio.sleep(0)
    print("two steps")
    await asyncio.sleep(0)
    print("three steps")

asyncio.run(break_then_continue())


# del and rebinding drop a generator mid-way
async def dropped():
    g = numbers("deleted")
    print(await g.__anext__())
    del g
    print("after del")
    h = numbers("rebound")
    print(await anext(h))
    h = None
    print("after rebinding")
    await asyncio.sleep(0.1)
    print("slept")

asyncio.run(dropped())


# still referenced when main ends: shutdown_asyncgens closes it, after the other tasks are cancelled
kept = []


async def forever():
    try:
        await asyncio.sleep(100)
    finally:
        print("pending task cancelled")


async def kept_alive():
    g = numbers("kept")
    kept.append(g)
    print(await g.__anext__())
    asyncio.create_task(forever())
    await asyncio.sleep(0)

asyncio.run(kept_alive())
kept.clear()
print("run 4 ended")


# a finally that awaits: runs whole when the loop is still going
async def slow_cleanup(name):
    try:
        yield 1
        yield 2
    finally:
        print(name, "cleanup start")
        await asyncio.sleep(1)
        print(name, "cleanup end")


async def slow_dropped():
    async for x in slow_cleanup("dropped"):
        break
    await asyncio.sleep(5)
    print("main done")

asyncio.run(slow_dropped())


async def slow_at_shutdown():
    g = slow_cleanup("at shutdown")
    kept.append(g)
    await g.__anext__()
    print("main done")

asyncio.run(slow_at_shutdown())
kept.clear()


# ... and up to its first await when main ends right after the drop (the aclose task is
# cancelled before its first step; CPython throws CancelledError into the generator)
async def slow_dropped_at_end():
    async for x in slow_cleanup("dropped at end"):
        break
    print("main done")

asyncio.run(slow_dropped_at_end())
print("run 7 ended")


# aclose raising at shutdown: reported to the loop's exception handler
async def bad_cleanup():
    try:
        yield 1
    finally:
        raise ValueError("cleanup failed")


def handler(loop, context):
    print("handler:", context["message"].split(" at 0x")[0])
    print("  exception:", repr(context["exception"]))
    print("  asyncgen is the generator:", context["asyncgen"] is kept[0])


async def failing_at_shutdown():
    asyncio.get_running_loop().set_exception_handler(handler)
    g = bad_cleanup()
    kept.append(g)
    await g.__anext__()

asyncio.run(failing_at_shutdown())
kept.clear()


# loop.shutdown_asyncgens() awaited by the program; a generator finished or never started has
# nothing to close
async def explicit_shutdown():
    loop = asyncio.get_running_loop()
    g = numbers("explicit")
    await g.__anext__()
    done = numbers("finished")
    async for _ in done:
        pass
    unstarted = numbers("unstarted")
    await loop.shutdown_asyncgens()
    print("shut down")
    print(await anext(g, "exhausted"))

asyncio.run(explicit_shutdown())


# returned from main: still alive at asyncio.run's end, so closed then; dropped later, nothing
# is left to do
async def make():
    g = numbers("returned")
    await g.__anext__()
    return g

leftover = asyncio.run(make())
print("run ended")
del leftover
print("end")
