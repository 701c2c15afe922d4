# Functions: defaults, *args, **kwargs, keyword-only, closures, nonlocal, recursion, lambdas.
def f(a, b=2, *args, k=3, **kw):
    return (a, b, args, k, sorted(kw.items()))

print(f(1))
print(f(1, 5, 6, 7, k=9, z=1, y=2))
print(f(*[1, 2, 3], **{"k": 4}))

def counter():
    n = 0
    def inc(step=1):
        nonlocal n
        n += step
        return n
    return inc

c = counter()
c()
c(5)
print(c())

total = 0
def add(x):
    global total
    total += x
for i in range(5):
    add(i)
print(total)

def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(10))

square = lambda x, y=1: x * x + y
print(square(4), (lambda: "no args")())

def kwonly(a, *, b, c=10):
    return a + b + c
print(kwonly(1, b=2))

adders = [lambda x, i=i: x + i for i in range(3)]
print([g(10) for g in adders])

def deco(fn):
    def wrapper(*a, **k):
        return "<" + str(fn(*a, **k)) + ">"
    return wrapper

@deco
def hello(name):
    return "hello " + name
print(hello("world"))

def errors():
    for call in (lambda: f(), lambda: kwonly(1), lambda: f(1, x=1, a=2), lambda: square(1, 2, 3)):
        try:
            call()
        except TypeError as e:
            print("TypeError:", e)
errors()
