# Annotated assignments: module and class bodies collect __annotations__ (in order, only simple
# names); function bodies evaluate none; the value is assigned before the annotation is evaluated.
# Then a def's own annotations (its __annotations__).
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

# A def's parameter and return annotations: evaluated when the def runs, after its defaults, into
# the function's __annotations__ (args, then positional-only ones, *args, keyword-only, **kwargs,
# return); lambdas have none.
log.clear()


def annotated(a: note("a", int), /, b: note("b", str) = note("b default", "x"), *c: note("c", tuple),
              d: note("d", float) = note("d default", 1.0), **e: note("e", dict)) -> note("return", None):
    return a


print(annotated.__annotations__)
print(log)


def bare(p, q=1):
    return p


print(bare.__annotations__, bare.__annotations__ is bare.__annotations__, (lambda: 0).__annotations__)
bare.__annotations__ = {"p": int}
print(bare.__annotations__)
bare.__annotations__ = None
print(bare.__annotations__)
try:
    bare.__annotations__ = 5
except TypeError as e:
    print("TypeError:", e)


class Service:
    Id = int

    async def fetch(self, key: Id, *, retries: "int" = 3) -> "dict[str, Id]":
        return {}


print(Service.fetch.__annotations__)
try:
    def broken(x: undefined_type):
        pass
except NameError as e:
    print("NameError:", e)
print("broken" in globals())
