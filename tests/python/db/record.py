#!/usr/bin/env python3
"""Record CPython's output of the database programs here: NAME.out beside each NAME.py.

    tests/python/db/record.py [NAME.py ...]   (default: every .py here but this one)

Each runs as tools/py_record.py runs the tutorials' snippets: from a fresh folder, on its virtual
clock (aiosqlite's thread included), stdout and stderr merged, then `[exit N]`; aiosqlite is
Debian's python3-aiosqlite (0.17), aiomysql and asyncpg aio-sandbox's SQLite stand-ins.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "tools"))
import py_record  # noqa: E402

names = sys.argv[1:] or sorted(n for n in os.listdir(HERE) if n.endswith(".py") and n != "record.py")
for name in names:
    path = os.path.join(HERE, os.path.basename(name))
    with open(path[:-3] + ".out", "w") as f:
        f.write(py_record.run_snippet(path))
