#!/usr/bin/env python3
"""The tutorials' snippets (examples/python/) and their recorded CPython output, without the C++
front-end: the catalog matches the seeds and the files, and tools/py_record.py reproduces every
committed .out. Run: python3 tests/python_snippets_test.py [-v] (suite `snippets` of ./tools/test).

The seeds are found at $AIO_SEEDS, else ../shared/seeds or ../../shared/seeds from the repository
(worktrees); without them the seed checks are skipped, the others still run.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SNIPPETS = os.path.join(ROOT, "examples", "python")
sys.path.insert(0, os.path.join(ROOT, "tools"))
import py_record  # noqa: E402


def find_seeds():
    for d in (os.environ.get("AIO_SEEDS"), os.path.join(ROOT, "..", "shared", "seeds"),
              os.path.join(ROOT, "..", "..", "shared", "seeds")):
        if d and os.path.isdir(d):
            return d
    return None


SEEDS = find_seeds()


def seed_lines(seed):
    with open(os.path.join(SEEDS, seed), encoding="utf-8") as f:
        return f.read().split("\n")


def snippet_text(entry):
    """The file a catalog entry stands for: its seed lines with the recorded repairs undone."""
    a, b = entry["lines"]
    lines = seed_lines(entry["seed"])[a - 1:b]
    for r in entry.get("repairs", []):
        if "removed" in r:
            i = r["line"] - a
            assert lines[i].endswith(r["removed"]), (entry["file"], r)
            lines[i] = lines[i][:-len(r["removed"])]
        if "dedent" in r:
            pad = " " * r["dedent"]
            assert all(not s.strip() or s.startswith(pad) for s in lines), entry["file"]
            lines = [s[len(pad):] if s.startswith(pad) else s.lstrip(" ") for s in lines]
    return "\n".join(lines) + "\n"


def seed_blocks(seed):
    """(first line, last line or None) of every code block of a seed: ``` fences; else a line
    `python` followed by code (its end is where prose got glued on: the catalog says); else the
    scraper's one-line remains `1 | ... |`."""
    lines = seed_lines(seed)
    fences = [i + 1 for i, s in enumerate(lines) if s.strip().startswith("```")]
    if fences:
        return [(fences[k] + 1, fences[k + 1] - 1) for k in range(0, len(fences), 2)]
    markers = [i + 1 for i, s in enumerate(lines) if s.strip() == "python"]
    if markers:
        return [(m + 1, None) for m in markers]
    return [(i + 1, i + 1) for i, s in enumerate(lines) if re.match(r"^\d+ \| .*\|$", s)]


def load_catalog():
    with open(os.path.join(SNIPPETS, "catalog.json"), encoding="utf-8") as f:
        return json.load(f)["snippets"]


def shape(text):
    """What is compared when the output depends on unseeded randomness: the lines, numbers
    blanked, in any order."""
    return sorted(re.sub(r"\d+(\.\d+)?", "N", line) for line in text.splitlines())


class Catalog(unittest.TestCase):
    def setUp(self):
        self.entries = load_catalog()
        self.files = [e for e in self.entries if "file" in e]

    def test_every_file_is_cataloged_once_and_recorded(self):
        names = sorted(f for f in os.listdir(SNIPPETS) if f.endswith(".py"))
        self.assertEqual(names, sorted(e["file"] for e in self.files))
        for name in names:
            self.assertRegex(name, r"^t[0-4]_[0-9_]+_[a-z0-9_]+\.py$")
            self.assertTrue(os.path.exists(os.path.join(SNIPPETS, name[:-3] + ".out")), name)
        outs = sorted(f[:-4] for f in os.listdir(SNIPPETS) if f.endswith(".out"))
        self.assertEqual(outs, sorted(n[:-3] for n in names))

    def test_entries_are_well_formed(self):
        with open(os.path.join(ROOT, "examples", "catalog.json"), encoding="utf-8") as f:
            ports = {e["id"] for e in json.load(f)["examples"]}
        for e in self.entries:
            self.assertTrue(e["section"], e)
            self.assertTrue(("file" in e) != ("skipped" in e), e)
            self.assertTrue(set(e["cpp"]) <= ports, e)
            if "file" in e:
                self.assertTrue(set(e["io"]) <= {"network", "files", "database"}, e)
                self.assertIsInstance(e["random"], bool)
                self.assertIsInstance(e.get("unordered", False), bool)
                for r in e["repairs"]:
                    self.assertTrue(r.get("why"), e)

    def test_raises_names_the_exception_the_recording_ends_with(self):
        for e in self.files:
            with open(os.path.join(SNIPPETS, e["file"][:-3] + ".out"), encoding="utf-8") as f:
                lines = f.read().splitlines()
            if e["raises"] is None:
                self.assertEqual(lines[-1], "[exit 0]", e["file"])
            else:
                self.assertEqual(lines[-1], "[exit 1]", e["file"])
                last = [s for s in lines if re.match(r"^[A-Za-z_.]+(Error|Exception)\b", s)][-1]
                self.assertEqual(last.split(":")[0], e["raises"], e["file"])

    @unittest.skipIf(SEEDS is None, "seeds not found (set AIO_SEEDS)")
    def test_every_seed_block_is_a_file_or_skipped(self):
        seeds = sorted(f for f in os.listdir(SEEDS) if f.endswith(".txt"))
        self.assertEqual(len(seeds), 5)
        for seed in seeds:
            listed = {e["lines"][0]: e for e in self.entries if e["seed"] == seed}
            blocks = seed_blocks(seed)
            self.assertTrue(blocks, seed)
            self.assertEqual(sorted(listed), [a for a, _ in blocks], seed)
            for a, b in blocks:
                if b is not None:
                    self.assertEqual(listed[a]["lines"][1], b, (seed, a))

    @unittest.skipIf(SEEDS is None, "seeds not found (set AIO_SEEDS)")
    def test_files_are_the_seed_text_verbatim_but_for_the_listed_repairs(self):
        for e in self.files:
            with open(os.path.join(SNIPPETS, e["file"]), encoding="utf-8") as f:
                self.assertEqual(f.read(), snippet_text(e), e["file"])


class Recordings(unittest.TestCase):
    def test_every_offline_snippet_reproduces_its_recorded_output(self):
        from concurrent.futures import ThreadPoolExecutor
        offline = [e for e in load_catalog() if "file" in e and not e["io"]]

        def run(e):
            return e, py_record.run_snippet(os.path.join(SNIPPETS, e["file"]))

        with ThreadPoolExecutor(max_workers=2) as pool:
            for e, got in pool.map(run, offline):
                with open(os.path.join(SNIPPETS, e["file"][:-3] + ".out"), encoding="utf-8") as f:
                    want = f.read()
                with self.subTest(e["file"]):
                    if e["random"]:
                        self.assertEqual(shape(got), shape(want))
                    else:
                        self.assertEqual(got, want)


def record(source, **kw):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "prog.py")
        with open(path, "w", encoding="utf-8") as f:
            f.write(source)
        return py_record.run_snippet(path, **kw)


class VirtualClock(unittest.TestCase):
    """The recorder's clock: exact times, threads as under the real clock."""

    def test_timers_threads_and_blocking_sleep_give_exact_times(self):
        out = record(
            "import asyncio, threading, time\n"
            "from concurrent.futures import ThreadPoolExecutor\n"
            "print(time.time(), time.monotonic())\n"
            "async def main():\n"
            "    s = time.perf_counter()\n"
            "    await asyncio.gather(*(asyncio.to_thread(time.sleep, 1) for _ in range(3)), asyncio.sleep(0.5))\n"
            "    print('three to_thread(sleep 1):', time.perf_counter() - s)\n"
            "    async def ticker():\n"
            "        await asyncio.sleep(0.1)\n"
            "        print('tick at', time.perf_counter() - s)\n"
            "    t = asyncio.create_task(ticker())\n"
            "    await asyncio.sleep(0)\n"
            "    time.sleep(2)\n"
            "    await t\n"
            "    with ThreadPoolExecutor(2) as ex:\n"
            "        print(list(ex.map(lambda d: time.sleep(d) or d, [1, 1, 1])), time.perf_counter() - s)\n"
            "asyncio.run(main())\n"
            "th = threading.Thread(target=time.sleep, args=(4,)); th.start(); th.join()\n"
            "print(time.monotonic())\n")
        self.assertEqual(out, "1767225600.0 1000.0\n"
                              "three to_thread(sleep 1): 1.0\n"
                              "tick at 3.0\n"
                              "[1, 1, 1] 5.0\n"
                              "1009.0\n"
                              "[exit 0]\n")

    def test_nested_loop_in_a_worker_thread(self):
        out = record(
            "import asyncio, time\n"
            "def sync():\n"
            "    asyncio.run(asyncio.to_thread(time.sleep, 2))\n"
            "    return time.monotonic()\n"
            "async def main():\n"
            "    print(await asyncio.gather(asyncio.to_thread(sync), asyncio.sleep(3, 'slept')))\n"
            "asyncio.run(main())\n")
        self.assertEqual(out, "[1002.0, 'slept']\n[exit 0]\n")

    def test_threads_and_exit_handlers_outliving_the_main_module_keep_the_clock(self):
        out = record("import atexit, threading, time\n"
                     "atexit.register(lambda: (time.sleep(2), print('atexit', time.monotonic())))\n"
                     "threading.Thread(target=lambda: (time.sleep(3), print('thread', time.monotonic()))).start()\n"
                     "print('main ends', time.monotonic())\n")
        self.assertEqual(out, "main ends 1000.0\nthread 1003.0\natexit 1005.0\n[exit 0]\n")

    def test_debug_mode_reports_the_blocking_step_exactly(self):
        out = record("import asyncio, time\n"
                     "async def bad():\n"
                     "    time.sleep(5)\n"
                     "asyncio.run(bad(), debug=True)\n")
        self.assertIn("took 5.000 seconds", out)
        self.assertTrue(out.endswith("[exit 0]\n"), out)

    def test_uncaught_errors_print_as_python3_does(self):
        for source in ("import asyncio\nasync def f():\n    raise ValueError('bad')\nasyncio.run(f())\n",
                       "def f():\n    await g()\n",
                       "print('before')\nx = undefined_name\n"):
            virtual, real = record(source), record(source, real=True)
            self.assertTrue(virtual.endswith("[exit 1]\n"), virtual)
            self.assertEqual(virtual, real)

    def test_a_program_that_never_ends_is_reported(self):
        out = record("import asyncio\nprint('waiting')\n"
                     "async def main():\n    await asyncio.get_running_loop().create_future()\n"
                     "asyncio.run(main())\n", guard=3)
        self.assertEqual(out, "waiting\n[timeout]\n")

    def test_check_reports_an_output_that_differs(self):
        with tempfile.TemporaryDirectory() as d:
            prog = os.path.join(d, "prog.py")
            with open(prog, "w", encoding="utf-8") as f:
                f.write("import time\ntime.sleep(1.5)\nprint(time.time())\n")
            tool = [sys.executable, os.path.join(ROOT, "tools", "py_record.py")]
            subprocess.run(tool + [prog], check=True)
            with open(os.path.join(d, "prog.out"), encoding="utf-8") as f:
                self.assertEqual(f.read(), "1767225601.5\n[exit 0]\n")
            self.assertEqual(subprocess.run(tool + ["--check", prog], stdout=subprocess.PIPE).returncode, 0)
            with open(os.path.join(d, "prog.out"), "w", encoding="utf-8") as f:
                f.write("1767225601.0\n[exit 0]\n")
            p = subprocess.run(tool + ["--check", prog], stdout=subprocess.PIPE, text=True)
            self.assertEqual(p.returncode, 1)
            self.assertIn("DIFF", p.stdout)

    def test_shape_ignores_numbers_and_order_only(self):
        self.assertEqual(shape("生产: 12\n消费: 7\n"), shape("消费: 99\n生产: 3\n"))
        self.assertNotEqual(shape("生产: 1\n"), shape("消费: 1\n"))
        self.assertNotEqual(shape("a 1\n"), shape("a 1\na 2\n"))


if __name__ == "__main__":
    unittest.main()
