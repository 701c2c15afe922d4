# W4 timers: N tasks each sleep a seeded-random delay in [0, 1 s] (Minstd: the same delays in
# every peer). -> overhead = wall - longest delay, mean / max lateness of the wake-ups.
import asyncio
import sys

from common import Minstd, args, is_js_host, now, report

late_sum = 0.0
late_max = 0.0


async def sleeper(delay):
    global late_sum, late_max
    start = now()
    await asyncio.sleep(delay)
    late = now() - start - delay
    late_sum += late
    late_max = max(late_max, late)


async def main(argv):
    n, _ = args(argv, 100000)
    rng = Minstd()
    delays = [rng.next() for _ in range(n)]
    start = now()
    tasks = [asyncio.create_task(sleeper(d)) for d in delays]
    await asyncio.gather(*tasks)
    wall = now() - start
    report("W4", n, seconds=wall, overhead_ms=(wall - max(delays)) * 1e3, mean_late_ms=late_sum / n * 1e3,
           max_late_ms=late_max * 1e3)


if not is_js_host():
    asyncio.run(main(sys.argv[1:]))
