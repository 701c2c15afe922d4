# Zero-argument super() as a value: stored, passed, repr'd, and its attributes; docstrings of
# functions and classes, and property's __doc__ taken from its getter.
class Base:
    "A base class."
    def __init__(self, x):
        self.x = x

    def greet(self, who):
        """Say hello."""
        return "base greets " + who

    @classmethod
    def make(cls, x):
        return cls(x)

    @property
    def size(self):
        """The size of the thing."""
        return 3


class Child(Base):
    def __init__(self, x, y=0):
        s = super()
        s.__init__(x)
        self.y = y

    def greet(self, who):
        s = super()
        print(type(s).__name__, s.__thisclass__.__name__, type(s.__self__).__name__)
        return s.greet(who).upper()

    @classmethod
    def make(cls, x):
        sup = super()
        print("classmethod super self is cls:", sup.__self__ is cls)
        return sup.make(x)

    def call_it(self, fn):
        return fn(super())

    def missing(self):
        return super().nothing_here


c = Child(1, 2)
print(c.x, c.y)
print(c.greet("ann"))
print(repr(super(Child, c)) == repr(c.call_it(lambda s: s)))
print(c.call_it(lambda s: s.greet("bob")))
d = Child.make(5)
print(type(d).__name__, d.x)
try:
    c.missing()
except AttributeError as e:
    print("AttributeError:", e)


def plain():
    "Plain docstring."


def nodoc():
    pass


async def coro_doc():
    """Coroutine docstring."""


print(plain.__doc__, nodoc.__doc__, coro_doc.__doc__)
print(Base.__doc__, Child.__doc__)
print(Base.greet.__doc__, c.greet.__doc__)
print(Base.size.__doc__)
print(property(lambda self: 1).__doc__)
print(property(plain).__doc__, property(plain, doc="given").__doc__)


def outside(self):
    return super()


try:
    outside(1)
except RuntimeError as e:
    print("RuntimeError:", e)


def no_args():
    return super()


try:
    no_args()
except RuntimeError as e:
    print("RuntimeError:", e)
