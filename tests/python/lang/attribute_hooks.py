# __getattr__, __getattribute__, __setattr__, __delattr__ and explicit super(type, obj).


class Defaults:
    def __init__(self):
        self.real = 1

    def __getattr__(self, name):
        if name.startswith("x"):
            return "default " + name
        raise AttributeError(f"no {name} here")


d = Defaults()
print(d.real, d.xyz, getattr(d, "xa", None), hasattr(d, "nope"), getattr(d, "nope", "fallback"))
try:
    d.nope
except AttributeError as e:
    print("AttributeError:", e)


class Logged:
    def __init__(self):
        self.a = 1

    def __getattribute__(self, name):
        print("get", name)
        return object.__getattribute__(self, name)

    def __getattr__(self, name):
        return "missing " + name

    def __setattr__(self, name, value):
        print("set", name, value)
        super().__setattr__(name, value * 2)

    def __delattr__(self, name):
        print("del", name)
        object.__delattr__(self, name)


lg = Logged()
print(lg.a)
print(lg.b)
lg.c = 5
print(lg.c)
del lg.c
print(lg.c)
try:
    delattr(lg, "zzz")
except AttributeError as e:
    print("AttributeError:", e)


class Frozen:
    def __init__(self, v):
        object.__setattr__(self, "v", v)

    def __setattr__(self, name, value):
        raise AttributeError(f"cannot assign to field '{name}'")


f = Frozen(3)
print(f.v)
try:
    f.v = 4
except AttributeError as e:
    print("AttributeError:", e)
setattr(Frozen, "extra", 7)
print(f.extra)


class Plain:
    pass


pl = Plain()
pl.x = 1
del pl.x
print(hasattr(pl, "x"))
try:
    del pl.x
except AttributeError as e:
    print("AttributeError:", e)
try:
    delattr(pl, "y")
except AttributeError as e:
    print("AttributeError:", e)
Plain.k = 1
del Plain.k
try:
    del Plain.k
except AttributeError as e:
    print("AttributeError:", e)


class A:
    def hello(self):
        return "A.hello"

    @classmethod
    def make(cls):
        return "A.make for " + cls.__name__


class B(A):
    def hello(self):
        return "B.hello"

    @classmethod
    def make(cls):
        return "B.make / " + super().make()


class C(B):
    def hello(self):
        return "C.hello, " + super(B, self).hello() + ", " + super(C, self).hello()


c = C()
print(c.hello(), super(C, c).hello(), super(B, C).make(), C.make())
print(super(C, c).__self__ is c, super(A, c).__thisclass__.__name__)
try:
    super(C, c).nothing
except AttributeError as e:
    print("AttributeError:", e)
try:
    super(C, A())
except TypeError as e:
    print("TypeError:", e)
try:
    super(1, c)
except TypeError as e:
    print("TypeError:", e)
