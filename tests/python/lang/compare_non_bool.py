# Comparison methods may return any object: `a < b` gives it back, `if a < b:` uses its truth.


class Vec:
    def __init__(self, x):
        self.x = x

    def __lt__(self, other):
        return "yes" if self.x < other.x else ""

    def __le__(self, other):
        return [self.x, other.x]

    def __eq__(self, other):
        return ("eq", self.x)

    def __gt__(self, other):
        return 0

    def __ge__(self, other):
        return NotImplemented


a, b = Vec(1), Vec(2)
print(repr(a < b), repr(b < a), a <= b, a == b, a != b, a > b)
if a < b:
    print("a < b is truthy")
if not (b < a):
    print("b < a is falsy")
print("in:", a in [b], a in [a], [a] == [b], (a,) == (Vec(3),))
print(not (a > b), bool(a <= b), a == 1, 1 == a)
# Reflected: b >= a is NotImplemented, so a <= b runs instead.
print(b >= a)
try:
    a >= 5
except TypeError as e:
    print("TypeError:", e)
# Chained comparisons stop at the first falsy result and give it back.
print(repr(a < b < Vec(0)), repr(b < a < Vec(0)))


class Truthless:
    def __bool__(self):
        raise ValueError("no truth")


class Odd:
    def __lt__(self, other):
        return Truthless()


r = Odd() < 1
print(type(r).__name__)
try:
    if Odd() < 1:
        pass
except ValueError as e:
    print("ValueError:", e)
try:
    sorted([Odd(), Odd()])
except ValueError as e:
    print("ValueError:", e)


class NoEq:
    pass


x = NoEq()
print(x == x, x == NoEq(), x != x, x != NoEq())


class OnlyEq:
    def __eq__(self, other):
        return "same"


print(OnlyEq() != OnlyEq(), OnlyEq() == 1, 1 == OnlyEq())


class Num(int):
    def __lt__(self, other):
        return "num-lt"


print(Num(1) < 2, 2 > Num(1), Num(1) > 2, Num(1) == 1)
