# time.sleep inside a coroutine blocks the loop: every other task waits the 5 s too (with
# debug=True the loop reports the step on stderr: tests/test_py_asyncio.cpp checks that).
import asyncio
import time


async def blocker():
    time.sleep(5)
    return "done"


async def ticker(loop, t0):
    for i in range(3):
        print("tick", i, round(loop.time() - t0, 3))
        await asyncio.sleep(1)


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    results = await asyncio.gather(blocker(), ticker(loop, t0))
    print(results, round(loop.time() - t0, 3))


asyncio.run(main())
