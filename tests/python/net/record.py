#!/usr/bin/env python3
"""Record CPython's output of the network programs here: NAME.out beside each NAME.py.

    tests/python/net/record.py [NAME.py ...]   (default: every .py here but this one)

Starts tools/demo_server.mjs on an ephemeral loopback port and runs each program as
`python3 -u NAME.py BASE_URL` from this folder (stdout and stderr merged, then `[exit N]`); the
programs print nothing that depends on the port. aiohttp and requests are Debian's
python3-aiohttp (3.8) and python3-requests (2.28), added to the path when this python3 has no
aiohttp of its own.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
DEBIAN = "/usr/lib/python3/dist-packages"
RUN = ("import runpy, sys\n"
       "try:\n    import aiohttp\nexcept ImportError:\n    sys.path.append(%r)\n"
       "sys.argv = sys.argv[1:]\n"
       "runpy.run_path(sys.argv[0], run_name='__main__')\n") % DEBIAN


def record(name, base):
    r = subprocess.run([sys.executable, "-u", "-c", RUN, name, base], cwd=HERE, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=120)
    out = r.stdout.decode().replace(os.path.join(HERE, name), name)
    with open(os.path.join(HERE, name[:-3] + ".out"), "w") as f:
        f.write(out + "[exit %d]\n" % r.returncode)


server = subprocess.Popen(["node", os.path.join(ROOT, "tools", "demo_server.mjs"), "--port", "0"],
                          stdout=subprocess.PIPE, text=True)
try:
    base = server.stdout.readline().split()[-1].rstrip("/")  # "listening on http://127.0.0.1:PORT/"
    names = sys.argv[1:] or sorted(n for n in os.listdir(HERE) if n.endswith(".py") and n != "record.py")
    for n in names:
        record(os.path.basename(n), base)
finally:
    server.terminate()
