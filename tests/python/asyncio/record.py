"""Records what CPython 3.11 prints for each program here, on a virtual clock like aio's.

    python3 tests/python/asyncio/record.py          # rewrites every NAME.out

The loop's time only moves when nothing is ready (jumping to the next timer) and time.sleep()
moves it by its argument; time.monotonic/perf_counter read it, time.time() is the front-end's
virtual epoch (2026-01-01 00:00:00 UTC) plus it, and local time is UTC (tools/py_record.py's
use_virtual_calendar). So CPython's printed timings and times of day are exact, as the
front-end's are on aio's virtual clock.
"""
import asyncio
import contextlib
import gc
import io
import pathlib
import runpy
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[3] / "tools"))
from py_record import EPOCH, use_virtual_calendar  # noqa: E402

now = [0.0]


class VirtualLoop(asyncio.SelectorEventLoop):
    def time(self):
        return now[0]

    def _run_once(self):
        # Jump to the earliest timer when nothing is ready, as aio's virtual clock does.
        if not self._ready and self._scheduled:
            when = self._scheduled[0]._when
            if when > now[0]:
                now[0] = when
        super()._run_once()


class Policy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return VirtualLoop()


def advance(seconds):
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    now[0] += seconds


def record(program):
    gc.collect()  # what earlier programs left (and its warnings) goes now, not into this output
    now[0] = 0.0
    out = io.StringIO()
    # Run by its bare name from its folder, as the test runs it: tracebacks and Task reprs show
    # the file name as the front-end does.
    with contextlib.redirect_stdout(out), contextlib.chdir(program.parent):
        try:
            runpy.run_path(program.name, run_name="__main__")
        except SystemExit:
            pass
    program.with_suffix(".out").write_text(out.getvalue())


# aiofiles_files.py imports aiofiles: Debian's python3-aiofiles (pure Python) when this python3
# has none of its own.
try:
    import aiofiles  # noqa: F401
except ImportError:
    if pathlib.Path("/usr/lib/python3/dist-packages/aiofiles").is_dir():
        sys.path.append("/usr/lib/python3/dist-packages")

asyncio.set_event_loop_policy(Policy())
time.monotonic = time.perf_counter = lambda: now[0]
time.time = lambda: EPOCH + now[0]
time.sleep = advance
use_virtual_calendar(time)
# Programs with threads need tools/py_record.py's clock (a thread's time.sleep waits for the
# loop's time): from this folder, `python3 ../../../tools/py_record.py --child threads.py > threads.out`.
THREADED = {"threads.py", "default_executor.py"}
for program in sorted(pathlib.Path(__file__).parent.glob("*.py")):
    if program.name != "record.py" and program.name not in THREADED:
        record(program)
