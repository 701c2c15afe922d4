# property, staticmethod and classmethod as CPython 3.11.


class Celsius:
    def __init__(self, degrees=0.0):
        self.degrees = degrees

    @property
    def degrees(self):
        """Temperature in degrees Celsius."""
        return self._degrees

    @degrees.setter
    def degrees(self, value):
        if value < -273.15:
            raise ValueError(f"{value} is below absolute zero")
        self._degrees = value

    @degrees.deleter
    def degrees(self):
        print("deleting")
        del self._degrees

    @property
    def fahrenheit(self):
        return self.degrees * 9 / 5 + 32


c = Celsius(25)
print(c.degrees, c.fahrenheit)
c.degrees = 100
print(c.degrees, c.fahrenheit, c.__dict__)
try:
    c.degrees = -300
except ValueError as e:
    print("ValueError:", e)
print(c.degrees)
try:
    c.fahrenheit = 5
except AttributeError as e:
    print("AttributeError:", e)
try:
    del c.fahrenheit
except AttributeError as e:
    print("AttributeError:", e)
del c.degrees
try:
    c.degrees
except AttributeError as e:
    print("AttributeError:", e.args[0].split(".")[0])
c.degrees = 10
print(type(Celsius.degrees).__name__, Celsius.degrees.fget is not None, Celsius.fahrenheit.fset)
c.__dict__["fahrenheit"] = "shadow?"
print(c.fahrenheit)  # a property is a data descriptor: the dict does not shadow it


class Base:
    @property
    def name(self):
        return "base"

    @property
    def size(self):
        return 1


class Derived(Base):
    @property
    def name(self):  # overridden
        return "derived+" + super().name

    @Base.size.getter
    def size(self):
        return 2


d = Derived()
print(d.name, d.size, Base().size)
try:
    d.size = 3
except AttributeError as e:
    print("AttributeError:", e)

# a property made outside a class body has no name
def get_v(self):
    return "v"


Base.v = property(get_v)
print(d.v)
try:
    d.v = 1
except AttributeError as e:
    print("AttributeError:", e)
p = property(doc="documented")
print(p.__doc__, p.fget, p.fset, p.fdel)


class NoGet:
    x = property(None, lambda self, v: print("set", v))


n = NoGet()
n.x = 5
try:
    n.x
except AttributeError as e:
    print("AttributeError:", e)


class Date:
    def __init__(self, y, m, d):
        self.y, self.m, self.d = y, m, d

    @classmethod
    def from_string(cls, s):
        return cls(*map(int, s.split("-")))

    @staticmethod
    def is_leap(y):
        return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)

    def __repr__(self):
        return f"{type(self).__name__}({self.y}, {self.m}, {self.d})"


class MyDate(Date):
    pass


print(Date.from_string("2024-02-29"), MyDate.from_string("2023-01-02"))
print(MyDate(1, 2, 3).from_string("1999-12-31"))
print(Date.is_leap(2000), Date(1, 1, 1).is_leap(1900), MyDate.is_leap(2024))
sm = staticmethod(len)
print(sm("abc"), sm.__func__ is len, callable(sm))
cm = classmethod(len)
print(cm.__func__ is len)


class Counter:
    count = 0

    @classmethod
    def bump(cls):
        cls.count += 1
        return cls.count

    @classmethod
    def make(cls):
        return super().__new__ if False else cls.__name__


class SubCounter(Counter):
    count = 100


print(Counter.bump(), Counter.bump(), SubCounter.bump(), Counter().bump(), SubCounter.count)
print(Counter.make(), SubCounter.make())
print(Counter.bump.__self__ is Counter, SubCounter().bump.__self__ is SubCounter)
try:
    staticmethod()
except TypeError as e:
    print("TypeError:", e)
try:
    classmethod(1, 2)
except TypeError as e:
    print("TypeError:", e)


class HttpError(Exception):
    def __init__(self, status):
        super().__init__(f"status {status}")
        self._status = status

    @property
    def status(self):
        return self._status

    @property
    def retryable(self):
        return self.status >= 500


try:
    raise HttpError(503)
except HttpError as e:
    print(e, e.args, e.status, e.retryable)
    try:
        e.status = 200
    except AttributeError as err:
        print("AttributeError:", err)
print(repr(staticmethod(HttpError)), repr(classmethod(HttpError)))


class Account:
    def __init__(self, balance):
        self.balance = balance

    @property
    def balance(self):
        return self._balance

    @balance.setter
    def balance(self, value):
        if value < 0:
            raise ValueError("balance cannot be negative")
        self._balance = value


acct = Account(10)
acct.balance = 5
print(acct.balance)
acct.balance = -1  # uncaught: the traceback goes through the setter
