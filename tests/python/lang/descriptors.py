# The descriptor protocol on user classes: data descriptors before the instance dict,
# non-data descriptors after it, __set_name__, __get__ on the class, __set__/__delete__.


class Typed:
    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)
        self.name = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            print("get on class", objtype.__name__)
            return self
        return getattr(obj, self.name, "unset")

    def __set__(self, obj, value):
        if not isinstance(value, int):
            raise TypeError(f"{self.name[1:]} must be an int, not {type(value).__name__}")
        setattr(obj, self.name, value)

    def __delete__(self, obj):
        print("delete", self.name)
        delattr(obj, self.name)


class Lazy:
    """A non-data descriptor: the instance dict shadows it once set."""

    def __get__(self, obj, objtype=None):
        if obj is None:
            return "Lazy on class " + objtype.__name__
        print("computing")
        obj.__dict__["value"] = 42
        return 42


class Point:
    x = Typed()
    y = Typed()
    value = Lazy()
    kind = "point"

    def __init__(self, x, y):
        self.x = x
        self.y = y


p = Point(1, 2)
print(p.x, p.y, p.__dict__)
p.__dict__["x"] = 99  # the data descriptor still wins over the dict
print(p.x)
print(p.value, p.value)  # computed once, then read from the dict
print(Point.value)
print(type(Point.x).__name__)
p.kind = "mine"
print(p.kind, Point.kind)
try:
    p.x = "3"
except TypeError as e:
    print("TypeError:", e)
del p.y
print(p.y)
try:
    del p.nothing
except AttributeError as e:
    print("AttributeError:", e)


class Point3(Point):  # descriptors are inherited
    z = Typed()


q = Point3(5, 6)
q.z = 7
print(q.x, q.y, q.z)
try:
    q.z = 1.5
except TypeError as e:
    print("TypeError:", e)


class SetOnly:
    def __set__(self, obj, value):
        print("SetOnly.__set__", value)


class Holder:
    attr = SetOnly()


h = Holder()
h.attr = 5
print(type(h.attr).__name__)  # no __get__: the descriptor itself
h.__dict__["attr"] = "from dict"
print(h.attr)  # no __get__: the instance dict comes first


class Later:
    pass


later = Later()
later.t = 1
Later.t = Typed()  # a data descriptor added after the class exists: no __set_name__ call
Later.t.name = "_hidden"
print(later.t)
later.t = 10
print(later.t, later.__dict__)
