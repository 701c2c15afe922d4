# What a gather looks like to the code that awaited it, the moment it resumes: done, with its
# result, its exception or its CancelledError set (asyncio's gather is never cancelled() itself).
import asyncio


async def value(x, delay):
    await asyncio.sleep(delay)
    return x


async def boom(delay):
    await asyncio.sleep(delay)
    raise ValueError("boom")


def state(g):
    return f"done={g.done()} cancelled={g.cancelled()}"


async def main():
    g = asyncio.gather(value(1, 0.1), value(2, 0.2))
    print("awaited:", await g, state(g), g.result())

    g = asyncio.gather(value(1, 0.1), boom(0.2))
    try:
        await g
    except ValueError as e:
        print("raised:", repr(e), state(g), repr(g.exception()))

    g = asyncio.gather(value(1, 0.1), boom(0.2), return_exceptions=True)
    print("with exceptions:", await g, state(g))

    t = asyncio.create_task(asyncio.sleep(10))
    g = asyncio.gather(t, return_exceptions=True)
    await asyncio.sleep(0)
    print("cancel:", g.cancel())
    try:
        await g
    except asyncio.CancelledError as e:
        print("cancelled:", repr(e), state(g), repr(g.exception()), t.cancelled())

    t = asyncio.create_task(asyncio.sleep(10))
    g = asyncio.gather(t)
    await asyncio.sleep(0)
    g.cancel("bye")
    try:
        await g
    except asyncio.CancelledError as e:
        print("cancelled:", repr(e), state(g), t.cancelled())

    # Another task watching the gather without awaiting it sees it done in the same step.
    start = asyncio.get_running_loop().time()
    g = asyncio.gather(value(1, 0.1))

    async def watcher():
        await asyncio.sleep(0.1)
        while not g.done():
            await asyncio.sleep(0)
        print("watcher: done after", round(asyncio.get_running_loop().time() - start, 3))

    await asyncio.gather(watcher(), g)
    print("already done:", await asyncio.gather(), state(asyncio.gather()))


asyncio.run(main())
