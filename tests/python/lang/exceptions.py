# Exceptions: try/except/else/finally, tuples of types, `as`, re-raise, raise from, chaining,
# custom exception classes, finally with return/break, assert, with statements.
class AppError(Exception):
    pass

class DetailError(AppError):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code

def risky(n):
    if n == 0:
        raise ValueError("zero")
    if n == 1:
        raise DetailError(42)
    return 10 // (n - 2)

for n in range(4):
    try:
        r = risky(n)
    except (ValueError, ZeroDivisionError) as e:
        print("caught", type(e).__name__, e)
    except AppError as e:
        print("app error", e, e.code, e.args)
    else:
        print("result", r)
    finally:
        print("finally", n)

def f():
    try:
        return "from try"
    finally:
        print("cleanup runs first")
print(f())

for i in range(3):
    try:
        if i == 1:
            break
    finally:
        print("loop finally", i)

try:
    try:
        {}["missing"]
    except KeyError:
        raise RuntimeError("while handling")
except RuntimeError as e:
    print(repr(e), repr(e.__context__))

try:
    raise ValueError("outer") from KeyError("inner")
except ValueError as e:
    print(e, repr(e.__cause__))

try:
    try:
        raise TypeError("again")
    except TypeError:
        raise
except TypeError as e:
    print("re-raised", e)

class Resource:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None)
        return et is KeyError

with Resource("a") as r, Resource("b"):
    print("body", r.name)
with Resource("c"):
    raise KeyError("swallowed")
try:
    assert 1 + 1 == 3, "math is broken"
except AssertionError as e:
    print("assert:", e)

def deep(n):
    return deep(n + 1)
try:
    deep(0)
except RecursionError as e:
    print("RecursionError:", e)

try:
    undefined_name
except NameError as e:
    print(e)

def inner():
    raise DetailError(7)

def outer():
    try:
        inner()
    except DetailError as e:
        raise AppError("wrapped") from e

outer()
