# W5 memory: N tasks pending on one asyncio.Event -> bytes per pending task, then the time to
# cancel them all and see them finish.
import asyncio
import sys

from common import HeapMeter, args, is_js_host, now, report


async def waiter(event):
    await event.wait()


async def main(argv):
    n, _ = args(argv, 100000)
    never = asyncio.Event()
    meter = HeapMeter()
    tasks = []
    await asyncio.sleep(0)
    before = meter.start()
    for _ in range(n):
        tasks.append(asyncio.create_task(waiter(never)))
    await asyncio.sleep(0)  # every task has started and is now suspended on the event
    per_task = (meter.now() - before) / n
    meter.stop()
    start = now()
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)  # each outcome: CancelledError
    report("W5", n, bytes_per_task=per_task, cancel_ms=(now() - start) * 1e3)


if not is_js_host():
    asyncio.run(main(sys.argv[1:]))
