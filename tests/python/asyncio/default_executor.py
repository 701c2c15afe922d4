# loop.set_default_executor: run_in_executor(None, ...) and to_thread use the executor set, so
# one worker runs the blocking calls one after another.
# Recorded with tools/py_record.py (its virtual clock knows threads), not with record.py.
import asyncio
import time
from concurrent.futures import ThreadPoolExecutor


def work(name, seconds):
    time.sleep(seconds)
    return name


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    print(await asyncio.gather(*(asyncio.to_thread(work, n, 1) for n in "abc")), loop.time() - t0)

    with ThreadPoolExecutor(max_workers=1) as one:
        print(loop.set_default_executor(one))
        t0 = loop.time()
        print(await asyncio.gather(*(asyncio.to_thread(work, n, 1) for n in "de")), loop.time() - t0)
        t0 = loop.time()
        print(await asyncio.gather(*(loop.run_in_executor(None, work, n, 1) for n in "fg")), loop.time() - t0)
        t0 = loop.time()
        print(await asyncio.gather(loop.run_in_executor(None, work, "h", 1), asyncio.to_thread(work, "i", 1)),
              loop.time() - t0)
        with ThreadPoolExecutor(max_workers=2) as two:
            t0 = loop.time()
            print(await asyncio.gather(*(loop.run_in_executor(two, work, n, 1) for n in "jk")), loop.time() - t0)

    for bad in (None, 3, "executor"):
        try:
            loop.set_default_executor(bad)
        except TypeError as e:
            print("TypeError:", e)


asyncio.run(main())
