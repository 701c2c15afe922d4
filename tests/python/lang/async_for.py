# async for: __aiter__/__anext__, StopAsyncIteration ends the loop, else/break/continue/return,
# errors from the body and from __anext__, CPython's TypeErrors, async comprehensions.
import asyncio


class Counter:
    def __init__(self, n):
        self.n = n
        self.i = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        await asyncio.sleep(0)
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i


class BadAnext:
    def __aiter__(self):
        return self

    async def __anext__(self):
        raise KeyError("anext")


class NoAnext:
    def __aiter__(self):
        return 5


class SyncAnext:
    def __aiter__(self):
        return self

    def __anext__(self):
        return 7


async def first_above(n):
    async for v in Counter(10):
        if v > n:
            return v


async def main():
    async for x in Counter(3):
        print("x", x)
    else:
        print("else ran")
    async for x in Counter(5):
        if x == 2:
            continue
        if x == 4:
            break
        print("loop", x)
    else:
        print("not printed")
    total = 0
    async for a in Counter(2):
        async for b in Counter(3):
            total += a * b
    print("total", total)
    print("first", await first_above(3))
    async for a, b in Pairs():
        print("pair", a, b)

    try:
        async for x in Counter(3):
            raise ValueError(x)
    except ValueError as e:
        print("body raised", e)
    try:
        async for x in BadAnext():
            print("not reached")
    except KeyError as e:
        print("anext raised", e)
    for obj in (1, [1, 2], NoAnext(), SyncAnext()):
        try:
            async for x in obj:
                print("not reached")
        except TypeError as e:
            print("TypeError:", e)

    print([v async for v in Counter(4)])
    print([v * 10 async for v in Counter(4) if v % 2])
    print({v: v * v async for v in Counter(3)})
    print({v async for v in Counter(3)})
    print([(v, w) async for v in Counter(2) for w in "ab"])
    print([await asyncio.sleep(0, v) for v in range(3)])


class Pairs:
    def __init__(self):
        self.items = [(1, "one"), (2, "two")]

    def __aiter__(self):
        return self

    async def __anext__(self):
        if not self.items:
            raise StopAsyncIteration
        return self.items.pop(0)


asyncio.run(main())
