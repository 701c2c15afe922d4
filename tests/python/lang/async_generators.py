# Async generators: async for over them, __anext__/asend/athrow/aclose, aiter/anext (with a
# default), errors raised inside, StopAsyncIteration inside, async generator expressions.
import asyncio


async def ticker(n):
    for i in range(n):
        await asyncio.sleep(0)
        yield i


async def echo():
    received = []
    try:
        while True:
            v = yield len(received)
            received.append(v)
            print("got", v)
    except ValueError as e:
        print("echo caught", e)
        yield "recovered"
    finally:
        print("echo finally", received)


async def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2


async def stop_inside():
    raise StopAsyncIteration
    yield


async def failing():
    yield 1
    raise KeyError("inside")


async def cleanup():
    try:
        yield "a"
        yield "b"
    finally:
        print("cleanup ran")


async def main():
    g = ticker(3)
    print(type(g).__name__, repr(g).startswith("<async_generator object ticker at 0x"))
    print(aiter(g) is g)
    async for v in g:
        print("tick", v)
    async for v in g:
        print("not reached")
    print(await anext(ticker(2)))
    t = ticker(1)
    print(await t.__anext__())
    try:
        await t.__anext__()
    except StopAsyncIteration:
        print("exhausted")
    print(await anext(t, "default"))

    e = echo()
    print(await e.asend(None))
    print(await e.asend("a"))
    print(await e.asend("b"))
    print(await e.athrow(ValueError("stop")))
    print(await e.aclose())
    print("closed")
    print("athrow on a finished generator:", await e.athrow(ValueError("again")))
    b = failing()
    await anext(b)
    try:
        await anext(b)
    except KeyError:
        print("failed once")
    print(await b.athrow(ValueError("y")), await anext(b, "finished"))
    u = ticker(3)
    try:
        await u.athrow(ValueError("unstarted"))
    except ValueError as err:
        print("thrown at the start:", repr(err), await anext(u, "finished"))

    print(await ticker(3).aclose())
    s = stubborn()
    print(await anext(s))
    try:
        await s.aclose()
    except RuntimeError as err:
        print("RuntimeError:", err)
    try:
        await echo().asend(5)
    except TypeError as err:
        print("TypeError:", err)
    try:
        await anext(stop_inside())
    except RuntimeError as err:
        print("RuntimeError:", err, type(err.__cause__).__name__)
    try:
        async for v in failing():
            print("fv", v)
    except KeyError as err:
        print("caught", repr(err))
    c = cleanup()
    async for v in c:
        print("cleanup got", v)
        break
    await c.aclose()
    th = ticker(5)
    await anext(th)
    try:
        await th.athrow(IndexError)
    except IndexError as err:
        print("athrow not caught:", repr(err))
    print(await anext(th, "done"))

    for f in (lambda: aiter(1), lambda: anext(1), lambda: aiter([])):
        try:
            f()
        except TypeError as err:
            print("TypeError:", err)

    ag = (x * 2 async for x in ticker(3))
    print(type(ag).__name__)
    print([v async for v in ag])
    aw = (await asyncio.sleep(0, y) for y in range(3))
    print(type(aw).__name__, [v async for v in aw])

    async def catching():
        while True:
            try:
                yield
            except Exception as e:
                print("athrow caught", repr(e))

    ac = catching()
    await anext(ac)
    for args in [(KeyError, KeyError("k")), (KeyError, ("a", 1)), (KeyError, "m"), (KeyError("i"),)]:
        await ac.athrow(*args)
    for args in [(KeyError("i"), "v"), (KeyError, None, 3), (3,)]:
        try:
            await ac.athrow(*args)
        except TypeError as e:
            print("TypeError:", e)


asyncio.run(main())
