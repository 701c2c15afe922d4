# Annotated assignments: module and class bodies collect __annotations__ (in order, only simple
# names); functions evaluate none; the value is assigned before the annotation is evaluated.
log = []


def note(what, value):
    log.append(what)
    return value


x: note("x annotation", int) = note("x value", 1)
y: str
(z): note("z annotation", float) = 2.5
print(__annotations__)
print(log)
print(x, z)
try:
    y
except NameError as e:
    print("NameError:", e)


class Point:
    """A point."""
    a: int
    b: note("b annotation", "list[int]") = note("b value", [1, 2])
    if True:
        c: float = 0.5
    for i in range(1):
        d: bool = True


print(list(Point.__dict__)[:5])
print(Point.__annotations__)
print(Point.b, Point.c, hasattr(Point, "a"))


class Plain:
    e = 1


print(hasattr(Plain, "__annotations__") and Plain.__annotations__)
print("__annotations__" in Plain.__dict__)


def f():
    v: note("never", int) = 3
    w: undefined_name
    return v


print(f(), log[-1])


class Box:
    pass


box = Box()
box.attr: note("attr annotation", int) = 7
items = [0, 0]
items[note("index", 1)]: note("item annotation", int)
print(box.attr, items, log[-3:])

try:
    missing.attr: int
except NameError as e:
    print("NameError:", e)


class Sub(Point):
    extra: int = 0


print(Sub.__annotations__, Point().__annotations__ is Point.__annotations__)
print(Sub().__annotations__)

shadowed = "global"


def reads_annotated_local():
    shadowed: str
    return shadowed


try:
    reads_annotated_local()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
