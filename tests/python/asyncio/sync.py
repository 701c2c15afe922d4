# Locks, events, semaphores and queues: who runs when, on the loop's clock.
import asyncio
import time


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    lock = asyncio.Lock()

    async def user(n):
        await lock.acquire()  # (`async with` waits for the VM)
        try:
            print("user", n, "has the lock at", round(loop.time() - start, 1))
            await asyncio.sleep(1)
        finally:
            lock.release()

    await asyncio.gather(user(1), user(2), user(3))

    event = asyncio.Event()

    async def waiter():
        await event.wait()
        print("event seen at", round(loop.time() - start, 1))

    w = asyncio.create_task(waiter())
    await asyncio.sleep(2)
    event.set()
    await w

    sem = asyncio.Semaphore(2)

    async def limited(n):
        await sem.acquire()
        try:
            await asyncio.sleep(1)
            return n * n
        finally:
            sem.release()

    print(await asyncio.gather(*[limited(n) for n in range(5)]), round(loop.time() - start, 1))

    queue = asyncio.Queue(maxsize=2)

    async def producer():
        for i in range(5):
            await queue.put(i)
        await queue.put(None)

    async def consumer():
        got = []
        while (item := await queue.get()) is not None:
            got.append(item)
            await asyncio.sleep(0.5)
            queue.task_done()
        return got

    _, got = await asyncio.gather(producer(), consumer())
    print("consumed", got, round(loop.time() - start, 1))

    pq = asyncio.PriorityQueue()
    for job in [(3, "low"), (1, "high"), (2, "mid")]:
        pq.put_nowait(job)
    print([pq.get_nowait()[1] for _ in range(3)])
    try:
        pq.get_nowait()
    except asyncio.QueueEmpty:
        print("empty")

    t0 = time.monotonic()
    time.sleep(1.5)
    print("blocking sleep took", round(time.monotonic() - t0, 1))


asyncio.run(main())
