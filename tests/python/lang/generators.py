# Generators: yield, send, return values, yield from, close, exhausted iteration.
def numbers(n):
    for i in range(n):
        yield i
    return "done"

print(list(numbers(4)), sum(numbers(5)))

def echo():
    received = yield "ready"
    while received is not None:
        received = yield f"got {received}"

g = echo()
print(next(g), g.send(1), g.send("two"))
try:
    g.send(None)
except StopIteration:
    print("stopped")

def delegate():
    result = yield from numbers(2)
    print("sub returned", result)
    yield from [10, 20]

print(list(delegate()))

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

f = fib()
print([next(f) for _ in range(10)])
f.close()
print(next(f, "closed"))
print(repr(numbers(1))[:27])

# throw()'s argument forms: a class with a value (an instance of it, a tuple, anything else),
# an instance, a traceback; and what it refuses.
def catcher():
    while True:
        try:
            yield
        except Exception as e:
            print("caught", repr(e))

c = catcher()
next(c)
for args in [(ValueError,), (ValueError("a"),), (ValueError, "msg"), (ValueError, ("a", "b")),
             (ValueError, ValueError("inst")), (ValueError, KeyError("k")), (ValueError, None, None)]:
    c.throw(*args)
for args in [(ValueError("a"), "x"), (ValueError, None, 5), (int,), (5,), (), (ValueError, 1, None, 4)]:
    try:
        c.throw(*args)
    except TypeError as e:
        print("TypeError:", e)
