# Tasks, gather, wait_for and cancellation on the loop's clock (times rounded: the virtual clock
# is exact, CPython's real clock adds a few milliseconds).
import asyncio


async def work(name, delay):
    await asyncio.sleep(delay)
    return f"{name} done"


async def fail(delay):
    await asyncio.sleep(delay)
    raise ValueError("bad input")


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    results = await asyncio.gather(work("a", 1), work("b", 2))
    print(results, round(loop.time() - start, 1))

    results = await asyncio.gather(work("c", 1), fail(0.5), return_exceptions=True)
    print(results)

    try:
        await asyncio.gather(work("d", 1), fail(0.5))
    except ValueError as e:
        print("gather raised", repr(e))

    task = asyncio.create_task(work("e", 10), name="slow")
    await asyncio.sleep(1)
    print(task.get_name(), task.done())
    task.cancel("stop")
    try:
        await task
    except asyncio.CancelledError as e:
        print("cancelled", task.cancelled())

    try:
        await asyncio.wait_for(work("f", 5), timeout=1)
    except asyncio.TimeoutError:
        print("timed out at", round(loop.time() - start, 1))

    t1 = asyncio.create_task(work("g", 1))
    t2 = asyncio.create_task(work("h", 3))
    done, pending = await asyncio.wait([t1, t2], return_when=asyncio.FIRST_COMPLETED)
    print(len(done), len(pending), t1 in done)
    await t2
    print(t2.result())


asyncio.run(main())
