# Multiple inheritance: C3 method resolution order, __mro__/__bases__, super() along the MRO,
# isinstance/issubclass through every base, and CPython's TypeErrors for impossible hierarchies.


def names(cls):
    return [c.__name__ for c in cls.__mro__]


class A:
    def hello(self):
        return "A"

    def chain(self):
        return ["A"]


class B(A):
    def hello(self):
        return "B"

    def chain(self):
        return ["B"] + super().chain()


class C(A):
    def hello(self):
        return "C"

    def chain(self):
        return ["C"] + super().chain()

    def only_c(self):
        return "only in C"


class D(B, C):
    def chain(self):
        return ["D"] + super().chain()


d = D()
print(names(D), [c.__name__ for c in D.__bases__], D.__base__.__name__)
print(d.hello(), d.chain(), d.only_c())
print(isinstance(d, C), isinstance(d, B), issubclass(D, C), issubclass(C, D), isinstance(C(), B))
print(names(B), names(A), [c.__name__ for c in A.__bases__])


class E(C, B):
    pass


print(names(E), E().hello(), E().chain())


# the classic C3 example
class O1: pass
class X(O1): pass
class Y(O1): pass
class Z(O1): pass
class K1(X, Y): pass
class K2(Y, Z): pass
class K3(X, Z): pass
class M(K1, K2, K3): pass


print(names(M))


# cooperative __init__ through super()
class Base:
    def __init__(self, **kw):
        self.log = ["Base"]


class Left(Base):
    def __init__(self, **kw):
        super().__init__(**kw)
        self.log.append("Left")


class Right(Base):
    def __init__(self, **kw):
        super().__init__(**kw)
        self.log.append("Right")


class Both(Left, Right):
    def __init__(self):
        super().__init__()
        self.log.append("Both")


print(Both().log, names(Both))


# mixins with class attributes and dunders
class ReprMixin:
    def __repr__(self):
        return f"<{type(self).__name__} {self.value}>"


class AddMixin:
    def __add__(self, o):
        return type(self)(self.value + o.value)


class Num(ReprMixin, AddMixin):
    kind = "num"

    def __init__(self, value):
        self.value = value


print(Num(1) + Num(2), Num.kind, names(Num))


# a subclass of an exception and a mixin still catches as the exception
class Tagged:
    tag = "tagged"


class MyError(Tagged, ValueError):
    pass


try:
    raise MyError("bad")
except ValueError as e:
    print("caught", type(e).__name__, e, e.tag, names(MyError))


def attempt(label, f):
    try:
        f()
        print(label, "-> ok")
    except TypeError as e:
        print(label, "->", e)


def bad_order():
    class Bad(A, B):
        pass


def bad_order2():
    class P(X, Y): pass
    class Q(Y, X): pass
    class R(P, Q): pass


def duplicate():
    class Dup(A, A):
        pass


def layout():
    class Both2(int, str):
        pass


def not_a_class():
    class Bad(A, 3):
        pass


attempt("A, B", bad_order)
attempt("P, Q", bad_order2)
attempt("A, A", duplicate)
attempt("int, str", layout)
attempt("A, 3", not_a_class)
