# CPython's operand order for binary operators and rich comparisons: a right operand whose class
# is a proper subclass of the left's gets its reflected method tried first.

ARITH = [
    ("+", "add", lambda a, b: a + b), ("-", "sub", lambda a, b: a - b), ("*", "mul", lambda a, b: a * b),
    ("/", "truediv", lambda a, b: a / b), ("//", "floordiv", lambda a, b: a // b),
    ("%", "mod", lambda a, b: a % b), ("**", "pow", lambda a, b: a ** b), ("@", "matmul", lambda a, b: a @ b),
    ("<<", "lshift", lambda a, b: a << b), (">>", "rshift", lambda a, b: a >> b),
    ("&", "and", lambda a, b: a & b), ("|", "or", lambda a, b: a | b), ("^", "xor", lambda a, b: a ^ b),
]

calls = []


def forward(name):
    def method(self, other):
        calls.append(f"{type(self).__name__}.__{name}__")
        return f"{type(self).__name__}.__{name}__"
    return method


def reflected(name, result="value"):
    def method(self, other):
        calls.append(f"{type(self).__name__}.__r{name}__")
        return NotImplemented if result is None else f"{type(self).__name__}.__r{name}__"
    return method


def declining(name):
    def method(self, other):
        calls.append(f"{type(self).__name__}.__{name}__")
        return NotImplemented
    return method


class Base:
    pass


class Overrides(Base):
    pass


class Inherits(Base):
    pass


class Declines(Base):
    pass


class Other:
    pass


for sym, name, _ in ARITH:
    setattr(Base, f"__{name}__", forward(name))
    setattr(Base, f"__r{name}__", reflected(name))
    setattr(Overrides, f"__r{name}__", reflected(name))
    setattr(Declines, f"__r{name}__", reflected(name, None))
    setattr(Other, f"__r{name}__", reflected(name))


def run(expr, evaluate):
    calls.clear()
    try:
        result = evaluate()
    except TypeError as e:
        result = f"TypeError: {e}"
    print(f"{expr:<28} -> {result!s:<22} calls {calls}")


def run_classes(left, sym, right, apply):
    run(f"{left.__name__}() {sym} {right.__name__}()", lambda: apply(left(), right()))


print("-- arithmetic")
for sym, name, apply in ARITH:
    run_classes(Base, sym, Overrides, apply)   # subclass overriding __rOP__: reflected first
    run_classes(Base, sym, Inherits, apply)    # subclass inheriting it: left first
    run_classes(Base, sym, Declines, apply)    # reflected first returns NotImplemented: left next
    run_classes(Base, sym, Other, apply)       # unrelated class: left first
    run_classes(Overrides, sym, Base, apply)   # the subclass on the left: its own method


class Nope:
    def __add__(self, other):
        calls.append("Nope.__add__")
        return NotImplemented

    def __radd__(self, other):
        calls.append("Nope.__radd__")
        return NotImplemented


class SubNope(Nope):
    def __radd__(self, other):
        calls.append("SubNope.__radd__")
        return NotImplemented


class Plain:
    pass


print("-- both decline")
run("Nope() + SubNope()", lambda: Nope() + SubNope())
run("SubNope() + Nope()", lambda: SubNope() + Nope())
run("Nope() + Nope()", lambda: Nope() + Nope())
run("Plain() + Nope()", lambda: Plain() + Nope())
run("Nope() - Plain()", lambda: Nope() - Plain())
run("1 + SubNope()", lambda: 1 + SubNope())

print("-- comparisons")
NAMES = {"<": "lt", "<=": "le", ">": "gt", ">=": "ge", "==": "eq", "!=": "ne"}
COMPARE = {
    "<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b, "==": lambda a, b: a == b, "!=": lambda a, b: a != b,
}


def comparing(name, result):
    def method(self, other):
        calls.append(f"{type(self).__name__}.__{name}__")
        return result
    return method


class C:
    pass


class CSub(C):
    pass


class CNone(C):
    pass


class CUnrelated:
    pass


for sym, name in NAMES.items():
    setattr(C, f"__{name}__", comparing(name, True))
    setattr(CSub, f"__{name}__", comparing(name, False))
    setattr(CNone, f"__{name}__", comparing(name, NotImplemented))
    setattr(CUnrelated, f"__{name}__", comparing(name, False))


class CBare(C):
    pass


for sym, apply in COMPARE.items():
    run_classes(C, sym, CSub, apply)         # subclass: its swapped method first
    run_classes(C, sym, CBare, apply)        # subclass without its own: the inherited one, still first
    run_classes(C, sym, CNone, apply)        # the subclass declines: the left's next
    run_classes(CNone, sym, C, apply)        # left declines: the right's swapped one
    run_classes(C, sym, CUnrelated, apply)   # unrelated: left first
    run_classes(CSub, sym, C, apply)         # the subclass on the left: its own first
    run_classes(C, sym, C, apply)


class Nothing:
    def __lt__(self, other):
        calls.append("Nothing.__lt__")
        return NotImplemented

    def __gt__(self, other):
        calls.append("Nothing.__gt__")
        return NotImplemented

    def __eq__(self, other):
        calls.append("Nothing.__eq__")
        return NotImplemented


class SubNothing(Nothing):
    pass


class OnlyEq:
    def __eq__(self, other):
        calls.append(f"{type(self).__name__}.__eq__")
        return isinstance(other, OnlyEq)


class SubOnlyEq(OnlyEq):
    pass


print("-- both decline")
run("Nothing() < SubNothing()", lambda: Nothing() < SubNothing())
run("SubNothing() > Nothing()", lambda: SubNothing() > Nothing())
run("Nothing() <= SubNothing()", lambda: Nothing() <= SubNothing())
run("Nothing() >= 1", lambda: Nothing() >= 1)
run("Nothing() == SubNothing()", lambda: Nothing() == SubNothing())
run("Nothing() != SubNothing()", lambda: Nothing() != SubNothing())
run("OnlyEq() != SubOnlyEq()", lambda: OnlyEq() != SubOnlyEq())
run("OnlyEq() != 3", lambda: OnlyEq() != 3)
run("OnlyEq() == SubOnlyEq()", lambda: OnlyEq() == SubOnlyEq())


class S(str):
    def __gt__(self, other):
        calls.append("S.__gt__")
        return True

    def __eq__(self, other):
        calls.append("S.__eq__")
        return NotImplemented


class T(S):
    def __lt__(self, other):
        calls.append("T.__lt__")
        return False


class L(list):
    def __radd__(self, other):
        calls.append("L.__radd__")
        return "L.__radd__"


class L2(L):
    def __radd__(self, other):
        calls.append("L2.__radd__")
        return "L2.__radd__"


print("-- subclasses of builtins")
run("'a' < S('b')", lambda: 'a' < S('b'))
run("S('a') < T('b')", lambda: S('a') < T('b'))
run("T('a') > S('b')", lambda: T('a') > S('b'))
run("S('a') == T('a')", lambda: S('a') == T('a'))
run("S('a') == 'a'", lambda: S('a') == 'a')
run("'a' != S('a')", lambda: 'a' != S('a'))
run("[1] + L([2])", lambda: [1] + L([2]))
run("L([1]) + L2([2])", lambda: L([1]) + L2([2]))
run("[1, S('x')] == [1, T('x')]", lambda: [1, S('x')] == [1, T('x')])
run("T('x') in [S('x')]", lambda: T('x') in [S('x')])
