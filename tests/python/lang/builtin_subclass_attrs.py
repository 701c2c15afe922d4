# Instances of class statements' subclasses of str, bytes and tuple take attributes, as list's,
# dict's and int's do, unless every class down to the builtin defines __slots__ (namedtuple).
from collections import namedtuple


class Tagged(str):
    def tagged(self):
        return f"{self}#{self.tag}"


s = Tagged("name")
s.tag = 7
print(s, s.tag, s.tagged(), s.upper(), len(s), s == "name", isinstance(s, str))


class Packet(bytes):
    pass


p = Packet(b"\x01\x02")
p.port = 8080
print(p, p.port, p[1], len(p))


class Point(tuple):
    def __new__(cls, x, y):
        self = super().__new__(cls, (x, y))
        self.label = f"P{x}{y}"
        return self


q = Point(1, 2)
print(q, q.label, q[0] + q[1], q == (1, 2), hash(q) == hash((1, 2)))
q.label = "moved"
print(q.label)
del q.label
try:
    q.label
except AttributeError as e:
    print("AttributeError:", e)


class Slotted(tuple):
    __slots__ = ()


class Open(Slotted):
    pass


for obj in (Slotted((1,)), Open((2,)), (3,), "plain", namedtuple("Pair", "a b")(1, 2)):
    try:
        obj.extra = 1
        print(type(obj).__name__, "took", obj.extra)
    except AttributeError as e:
        print("AttributeError:", e)
