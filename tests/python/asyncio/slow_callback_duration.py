# The loop's slow_callback_duration: read and set (what debug mode then reports on stderr: the C++
# test checks that); a non-number is refused at assignment here (CPython fails at the next step).
import asyncio
import time


async def blocker(seconds):
    time.sleep(seconds)
    return seconds


async def main():
    loop = asyncio.get_running_loop()
    print(loop.slow_callback_duration, loop.get_debug())
    loop.slow_callback_duration = 1
    print(loop.slow_callback_duration)
    print(await asyncio.create_task(blocker(2), name="long"))
    loop.slow_callback_duration = 10.5
    print(loop.slow_callback_duration)
    print(await asyncio.create_task(blocker(5), name="short"))
    print(round(loop.time(), 3))


asyncio.run(main())
