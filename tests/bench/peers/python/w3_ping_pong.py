# W3 ping-pong: two tasks alternating sleep(0), N switches in total. -> switches per second
import asyncio
import sys

from common import args, is_js_host, now, report


async def player(turns):
    for _ in range(turns):
        await asyncio.sleep(0)


async def ping_pong(n):
    start = now()
    await asyncio.gather(asyncio.create_task(player(n // 2)), asyncio.create_task(player(n // 2)))
    return now() - start


async def main(argv):
    n, warmup = args(argv, 1000000)
    for _ in range(warmup):
        await ping_pong(n)
    report("W3", n, seconds=await ping_pong(n))


if not is_js_host():
    asyncio.run(main(sys.argv[1:]))
