x = 1
x = y = z = 0
a, b = b, a
a, *rest = items
*init, last = items
(a, b), c = pairs
[a, b] = 1, 2
a.b = 1
a[0] = 1
a.b.c[1][2] = 3
x: int
x: int = 5
(y): str = "s"
a.b: int = 1
a[0]: int
x = yield_value = None
first, = seq
for i, (k, v) in enumerate(d.items()):
    pass
for x, in pairs:
    pass
del x
del a, b
del a[0], b.c
del (a, b)
del [c, d]
