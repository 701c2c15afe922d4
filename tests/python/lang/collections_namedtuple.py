# collections.namedtuple: fields by name and index, defaults, rename, _make/_replace/_asdict, CPython's
# argument errors (its __new__ is generated Python, as CPython's), subclassing, use in tasks.
import asyncio
from collections import namedtuple

Point = namedtuple("Point", "x y")
p = Point(1, y=2)
print(p, p.x, p.y, p[0], p == (1, 2), len(p), isinstance(p, tuple))
x, y = p
print(x + y, p._fields, Point._fields, Point.__doc__, Point.__name__)
print(p._asdict(), p._replace(x=10), Point._make([3, 4]), hash(p) == hash((1, 2)))
print(Point.__new__.__qualname__, Point.x.__doc__, Point.__module__, repr(Point))
try:
    p.x = 5
except AttributeError as e:
    print("AttributeError", e)
Result = namedtuple("Result", ["url", "status", "elapsed"], defaults=[200, 0.0])
print(Result("a"), Result("b", 404), Result._field_defaults)
for bad in (lambda: Point(1), lambda: Point(1, 2, 3), lambda: Point(1, 2, z=3), lambda: Point(1, x=2),
            lambda: Point._make([1]), lambda: p._replace(z=1), lambda: namedtuple("P", "a a"),
            lambda: namedtuple("P", "_a"), lambda: namedtuple("P", "a class"), lambda: namedtuple("1P", "a"),
            lambda: namedtuple("P", "a", defaults=[1, 2]), lambda: Point(0, 0).__setattr__("x", 1)):
    try:
        bad()
    except (TypeError, ValueError, AttributeError) as e:
        print(type(e).__name__, e)
R = namedtuple("R", "a, def, _c, a", rename=True)
print(R._fields, R(1, 2, 3, 4))
One = namedtuple("One", "v")
print(One(5), namedtuple("Empty", "")())

class Vec(namedtuple("Vec", "x y")):
    def norm2(self):
        return self.x ** 2 + self.y ** 2
    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)

v = Vec(3, 4)
print(v, v.norm2(), v + Vec(1, 1), type(v + v).__name__, sorted([Point(2, 1), Point(1, 5)]))

Job = namedtuple("Job", "name delay")

async def run(job):
    await asyncio.sleep(job.delay)
    return job._replace(delay=0)

async def main():
    jobs = [Job("b", 0.02), Job("a", 0.01)]
    for done in asyncio.as_completed([run(j) for j in jobs]):
        print(await done)

asyncio.run(main())
