# W6 queue: a bounded asyncio.Queue (maxsize 100), 1 producer, 4 consumers, N items. -> items/s
import asyncio
import sys

from common import args, is_js_host, now, report

CONSUMERS = 4


async def producer(q, n):
    for i in range(n):
        await q.put(i)
    for _ in range(CONSUMERS):
        await q.put(-1)  # one stop mark per consumer


async def consumer(q, total):
    while True:
        v = await q.get()
        if v < 0:
            break
        total[0] += v


async def run_queue(n):
    start = now()
    q = asyncio.Queue(100)
    total = [0]
    tasks = [asyncio.create_task(producer(q, n))]
    tasks += [asyncio.create_task(consumer(q, total)) for _ in range(CONSUMERS)]
    await asyncio.gather(*tasks)
    seconds = now() - start
    assert total[0] == n * (n - 1) // 2
    return seconds


async def main(argv):
    n, warmup = args(argv, 1000000)
    for _ in range(warmup):
        await run_queue(n)
    report("W6", n, seconds=await run_queue(n))


if not is_js_host():
    asyncio.run(main(sys.argv[1:]))
