# Shared by the Python peers (CPython's asyncio; Pyodide and MicroPython through
# tests/bench/peers/*_run.mjs). Same output protocol as tests/bench/bench.hpp:
#   BENCH {"w": "W2", "n": ..., "seconds": ..., ...}
import json
import sys

try:
    from time import perf_counter as now
except ImportError:  # MicroPython
    import time

    _base = time.ticks_us()

    def now():
        return time.ticks_diff(time.ticks_us(), _base) / 1e6


IMPL = sys.implementation.name  # cpython (also Pyodide) / micropython


def args(argv, default_n):
    """argv: [N] [--warmup K] -> (n, warmup)"""
    n, warmup, i = default_n, 1, 0
    while i < len(argv):
        if argv[i] == "--warmup":
            warmup = int(argv[i + 1])
            i += 1
        else:
            n = int(argv[i])
        i += 1
    return n, warmup


def report(workload, n, **fields):
    record = {"w": workload, "n": n}
    record.update(fields)
    print("BENCH " + json.dumps(record))


class Minstd:
    """x = x * 48271 mod 2^31-1: the same delays in every peer."""

    def __init__(self, seed=42):
        self.x = seed

    def next(self):
        self.x = self.x * 48271 % 2147483647
        return self.x / 2147483647.0


# Heap bytes in use: tracemalloc (CPython, Pyodide) counts what was allocated since start();
# MicroPython's gc.mem_alloc() after a collection counts the whole GC heap in use.
class HeapMeter:
    def __init__(self):
        import gc

        self.gc = gc
        self.tracemalloc = None
        if IMPL != "micropython":
            import tracemalloc

            self.tracemalloc = tracemalloc

    def start(self):
        self.gc.collect()
        if self.tracemalloc:
            self.tracemalloc.start()
            return self.tracemalloc.get_traced_memory()[0]
        return self.gc.mem_alloc()

    def now(self):
        self.gc.collect()
        if self.tracemalloc:
            return self.tracemalloc.get_traced_memory()[0]
        return self.gc.mem_alloc()

    def stop(self):
        if self.tracemalloc:
            self.tracemalloc.stop()


# Hosts whose event loop is JavaScript's (Pyodide: sys.platform "emscripten"; MicroPython's
# webassembly port: "webassembly") cannot asyncio.run(): the runner awaits main(argv) itself.
def is_js_host():
    return sys.platform in ("emscripten", "webassembly")
