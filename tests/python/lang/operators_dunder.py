# Operator protocols of user classes: binary, reflected, in-place and unary dunders, NotImplemented,
# __index__ and __format__, with CPython's TypeErrors when nothing applies.


def attempt(label, f):
    try:
        print(label, "->", f())
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)


class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return f"Vec({self.x}, {self.y})"

    def __add__(self, o):
        if isinstance(o, Vec):
            return Vec(self.x + o.x, self.y + o.y)
        if isinstance(o, int):
            return Vec(self.x + o, self.y + o)
        return NotImplemented

    def __radd__(self, o):
        print("  Vec.__radd__", o)
        return self + o

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y)

    def __mul__(self, k):
        if not isinstance(k, (int, float)):
            return NotImplemented
        return Vec(self.x * k, self.y * k)

    __rmul__ = __mul__

    def __truediv__(self, k):
        return Vec(self.x / k, self.y / k)

    def __floordiv__(self, k):
        return Vec(self.x // k, self.y // k)

    def __mod__(self, k):
        return Vec(self.x % k, self.y % k)

    def __pow__(self, k):
        return Vec(self.x ** k, self.y ** k)

    def __matmul__(self, o):
        return self.x * o.x + self.y * o.y

    def __lshift__(self, n):
        return Vec(self.x << n, self.y << n)

    def __rshift__(self, n):
        return Vec(self.x >> n, self.y >> n)

    def __and__(self, o):
        return ("and", o)

    def __or__(self, o):
        return ("or", o)

    def __xor__(self, o):
        return ("xor", o)

    def __rsub__(self, o):
        return ("rsub", o)

    def __rtruediv__(self, o):
        return ("rtruediv", o)

    def __rfloordiv__(self, o):
        return ("rfloordiv", o)

    def __rmod__(self, o):
        return ("rmod", o)

    def __rpow__(self, o):
        return ("rpow", o)

    def __rmatmul__(self, o):
        return ("rmatmul", o)

    def __rlshift__(self, o):
        return ("rlshift", o)

    def __rrshift__(self, o):
        return ("rrshift", o)

    def __rand__(self, o):
        return ("rand", o)

    def __ror__(self, o):
        return ("ror", o)

    def __rxor__(self, o):
        return ("rxor", o)

    def __neg__(self):
        return Vec(-self.x, -self.y)

    def __pos__(self):
        return "pos"

    def __abs__(self):
        return (self.x * self.x + self.y * self.y) ** 0.5

    def __invert__(self):
        return "inverted"


a, b = Vec(1, 2), Vec(3, 4)
print(a + b, a - b, a * 3, 3 * a, a * 1.5)
print(a / 2, b // 2, b % 2, a ** 2, a @ b, a << 2, b >> 1)
print(a & 1, a | 2, a ^ 3)
print(10 - a, 10 / a, 10 // a, 10 % a, 2 ** a, 5 @ a if False else "", 1 << a, 1 >> a)
print(1 & a, 2 | a, 3 ^ a)
print(1 + a)
print(sum([a, b]))
print(-a, +a, abs(b), ~a)
print(pow(a, 2), pow(2, a))

# NotImplemented from both sides, and from one side with no reflected method
attempt("Vec + str", lambda: a + "s")
attempt("str + Vec", lambda: "s" + a)
attempt("Vec * Vec", lambda: a * b)
attempt("list + Vec", lambda: [1] + a)
attempt("Vec - 1", lambda: a - 1)
attempt("Vec @ 1", lambda: a @ 1)
print(repr(NotImplemented), type(NotImplemented).__name__, NotImplemented is NotImplemented)


class Plain:
    pass


p = Plain()
for label, f in [("+", lambda: p + 1), ("-", lambda: 1 - p), ("*", lambda: p * p), ("/", lambda: p / 2),
                 ("//", lambda: p // 2), ("%", lambda: p % 2), ("**", lambda: p ** 2), ("@", lambda: p @ p),
                 ("<<", lambda: p << 1), (">>", lambda: p >> 1), ("&", lambda: p & 1), ("|", lambda: p | 1),
                 ("^", lambda: p ^ 1), ("unary -", lambda: -p), ("unary +", lambda: +p),
                 ("unary ~", lambda: ~p), ("abs", lambda: abs(p)), ("pow3", lambda: pow(p, 2)),
                 ("list*Plain", lambda: [1] * p), ("dict|Plain", lambda: {} | p), ("set&Plain", lambda: {1} & p)]:
    attempt(label, f)


def aug(op):
    x = Plain()
    try:
        if op == "+=": x += 1
        elif op == "-=": x -= 1
        elif op == "*=": x *= 1
        elif op == "/=": x /= 1
        elif op == "//=": x //= 1
        elif op == "%=": x %= 1
        elif op == "**=": x **= 1
        elif op == "@=": x @= 1
        elif op == "<<=": x <<= 1
        elif op == ">>=": x >>= 1
        elif op == "&=": x &= 1
        elif op == "|=": x |= 1
        elif op == "^=": x ^= 1
    except TypeError as e:
        print(op, e)


for op in ["+=", "-=", "*=", "/=", "//=", "%=", "**=", "@=", "<<=", ">>=", "&=", "|=", "^="]:
    aug(op)
n = 1
try:
    n += "a"
except TypeError as e:
    print("int += str:", e)
s = "a"
try:
    s += 1
except TypeError as e:
    print("str += int:", e)


# in-place: __iadd__ mutates; falls back to __add__; NotImplemented from __iadd__ falls back too
class Acc:
    def __init__(self):
        self.items = []

    def __iadd__(self, x):
        if x is None:
            return NotImplemented
        self.items.append(x)
        return self

    def __add__(self, x):
        print("  Acc.__add__", x)
        return "added"

    def __isub__(self, x):
        return "isub result"


acc = Acc()
keep = acc
acc += 1
acc += 2
print(acc is keep, acc.items)
acc += None
print(acc)
acc = Acc()
acc -= 5
print(acc)
v = Vec(1, 1)
v += Vec(2, 2)
print(v)
v *= 3
print(v)
v **= 2
print(v)
total = 5
total += Vec(1, 1)
print(total)
lst = [0]
lst += Vec(7, 7) if False else [1]
print(lst)


class AddsToList:
    def __radd__(self, other):
        return "radd of " + repr(other)


lst = [1]
lst += AddsToList()
print(lst)


# a subclass that overrides the reflected method goes first
class Base:
    def __init__(self, name):
        self.name = name

    def __add__(self, o):
        return f"Base.__add__({self.name}, {o.name})"

    def __radd__(self, o):
        return f"Base.__radd__({self.name}, {o.name})"

    def __sub__(self, o):
        return f"Base.__sub__({self.name}, {o.name})"

    def __rsub__(self, o):
        return f"Base.__rsub__({self.name}, {o.name})"


class Derived(Base):
    def __radd__(self, o):
        return f"Derived.__radd__({self.name}, {o.name})"


class Other(Base):
    pass


x, d, o = Base("x"), Derived("d"), Other("o")
print(x + d)
print(d + x)
print(x + o)
print(x - d)
print(d + d)


class Declines(Base):
    def __radd__(self, o):
        print("  Declines.__radd__ declines")
        return NotImplemented


print(x + Declines("n"))


class Unrelated:
    name = "u"

    def __radd__(self, o):
        return "Unrelated.__radd__"


print(x + Unrelated())


class Only:
    def __sub__(self, o):
        return NotImplemented

    def __rsub__(self, o):
        return NotImplemented


attempt("Only - Only", lambda: Only() - Only())
attempt("Only - 1", lambda: Only() - 1)
attempt("1 - Only", lambda: 1 - Only())


class Raises:
    def __add__(self, o):
        raise ValueError("no adding")

    def __neg__(self):
        raise KeyError("neg")


attempt("raising __add__", lambda: Raises() + 1)
attempt("raising __neg__", lambda: -Raises())


# __index__: indexing, range, sequence repetition, slices, bin/hex
class Idx:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n


data = [10, 20, 30, 40]
print(data[Idx(1)], data[Idx(-1)], (1, 2, 3)[Idx(2)], "abc"[Idx(0)])
print(list(range(Idx(3))), list(range(Idx(1), Idx(7), Idx(2))))
print([0] * Idx(3), Idx(2) * "ab", (1,) * Idx(2))
print(data[Idx(1):Idx(3)])
data[Idx(0)] = 99
print(data)
print(hex(Idx(255)), bin(Idx(5)), oct(Idx(8)))


class BadIdx:
    def __index__(self):
        return "x"


attempt("BadIdx index", lambda: data[BadIdx()])
attempt("range(BadIdx)", lambda: range(BadIdx()))
attempt("list[Plain]", lambda: data[Plain()])
attempt("range(Plain)", lambda: range(Plain()))
attempt("list * Plain", lambda: data * Plain())
attempt("list[Idx(9)]", lambda: data[Idx(9)])


# __format__
class Money:
    def __init__(self, v):
        self.v = v

    def __format__(self, spec):
        return f"${self.v:{spec or '.2f'}}"

    def __str__(self):
        return "Money"


m = Money(3.5)
print(f"{m}", f"{m:.1f}", format(m, ">8.3f"), "{}".format(m), "{:.0f}".format(m), str(m))


class NoFormat:
    def __str__(self):
        return "nofmt"


print(f"{NoFormat()}", format(NoFormat()), format(NoFormat(), ""))
attempt("format spec on plain object", lambda: format(NoFormat(), ">10"))
attempt("f-string spec on plain object", lambda: f"{Plain():x}")


class BadFormat:
    def __format__(self, spec):
        return 42


attempt("__format__ returns int", lambda: format(BadFormat(), "x"))


# comparisons that return NotImplemented fall back to the reflection, then identity / TypeError
class Cmp:
    def __init__(self, v):
        self.v = v

    def __eq__(self, o):
        if not isinstance(o, Cmp):
            return NotImplemented
        return self.v == o.v

    def __lt__(self, o):
        if not isinstance(o, Cmp):
            return NotImplemented
        return self.v < o.v


c = Cmp(1)
print(c == Cmp(1), c == 1, 1 == c, c != 1, c == c, c < Cmp(2), Cmp(3) > Cmp(2), c in [1, Cmp(1)])
attempt("Cmp < 1", lambda: c < 1)
attempt("1 > Cmp", lambda: 1 > c)
