# list, dict and set subclasses: __init__ fills the instance (what super().__init__ is given, not the
# call's arguments), and a class's __new__ is followed by the builtin's __init__, as CPython.
class D(dict):
    def __init__(self, x, **kw):
        super().__init__(**kw)
d = D(5, a=1)
print(d)
class E(dict):
    def __init__(self, *a, **kw):
        pass
print(E({'a': 1}), E(a=2))
class L(list):
    def __init__(self, n):
        super().__init__(range(n))
l = L(3)
print(l)
l.__init__(2)
print(l)
class S(set):
    def __init__(self, *items):
        super().__init__(items)
print(sorted(S(3, 1, 2)))
class P(list):
    pass
print(P("ab"), dict.__init__ is object.__init__)
d2 = D(0)
dict.__init__(d2, [("k", 1)], z=2)
print(d2)
for bad in (lambda: list.__init__([], 1, 2), lambda: dict.__init__({}, 1, 2), lambda: set.__init__(set(), a=1)):
    try:
        bad()
    except TypeError as e:
        print(e)
class N(list):
    def __new__(cls, *args):
        return super().__new__(cls)
print(N([1, 2]))
class M(dict):
    def __new__(cls, *args, **kw):
        inst = super().__new__(cls)
        inst["made"] = True
        return inst
print(M({"a": 1}, b=2))
