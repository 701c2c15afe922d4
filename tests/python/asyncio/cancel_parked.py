# Cancelling tasks while they wait on each of asyncio's own awaits (Event.wait, Lock.acquire,
# Semaphore.acquire, sleep, Queue.get, Queue.put), inside try/except/finally: the handler sees
# the CancelledError with its message, the finally runs, and what the awaits held is released.
import asyncio


async def waits(label, awaitable, log):
    try:
        await awaitable
        log.append(f"{label}: finished")
    except asyncio.CancelledError as e:
        log.append(f"{label}: cancelled {e.args}")
        raise
    finally:
        log.append(f"{label}: finally")


async def main():
    log = []
    event, lock, sem = asyncio.Event(), asyncio.Lock(), asyncio.Semaphore(0)
    empty, full = asyncio.Queue(), asyncio.Queue(maxsize=1)
    full.put_nowait("kept")
    await lock.acquire()
    awaits = {
        "event": event.wait(),
        "lock": lock.acquire(),
        "semaphore": sem.acquire(),
        "sleep": asyncio.sleep(100),
        "get": empty.get(),
        "put": full.put("dropped"),
    }
    tasks = {name: asyncio.create_task(waits(name, aw, log)) for name, aw in awaits.items()}
    await asyncio.sleep(0)
    for name, t in tasks.items():
        t.cancel(f"stop {name}")
    results = await asyncio.gather(*tasks.values(), return_exceptions=True)
    for line in log:
        print(line)
    print([type(r).__name__ for r in results])
    print(all(t.cancelled() for t in tasks.values()))
    print("queue still holds", full.qsize(), full.get_nowait())
    lock.release()
    print("lock free:", not lock.locked(), "- next acquire:", await asyncio.wait_for(lock.acquire(), 1))
    sem.release()
    print("semaphore:", await asyncio.wait_for(sem.acquire(), 1))
    # A cancellation the waiting task survives: it catches the error and waits again.
    survivor_log = []

    async def survivor():
        try:
            await event.wait()
        except asyncio.CancelledError:
            survivor_log.append("caught, waiting again")
        await event.wait()
        survivor_log.append("woke after set")

    s = asyncio.create_task(survivor())
    await asyncio.sleep(0)
    s.cancel()
    await asyncio.sleep(0)
    event.set()
    await s
    print(survivor_log, s.cancelled())


asyncio.run(main())
