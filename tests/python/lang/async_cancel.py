# Cancellation through async with and async for: __aexit__ sees CancelledError, an async
# generator's finally runs, and the task ends cancelled.
import asyncio


class CM:
    async def __aenter__(self):
        print("enter")
        return self

    async def __aexit__(self, et, e, tb):
        print("exit", et.__name__ if et else None)
        await asyncio.sleep(0)
        return False


async def ticks():
    try:
        while True:
            yield "tick"
            await asyncio.sleep(1)
    finally:
        print("ticks finally")


async def worker(ev):
    async with CM():
        async for t in ticks():
            print(t)
            ev.set()
    print("not reached")


async def main():
    ev = asyncio.Event()
    t = asyncio.create_task(worker(ev))
    await ev.wait()
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled", t.cancelled())


asyncio.run(main())
