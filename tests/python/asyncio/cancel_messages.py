# Cancellation messages: Task.cancel(msg) and Future.cancel(msg) reach the code that awaits.
import asyncio


async def sleeper(label):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print(label, "caught", repr(e), e.args)
        raise


async def swallower():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print("swallower caught", repr(e))
    return "kept going"


async def main():
    loop = asyncio.get_running_loop()

    f = loop.create_future()
    f.cancel("future message")
    try:
        await f
    except asyncio.CancelledError as e:
        print("await cancelled future:", repr(e))

    t = asyncio.create_task(sleeper("A"))
    await asyncio.sleep(0)
    t.cancel("task message")
    try:
        await t
    except asyncio.CancelledError as e:
        print("await cancelled task:", repr(e))
    print("cancelled:", t.cancelled())

    t = asyncio.create_task(sleeper("B"))
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError as e:
        print("no message:", repr(e), e.args)

    t = asyncio.create_task(swallower())
    await asyncio.sleep(0)
    t.cancel("ignored")
    print("swallower returned:", await t)

    async def waits_on(fut):
        try:
            await fut
        except asyncio.CancelledError as e:
            print("waiter saw", repr(e))
            return "waiter done"

    fut = loop.create_future()
    w = asyncio.create_task(waits_on(fut))
    await asyncio.sleep(0)
    fut.cancel("shared future cancelled")
    print(await w)

    t = asyncio.create_task(sleeper("C"))
    g = asyncio.gather(t)
    await asyncio.sleep(0)
    t.cancel("child message")
    try:
        await g
    except asyncio.CancelledError as e:
        print("gather of a cancelled task:", repr(e))

    t = asyncio.create_task(sleeper("D"))
    g = asyncio.gather(t, return_exceptions=True)
    await asyncio.sleep(0)
    t.cancel("child message")
    print("gather(return_exceptions=True):", await g)

    g = asyncio.gather(sleeper("E"), sleeper("F"))
    await asyncio.sleep(0)
    g.cancel("gather message")
    try:
        await g
    except asyncio.CancelledError as e:
        print("cancelled gather:", repr(e))

    try:
        async with asyncio.timeout(0.1):
            await asyncio.sleep(1)
    except TimeoutError as e:
        print("timeout:", repr(e), repr(e.__cause__))


asyncio.run(main())
