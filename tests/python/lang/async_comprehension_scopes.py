# Async comprehensions are coroutines of their own, awaited where they stand (CPython 3.11).
import asyncio


async def ticks(n):
    for i in range(n):
        await asyncio.sleep(0)
        yield i


async def double(v):
    await asyncio.sleep(0)
    return v * 2


async def main():
    i = "kept"
    squares = [i * i async for i in ticks(4)]
    doubled = {i: await double(i) for i in range(3)}
    nested = [[await double(j) for j in range(i)] async for i in ticks(3)]
    evens = {i async for i in ticks(6) if i % 2 == 0}
    print(squares, doubled, nested, sorted(evens), i)
    print([v async for v in ticks(2)] + [await double(v) for v in range(2)])
    try:
        return [10 // (3 - i) async for i in ticks(5)]
    except ZeroDivisionError as e:
        print(type(e).__name__, e, i)


asyncio.run(main())
