#!/usr/bin/env python3
"""Record CPython's output of the language tests: NAME.out beside each NAME.py.

    tests/python/lang/record.py [NAME.py ...]   (default: every .py here but this one)

Each program runs as `python3 -u NAME.py` from this folder (stdout and stderr merged in program
order, tracebacks showing the bare file name); the file ends with a line `[exit N]`.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def record(name):
    r = subprocess.run([sys.executable, "-u", name], cwd=HERE, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=60)
    out = r.stdout.decode().replace(os.path.join(HERE, name), name)
    with open(os.path.join(HERE, name[:-3] + ".out"), "w") as f:
        f.write(out + "[exit %d]\n" % r.returncode)


names = sys.argv[1:] or sorted(n for n in os.listdir(HERE) if n.endswith(".py") and n != "record.py")
for n in names:
    record(os.path.basename(n))
