# Failure paths: CPython's exceptions and messages from misused asyncio objects.
import asyncio


async def never():
    await asyncio.sleep(100)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    try:
        fut.result()
    except asyncio.InvalidStateError as e:
        print(type(e).__name__, e)
    fut.set_result(1)
    try:
        fut.set_result(2)
    except asyncio.InvalidStateError as e:
        print(type(e).__name__, e)
    print(fut)

    try:
        asyncio.create_task(42)
    except TypeError as e:
        print("TypeError:", e)

    try:
        await asyncio.wait([])
    except ValueError as e:
        print("ValueError:", e)

    lock = asyncio.Lock()
    try:
        lock.release()
    except RuntimeError as e:
        print("RuntimeError:", e)

    q = asyncio.Queue(maxsize=1)
    q.put_nowait("x")
    try:
        q.put_nowait("y")
    except asyncio.QueueFull:
        print("QueueFull", q.qsize(), q.full())
    try:
        q.task_done()
        q.task_done()
    except ValueError as e:
        print("ValueError:", e)

    t = asyncio.create_task(never(), name="forever")
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("task", t.get_name(), "cancelled:", t.cancelled())
    try:
        t.result()
    except asyncio.CancelledError:
        print("result() raised CancelledError")

    try:
        await asyncio.wait_for(never(), 0.5)
    except TimeoutError as e:
        print("TimeoutError", repr(e), type(e.__cause__).__name__)

    try:
        asyncio.run(never())
    except RuntimeError as e:
        print("RuntimeError:", e)

    cond = asyncio.Condition()
    try:
        cond.notify()
    except RuntimeError as e:
        print("RuntimeError:", e)

    # (task numbers are process-wide, as in CPython: not printed)
    print(asyncio.current_task().get_name().startswith("Task-"), len(asyncio.all_tasks()))


asyncio.run(main())
try:
    asyncio.run(42)
except ValueError as e:
    print("ValueError:", e)
