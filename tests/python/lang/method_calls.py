# obj.name(args): a method found on the type is called with obj as self; an attribute of the
# instance itself (or anything that is not a method) is called as it is; the lookup order,
# arguments and errors are those of getattr followed by a call.
import math


class Greeter:
    greeting = "hello"

    def __init__(self, name):
        self.name = name

    def greet(self, punct="!", *, loud=False):
        s = f"{self.greeting} {self.name}{punct}"
        return s.upper() if loud else s

    @staticmethod
    def static(x):
        return ("static", x)

    @classmethod
    def klass(cls, x):
        return (cls.__name__, x)

    @property
    def shout(self):
        return lambda: self.name.upper()

    async def coro(self):
        return 1


g = Greeter("ada")
print(g.greet(), g.greet("?"), g.greet(loud=True), g.greet(".", loud=True))
print(g.static(1), g.klass(2), Greeter.klass(3), g.shout())
c = g.coro()
print(type(c).__name__)
c.close()

# The instance's own attribute wins over the class's method.
g.greet = lambda *a: ("own", a)
print(g.greet("x"))
del g.greet
print(g.greet("x"))

# A builtin function stored on a class is no descriptor: called without self.
class Holder:
    size = len
    def_later = None


h = Holder()
print(h.size([1, 2, 3]))
Holder.def_later = lambda self, k: ("late", k)
print(h.def_later(7))

# __getattr__ / __getattribute__ classes decide themselves.
class Dyn:
    def __getattr__(self, name):
        return lambda *a, **k: (name, a, k)


print(Dyn().anything(1, b=2))


class Spy:
    def __getattribute__(self, name):
        print("getattribute", name)
        return object.__getattribute__(self, name)

    def m(self):
        return "m"


print(Spy().m())

# Builtin types' methods, int/float subclasses, None, bool, modules.
class I(int):
    def double(self):
        return self * 2


i = I(5)
print(i.bit_length(), i.double(), (7).bit_length(), (2.5).is_integer(), True.bit_length())
print(None.__repr__(), None.__eq__(None), "abc".upper(), b"ab".hex(), [3, 1, 2].index(1))
print(math.sqrt(16.0), math.floor(2.5))
lst = []
lst.append(1)
lst.extend([2, 3])
print(lst, lst.pop(), {"a": 1}.get("a"), {"a": 1}.get("b", 0))

# super().method() still works, and a subclass's method overrides.
class Loud(Greeter):
    def greet(self, punct="!", *, loud=True):
        return "[" + super().greet(punct, loud=loud) + "]"


print(Loud("bo").greet(), Loud("bo").greet("?", loud=False))

# A bound method taken and called later; the method's self is fixed.
m = g.greet
print(m("~"), m.__self__ is g, m.__func__ is Greeter.greet)

# Errors: what getattr + call raise.
for f in (lambda: g.nope(), lambda: [].append(), lambda: [].append(1, 2), lambda: "x".join(1),
          lambda: g.greet(1, 2), lambda: g.greet(lood=True), lambda: None.nope(),
          lambda: Greeter.greet(), lambda: (5).nope()):
    try:
        f()
    except (AttributeError, TypeError) as e:
        print(type(e).__name__ + ":", e)

# Exceptions' methods.
e = ValueError("bad")
print(e.with_traceback(None) is e, e.args)
e.add_note("a note")
print(e.__notes__)
