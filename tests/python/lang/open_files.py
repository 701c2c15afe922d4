# open(): text and binary files, modes, iteration, with, errors (the tutorials' sync demos).
import os

path = "/tmp/aio_py_open_files.txt"
with open(path, "w") as f:
    print(repr(f))
    print(f.name, f.mode, f.closed, f.writable(), f.readable())
    print(f.write("第一行 line one\n"), f.write("second\r\nthird"))
    f.writelines(["\n", "fourth\n"])
    print("tell", f.tell())
print(f.closed)

with open(path, encoding="utf-8") as f:
    print(repr(f.readline()))
    print(repr(f.read(4)), repr(f.readline(3)))
    print(f.readlines())
    print(repr(f.read()), repr(f.readline()))

f = open(path)
for line in f:
    print(line.rstrip())
f.close()
print(f.closed, repr(f))
for call in (f.read, f.readline, lambda: f.write("x"), lambda: iter(f), f.tell):
    try:
        call()
    except ValueError as e:
        print(type(e).__name__, e)

with open(path, "a") as f:
    print(f.write("appended\n"))
with open(path) as f:
    print(f.read().splitlines())

print(open(path, "rb").read()[:12])
with open(path, "rb") as f:
    print(repr(f), f.mode)
    print(f.read(3), f.readline(), f.readlines()[-1])
    try:
        f.encoding
    except AttributeError as e:
        print(e)
with open(path, "wb") as f:
    print(repr(f), f.write(b"\x00\xff bytes\r\n"))
    try:
        f.write("text")
    except TypeError as e:
        print(e)
with open(path, "r+b") as f:
    print(repr(f), f.read(), f.seek(0), f.read(1), f.tell())
with open(path, "rb") as f:
    data = f.read()
print(data, len(data))
try:
    open(path).read()
except UnicodeDecodeError as e:
    print(type(e).__name__, e)

with open(path, "w") as f:
    print("printed into a file", 42, file=f)
    print(f.seek(0))
with open(path) as f:
    print(f.read(), end="")
    f.seek(0)
    print(f.tell(), f.read(7))

with open(path) as f:
    for op in (lambda: f.write("x"),):
        try:
            op()
        except OSError as e:
            print(type(e).__name__, e, isinstance(e, ValueError))
with open(path, "w") as f:
    try:
        f.read()
    except Exception as e:
        print(type(e).__name__, e)

for args, kw in [((path, "x"), {}), (("/tmp/no/such/dir/f.txt",), {}), (("/tmp",), {}), ((path, "rw"), {}),
                 ((path, "q"), {}), ((path, "rb"), {"encoding": "utf-8"}), ((path, "tb"), {}), ((3.5,), {}),
                 ((path,), {"encoding": "no-such-codec"}), ((path,), {"mode": "r", "bogus": 1}),
                 ((path, "w+"), {})]:
    try:
        with open(*args, **kw) as f:
            print("opened", f.mode, repr(f.read()))
    except (OSError, ValueError, TypeError, LookupError) as e:
        print(type(e).__name__, e, getattr(e, "errno", None), getattr(e, "filename", None))

print(os.path.exists(path), os.path.isfile(path), os.path.getsize(path), os.path.basename(path))
os.remove(path)
print(os.path.exists(path))
try:
    os.remove(path)
except FileNotFoundError as e:
    print(e)

# newline=: translation on reading (None) or not (''), on writing ('\r\n').
with open(path, "w", newline="\r\n") as f:
    f.write("a\nb\n")
for nl in (None, "", "\n"):
    with open(path, newline=nl) as f:
        print(repr(nl), repr(f.read()))
with open(path, newline="") as f:
    print(f.readlines())
try:
    open(path, newline="x")
except ValueError as e:
    print(e)
os.remove(path)
