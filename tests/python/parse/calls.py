f()
f(1)
f(1, 2, 3)
f(a=1)
f(1, b=2)
f(*args)
f(**kwargs)
f(1, *args, b=2, **kwargs)
f(*a, *b, c=1, **d, **e)
f(a=1, *args)
f(x for x in y)
f((x for x in y), 1)
f(a)(b)(c)
f(n := 1)
print("a", "b", sep=", ", end="\n", file=sys.stderr, flush=True)
obj.method().chain(1).attr
g(
    1,
    2,
)
