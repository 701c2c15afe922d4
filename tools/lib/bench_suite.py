#!/usr/bin/env python3
"""The benchmark suite of tools/bench (issue 4): runs each workload on this runtime (native and
wasm under Node) and on the peers (standalone asio's C++20 coroutines, CPython's asyncio, plain
Node, optionally Pyodide and MicroPython), each cell as fresh processes, and prints the medians
next to the targets.

Called by tools/bench after it has built the programs; run `./tools/bench --help`.

Every program prints one line `BENCH {json}` (tests/bench/bench.hpp, peers/*/common.*); the
driver also times each process from start to exit (W1 uses that figure).
"""
import argparse
import atexit
import gzip
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.path.join(ROOT, "tests", "bench")
PY = os.path.join(BENCH, "peers", "python")
ASIO = os.path.join(BENCH, "peers", "asio")
DEMO_SERVER = os.path.join(ROOT, "tools", "demo_server.mjs")
NODE = os.path.join(BENCH, "peers", "node")

# --- workloads -------------------------------------------------------------------------------
# stem: tests/bench/STEM.cpp, peers/python/STEM.py, peers/node/STEM.mjs
WORKLOADS = {
    "W1": {"stem": "w1_startup", "title": "start-up", "sizes": [None]},
    "W2": {"stem": "w2_spawn_gather", "title": "spawn+gather", "sizes": [10_000, 100_000, 1_000_000],
           "quick": [10_000, 100_000]},
    "W3": {"stem": "w3_ping_pong", "title": "ping-pong", "sizes": [100_000, 1_000_000]},
    "W4": {"stem": "w4_timers", "title": "timers", "sizes": [100_000]},
    "W5": {"stem": "w5_memory", "title": "pending tasks", "sizes": [100_000]},
    "W6": {"stem": "w6_queue", "title": "queue(100) 1P/4C", "sizes": [100_000, 1_000_000]},
    # HTTP against tools/demo_server.mjs on loopback, started by this driver: aio::http (curl
    # natively, fetch in wasm) next to plain Node fetch and a bare libcurl multi loop.
    "W7": {"stem": "w7_http", "title": "HTTP", "sizes": [1000], "impls": {"aio-native", "aio-wasm", "node", "curl"}},
    # The sandbox page in Chromium (tests/bench/w8_page.mjs): only the aio-page impl runs it.
    "W8": {"stem": "w8_page", "title": "page", "sizes": [100_000], "impls": {"aio-page"}},
}

# --- implementations -------------------------------------------------------------------------
# loop: how this runtime's loop is driven. "self" = aio::event_loop::run (drives itself, blocks
# the JS thread in wasm); "host" = aio::run in wasm: Node's event loop drives it (microtasks,
# setImmediate slices, one setTimeout).
IMPLS = {
    "aio-native": {"label": "aio native", "extra": False},
    "aio-wasm": {"label": "aio wasm", "extra": False},
    "aio-wasm-host": {"label": "aio wasm host", "extra": False, "only": {"W2", "W3", "W5", "W6"}},
    # The native C++ peer (issue 17): W2/W3/W6 only (no asio counterpart for the others).
    "asio": {"label": "asio C++", "extra": False, "only": {"W2", "W3", "W6"}},
    # W7's native peer: the same requests on a bare libcurl multi loop (tests/bench/peers/curl).
    "curl": {"label": "curl multi", "extra": False, "only": {"W7"}},
    "cpython": {"label": "CPython", "extra": False},
    "node": {"label": "Node µtask", "extra": False},
    "node-immediate": {"label": "Node setImm", "extra": False, "only": {"W1", "W2", "W3"}},
    "pyodide": {"label": "Pyodide", "extra": True},
    "micropython": {"label": "MicroPy wasm", "extra": True, "na": {"W6": "n/a (no asyncio.Queue)"}},
    # The Python front-end (wasm/python) running the CPython peer scripts unmodified on the real
    # clock: natively (build/bench-native/aio-python) and as wasm under Node (build/wasm/aio-python.js,
    # NODERAWFS: it imports common.py from the host's files).
    # max_n: the 1M rows are left to the others (a default run stays short); the 100k rows of
    # W2/W3/W6 compare it with CPython and MicroPython at the same N.
    "aio-python": {"label": "aio-python", "extra": False, "max_n": 100_000},
    "aio-python-wasm": {"label": "aio-python wasm", "extra": False, "max_n": 100_000},
    # The built sandbox page (build/page) in Debian's Chromium: W8 only.
    "aio-page": {"label": "aio page", "extra": False, "only": {"W8"}},
}


def command(impl, workload, n, args):
    stem = WORKLOADS[workload]["stem"]
    size = [] if n is None else [str(n)]
    warm = [] if workload in ("W1", "W4", "W5") else ["--warmup", str(args.warmup)]
    if workload == "W7":
        warm += ["--url", args.server_url]
    if impl == "aio-native":
        return [os.path.join(args.build, "bench-native", "bench_" + stem)] + size + warm
    if impl in ("aio-wasm", "aio-wasm-host"):
        host = ["--host"] if impl == "aio-wasm-host" else []
        return ["node", os.path.join(args.build, "wasm", "bench_" + stem + ".js")] + size + warm + host
    if impl == "asio":
        return [os.path.join(args.build, "bench-asio", "asio_" + stem)] + size + warm
    if impl == "curl":
        return [os.path.join(args.build, "bench-curl", "curl_" + stem)] + size + warm
    if impl == "cpython":
        return [sys.executable if args.python is None else args.python, os.path.join(PY, stem + ".py")] + size + warm
    if impl in ("node", "node-immediate"):
        imm = ["--immediate"] if impl == "node-immediate" else []
        gc = ["--expose-gc"] if workload == "W5" else []
        return ["node"] + gc + [os.path.join(NODE, stem + ".mjs")] + size + warm + imm
    if impl == "pyodide":
        # Node 20's V8 aborts in the deoptimizer under Pyodide unless JS->wasm calls stay un-inlined.
        return ["node", "--no-turbo-inline-js-wasm-calls", os.path.join(BENCH, "peers", "pyodide_run.mjs"),
                os.path.join(PY, stem + ".py")] + size + warm
    if impl == "aio-python":
        return [os.path.join(args.build, "bench-native", "aio-python"), os.path.join(PY, stem + ".py")] + size + warm
    if impl == "aio-python-wasm":
        # sys.platform "emscripten": the peer skips asyncio.run, its runner calls it (aio_python_run.py).
        return ["node", os.path.join(args.build, "wasm", "aio-python.js"), os.path.join(PY, "aio_python_run.py"),
                stem] + size + warm
    if impl == "aio-page":
        return ["node", os.path.join(BENCH, stem + ".mjs")] + size
    if impl == "micropython":
        return ["node", os.path.join(BENCH, "peers", "micropython_run.mjs"), os.path.join(PY, stem + ".py")] + size + warm
    raise ValueError(impl)


def run_once(cmd, env, timeout):
    start = time.perf_counter()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": "timeout after %ds" % timeout}
    wall = time.perf_counter() - start
    if p.returncode != 0:
        tail = (p.stderr or p.stdout).strip().splitlines()[-3:]
        return {"error": "exit %d: %s" % (p.returncode, " | ".join(t[:200] for t in tail))}
    record = {"process_s": wall}
    for line in p.stdout.splitlines():
        if line.startswith("BENCH "):
            record.update(json.loads(line[6:]))
    return record


def start_demo_server():
    """W7's server: tools/demo_server.mjs on an ephemeral loopback port. Returns (process, base URL);
    the server prints only its first line, `listening on http://127.0.0.1:PORT/`."""
    p = subprocess.Popen(["node", DEMO_SERVER, "--port", "0"], stdout=subprocess.PIPE, text=True)
    m = re.match(r"listening on (http://127\.0\.0\.1:\d+)/", p.stdout.readline())
    if not m:
        p.kill()
        sys.exit("W7: tools/demo_server.mjs did not start (exit %s)" % p.wait())
    atexit.register(p.kill)  # also when the run stops early
    return p, m.group(1)


def median_of(runs):
    keys = [k for k in runs[0] if isinstance(runs[0][k], (int, float)) and not isinstance(runs[0][k], bool)]
    return {k: statistics.median(r[k] for r in runs if k in r) for k in keys}


def download_size(build):
    """W1: what a page downloads for the smallest program: .wasm + .js, raw and gzip -9."""
    total_raw = total_gz = 0
    for ext in ("wasm", "js"):
        with open(os.path.join(build, "wasm", "bench_w1_startup." + ext), "rb") as f:
            data = f.read()
        total_raw += len(data)
        total_gz += len(gzip.compress(data, 9))
    return {"raw_bytes": total_raw, "gzip9_bytes": total_gz}


# --- table -----------------------------------------------------------------------------------
def rate(n, s):
    return n / s if s else float("nan")


def fmt_rate(v):
    if v != v:
        return "?"
    return "%.2f M/s" % (v / 1e6) if v >= 1e6 else "%.0f k/s" % (v / 1e3)


# rows: (key, label, extract(median, n) -> value, format, reference figures of issue 4)
def rows_for(workload, n):
    if workload == "W1":
        return [("W1", "W1 start-up (process)", lambda m, n: m["process_s"] * 1e3, "%.0f ms", "47 / 56 / 1365 / 86 ms")]
    if workload == "W2":
        label = "W2 spawn+gather %s" % ({10_000: "10k", 100_000: "100k", 1_000_000: "1M"}.get(n, n))
        ref = "88k / 1.49M / 23k / 46k" if n == 1_000_000 else ""
        return [("W2", label, lambda m, n: rate(n, m["seconds"]), fmt_rate, ref)]
    if workload == "W3":
        return [("W3", "W3 ping-pong switches" + ("" if n == 1_000_000 else " %dk" % (n // 1000)),
                 lambda m, n: rate(n, m["seconds"]), fmt_rate, "0.84M / 28.8M / 0.17M / 0.11M" if n == 1_000_000 else "")]
    if workload == "W4":
        return [
            ("W4", "W4 100k timers: overhead", lambda m, n: m["overhead_ms"], "%.0f ms", "1357 / 166 / 4879 / 5122 ms"),
            ("W4", "W4 mean lateness", lambda m, n: m["mean_late_ms"], "%.2f ms", ""),
            ("W4", "W4 max lateness", lambda m, n: m["max_late_ms"], "%.1f ms", ""),
            ("W4", "W4 host timers armed", lambda m, n: m.get("host_timers", -1), "%.0f", ""),
        ]
    if workload == "W5":
        return [
            ("W5", "W5 bytes / pending task", lambda m, n: m["bytes_per_task"], "%.0f B", "1187 / 1079 / 1451 / 695"),
            ("W5", "W5 cancel 100k", lambda m, n: m["cancel_ms"], "%.0f ms", ""),
            ("W5", "W5 cancel 100k, CPU time", lambda m, n: m["cancel_cpu_ms"], "%.0f ms", ""),
        ]
    if workload == "W6":
        return [("W6", "W6 queue items" + ("" if n == 1_000_000 else " %dk" % (n // 1000)),
                 lambda m, n: rate(n, m["seconds"]), fmt_rate, "1.74M / 6.77M / 0.63M / 0.30M" if n == 1_000_000 else "")]
    if workload == "W7":
        return [("W7", "W7 HTTP %d req, 100 in flight" % n, lambda m, n: rate(n, m["seconds"]), "%.0f req/s", ""),
                ("W7", "W7 host timers armed", lambda m, n: m.get("host_timers", -1), "%.0f", "")]
    if workload == "W8":
        kb = lambda key: lambda m, n: m[key] / 1024
        return [
            ("W8", "W8 100k tasks: longest task, CPU", lambda m, n: m["longest_cpu_ms"], "%.0f ms", ""),
            ("W8", "W8 tasks over 50 ms CPU", lambda m, n: m["long_cpu_tasks"], "%.0f", ""),
            ("W8", "W8 longest task, wall clock", lambda m, n: m["longest_wall_ms"], "%.0f ms", ""),
            ("W8", "W8 widget output after load", lambda m, n: m["widget_output_ms"], "%.0f ms", ""),
            ("W8", "W8 widget download, gzip", kb("widget_gzip_bytes"), "%.1f KB", ""),
            ("W8", "W8 Python widget download, gzip", kb("widget_python_gzip_bytes"), "%.1f KB", ""),
            ("W8", "W8 page download, gzip", kb("page_gzip_bytes"), "%.0f KB", ""),
        ]
    raise ValueError(workload)


def fmt(f, v):
    return f(v) if callable(f) else f % v


def markdown(header, table):
    widths = [max(len(str(r[i])) for r in [header] + table) for i in range(len(header))]
    line = lambda r: "| " + " | ".join(str(c).ljust(widths[i]) for i, c in enumerate(r)) + " |"
    return "\n".join([line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"] + [line(r) for r in table])


def render(records, impls, sizes, args):
    header = ["workload"] + [IMPLS[i]["label"] for i in impls] + ["issue 4: CPy/Node/Pyo/MP"]
    table = []
    for workload, ns in sizes:
        for n in ns:
            for _, label, get, f, ref in rows_for(workload, n):
                row = [label]
                for impl in impls:
                    rec = records.get((workload, n, impl))
                    if rec is None:
                        row.append("–")
                    elif rec["status"] != "ok":
                        row.append(rec.get("cell", rec["status"]))
                    else:
                        try:
                            v = get(rec["median"], n)
                        except KeyError:
                            row.append("–")
                            continue
                        if "host timers" in label and v < 0:
                            row.append("–")
                            continue
                        row.append(fmt(f, v))
                table.append(row + [ref])
    if "aio-wasm" in impls and ("W1", None, "aio-wasm") in records and "size" in records[("W1", None, "aio-wasm")]:
        s = records[("W1", None, "aio-wasm")]["size"]
        cells = ["–"] * len(impls)
        cells[impls.index("aio-wasm")] = "%.1f KB (raw %.0f KB)" % (s["gzip9_bytes"] / 1024, s["raw_bytes"] / 1024)
        table.insert(1, ["W1 download wasm+js gzip -9"] + cells + [""])
    return markdown(header, table)


# --- the goals -----------------------------------------------------------------------
# Issue 17's table, in one place. Each goal has checks; a check reads this run's medians (or the
# callgrind figures) and gives a value, None when the run did not measure it. A ratio is taken
# between two columns of the same run, never across runs.
def value(records, workload, n, impl, get):
    rec = records.get((workload, n, impl))
    if not rec or rec.get("status") != "ok":
        return None
    try:
        return get(rec["median"], n)
    except KeyError:
        return None


def throughput(impl, workload, n):
    return lambda r: value(r, workload, n, impl, lambda m, n: rate(n, m["seconds"]))


def field(impl, workload, n, key, scale=1.0):
    return lambda r: value(r, workload, n, impl, lambda m, n: m[key] * scale)


def ratio(a, b):
    def get(r):
        x, y = a(r), b(r)
        return x / y if x is not None and y else None
    return get


M = 1_000_000
# (goal, target text, [(check label, get(records) -> value or None, format, ok(value) -> bool)])
GOALS = [
    ("W2 spawn+gather 1M, native", "≥ 15 M tasks/s, ≥ 10× asio", [
        ("aio native", throughput("aio-native", "W2", M), fmt_rate, lambda v: v >= 15e6),
        ("÷ asio", ratio(throughput("aio-native", "W2", M), throughput("asio", "W2", M)), "%.1f×", lambda v: v >= 10)]),
    ("W2 spawn+gather 1M, wasm", "≥ 10 M tasks/s, ≥ 6× Node", [
        ("aio wasm", throughput("aio-wasm", "W2", M), fmt_rate, lambda v: v >= 10e6),
        ("÷ Node µtask", ratio(throughput("aio-wasm", "W2", M), throughput("node", "W2", M)), "%.1f×",
         lambda v: v >= 6)]),
    ("W5 bytes per pending task", "≤ 128 native, ≤ 96 wasm", [
        ("native", field("aio-native", "W5", 100_000, "bytes_per_task"), "%.0f B", lambda v: v <= 128),
        ("wasm", field("aio-wasm", "W5", 100_000, "bytes_per_task"), "%.0f B", lambda v: v <= 96)]),
    ("W3 switches", "≥ 120 M/s native, ≥ 40 M/s wasm", [
        ("native", throughput("aio-native", "W3", M), fmt_rate, lambda v: v >= 120e6),
        ("wasm", throughput("aio-wasm", "W3", M), fmt_rate, lambda v: v >= 40e6)]),
    ("W5 cancel 100k pending tasks", "≤ 100 ms", [
        ("native", field("aio-native", "W5", 100_000, "cancel_ms"), "%.0f ms", lambda v: v <= 100),
        ("wasm", field("aio-wasm", "W5", 100_000, "cancel_ms"), "%.0f ms", lambda v: v <= 100)]),
    ("W6 queue items", "≥ 120 M/s native, ≥ 50 M/s wasm", [
        ("native", throughput("aio-native", "W6", M), fmt_rate, lambda v: v >= 120e6),
        ("wasm", throughput("aio-wasm", "W6", M), fmt_rate, lambda v: v >= 50e6)]),
    ("W4 100k timers, wasm", "≤ 60 ms overhead, ≤ 2 ms mean lateness", [
        ("overhead", field("aio-wasm", "W4", 100_000, "overhead_ms"), "%.0f ms", lambda v: v <= 60),
        ("lateness", field("aio-wasm", "W4", 100_000, "mean_late_ms"), "%.2f ms", lambda v: v <= 2)]),
    # The Python front-end (issue 16) on the CPython peer scripts, 100k items (its max_n).
    ("aio-python W2/W3/W6 100k", "≥ 3× CPython 3.11", [
        (w, ratio(throughput("aio-python", w, 100_000), throughput("cpython", w, 100_000)), "%.2f×",
         lambda v: v >= 3) for w in ("W2", "W3", "W6")]),
    ("aio-python wasm W2/W3/W6 100k", "≥ 10× MicroPython wasm", [
        (w, ratio(throughput("aio-python-wasm", w, 100_000), throughput("micropython", w, 100_000)), "%.2f×",
         lambda v: v >= 10) for w in ("W2", "W3", "W6")]),
    ("W8 page: 100k tasks", "longest main-thread task < 50 ms; widget output ≤ 300 ms", [
        ("longest task (CPU)", field("aio-page", "W8", 100_000, "longest_cpu_ms"), "%.0f ms", lambda v: v < 50),
        ("widget output", field("aio-page", "W8", 100_000, "widget_output_ms"), "%.0f ms", lambda v: v <= 300)]),
    # The C++ widget and a lang="python" one (its script and the Python module: issue 18's figure).
    ("widget download (gzip)", "≤ 250 KB incl. the Python front-end; page ≤ 450 KB", [
        ("widget without Python", field("aio-page", "W8", 100_000, "widget_gzip_bytes", 1 / 1024), "%.1f KB",
         lambda v: v <= 250),
        ("with Python", field("aio-page", "W8", 100_000, "widget_python_gzip_bytes", 1 / 1024), "%.1f KB",
         lambda v: v <= 250),
        ("page", field("aio-page", "W8", 100_000, "page_gzip_bytes", 1 / 1024), "%.0f KB", lambda v: v <= 450)]),
    # Time for the same requests, aio over its backend's bare equivalent (lower is better).
    ("W7 HTTP 1,000 requests / 100 in flight", "≤ 1.10× Node fetch, ≤ 1.10× curl multi", [
        ("wasm ÷ Node fetch", ratio(field("aio-wasm", "W7", 1000, "seconds"), field("node", "W7", 1000, "seconds")),
         "%.2f×", lambda v: v <= 1.10),
        ("native ÷ curl multi", ratio(field("aio-native", "W7", 1000, "seconds"), field("curl", "W7", 1000, "seconds")),
         "%.2f×", lambda v: v <= 1.10)]),
    ("W1 start-up, wasm under Node", "≤ 1.2× Node's own script", [
        ("÷ Node", ratio(field("aio-wasm", "W1", None, "process_s"), field("node", "W1", None, "process_s")),
         "%.2f×", lambda v: v <= 1.2)]),
]
# Per unit of work, counted by ./tools/bench --callgrind (deterministic).
CALLGRIND_GOALS = {"W2": ("task", 300), "W3": ("switch", 80), "W6": ("item", 100)}
# Goals this suite cannot measure yet: printed as n/a.
UNMEASURED_GOALS = [
    ("callgrind instructions", "≤ 300 per task, ≤ 80 per switch, ≤ 100 per item", "./tools/bench --callgrind"),
]


def render_goals(records):
    table = []
    for goal, target, checks in GOALS:
        measured, verdicts = [], []
        for label, get, f, ok in checks:
            v = get(records)
            if v is None:
                measured.append("%s –" % label)
                continue
            verdicts.append(ok(v))
            measured.append("%s %s%s" % (label, fmt(f, v), "" if ok(v) else " ✗"))
        if not verdicts:
            met = "not run"
        elif len(verdicts) < len(checks):
            met = "MISSED" if not all(verdicts) else "met (part run)"
        else:
            met = "met" if all(verdicts) else "MISSED"
        table.append([goal, target, "; ".join(measured), met])
    for goal, target, where in UNMEASURED_GOALS:
        table.append([goal, target, "n/a (%s)" % where, "n/a"])
    return markdown(["issue 17 goal", "target", "this run (✗: missed)", "met?"], table)


# --- callgrind -------------------------------------------------------------------------------
def callgrind(args):
    """Instructions per task (W2) / per switch (W3) / per item (W6) of the native programs, counted
    by callgrind as the difference between a run with one and one with two untimed repetitions:
    exactly one steady-state run of N, without start-up or first-run (pool filling) costs."""
    cases = [("W2", "w2_spawn_gather", 20_000, "task"), ("W3", "w3_ping_pong", 200_000, "switch"),
             ("W6", "w6_queue", 100_000, "item")]
    out_dir = os.path.join(args.build, "callgrind")
    os.makedirs(out_dir, exist_ok=True)
    results = []
    for workload, stem, n, unit in cases:
        if args.only and workload not in args.only:
            continue
        prog = os.path.join(args.build, "bench-native", "bench_" + stem)
        totals, files = [], []
        for warm in (1, 2):
            f = os.path.join(out_dir, "%s.warm%d.out" % (stem, warm))
            p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + f, prog, str(n),
                                "--warmup", str(warm)], capture_output=True, text=True)
            m = re.search(r"Collected : (\d+)", p.stderr)
            if p.returncode != 0 or not m:
                sys.exit("callgrind failed for %s:\n%s" % (stem, p.stderr[-2000:]))
            totals.append(int(m.group(1)))
            files.append(f)
        per = (totals[1] - totals[0]) / n
        results.append({"workload": workload, "n": n, "unit": unit, "instructions_per_unit": per,
                        "totals": totals, "files": files})
        goal = CALLGRIND_GOALS[workload][1]
        print("%s %-16s %8.1f instructions per %s  (N=%d; Ir %d - %d)  goal ≤ %d: %s" %
              (workload, stem, per, unit, n, totals[1], totals[0], goal, "met" if per <= goal else "MISSED"))
        if args.profile:
            for name, ir in [x for x in profile_diff(files[0], files[1]) if x[1] >= n / 2][: args.profile]:
                print("      %8.1f  %s" % (ir / n, name[:150]))
    return results


def profile_diff(a, b):
    """Per-function self instructions of b minus a (callgrind_annotate), largest first."""
    def read(f):
        p = subprocess.run(["callgrind_annotate", "--threshold=100", f], capture_output=True, text=True)
        d = {}
        for line in p.stdout.splitlines():
            m = re.match(r"\s*([\d,]+) \([ \d.]+%\)\s+(.*)", line)
            if m and "PROGRAM TOTALS" not in line:
                name = re.sub(r" \[[^\]]*\]$", "", re.sub(r"^\?\?\?:", "", m.group(2)))
                d[name] = d.get(name, 0) + int(m.group(1).replace(",", ""))
        return d
    da, db = read(a), read(b)
    diff = [(k, db.get(k, 0) - da.get(k, 0)) for k in set(da) | set(db)]
    return sorted((x for x in diff if x[1] > 0), key=lambda x: -x[1])


def write_json(path, env_line, args, records):
    with open(path, "w") as f:
        json.dump({"environment": env_line, "quick": args.quick, "runs_per_cell": args.runs,
                   "records": list(records.values())}, f, indent=1)


# --- main ------------------------------------------------------------------------------------
def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--build", required=True, help="build root (tools/bench passes it)")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--json")
    ap.add_argument("--only", type=lambda s: set(s.upper().split(",")), default=None)
    ap.add_argument("--impls", type=lambda s: s.split(","), default=None)
    ap.add_argument("--peers-extra", action="store_true")
    ap.add_argument("--node-modules")
    ap.add_argument("--python")
    ap.add_argument("--timeout", type=int, default=int(os.environ.get("AIO_BENCH_TIMEOUT", "600")))
    ap.add_argument("--callgrind", action="store_true")
    ap.add_argument("--profile", type=int, default=12)
    ap.add_argument("--from-json", nargs="+", metavar="FILE",
                    help="print the table of earlier --json runs (merged; later files win) instead of running")
    args = ap.parse_args()

    if args.from_json:
        records, envs = {}, []
        for path in args.from_json:
            with open(path) as f:
                data = json.load(f)
            envs.append(data.get("environment", path))
            for r in data["records"]:
                records[(r["workload"], r["n"], r["impl"])] = r
        impls = [i for i in IMPLS if any(k[2] == i for k in records)]
        sizes = [(w, sorted({k[1] for k in records if k[0] == w}, key=lambda n: n or 0))
                 for w in WORKLOADS if any(k[0] == w for k in records)]
        print(render(records, impls, sizes, args))
        print()
        print(render_goals(records))
        print()
        for e in envs:
            print(e)
        return 0

    if args.callgrind:
        results = callgrind(args)
        if args.json:
            with open(args.json, "w") as f:
                json.dump({"callgrind": results}, f, indent=1)
        return 0

    impls = args.impls or [i for i in IMPLS if args.peers_extra or not IMPLS[i]["extra"]]
    env = dict(os.environ)
    env["AIO_BUILD_ROOT"] = args.build  # where W8's harness finds the built page
    if args.node_modules:
        env["AIO_BENCH_NODE_MODULES"] = args.node_modules
    sizes = [(w, spec.get("quick", spec["sizes"]) if args.quick else spec["sizes"])
             for w, spec in WORKLOADS.items() if not args.only or w in args.only]
    records = {}
    started = time.time()
    server, args.server_url = None, None
    for workload, ns in sizes:
        for n in ns:
            for impl in impls:
                spec = IMPLS[impl]
                key = (workload, n, impl)
                rec = {"workload": workload, "n": n, "impl": impl, "label": spec["label"], "runs": []}
                if "only" in spec and workload not in spec["only"]:
                    continue
                if impl not in WORKLOADS[workload].get("impls", {impl}):
                    continue
                if n is not None and n > spec.get("max_n", n):
                    continue
                if workload in spec.get("na", {}):
                    rec.update(status="n/a", cell=spec["na"][workload])
                    records[key] = rec
                    continue
                if workload == "W7" and server is None:
                    server, args.server_url = start_demo_server()
                cmd = command(impl, workload, n, args)
                rec["command"] = cmd
                missing = [c for c in cmd[:2] if c.startswith(args.build) and not os.path.exists(c)]
                if impl == "aio-page" and not os.path.exists(os.path.join(args.build, "page", "index.html")):
                    missing.append(os.path.join(args.build, "page", "index.html"))
                if missing:  # built by tools/bench; run on its own, say what is missing once per cell
                    rec.update(status="error", cell="not built", error="missing " + missing[0])
                    print("%-3s %-8s %-14s not built: %s" % (workload, n or "", impl, missing[0]), file=sys.stderr)
                    records[key] = rec
                    continue
                print("%-3s %-8s %-14s" % (workload, n or "", impl), end=" ", file=sys.stderr, flush=True)
                for _ in range(args.runs):
                    r = run_once(cmd, env, args.timeout)
                    if "error" in r:
                        rec.update(status="error", cell="error", error=r["error"])
                        print("ERROR %s" % r["error"], end=" ", file=sys.stderr)
                        break
                    rec["runs"].append(r)
                    print(".", end="", file=sys.stderr, flush=True)
                if "status" not in rec:
                    rec["status"] = "ok"
                    rec["median"] = median_of(rec["runs"])
                    if workload == "W1" and impl == "aio-wasm":
                        rec["size"] = download_size(args.build)
                print(file=sys.stderr)
                records[key] = rec
                if args.json:  # after every cell, so an interrupted run keeps what it measured
                    write_json(args.json, "partial run", args, records)
    if server is not None:
        server.terminate()
        server.wait()
    table = render(records, impls, sizes, args)
    env_line = "%s, %d cores, %s, node %s, %s; median of %d fresh processes per cell%s; %.0f s" % (
        platform.machine(), os.cpu_count(), platform.python_implementation() + " " + platform.python_version(),
        subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip(),
        time.strftime("%Y-%m-%d"), args.runs, " (--quick)" if args.quick else "", time.time() - started)
    print(table)
    print()
    print(render_goals(records))
    print()
    print(env_line)
    print("aio wasm: self-driven aio::event_loop for W2/W3/W5/W6 (blocks the JS thread), aio::run on Node's "
          "event loop for W1/W4; 'aio wasm host' runs W2/W3/W5/W6 with aio::run too.")
    print("Goals: issue 17 (GOALS in tools/lib/bench_suite.py); ratios are between columns of this run.")
    if args.json:
        write_json(args.json, env_line, args, records)
        print("raw figures: %s" % args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
