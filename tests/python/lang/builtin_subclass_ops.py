# Subclasses of int, float, tuple, bytes, set and frozenset: operators dispatch to their dunders,
# the builtin behaviour applies otherwise (on the value they carry).


class Plain(int):
    pass


class Money(int):
    def __add__(self, other):
        return Money(int(self) + int(other))

    def __radd__(self, other):
        return "radd " + repr(other)

    def __repr__(self):
        return "Money(" + str(int(self)) + ")"

    def __neg__(self):
        return "negated"


p = Plain(7)
print(p, repr(p), type(p).__name__, isinstance(p, int), isinstance(p, Plain))
print(p + 1, type(p + 1) is int, 1 + p, p * 2, p - 10, p // 2, p % 4, p ** 2, p / 2)
print(-p, type(-p) is int, +p, ~p, abs(Plain(-3)), bool(Plain(0)), bool(p))
print(p == 7, 7 == p, p != 7, p < 8, 8 > p, p >= 7, hash(p) == hash(7), {p: "x"}[7])
print(int(p), type(int(p)) is int, float(p), [1, 2, 3, 4, 5, 6, 7, 8][p], "ab" * Plain(2))
print(f"{p:05d}", "%d|%s" % (p, p), round(Plain(5)), divmod(p, 2), p.bit_length())
print(sorted([Plain(3), 1, Plain(2)]), max(Plain(1), Plain(9)), list(range(Plain(3))))

m = Money(5)
print(m + 1, m + m, type(m + 1).__name__, 1 + m, m - 1, type(m - 1) is int, -m)
print(repr(m), str(m), [m], f"{m}")

try:
    p + "a"
except TypeError as e:
    print("TypeError:", e)
try:
    "a" + p
except TypeError as e:
    print("TypeError:", e)
try:
    p < "a"
except TypeError as e:
    print("TypeError:", e)
try:
    len(p)
except TypeError as e:
    print("TypeError:", e)
try:
    Plain(1) / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    Plain("x")
except ValueError as e:
    print("ValueError:", e)


class Declines(int):
    def __add__(self, other):
        return NotImplemented

    def __radd__(self, other):
        return NotImplemented


print(Declines(2) + 3, 3 + Declines(2))
try:
    Declines(2) + "s"
except TypeError as e:
    print("TypeError:", e)


class Sub(Money):
    def __radd__(self, other):
        return "Sub.__radd__"


# The right operand's class is a subclass overriding the reflected method: it goes first.
print(Money(1) + Sub(2), Sub(2) + Money(1))


class Celsius(float):
    def __sub__(self, other):
        return Celsius(float(self) - float(other))

    def __repr__(self):
        return "%.1fC" % self


c = Celsius(21.5)
print(c, c - 1.5, type(c - 1.5).__name__, c + 1, type(c + 1) is float, c * 2, 2 * c, -c, c < 22)
print(isinstance(c, float), c == 21.5, hash(c) == hash(21.5), int(c), round(c), f"{c:.3f}", c.is_integer())
try:
    c + "a"
except TypeError as e:
    print("TypeError:", e)


class Pair(tuple):
    def __add__(self, other):
        return Pair(tuple(self) + tuple(other) + ("added",))

    def __len__(self):
        return 99

    def __getitem__(self, i):
        return "item " + repr(i)

    def __eq__(self, other):
        return "eq result"

    def __hash__(self):
        return 5


t = Pair((1, 2))
print(type(t).__name__, isinstance(t, tuple), t + (3,), len(t), t[0], t == (1, 2), hash(t))
print(tuple(t), repr(t), list(t))


class Row(tuple):
    pass


r = Row([1, 2])
print(r, r + (3,), type(r + (3,)) is tuple, r == (1, 2), (1, 2) == r, len(r), r[1], r[:1], hash(r) == hash((1, 2)))
print(r < (1, 3), 3 * r, r.count(1), r.index(2), 2 in r, Row() == ())
a, b = r
print(a, b, Row((1,)) is not Row((1,)))
try:
    r + [3]
except TypeError as e:
    print("TypeError:", e)


class Blob(bytes):
    def __add__(self, other):
        return "blob+" + repr(other)


class Raw(bytes):
    pass


print(Blob(b"ab") + b"c", b"c" + Raw(b"ab"), Raw(b"ab") + b"c", type(Raw(b"ab") + b"c") is bytes)
print(Plain(97) in b"abc", Plain(98) in Raw(b"ab"), Plain(1) in b"abc")
print(Raw(b"ab"), len(Raw(b"xyz")), Raw(b"ab") == b"ab", Raw(b"ab")[0], Raw(b"abc").hex(), type(Raw(b"x")).__name__)


class Tags(set):
    def __or__(self, other):
        return "union of " + str(len(other))


class Bag(set):
    pass


class Frozen(frozenset):
    pass


print(Tags({1}) | {2, 3}, sorted(Bag({1, 2}) | {3}), type(Bag({1}) | {2}) is set, Bag({1}) == {1}, 1 in Bag({1}))
bag = Bag([1])
bag.add(2)
print(sorted(bag), len(bag), isinstance(bag, set), type(bag).__name__)
fz = Frozen([1, 2])
print(type(fz).__name__, fz == frozenset({1, 2}), hash(fz) == hash(frozenset({1, 2})), sorted(fz & {2}))
try:
    Bag({1}) + {2}
except TypeError as e:
    print("TypeError:", e)


# int's and float's own methods, as a subclass's override reaches them.
class Meters(int):
    def __add__(self, other):
        result = super().__add__(other)
        return result if result is NotImplemented else Meters(result)

    def __lt__(self, other):
        return "lt " + repr(super().__lt__(other))

    def __repr__(self):
        return "Meters(%d)" % self


print(Meters(2) + 3, Meters(2) + Meters(4), Meters(2) + 1.5, Meters(2) < 3, Meters(2) < 1.5, Meters(1) < "a")
print(int.__add__(1, 2), int.__add__(1, 2.5), int.__radd__(1, 10), int.__rsub__(1, 10), int.__lt__(1, 2))
print(float.__add__(1.5, 2), float.__rsub__(1.5, 4), float.__mul__(2.0, "x"), float.__ge__(2.0, 2))
try:
    int.__add__("a", 1)
except TypeError as e:
    print("TypeError:", e)
try:
    int.__floordiv__(Meters(1), 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)

import json

print(pow(Plain(2), 3, 5), pow(2, Plain(3), Plain(5)), "%x %o %c" % (Plain(255), Plain(8), Plain(65)), hex(p), chr(Plain(65)))
print(json.dumps({Plain(1): Plain(2), "f": Celsius(1.5)}), sum([Plain(1), Plain(2)]), min(Celsius(2.0), 3))


# Instance attributes of int and float subclasses.
class Tagged(int):
    def describe(self):
        return "%d %s" % (self, self.unit)


t5 = Tagged(5)
t5.unit = "m"
print(t5.describe(), t5.unit, t5 + 1, getattr(t5, "missing", "none"), hasattr(Tagged(1), "unit"))
del t5.unit
try:
    t5.unit
except AttributeError as e:
    print("AttributeError:", e)
try:
    del t5.unit
except AttributeError as e:
    print("AttributeError:", e)


class Sourced(float):
    def __init__(self, v):
        self.source = repr(v)


print(Sourced("2.5").source, Sourced(1) * 2, Sourced(0.5) + Sourced(1))
