# Awaiting Lock.acquire / Event.wait / Semaphore.acquire and their `async with`: an await that
# needs no wait returns without yielding to other tasks; acquire() does nothing until awaited and
# is awaited once; a free lock (or a permit) that tasks queue for is not taken past them.
import asyncio


async def ticker(log, n):
    for i in range(n):
        log.append(f"tick{i}")
        await asyncio.sleep(0)


async def no_yield_when_ready():
    lock, ev, sem = asyncio.Lock(), asyncio.Event(), asyncio.Semaphore(2)
    ev.set()
    log = []
    t = asyncio.create_task(ticker(log, 3))
    await asyncio.sleep(0)
    log.append(("acquire", await lock.acquire(), lock.locked()))
    lock.release()
    log.append(("wait", await ev.wait()))
    log.append(("sem", await sem.acquire(), await sem.acquire(), sem.locked()))
    sem.release()
    sem.release()
    async with lock as a, sem as b:
        log.append(("with", a, b, lock.locked()))
    log.append("after")
    await t
    print(log)


async def lazy_and_once():
    lock = asyncio.Lock()
    c = lock.acquire()
    print(type(c).__name__, lock.locked())
    print(await c, lock.locked())
    try:
        await c
    except RuntimeError as e:
        print("RuntimeError:", e)
    lock.release()
    ev = asyncio.Event()
    w = ev.wait()
    ev.set()
    print("wait", await w)
    x = lock.__aexit__
    await lock.acquire()
    print("aexit", await x(None, None, None), lock.locked())


async def fairness():
    lock = asyncio.Lock()
    log = []

    async def user(name, hold):
        async with lock:
            log.append(f"{name} in")
            await asyncio.sleep(hold)
            log.append(f"{name} out")

    await lock.acquire()
    tasks = [asyncio.create_task(user(f"u{i}", 0.1)) for i in range(3)]
    await asyncio.sleep(0)
    lock.release()
    # Free now, but u0..u2 queue for it: this acquire waits its turn.
    await lock.acquire()
    log.append(f"main in, locked={lock.locked()}")
    lock.release()
    await asyncio.gather(*tasks)
    print("\n".join(log))

    sem = asyncio.Semaphore(1)
    order = []

    async def worker(i):
        async with sem:
            order.append(i)
            await asyncio.sleep(0)

    await asyncio.gather(*(worker(i) for i in range(4)))
    print("sem order", order)


async def cancelled_waits():
    lock, ev, sem = asyncio.Lock(), asyncio.Event(), asyncio.Semaphore(0)
    await lock.acquire()
    ts = [asyncio.create_task(lock.acquire()), asyncio.create_task(ev.wait()), asyncio.create_task(sem.acquire())]
    await asyncio.sleep(0)
    for t in ts:
        t.cancel()
    print([type(r).__name__ for r in await asyncio.gather(*ts, return_exceptions=True)])
    lock.release()
    print("lock free again:", not lock.locked(), "sem locked:", sem.locked())

    async def grab():
        await lock.acquire()
        print("took the lock without suspending, cancel pending:", asyncio.current_task().cancelling())
        await asyncio.sleep(0)

    t = asyncio.create_task(grab())
    await asyncio.sleep(0)
    lock.release() if lock.locked() else None
    t2 = asyncio.create_task(grab())
    t2.cancel()
    try:
        await t2
    except asyncio.CancelledError:
        print("cancelled before it started; lock held:", lock.locked())
    await asyncio.gather(t, return_exceptions=True)


async def main():
    await no_yield_when_ready()
    await lazy_and_once()
    await fairness()
    await cancelled_waits()


asyncio.run(main())
