# sys.set_asyncgen_hooks / sys.get_asyncgen_hooks: the named tuple, the loop's own hooks while
# asyncio.run runs, hooks a program sets (called at the first iteration and when an unfinished
# generator is dropped), their restoration at the loop's end, and the errors.
import asyncio
import sys

h = sys.get_asyncgen_hooks()
print(h)
print(type(h), isinstance(h, tuple), len(h), h[0], h[-1], h.firstiter, h.finalizer)
first, final = h
print(first, final, h == (None, None), list(h))

try:
    h.firstiter = 1
except AttributeError:
    print("AttributeError")  # CPython: "readonly attribute"

for args, kwargs in [((1,), {}), ((), {"finalizer": 1}), ((None, None, None), {}),
                     ((), {"foo": None}), ((None,), {"firstiter": None}), ((print, "x"), {})]:
    try:
        sys.set_asyncgen_hooks(*args, **kwargs)
    except TypeError as e:
        print("TypeError", e)
try:
    sys.get_asyncgen_hooks(1)
except TypeError as e:
    print("TypeError", e)
print(sys.get_asyncgen_hooks())

log = []


def firstiter(agen):
    log.append(("firstiter", type(agen).__name__))


def finalizer(agen):
    log.append(("finalizer", type(agen).__name__))


async def ticker(n):
    try:
        for i in range(n):
            yield i
    finally:
        log.append(("finally", n))


# Set outside a loop: asyncio.run's loop puts its own in place while it runs, then restores these.
print(sys.set_asyncgen_hooks(firstiter=firstiter))
print(sys.get_asyncgen_hooks().firstiter is firstiter, sys.get_asyncgen_hooks().finalizer)


async def main():
    hooks = sys.get_asyncgen_hooks()
    print(hooks)
    # the loop's hooks close a generator dropped unfinished
    g = ticker(5)
    print(await g.__anext__())
    del g
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(log)
    log.clear()
    # the program's hooks replace the loop's for the rest of this run
    saved = sys.get_asyncgen_hooks()
    sys.set_asyncgen_hooks(firstiter=firstiter, finalizer=finalizer)
    g = ticker(7)
    print(await g.__anext__(), log)
    del g
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(log)
    log.clear()
    # only the firstiter replaced: the loop's finalizer still schedules aclose()
    sys.set_asyncgen_hooks(*saved)
    sys.set_asyncgen_hooks(firstiter=firstiter)
    g = ticker(8)
    print(await g.__anext__())
    del g
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(log)
    log.clear()
    # the loop's hook methods called by hand, and their errors
    fi, fz = saved
    try:
        fi(1)
    except TypeError as e:
        print("TypeError", e)
    try:
        fz()
    except TypeError as e:
        print("TypeError", e)
    # a firstiter that raises: the first __anext__ raises it
    def bad(agen):
        raise ValueError("no generators here")
    sys.set_asyncgen_hooks(firstiter=bad, finalizer=None)
    g = ticker(2)
    try:
        await g.__anext__()
    except ValueError as e:
        print("ValueError", e)
    print(await g.__anext__())  # the hooks run once
    sys.set_asyncgen_hooks(*saved)
    # shutdown_asyncgens still closes what the loop's firstiter registered
    keep.append(ticker(9))
    print(await keep[0].__anext__())


keep = []
asyncio.run(main())
print(log)
print(sys.get_asyncgen_hooks().firstiter is firstiter)  # the loop's run restored what was set before it
sys.set_asyncgen_hooks(firstiter=None)
print(sys.get_asyncgen_hooks())
log.clear()

# First iterated with no loop running (__anext__() is called before run_until_complete runs the
# loop): the hooks outside a loop apply; with no finalizer a dropped generator is closed at once.
loop = asyncio.new_event_loop()
g = ticker(4)
print(loop.run_until_complete(g.__anext__()))
del g
print(log)
sys.set_asyncgen_hooks(firstiter, finalizer)
g = ticker(6)
print(loop.run_until_complete(g.__anext__()), log)
del g
print(log)
loop.close()
