# Threads (asyncio.to_thread, run_in_executor, concurrent.futures): blocking functions run
# concurrently with the loop; time.sleep in a thread lets the others run.
# Recorded with tools/py_record.py (its virtual clock knows threads), not with record.py.
import asyncio
import time
from concurrent.futures import ThreadPoolExecutor


def now(loop, t0):
    return round(loop.time() - t0, 3)


def work(name, seconds, *, loud=False):
    time.sleep(seconds)
    if loud:
        print("work", name, "slept", seconds)
    return f"{name}:{seconds}"


def fail(x):
    time.sleep(1)
    raise ValueError(f"bad {x}")


async def ticker(loop, t0, n):
    for _ in range(n):
        await asyncio.sleep(1)
        print("tick", now(loop, t0))


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    # three sleeping threads finish together, and the loop runs meanwhile
    r = await asyncio.gather(
        asyncio.to_thread(time.sleep, 5),
        asyncio.to_thread(time.sleep, 5),
        asyncio.to_thread(time.sleep, 5),
        ticker(loop, t0, 3),
    )
    print("three sleeps", r, now(loop, t0))

    t0 = loop.time()
    print(await asyncio.to_thread(work, "a", 2, loud=True), now(loop, t0))

    t0 = loop.time()
    try:
        await asyncio.to_thread(fail, 7)
    except ValueError as e:
        print("thread raised", repr(e), now(loop, t0))

    t0 = loop.time()
    print(await loop.run_in_executor(None, work, "b", 3), now(loop, t0))

    # at most two at once: four 2-second jobs take 4 seconds
    t0 = loop.time()
    pool = ThreadPoolExecutor(max_workers=2)
    futs = [loop.run_in_executor(pool, work, i, 2) for i in range(4)]
    for f in asyncio.as_completed(futs):
        print("pool job", await f, now(loop, t0))
    pool.shutdown()
    try:
        loop.run_in_executor(pool, work, "late", 1)
    except RuntimeError as e:
        print("after shutdown:", e)

    # cancelling the awaiter does not stop the thread; its result is dropped
    t0 = loop.time()
    t = asyncio.create_task(asyncio.to_thread(work, "c", 3, loud=True))
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("awaiter cancelled", now(loop, t0))
    await asyncio.sleep(3)
    print("after the thread", now(loop, t0))

    # a thread waits for a Future of a pool with result()
    t0 = loop.time()
    with ThreadPoolExecutor(max_workers=1) as ex:
        def waiter():
            fut = ex.submit(work, "d", 2)
            value = fut.result()
            return value, fut.done()
        print("waited in a thread", await asyncio.to_thread(waiter), now(loop, t0))

        def mapper():
            return list(ex.map(work, ["m1", "m2"], [1, 1]))
        t0 = loop.time()
        print("map in a thread", await asyncio.to_thread(mapper), now(loop, t0))

    def no_loop():
        try:
            asyncio.get_running_loop()
        except RuntimeError as e:
            return str(e)
    print("in a thread:", await asyncio.to_thread(no_loop))

    # time.sleep in a coroutine holds everything up
    t0 = loop.time()

    async def blocker():
        time.sleep(2)
        print("blocker done", now(loop, t0))

    await asyncio.gather(ticker(loop, t0, 1), blocker())
    print("stalled", now(loop, t0))


asyncio.run(main())

# without a loop the pool runs each call at once
with ThreadPoolExecutor(max_workers=2) as ex:
    f = ex.submit(work, "e", 1)
    print(f.result(), f.done(), f.cancel(), f.exception())
    print(list(ex.map(pow, [2, 3], [5, 2])))
    g = ex.submit(fail, 9)
    print("exception():", repr(g.exception()))
    try:
        g.result()
    except ValueError as e:
        print("result() raised", repr(e))
    g.add_done_callback(lambda fut: print("callback", fut.done()))
ex.shutdown()
try:
    ex.submit(work, "f", 1)
except RuntimeError as e:
    print("submit after shutdown:", e)
try:
    ThreadPoolExecutor(max_workers=0)
except ValueError as e:
    print(e)
