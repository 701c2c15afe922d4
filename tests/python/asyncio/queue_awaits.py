# Awaiting Queue.put / Queue.get: an await that needs no wait returns without yielding to other
# tasks (asyncio's coroutines return before their first yield); one that must wait suspends and
# is woken in FIFO order; q.put()/q.get() do nothing until awaited, and a coroutine is awaited once.
import asyncio


async def ticker(log, n):
    for i in range(n):
        log.append(f"tick{i}")
        await asyncio.sleep(0)


async def no_yield_when_ready():
    q = asyncio.Queue(2)
    log = []
    t = asyncio.create_task(ticker(log, 3))
    await asyncio.sleep(0)  # ticker runs once
    await q.put("a")
    await q.put("b")
    log.append(("got", await q.get(), await q.get()))
    log.append("after")
    await t
    print(log)


async def lazy_and_once():
    q = asyncio.Queue()
    c = q.put(1)
    print(type(c).__name__, q.qsize())
    await c
    print("awaited", q.qsize())
    try:
        await c
    except RuntimeError as e:
        print("RuntimeError:", e)
    g = q.get()
    print("get made, still", q.qsize())
    print("got", await g)
    try:
        await g
    except RuntimeError as e:
        print("RuntimeError:", e)


async def blocking_order():
    q = asyncio.Queue(1)
    log = []

    async def putter(name, v):
        log.append(f"{name} put {v}")
        await q.put(v)
        log.append(f"{name} done {v}")

    async def getter(name):
        v = await q.get()
        log.append(f"{name} got {v}")
        return v

    await q.put(0)
    ps = [asyncio.create_task(putter(f"p{i}", i + 1)) for i in range(3)]
    await asyncio.sleep(0)
    log.append(f"full={q.full()} size={q.qsize()}")
    gs = [asyncio.create_task(getter(f"g{i}")) for i in range(4)]
    print(await asyncio.gather(*gs))
    await asyncio.gather(*ps)
    print("\n".join(log))


async def cancelled_waits():
    q = asyncio.Queue(1)
    g = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    g.cancel()
    try:
        await g
    except asyncio.CancelledError:
        print("blocked get cancelled; size", q.qsize())
    await q.put("x")
    p = asyncio.create_task(q.put("y"))
    await asyncio.sleep(0)
    p.cancel()
    try:
        await p
    except asyncio.CancelledError:
        print("blocked put cancelled; size", q.qsize(), "item", q.get_nowait())
    # A cancel requested before a ready put/get runs is delivered at the task's next suspension.
    async def eager():
        await q.put("z")
        print("put without suspending, size", q.qsize())
        v = await q.get()
        print("got", v, "without suspending")
        await asyncio.sleep(0)
        print("not reached")

    t = asyncio.create_task(eager())
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("eager task cancelled before it started:", t.cancelled(), q.qsize())
    t = asyncio.create_task(eager())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled at its sleep:", t.cancelled())


async def other_orders():
    for cls in (asyncio.LifoQueue, asyncio.PriorityQueue):
        q = cls()
        for v in (3, 1, 2):
            await q.put(v)
        print(cls.__name__, [await q.get() for _ in range(3)])
    q = asyncio.PriorityQueue()
    await q.put((1, "a"))
    try:
        await q.put(2)
    except TypeError as e:
        print("TypeError:", e, q.qsize())


async def main():
    await no_yield_when_ready()
    await lazy_and_once()
    await blocking_order()
    await cancelled_waits()
    await other_orders()


asyncio.run(main())
