# W2 spawn + gather: N tasks each sleep(0) once and return i, gathered. -> tasks per second
import asyncio
import sys

from common import args, is_js_host, now, report


async def one(i):
    await asyncio.sleep(0)
    return i


async def spawn_gather(n):
    start = now()
    tasks = [asyncio.create_task(one(i)) for i in range(n)]
    results = await asyncio.gather(*tasks)
    seconds = now() - start
    assert sum(results) == n * (n - 1) // 2
    return seconds


async def main(argv):
    n, warmup = args(argv, 1000000)
    for _ in range(warmup):
        await spawn_gather(n)
    report("W2", n, seconds=await spawn_gather(n))


if not is_js_host():
    asyncio.run(main(sys.argv[1:]))
