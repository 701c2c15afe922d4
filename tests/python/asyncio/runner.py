# asyncio.Runner, Queue.maxsize, ContextVar.name, Task reprs with the coroutine's file and line,
# type names with their module, and AttributeError on a module.
import asyncio
import contextvars


async def main(x):
    await asyncio.sleep(1)
    return x


async def child():
    await asyncio.sleep(1)


async def bad():
    raise ValueError("x")


async def show_self():
    print(repr(asyncio.current_task()))


async def forever():
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        print("cancelled when the runner closed")
        raise


async def leave_one_behind():
    asyncio.create_task(forever())
    await asyncio.sleep(0)
    return "left"


async def reprs():
    c = asyncio.create_task(child(), name="c")
    print(repr(c))
    s = asyncio.create_task(show_self(), name="s")
    await asyncio.sleep(0)
    await c
    print(repr(c))
    print(repr(s))
    b = asyncio.create_task(bad(), name="b")
    await asyncio.sleep(0)
    print(repr(b))
    b.exception()
    x = asyncio.create_task(child(), name="x")
    await asyncio.sleep(0)
    x.cancel()
    await asyncio.sleep(0)
    print(repr(x))


with asyncio.Runner() as runner:
    print(runner.run(main(1)), runner.get_loop().time())
    print(runner.run(main(2)), runner.get_loop().time())
    loop = runner.get_loop()
    print(loop is runner.get_loop(), loop.is_closed())
    runner.run(reprs())
print("closed:", loop.is_closed())
try:
    runner.get_loop()
except RuntimeError as e:
    print("RuntimeError:", e)
runner.close()  # closing twice is fine

r = asyncio.Runner()
try:
    r.run(1)
except ValueError as e:
    print("ValueError:", e)
r.close()  # never used: closing does nothing, the runner still works
print(r.run(main(3)))
r.close()
coro = main(4)
try:
    r.run(coro)
except RuntimeError as e:
    print("RuntimeError:", e)
    coro.close()

r = asyncio.Runner(debug=True)
print(r.run(leave_one_behind()), r.get_loop().get_debug())
r.close()


async def nested():
    coro = main(5)
    try:
        asyncio.Runner().run(coro)
    except RuntimeError as e:
        print("RuntimeError:", e)
    print(await coro)

asyncio.run(nested())

q = asyncio.Queue(3)
print(q.maxsize, asyncio.Queue().maxsize, asyncio.Queue(-1).maxsize, asyncio.LifoQueue(maxsize=2).maxsize)
var = contextvars.ContextVar("request_id", default="-")
print(var.name)

print(asyncio.Lock, asyncio.Queue, asyncio.PriorityQueue, asyncio.Task, asyncio.Future)
print(asyncio.TaskGroup, asyncio.Runner, asyncio.Timeout, asyncio.Semaphore, asyncio.Barrier)
print(asyncio.CancelledError, asyncio.InvalidStateError, asyncio.QueueEmpty, asyncio.TimeoutError)
print(contextvars.ContextVar, contextvars.Token)
print(type(asyncio.Event()), type(asyncio.Condition()), type(asyncio.BoundedSemaphore()))

for name in ["no_such_thing", "TaskGroupp"]:
    try:
        getattr(asyncio, name)
    except AttributeError as e:
        print("AttributeError:", e)
try:
    asyncio.Runner(1)
except TypeError as e:
    print("TypeError:", e)
