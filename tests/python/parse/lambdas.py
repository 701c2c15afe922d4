f = lambda: 0
g = lambda x: x + 1
h = lambda x, y=2, *args, z, w=3, **kw: (x, y, args, z, w, kw)
p = lambda a, /, b: a
s = lambda *, k: k
sorted(items, key=lambda item: (item[1], -item[0]))
nested = lambda x: lambda y: x + y
cond = lambda x: "big" if x > 10 else "small"
