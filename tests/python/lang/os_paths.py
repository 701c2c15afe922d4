# os and os.path: folders, renames, listing, path strings, and their errors.
import os
import concurrent.futures as cf
import os.path
import os.path as osp
from os import path as p

print(osp is p is os.path, cf.ThreadPoolExecutor.__name__)

base = "/tmp/aio_py_os_paths"


def rmtree(d):  # what an interrupted earlier run left
    for name in os.listdir(d):
        full = p.join(d, name)
        if p.isdir(full):
            rmtree(full)
        else:
            os.remove(full)
    os.rmdir(d)


if p.isdir(base):
    rmtree(base)

os.makedirs(p.join(base, "a", "b"))
os.makedirs(p.join(base, "a", "b"), exist_ok=True)
try:
    os.makedirs(p.join(base, "a"))
except FileExistsError as e:
    print(type(e).__name__, e.errno, e.filename == p.join(base, "a"))
os.mkdir(p.join(base, "c"))
try:
    os.mkdir(p.join(base, "missing", "deeper"))
except FileNotFoundError as e:
    print("mkdir:", e.strerror)
with open(p.join(base, "a", "b", "data.txt"), "w") as f:
    f.write("数据\n")
print(sorted(os.listdir(base)), os.listdir(p.join(base, "a", "b")))
os.rename(p.join(base, "a", "b", "data.txt"), p.join(base, "c", "moved.txt"))
print(os.listdir(p.join(base, "c")), p.getsize(p.join(base, "c", "moved.txt")))
try:
    os.rename(p.join(base, "nope.txt"), p.join(base, "x.txt"))
except OSError as e:
    print(type(e).__name__, str(e).replace(base, "BASE"))
try:
    os.rmdir(p.join(base, "c"))
except OSError as e:
    print(type(e).__name__, e.errno, e.strerror)
try:
    os.listdir(p.join(base, "c", "moved.txt"))
except NotADirectoryError as e:
    print(type(e).__name__, e.strerror)
try:
    os.remove(p.join(base, "a"))
except IsADirectoryError as e:
    print(type(e).__name__, e.strerror)
except PermissionError as e:  # macOS
    print("IsADirectoryError", "Is a directory")
os.remove(p.join(base, "c", "moved.txt"))
for d in ("c", "a/b", "a", ""):
    os.rmdir(p.join(base, d) if d else base)
print(p.exists(base), os.path.exists("/"), p.isdir("/tmp"), p.isfile("/tmp"))

print(p.join("a", "b", "c.txt"), p.join("a/", "b"), p.join("a", "/abs", "c"), p.join("", "x"))
print(p.basename("/x/y/z.tar.gz"), p.dirname("/x/y/z.tar.gz"), p.dirname("z"), p.dirname("/z"), p.dirname("//a//b"))
print(p.split("/x/y/z"), p.split("z"), p.split("/"), p.splitext("/x/y/z.tar.gz"), p.splitext(".bashrc"),
      p.splitext("a/.b.c"), p.splitext("a.b/c"), p.splitext("x..."))
print(p.abspath("/a/./b/../c"), p.abspath("/../x"), p.abspath("/"), p.abspath(".") == os.getcwd())
print(os.sep, p.sep, repr(os.linesep), os.name, isinstance(os.getpid(), int), os.cpu_count() >= 1)
print(os.getenv("AIO_SURELY_UNSET_VARIABLE"), os.getenv("AIO_SURELY_UNSET_VARIABLE", "fallback"))
for bad in (lambda: os.remove(3), lambda: p.exists(None), lambda: p.join("a", 1), lambda: os.mkdir()):
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)
os.remove("/tmp/aio_py_os_paths_missing")
