# gc and tracemalloc as the benchmark peers' HeapMeter uses them (tests/bench/peers/python/common.py):
# only what holds on every implementation is printed (amounts differ), plus the failure paths.
import gc
import tracemalloc

print(isinstance(gc.collect(), int), gc.collect(0) >= 0, gc.collect(generation=2) >= 0)
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())

print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
tracemalloc.start()
print(tracemalloc.is_tracing())
tracemalloc.start()  # a second start keeps tracing
before = tracemalloc.get_traced_memory()[0]
blocks = [str(i) * 100 for i in range(10000)]
current, peak = tracemalloc.get_traced_memory()
print(type(current).__name__, current >= 0, peak >= current)
del blocks
tracemalloc.stop()
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
tracemalloc.stop()  # stopping twice is fine

for bad in (lambda: gc.collect(3), lambda: gc.collect(-1), lambda: gc.collect(1.5), lambda: gc.collect(1, 2),
            lambda: gc.collect(x=1), lambda: gc.enable(1), lambda: gc.isenabled(1),
            lambda: tracemalloc.start(0), lambda: tracemalloc.start(65536), lambda: tracemalloc.start("x"),
            lambda: tracemalloc.start(1, 2), lambda: tracemalloc.start(nframe=1),
            lambda: tracemalloc.get_traced_memory(1), lambda: tracemalloc.stop(1),
            lambda: tracemalloc.is_tracing(1)):
    try:
        bad()
        print("no error")
    except Exception as e:
        print(type(e).__name__ + ":", e)
