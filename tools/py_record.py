#!/usr/bin/env python3
"""Record CPython's output of the tutorial snippets (examples/python/*.py) on a virtual clock.

    tools/py_record.py [FILE.py ...]    record FILE.out beside each file (default: every snippet)
    tools/py_record.py --check [FILE]   re-run and compare with the committed .out files; exit 1 on a diff
    tools/py_record.py --real FILE      run FILE on the real clock (no patches), print what it shows
    tools/py_record.py --child FILE     internal: run FILE under the virtual clock in this process

Each snippet runs as `python3 NAME.py` would from a fresh directory holding only it and
examples/python/fixtures/ (the files the file snippets read; paths in tracebacks are shown as the
bare file name), stdout and stderr merged in program order; FILE.out ends with a line
`[exit N]` (`[timeout]` if it did not end within the real-time guard). The rule of the clock is in
examples/python/README.md. Standard library only, plus aiofiles and aiosqlite for the file and
database snippets (Debian's python3-aiofiles / python3-aiosqlite are used when this python3 has
none) and aio-sandbox's own aiomysql/asyncpg stand-ins (wasm/python/db/standins/).
"""
import json
import math
import shutil
import os
import subprocess
import sys
import tempfile
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SNIPPETS = os.path.join(ROOT, "examples", "python")
FIXTURES = os.path.join(SNIPPETS, "fixtures")
STANDINS = os.path.join(ROOT, "wasm", "python", "db", "standins")
EPOCH = 1767225600.0          # time.time() at the start: 2026-01-01 00:00:00 UTC
MONOTONIC_START = 1000.0      # time.monotonic() / perf_counter() at the start
GUARD_SECONDS = 30            # real seconds before a run is reported as [timeout]
POLL_SECONDS = 0.002          # how often a waiting loop looks at its real file descriptors


class Clock:
    """Virtual time shared by every thread of the process.

    `busy` counts the activities that may still do something at the current instant: the main
    thread, each started thread (an executor's worker except while it waits for work), each unread
    wake-up byte of an event loop. A thread that waits on the clock (time.sleep, a
    loop's select, join, Future.result) gives its activity back while it waits. When `busy` drops to
    0 the clock jumps to the earliest deadline, and the activity of the waiter it wakes is counted
    again at once (before it runs), so no second jump can slip in before it does.
    """

    def __init__(self):
        self.cond = threading.Condition(threading.RLock())
        self.now = 0.0
        self.busy = 1                     # the main thread
        self.waiters = []                 # [deadline, woken] lists
        self.local = threading.local()
        self.local.held = True            # the main thread holds its activity

    def held(self):
        return getattr(self.local, "held", False)

    def set_held(self, value):
        self.local.held = value

    def hold(self, n=1):
        with self.cond:
            self.busy += n

    def release(self, n=1):
        with self.cond:
            self.busy -= n
            self._advance_if_idle()

    def _advance_if_idle(self):
        # Wake one waiter at a time, earliest deadline first, then the earliest to have started
        # waiting: the others wake when it waits again, as threads whose sleeps began microseconds
        # apart do on the real clock (and their output does not interleave by chance).
        if self.busy > 0 or not self.waiters:
            return
        w = min(self.waiters, key=lambda w: w[0])
        if w[0] == math.inf:
            return                        # only real I/O (or nothing) can wake anyone now
        self.now = max(self.now, w[0])
        w[1] = True
        self.waiters.remove(w)
        self.busy += 1
        self.cond.notify_all()

    def wait_until(self, deadline, poll=None):
        """Block the calling thread until virtual time `deadline`, or until poll() is true (checked
        every POLL_SECONDS of real time). Returns True if poll() ended the wait."""
        with self.cond:
            if self.now >= deadline:
                return False
            if not self.held():           # a thread without an activity (the main thread at exit)
                self.busy += 1            # counts as one while it waits, as if it held one
            w = [deadline, False]
            self.waiters.append(w)
            self.busy -= 1
            self._advance_if_idle()
            woke = False
            while not w[1]:
                self.cond.wait(POLL_SECONDS if poll else None)
                if not w[1] and poll and poll():
                    self.waiters.remove(w)
                    self.busy += 1
                    woke = True
                    break
            if not self.held():           # give back the activity it was woken with
                self.busy -= 1
                self._advance_if_idle()
            return woke

    def sleep(self, seconds):
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        self.wait_until(self.now + seconds)

    def blocked_on(self, obj, wait):
        """Run wait() (a real blocking wait for obj to finish) with the caller's activity given
        back; obj's finishing side hands it back (finished(obj)) before it lets go of its own."""
        if not self.held():
            return wait()
        with self.cond:
            if getattr(obj, "_vc_finished", False):
                registered = False
            else:
                obj._vc_waiting = getattr(obj, "_vc_waiting", 0) + 1
                registered = True
                self.busy -= 1
                self._advance_if_idle()
        try:
            return wait()
        finally:
            if not registered:
                pass
            else:
                with self.cond:
                    if not getattr(obj, "_vc_finished", False):   # woken by a timeout or error
                        obj._vc_waiting -= 1
                        self.busy += 1

    def finished(self, obj, release=0):
        """obj (a thread or a future) is done: wake its waiters, then give back `release`."""
        with self.cond:
            obj._vc_finished = True
            self.busy += getattr(obj, "_vc_waiting", 0) - release
            obj._vc_waiting = 0
            self._advance_if_idle()


CLOCK = None


def use_virtual_calendar(time):
    """Local time is UTC, as on aio's virtual clock, and the calendar functions without a time
    argument (localtime, gmtime, ctime, asctime, strftime) read the patched time.time()."""
    os.environ["TZ"] = "UTC"
    time.tzset()
    localtime, gmtime, ctime, asctime, strftime = time.localtime, time.gmtime, time.ctime, time.asctime, time.strftime
    time.localtime = lambda secs=None: localtime(time.time() if secs is None else secs)
    time.gmtime = lambda secs=None: gmtime(time.time() if secs is None else secs)
    time.ctime = lambda secs=None: ctime(time.time() if secs is None else secs)
    time.asctime = lambda t=None: asctime(time.localtime() if t is None else t)
    time.strftime = lambda format, t=None: strftime(format, time.localtime() if t is None else t)


def add_libraries():
    """The file snippets import aiofiles, the database ones aiosqlite: Debian's python3-aiofiles
    and python3-aiosqlite (pure Python) when this python3 has none of its own. aiomysql and
    asyncpg need a server none of these machines runs: aio-sandbox answers them with a local
    SQLite stand-in (wasm/python/db/standins/), and CPython runs those same files."""
    debian = "/usr/lib/python3/dist-packages"
    for name in ("aiofiles", "aiosqlite"):
        try:
            __import__(name)
        except ImportError:
            if os.path.isdir(os.path.join(debian, name)) and debian not in sys.path:
                sys.path.append(debian)
    sys.path.append(STANDINS)


def install():
    """Patch time, the event loop's selector and wake-up pipe, threads and executors."""
    global CLOCK
    import asyncio.selector_events
    import concurrent.futures
    import concurrent.futures.thread as cft
    import queue
    import selectors
    import time

    CLOCK = clock = Clock()
    time.time = lambda: EPOCH + clock.now
    time.time_ns = lambda: int((EPOCH + clock.now) * 1e9)
    time.monotonic = time.perf_counter = lambda: MONOTONIC_START + clock.now
    time.monotonic_ns = time.perf_counter_ns = lambda: int((MONOTONIC_START + clock.now) * 1e9)
    time.sleep = clock.sleep
    use_virtual_calendar(time)

    # One print() at a time: unbuffered, print writes its text and its end separately, so lines of
    # threads woken at the same instant would interleave by chance; a terminal (line-buffered)
    # shows whole lines.
    import builtins
    real_print, print_lock = builtins.print, threading.RLock()

    def _print(*args, **kwargs):
        with print_lock:
            real_print(*args, **kwargs)

    builtins.print = _print

    real_selector = selectors.DefaultSelector

    class VirtualSelector(real_selector):
        def select(self, timeout=None):
            ready = super().select(0)
            if ready or (timeout is not None and timeout <= 0):
                return ready
            deadline = math.inf if timeout is None else clock.now + timeout
            if clock.wait_until(deadline, poll=lambda: bool(real_selector.select(self, 0))):
                return super().select(0)
            return []

    selectors.DefaultSelector = VirtualSelector

    # A wake-up byte (call_soon_threadsafe) is an activity until the loop has read it.
    loop_cls = asyncio.selector_events.BaseSelectorEventLoop
    write_to_self, read_from_self = loop_cls._write_to_self, loop_cls._read_from_self
    close_self_pipe = loop_cls._close_self_pipe

    def _take_pending(loop):
        with clock.cond:
            n = loop.__dict__.get("_vc_pending", 0)
            loop._vc_pending = 0
        if n:
            clock.release(n)

    def _write(self):
        if self._csock is None:
            return
        with clock.cond:
            self._vc_pending = self.__dict__.get("_vc_pending", 0) + 1
            clock.busy += 1
        write_to_self(self)

    def _read(self):
        read_from_self(self)
        _take_pending(self)

    def _close(self):
        close_self_pipe(self)
        _take_pending(self)

    loop_cls._write_to_self, loop_cls._read_from_self = _write, _read
    loop_cls._close_self_pipe = _close

    # An executor's worker thread is an activity except while it waits for work on an empty
    # queue; put() hands the activity to a waiting worker at once (credit), so a submitted item
    # counts before it is picked up. A worker finishing an item posts the loop's wake-up byte (its
    # future's callbacks) before it goes back to the queue.
    class WorkQueue(queue.SimpleQueue):
        def __init__(self):
            self._vc_waiting = 0          # workers blocked in get() with no credit
            self._vc_credits = 0          # items put for blocked workers, not yet received

        def put(self, item, block=True, timeout=None):
            with clock.cond:
                super().put(item)
                if self._vc_waiting:
                    self._vc_waiting -= 1
                    self._vc_credits += 1
                    clock.busy += 1

        def get(self, block=True, timeout=None):
            with clock.cond:
                try:
                    item = super().get(block=False)
                except queue.Empty:
                    pass
                else:
                    if self._vc_credits:      # took the item a blocked worker was credited for
                        self._vc_credits -= 1
                        self._vc_waiting += 1
                        clock.busy -= 1
                    return item
                self._vc_waiting += 1
                clock.busy -= 1
                clock._advance_if_idle()
            item = super().get(block=True)
            with clock.cond:
                self._vc_credits -= 1
            return item

    executor_init = cft.ThreadPoolExecutor.__init__

    def _executor_init(self, *args, **kwargs):
        executor_init(self, *args, **kwargs)
        self._work_queue = WorkQueue()

    cft.ThreadPoolExecutor.__init__ = _executor_init
    invoke_callbacks = concurrent.futures.Future._invoke_callbacks

    def _invoke(self):
        invoke_callbacks(self)
        clock.finished(self)

    concurrent.futures.Future._invoke_callbacks = _invoke

    future_result, future_exception = concurrent.futures.Future.result, concurrent.futures.Future.exception

    def _result(self, timeout=None):
        if timeout is not None or self.done():
            return future_result(self, timeout)
        return clock.blocked_on(self, lambda: future_result(self))

    def _exception(self, timeout=None):
        if timeout is not None or self.done():
            return future_exception(self, timeout)
        return clock.blocked_on(self, lambda: future_exception(self))

    concurrent.futures.Future.result, concurrent.futures.Future.exception = _result, _exception

    # A thread is an activity from start() until its run() returns.
    thread_start, thread_join = threading.Thread.start, threading.Thread.join

    def _start(self):
        run = self.run

        def tracked_run():
            clock.set_held(True)
            try:
                run()
            finally:
                clock.set_held(False)
                clock.finished(self, release=1)

        self.run = tracked_run
        clock.hold()
        try:
            thread_start(self)
        except BaseException:
            clock.release()
            raise

    def _join(self, timeout=None):
        if timeout is not None or self is threading.current_thread() or not hasattr(self, "_vc_started"):
            return thread_join(self, timeout)
        return clock.blocked_on(self, lambda: thread_join(self))

    def _start_marked(self):
        self._vc_started = True
        _start(self)

    threading.Thread.start, threading.Thread.join = _start_marked, _join


def child(path):
    """Run the snippet at `path` as `python3 NAME.py` would, under the virtual clock."""
    import traceback
    import types

    name = os.path.basename(path)
    with open(path, encoding="utf-8") as f:
        source = f.read()
    install()
    main = types.ModuleType("__main__")
    main.__file__ = name
    main.__builtins__ = __builtins__
    sys.modules["__main__"] = main
    sys.argv = [name]
    sys.path[0] = os.getcwd()
    add_libraries()
    status = 0
    try:
        exec(compile(source, name, "exec"), main.__dict__)
    except SystemExit as e:
        if e.code is None:
            status = 0
        elif isinstance(e.code, int):
            status = e.code
        else:
            print(e.code, file=sys.stderr)
            status = 1
    except BaseException as e:     # what the interpreter prints for an uncaught exception
        tb = e.__traceback__.tb_next if e.__traceback__ else None
        if isinstance(e, SyntaxError) and e.filename == name and tb is None:
            traceback.print_exception(type(e), e, None)
        else:
            traceback.print_exception(type(e), e, tb)
        status = 130 if isinstance(e, KeyboardInterrupt) else 1
    CLOCK.set_held(False)
    CLOCK.release()              # the main thread is done: let the other threads finish
    sys.stdout.flush()
    sys.stderr.flush()
    return status


def run_snippet(path, real=False, guard=GUARD_SECONDS):
    """Output of one snippet as recorded in its .out file."""
    path = os.path.abspath(path)
    env = dict(os.environ, PYTHONUNBUFFERED="1", PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTHONWARNINGS", None)
    with tempfile.TemporaryDirectory() as cwd:
        # The file sits in the empty working directory, so that Python shows its bare name and
        # finds its source lines (a SyntaxError's text is read back from the file).
        name = os.path.basename(path)
        with open(path, "rb") as src, open(os.path.join(cwd, name), "wb") as dst:
            dst.write(src.read())
        # The files the tutorials' file snippets read (examples/python/fixtures/), beside it.
        for fixture in os.listdir(FIXTURES):
            shutil.copy(os.path.join(FIXTURES, fixture), cwd)
        cmd = [sys.executable, name] if real else [sys.executable, os.path.abspath(__file__), "--child", name]
        try:
            p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=guard)
            out, tail = p.stdout, f"[exit {p.returncode}]\n"
        except subprocess.TimeoutExpired as e:
            out, tail = e.stdout or b"", "[timeout]\n"
        text = out.decode("utf-8", "replace").replace(cwd + os.sep, "")   # python3 shows the absolute path
    if text and not text.endswith("\n"):
        text += "\n"
    return text + tail


def all_snippets():
    return sorted(os.path.join(SNIPPETS, f) for f in os.listdir(SNIPPETS) if f.endswith(".py"))


def catalog_entries():
    with open(os.path.join(SNIPPETS, "catalog.json"), encoding="utf-8") as f:
        return {e["file"]: e for e in json.load(f)["snippets"] if e.get("file")}


def main(argv):
    if argv[:1] == ["--child"]:
        return child(argv[1])
    if argv[:1] == ["--real"]:
        sys.stdout.write(run_snippet(argv[1], real=True))
        return 0
    check = argv[:1] == ["--check"]
    files = argv[1:] if check else argv
    files = [os.path.abspath(f) for f in files] or all_snippets()
    entries = catalog_entries()
    from concurrent.futures import ThreadPoolExecutor

    def one(path):
        entry = entries.get(os.path.basename(path), {})
        guard = 10 if entry.get("io") else GUARD_SECONDS
        return path, run_snippet(path, guard=guard)

    bad = 0
    with ThreadPoolExecutor(max_workers=2) as pool:
        for path, text in pool.map(one, files):
            out = path[:-3] + ".out"
            if not check:
                with open(out, "w", encoding="utf-8") as f:
                    f.write(text)
                continue
            with open(out, encoding="utf-8") as f:
                if f.read() != text:
                    bad += 1
                    print(f"DIFF {os.path.relpath(path, ROOT)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
