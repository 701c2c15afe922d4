squares = [x * x for x in range(10)]
evens = [x for x in range(10) if x % 2 == 0 if x > 2]
pairs = [(x, y) for x in range(3) for y in range(3) if x != y]
unique = {x % 3 for x in data}
index = {k: v for k, v in enumerate(names)}
inverted = {v: k for k, v in mapping.items() if v}
total = sum(x for x in range(10))
gen = (x for x in range(10))
nested = [[y for y in row] for row in matrix]
flat = [y for row in matrix for y in row]
with_walrus = [y for x in data if (y := f(x)) is not None]
unpacked = [a + b for a, b in zip(xs, ys)]
starred = [first for first, *rest in rows]
conditional = [x if x > 0 else -x for x in values]
