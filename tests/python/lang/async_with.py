# async with: __aenter__/__aexit__ awaited, exceptions passed to __aexit__, suppression,
# break/continue/return leaving the block, asyncio's Lock and Semaphore, and the TypeErrors.
import asyncio


class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    async def __aenter__(self):
        print("enter", self.name)
        await asyncio.sleep(0)
        return self

    async def __aexit__(self, et, e, tb):
        print("exit", self.name, et.__name__ if et else None, repr(e), tb is not None)
        await asyncio.sleep(0)
        return self.suppress


class NoAexit:
    async def __aenter__(self):
        return self


class SyncOnly:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        return False


class BadEnter:
    def __aenter__(self):
        return 1

    async def __aexit__(self, *a):
        pass


class BadExit:
    async def __aenter__(self):
        return self

    def __aexit__(self, *a):
        return 2


class RaisingExit:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *a):
        raise OSError("exit failed")


async def ret():
    async with CM("ret"):
        return "returned"


async def main():
    async with CM("a") as c:
        print("body", c.name)
    async with CM("b", suppress=True):
        raise ValueError("boom")
    print("after suppress")
    try:
        async with CM("c"):
            raise KeyError("k")
    except KeyError as e:
        print("caught", repr(e))
    async with CM("d") as d, CM("e") as e:
        print("two", d.name, e.name)
    for i in range(3):
        async with CM("loop%d" % i):
            if i == 0:
                continue
            if i == 2:
                break
            print("loop body", i)
    print(await ret())

    lock = asyncio.Lock()
    async with lock:
        print("locked", lock.locked())
    print("unlocked", lock.locked())
    sem = asyncio.Semaphore(1)
    try:
        async with sem:
            print("sem", sem.locked())
            raise RuntimeError("in sem")
    except RuntimeError as e:
        print("sem released", sem.locked(), e)

    for bad in (1, NoAexit(), SyncOnly(), BadEnter(), BadExit()):
        try:
            async with bad:
                print("not reached")
        except TypeError as e:
            print("TypeError:", e)
    try:
        async with RaisingExit():
            raise ValueError("body")
    except OSError as e:
        print(repr(e), repr(e.__context__))


asyncio.run(main())
