async def ticker(delay, to):
    for i in range(to):
        yield i
        await asyncio.sleep(delay)


async def use():
    agen = ticker(0.1, 3)
    first = await agen.asend(None)
    await agen.aclose()
    received = yield
    yield received


def plain():
    x = yield 1
    y = yield from range(3)
    yield
    return x, y
