# How asyncio's locks print (the address masked: it differs per run), with waiters and without.
import asyncio


def show(label, obj):
    text = repr(obj)
    start = text.find(" at 0x")
    if start >= 0:
        end = start + len(" at 0x")
        while end < len(text) and text[end] in "0123456789abcdef":
            end += 1
        text = text[:start] + " at 0x..." + text[end:]
    print(label, text)


async def main():
    lock, event, sem = asyncio.Lock(), asyncio.Event(), asyncio.Semaphore(2)
    cond = asyncio.Condition()
    bounded = asyncio.BoundedSemaphore(1)
    show("lock", lock)
    show("event", event)
    show("sem", sem)
    show("bounded", bounded)
    show("cond", cond)
    show("queue type", asyncio.Queue)
    show("lock type", type(lock))

    await lock.acquire()
    waiters = [asyncio.create_task(lock.acquire()) for _ in range(2)]
    waiters.append(asyncio.create_task(event.wait()))
    await sem.acquire()
    await sem.acquire()
    waiters.append(asyncio.create_task(sem.acquire()))
    await bounded.acquire()

    async def waits_on_cond():
        async with cond:
            await cond.wait()

    waiters.append(asyncio.create_task(waits_on_cond()))
    await asyncio.sleep(0)
    show("lock", lock)
    show("event", event)
    show("sem", sem)
    show("bounded", bounded)
    show("cond", cond)

    lock.release()
    event.set()
    sem.release()
    async with cond:
        cond.notify_all()
    await asyncio.sleep(0)
    show("event", event)
    for w in waiters:
        w.cancel()
    await asyncio.gather(*waiters, return_exceptions=True)
    show("lock", lock)


asyncio.run(main())
