# __new__ in classes: subclasses of int, float, str, bytes, tuple and frozenset making their
# value in __new__ through super().__new__, plain classes through object.__new__, a __new__
# returning something else (no __init__ then), and the errors of the builtin __new__s.


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


class Doubled(int):
    def __new__(cls, v):
        return super().__new__(cls, v * 2)


d = Doubled(3)
print(d, type(d).__name__, d + 1, isinstance(d, int), Doubled(4) == 8, hash(d) == hash(6))


class Hex(int):
    def __new__(cls, text):
        return int.__new__(cls, text, 16)

    def __repr__(self):
        return "Hex(%#x)" % self


print(repr(Hex("ff")), Hex("10") + 0)


class Meters(float):
    def __new__(cls, v, unit="m"):
        self = super().__new__(cls, v * (1000 if unit == "km" else 1))
        self.unit = unit
        return self


m = Meters(1.5, "km")
print(m, m.unit, type(m).__name__, m / 2)


class Shout(str):
    def __new__(cls, text):
        return super().__new__(cls, text.upper() + "!")

    def whisper(self):
        return self.lower()


s = Shout("hi")
print(s, type(s).__name__, s + "?", s.whisper(), len(s))


class Raw(bytes):
    def __new__(cls, text):
        return super().__new__(cls, text, "utf-8")


print(Raw("é"), type(Raw("a")).__name__)


class Point(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))

    def __init__(self, x, y):
        print("init", x, y, self)

    @property
    def x(self):
        return self[0]


p = Point(1, 2)
print(p, p.x, type(p).__name__, p + (3,), len(p))


class Frozen(frozenset):
    def __new__(cls, *items):
        return super().__new__(cls, items)


print(sorted(Frozen(3, 1, 2)), type(Frozen()).__name__)


class Counted:
    made = 0

    def __new__(cls, *args, **kwargs):
        cls.made += 1
        print("new", cls.__name__, args, kwargs)
        return super().__new__(cls)

    def __init__(self, x, y=0):
        self.x, self.y = x, y


c = Counted(1, y=2)
print(c.x, c.y, Counted.made)


class Singleton:
    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance


print(Singleton() is Singleton())


class NotMine:
    def __new__(cls, v):
        return v  # not an instance: __init__ is not called

    def __init__(self, v):
        print("never")


print(NotMine(5), NotMine("x"))


class OnlyNew:
    def __new__(cls, a, b):
        return object.__new__(cls)


o = OnlyNew(1, 2)  # __init__ is object's: the arguments were __new__'s
print(type(o).__name__)

attempt("int.__new__(str)", lambda: int.__new__(str, 5))
attempt("int.__new__()", lambda: int.__new__())
attempt("int.__new__(5)", lambda: int.__new__(5))
attempt("int.__new__(int)", lambda: int.__new__(int, "7"))
attempt("tuple.__new__(Point)", lambda: tuple.__new__(Point, [4, 5]))
attempt("object.__new__ args", lambda: object.__new__(Counted, 1))
attempt("str.__new__(Doubled)", lambda: str.__new__(Doubled, "x"))
attempt("bad int", lambda: Doubled("x"))
attempt("missing arg", lambda: Doubled())
