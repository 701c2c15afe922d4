# A method call site remembers the method it found on a type (aio-python's inline cache): it must
# see the class change under it, other types at the same site, and an instance's own attribute.
class A:
    def f(self):
        return "A.f"


class B(A):
    pass


def call(o):
    return o.f()


b = B()
for _ in range(3):
    print(call(b))
B.f = lambda self: "B.f, set later"
print(call(b))
del B.f
print(call(b))
A.f = lambda self: "A.f, replaced"
print(call(b))
setattr(A, "f", lambda self: "A.f, by setattr")
print(call(b))


class C:
    def f(self):
        return "C.f"


for o in [b, C(), b, A(), C()]:
    print(type(o).__name__, call(o))

c = C()
c.f = lambda: "c's own f"
print(call(c))
del c.f
print(call(c))


class Loud:
    def upper(self):
        return "LOUD"


def upper(x):
    return x.upper()


print(upper("abc"), upper(Loud()), upper("d"))


def make(n):
    class K:
        def f(self):
            return f"K{n}"

    return K()


print([call(make(i)) for i in range(3)])


class Base:
    def g(self):
        return "Base.g"


class Mid(Base):
    pass


class Leaf(Mid):
    pass


def callg(o):
    return o.g()


leaf = Leaf()
print(callg(leaf))
Mid.g = lambda self: "Mid.g"
print(callg(leaf))
Leaf.g = lambda self: "Leaf.g"
print(callg(leaf))
del Mid.g, Leaf.g
print(callg(leaf))

del A.f
try:
    call(b)
except AttributeError as e:
    print("AttributeError:", e)
