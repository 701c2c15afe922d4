# Throwing into a generator that has not started: the exception comes out of its `def` line.
import asyncio


async def ticker():
    yield 1


async def main():
    agen = ticker()
    try:
        await agen.athrow(ValueError("early"))
    except ValueError as e:
        print("athrow before the first step:", repr(e))
    print("then it is finished:", await anext(agen, "default"))


def numbers():
    yield 1
    yield 2


asyncio.run(main())
gen = numbers()
print(gen.throw(ValueError("boom")))
