# Generator expressions: lazy, own scope, the first iterable evaluated where the expression
# stands, closures, nesting, class bodies, errors raised when the item is produced.


def noisy():
    for i in range(3):
        print("produce", i)
        yield i


g = (x * x for x in range(5))
print(type(g).__name__, repr(g).startswith("<generator object <genexpr> at 0x"))
print(next(g), next(g), list(g))
print(sum(x for x in range(10)))
print(list((a, b) for a in range(4) for b in range(a) if a + b > 2))
x = "outer"
print(list(x for x in "abc"), x)

g = (v + 1 for v in noisy())
print("created")
print(next(g))
print(list(g))

try:
    (v for v in 1)
except TypeError as e:
    print("TypeError:", e)
g = (10 // v for v in [1, 0])
print(next(g))
try:
    next(g)
except ZeroDivisionError as e:
    print("lazy:", e)


def scale(k):
    return (k * v for v in range(3))


print(list(scale(3)))


def counter():
    n = 0

    def bump():
        nonlocal n
        n += 1
        return n
    return list(bump() + i for i in range(3))


print(counter())


class C:
    vals = [1, 2, 3]
    total = sum(v for v in vals)


print(C.total)
print(list(list(j for j in range(i)) for i in range(4)))
print(max(len(w) for w in ["a", "abc", "ab"]))
print(", ".join(str(i) for i in range(4)))
print(dict((k, len(k)) for k in ["ab", "c"]))
g = (i for i in range(3))
g.close()
print(list(g))
g = (i for i in range(3))
print(g.send(None), next(g))
print(any(v > 2 for v in noisy()))


def boom():
    return list(int(v) for v in ["1", "x"])


boom()
