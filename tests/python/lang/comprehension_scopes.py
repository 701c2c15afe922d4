# Comprehensions are functions of their own (CPython 3.11): loop variables do not leak, the first
# iterable is evaluated in the enclosing scope, closures and walrus reach the enclosing function.
x = "module x"
squares = [x * x for x in range(4)]
print(squares, x)
print({x: x * 2 for x in "ab" if x != "z"}, x)
print(sorted({x % 3 for x in range(10)}), x)


def outer(n):
    k = 10
    pairs = [(i, j) for i in range(n) for j in range(i) if (i + j) % 2]
    scaled = [i * k for i in range(n)]
    nested = [[i * j for j in range(3)] for i in range(3)]
    funcs = [lambda: i for i in range(3)]
    try:
        print(i)
    except NameError as e:
        print("NameError:", e)
    return pairs, scaled, nested, [f() for f in funcs]


print(outer(4))


def walrus(values):
    hits = [y for v in values if (y := v * 2) > 4]
    return hits, y


print(walrus([1, 2, 3, 4]))
print([total := 0] and [total := total + v for v in range(4)], total)


def first_iterable_once():
    calls = []

    def source():
        calls.append("source")
        return [1, 2, 3]

    result = [a + b for a in source() for b in [10, 20]]
    return result, calls


print(first_iterable_once())


class Config:
    base = [1, 2, 3]
    factor = 10
    doubled = [v * 2 for v in base]
    pairs = {v: str(v) for v in base}
    try:
        scaled = [v * factor for v in base]
    except NameError as e:
        print("class body:", type(e).__name__, e)


print(Config.doubled, Config.pairs, hasattr(Config, "v"), hasattr(Config, "scaled"))


def class_in_function():
    factor = 3

    class Inner:
        factor = 100
        values = [factor * v for v in range(3)]

    return Inner.values


print(class_in_function())


def counter():
    count = 0

    def bump():
        nonlocal count
        count += 1
        return count

    return [bump() for _ in range(3)], count


print(counter())
gen_then_list = [list(v for _ in range(2)) for v in "xy"]
print(gen_then_list)
print((lambda m: [m * c for c in range(3)])(5))
