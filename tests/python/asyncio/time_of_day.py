# The Python docs' first asyncio example (docs.python.org, "Coroutines and Tasks") prints the time
# of day with time.strftime('%X'); on the virtual clock it is exact: the program starts at
# 2026-01-01 00:00:00 and local time is UTC.
import asyncio
import time


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    print(f"started at {time.strftime('%X')}")
    await say_after(1, 'hello')
    await say_after(2, 'world')
    print(f"finished at {time.strftime('%X')}")

    task1 = asyncio.create_task(say_after(1, 'hello'))
    task2 = asyncio.create_task(say_after(2, 'world'))
    print(f"started at {time.strftime('%X')}")
    await task1
    await task2
    print(f"finished at {time.strftime('%X')}")

    await asyncio.sleep(3600 * 25 + 61)
    now = time.localtime()
    print(now)
    print(now.tm_zone, now.tm_gmtoff, time.gmtime().tm_zone)
    print(time.ctime(), '|', time.asctime(), '|', time.strftime('%Y年%m月%d日 %H:%M:%S %Z'))
    print(time.mktime(now) == time.time())
    # Past 2038 (a 32-bit time_t's end) and fields mktime normalizes: the 32nd of the 13th month.
    print(time.localtime(4102444800), time.mktime((2026, 13, 32, 25, 0, 0, 0, 0, 0)))


asyncio.run(main())
