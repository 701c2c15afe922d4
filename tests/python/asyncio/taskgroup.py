# asyncio.TaskGroup: children awaited at the block's end, the first failure cancels the rest,
# errors leave as an ExceptionGroup, create_task outside the block is refused.
import asyncio


async def work(n, delay):
    await asyncio.sleep(delay)
    return n


async def fail(delay, message):
    await asyncio.sleep(delay)
    raise ValueError(message)


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    tg = asyncio.TaskGroup()
    print(repr(tg))
    coro = work(0, 1)
    try:
        tg.create_task(coro)
    except RuntimeError as e:
        print("RuntimeError:", e)
        coro.close()
    async with tg:
        print(repr(tg))
        a = tg.create_task(work(1, 1))
        b = tg.create_task(work(2, 2), name="two")
        print(repr(tg), b.get_name())
    print(a.result(), b.result(), repr(tg), loop.time() - start)
    coro = work(0, 1)
    try:
        tg.create_task(coro)
    except RuntimeError as e:
        print("RuntimeError:", e)
        coro.close()

    start = loop.time()
    try:
        async with asyncio.TaskGroup() as tg2:
            slow = tg2.create_task(work(1, 5))
            tg2.create_task(fail(1, "x"))
            await asyncio.sleep(10)
    except ExceptionGroup as eg:
        print(repr(eg), eg.exceptions, slow.cancelled(), loop.time() - start)

    try:
        async with asyncio.TaskGroup() as tg3:
            tg3.create_task(fail(1, "a"))
            tg3.create_task(fail(1, "b"))
    except ExceptionGroup as eg:
        print(str(eg), eg.exceptions)

    start = loop.time()
    try:
        async with asyncio.TaskGroup() as tg4:
            t = tg4.create_task(work(1, 1))
            raise KeyError("body")
    except ExceptionGroup as eg:
        print(str(eg), eg.exceptions, t.cancelled(), loop.time() - start)

    async def outer():
        async with asyncio.TaskGroup() as tg5:
            inner = tg5.create_task(work(1, 10))
            await asyncio.sleep(10)
        print("not reached")

    task = asyncio.create_task(outer())
    await asyncio.sleep(1)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("outer cancelled", task.cancelled())

    async with asyncio.TaskGroup() as tg6:
        pass
    print(repr(tg6))


asyncio.run(main())
