# How asyncio's queues and barriers print (repr with the address masked, and str): contents in
# the queue's own order (a PriorityQueue's heap), waiting getters and putters, unfinished tasks,
# a barrier's state.
import asyncio


def masked(text):
    start = text.find(" at 0x")
    if start >= 0:
        end = start + len(" at 0x")
        while end < len(text) and text[end] in "0123456789abcdef":
            end += 1
        text = text[:start] + " at 0x..." + text[end:]
    return text


def show(label, obj):
    print(label, masked(repr(obj)), "|", masked(str(obj)))


async def main():
    q, lifo, heap = asyncio.Queue(), asyncio.LifoQueue(maxsize=3), asyncio.PriorityQueue()
    show("queue", q)
    show("lifo", lifo)
    show("heap", heap)
    for item in (3, "b", (1, "x")):
        q.put_nowait(item)
    for item in (1, 2, 3):
        lifo.put_nowait(item)
    for item in (5, 1, 4, 1, 5, 9, 2, 6):
        heap.put_nowait(item)
    show("queue", q)
    show("lifo full", lifo)
    show("heap", heap)
    heap.get_nowait()
    heap.get_nowait()
    show("heap after two gets", heap)

    q.get_nowait()
    q.task_done()
    show("one done", q)

    blocked = asyncio.create_task(lifo.put(4))
    empty = asyncio.Queue(maxsize=1)
    getters = [asyncio.create_task(empty.get()) for _ in range(2)]
    await asyncio.sleep(0)
    show("putter waiting", lifo)
    show("getters waiting", empty)
    lifo.get_nowait()
    await blocked
    empty.put_nowait("x")
    await asyncio.sleep(0)
    show("one getter left", empty)
    for g in getters:
        g.cancel()
    await asyncio.gather(*getters, return_exceptions=True)
    show("getters gone", empty)

    barrier = asyncio.Barrier(3)
    show("barrier", barrier)
    waiting = [asyncio.create_task(barrier.wait()) for _ in range(2)]
    await asyncio.sleep(0)
    show("two waiting", barrier)
    await barrier.wait()
    show("after the third", barrier)
    await asyncio.gather(*waiting)
    show("passed", barrier)
    await barrier.abort()
    show("aborted", barrier)


asyncio.run(main())
