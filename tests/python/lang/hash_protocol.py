# hash() and the __hash__ / __eq__ rules of classes, as CPython's type_new sets them.


def show(label, f):
    try:
        print(label, f())
    except TypeError as e:
        print(label, "TypeError:", e)


class Plain:
    pass


class EqOnly:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        return isinstance(other, EqOnly) and self.v == other.v


class Both:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        return isinstance(other, Both) and self.v == other.v

    def __hash__(self):
        return hash(self.v)


class Explicit:
    __hash__ = None


class FromEqOnly(EqOnly):
    pass


class Rehashed(EqOnly):
    def __hash__(self):
        return 7


class EqAgain(Both):
    def __eq__(self, other):
        return True


class HashOnly:
    def __hash__(self):
        return 42


class BadHash:
    def __hash__(self):
        return "x"


class FloatHash:
    def __hash__(self):
        return 1.5


class BoolHash:
    def __hash__(self):
        return True


class MinusOne:
    def __hash__(self):
        return -1


class IntEq(int):
    def __eq__(self, other):
        return int(self) == other


class StrHashed(str):
    def __hash__(self):
        return 5


p = Plain()
show("plain hashable", lambda: hash(p) == hash(p))
print("EqOnly.__hash__", EqOnly.__hash__)
print("Explicit.__hash__", Explicit.__hash__)
print("FromEqOnly.__hash__", FromEqOnly.__hash__)
print("EqAgain.__hash__", EqAgain.__hash__)
show("hash(EqOnly)", lambda: hash(EqOnly(1)))
show("set add EqOnly", lambda: {EqOnly(1)})
show("dict key EqOnly", lambda: {EqOnly(1): 1})
show("set.add EqOnly", lambda: set().add(EqOnly(1)))
show("in set EqOnly", lambda: EqOnly(1) in {1, 2})
show("hash(Explicit)", lambda: hash(Explicit()))
show("hash(FromEqOnly)", lambda: hash(FromEqOnly(2)))
show("hash(Rehashed)", lambda: hash(Rehashed(2)))
show("hash(EqAgain)", lambda: hash(EqAgain(2)))
show("hash tuple with EqOnly", lambda: hash((1, EqOnly(1))))
show("frozenset of EqOnly", lambda: frozenset([EqOnly(1)]))
show("Both equal and one key", lambda: len({Both(1), Both(1), Both(2)}))
show("Both dict", lambda: {Both(3): "three"}[Both(3)])
show("hash(HashOnly)", lambda: hash(HashOnly()))
show("hash(BadHash)", lambda: hash(BadHash()))
show("set of BadHash", lambda: {BadHash()})
show("hash(FloatHash)", lambda: hash(FloatHash()))
show("hash(BoolHash)", lambda: hash(BoolHash()))
show("hash(MinusOne)", lambda: hash(MinusOne()))
show("hash(IntEq)", lambda: hash(IntEq(3)))
show("hash(StrHashed)", lambda: hash(StrHashed("a")))
show("EqOnly equal still", lambda: EqOnly(1) == EqOnly(1))
show("EqOnly in list", lambda: EqOnly(1) in [EqOnly(1)])
