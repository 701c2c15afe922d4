# An async generator's cleanup failing when the loop closes it: dropped, its aclose() task's
# error is never retrieved; at shutdown (asyncio.run, Runner.close, loop.shutdown_asyncgens())
# the loop reports "an error occurred during closing of asynchronous generator".
import asyncio


async def bad(name):
    try:
        yield 1
        yield 2
    finally:
        print(name, "finally raising")
        raise ValueError(name)


def handler(loop, context):
    print("handler:", context["message"].split(" at 0x")[0], repr(context.get("exception")))


async def dropped():
    asyncio.get_running_loop().set_exception_handler(handler)
    async for x in bad("dropped"):
        break
    await asyncio.sleep(0.1)
    print("main end")

asyncio.run(dropped())


with asyncio.Runner() as runner:
    kept = None

    async def first():
        global kept
        kept = bad("runner")
        await kept.__anext__()
        print("first done")

    runner.get_loop().set_exception_handler(handler)
    runner.run(first())
    print("before close")
print("after close")
kept = None


loop = asyncio.new_event_loop()


async def iterate_once():
    global kept
    kept = bad("new loop")
    await kept.__anext__()

loop.run_until_complete(iterate_once())
loop.set_exception_handler(handler)
loop.run_until_complete(loop.shutdown_asyncgens())
loop.close()
kept = None
print("end")
