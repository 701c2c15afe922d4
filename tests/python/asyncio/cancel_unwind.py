# Cancelling tasks suspended at awaits with and without handlers around them: the CancelledError
# leaves a frame with no try/with/except at once, and still runs every handler, finally block and
# context manager exit of the frames that have one, innermost first.
import asyncio


class Cm:
    def __init__(self, log, name):
        self.log, self.name = log, name

    async def __aenter__(self):
        return self

    async def __aexit__(self, et, e, tb):
        self.log.append(f"{self.name} exit {et.__name__ if et else None}")
        return False


async def bare(log):
    await asyncio.sleep(10)
    log.append("bare: not reached")


async def nested(log):
    await bare(log)
    log.append("nested: not reached")


async def with_finally(log):
    try:
        await nested(log)
    finally:
        log.append("finally ran")


async def with_cm(log):
    async with Cm(log, "cm"):
        await asyncio.sleep(10)


async def catches(log):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log.append("caught; going on")
    await asyncio.sleep(0)
    return "survived"


async def in_handler(log):
    try:
        raise ValueError("first")
    except ValueError:
        await asyncio.sleep(10)  # cancelled while handling ValueError


async def suppresses(log):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        asyncio.current_task().uncancel()
        log.append("uncancelled")
    await asyncio.sleep(0.1)
    log.append("after the cancel")
    return "done"


async def main():
    log = []
    coros = [bare(log), nested(log), with_finally(log), with_cm(log), catches(log), in_handler(log), suppresses(log)]
    tasks = [asyncio.create_task(c) for c in coros]
    await asyncio.sleep(0)
    for t in tasks:
        t.cancel("stop")
    results = await asyncio.gather(*tasks, return_exceptions=True)
    for t, r in zip(tasks, results):
        name = t.get_coro().__name__
        if isinstance(r, BaseException):
            print(name, type(r).__name__, r.args, t.cancelled())
        else:
            print(name, "returned", r, t.cancelled())
    print("\n".join(log))

    # Cancelled through an outer task awaiting an inner one.
    inner = asyncio.create_task(nested(log))
    async def waiter():
        return await inner
    w = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    w.cancel()
    r = await asyncio.gather(w, inner, return_exceptions=True)
    print([type(x).__name__ for x in r], inner.cancelled(), w.cancelled())


asyncio.run(main())
