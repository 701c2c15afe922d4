# dataclasses: the generated methods, field options, inheritance, frozen, and the errors a
# learner meets (bad calls, mutable defaults, field order).
import asyncio
import traceback
import typing
from dataclasses import (KW_ONLY, FrozenInstanceError, asdict, astuple, dataclass, field, fields,
                         is_dataclass, replace)


def show_error(call):
    try:
        call()
    except Exception as e:
        print(type(e).__name__ + ":", e)


@dataclass
class Job:
    name: str
    delay: float = 0.1
    tags: list = field(default_factory=list)
    attempts: int = field(default=0, repr=False)
    registry: typing.ClassVar[dict] = {}


j = Job("fetch")
print(j, j.attempts, Job.registry, Job.delay)
print(Job("a", 1) == Job("a", 1), Job("a", 1) == Job("a", 2), Job("a") == ("a",))
print(j.tags is not Job("b").tags, [f.name for f in fields(Job)], is_dataclass(Job), is_dataclass(j))
print(asdict(Job("x", 2, ["t"])), astuple(Job("x", 2, ["t"])))
print(replace(j, delay=5), j)
print(Job.__match_args__, Job.__hash__)
try:
    hash(j)
except TypeError as e:
    print("TypeError:", e)

for call in (lambda: Job(), lambda: Job("a", 1, [], 0, 9), lambda: Job("a", name="b"),
             lambda: Job("a", speed=3)):
    show_error(call)


@dataclass
class Point3:
    x: int
    y: int
    z: int


show_error(lambda: Point3())
show_error(lambda: Point3(1))


@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0

    def __post_init__(self):
        if self.major < 0:
            raise ValueError("negative major")


v = Version(1, 2)
print(v, sorted([Version(2), Version(1, 5), v]), v < Version(1, 3), hash(v) == hash(Version(1, 2)))
print({v: "ok"}[Version(1, 2)])
try:
    v.major = 3
except FrozenInstanceError as e:
    print("FrozenInstanceError:", e, isinstance(e, AttributeError))
show_error(lambda: Version(-1))
show_error(lambda: Version(1) < (1, 0))


class Patch(Version):
    pass


p = Patch(3)
p.note = "not a field"
print(p.note, p)
try:
    p.minor = 1
except FrozenInstanceError as e:
    print("FrozenInstanceError:", e)


@dataclass
class Base:
    id: int
    label: str = "base"


@dataclass
class Child(Base):
    extra: bool = False
    _: KW_ONLY
    owner: str
    level: int = 1


c = Child(7, "c", True, owner="me")
print(c, [f.name for f in fields(c)], Child.__match_args__)
show_error(lambda: Child(1))
show_error(lambda: Child(1, "a", True, "me"))


@dataclass
class Node:
    value: int
    children: list = field(default_factory=list)


root = Node(1)
root.children.append(root)
print(root)
root.children.clear()  # no cycle left behind: the front-end frees by reference counts
print(asdict(Node(1, [Node(2), Node(3)])))

for make in ("mutable", "order", "eq"):
    try:
        if make == "mutable":
            @dataclass
            class Bad:
                items: list = []
        elif make == "order":
            @dataclass
            class Bad:
                a: int = 1
                b: int
        else:
            @dataclass(eq=False, order=True)
            class Bad:
                a: int
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)

show_error(lambda: field(default=1, default_factory=list))
show_error(lambda: fields(3))


@dataclass
class Custom:
    a: int

    def __repr__(self):
        return "Custom!"


print(Custom(1), Custom(1) == Custom(1))


@dataclass(unsafe_hash=True)
class Key:
    k: str


print(hash(Key("a")) == hash(Key("a")), len({Key("a"), Key("a"), Key("b")}))


@dataclass
class Worker:
    name: str
    done: list = field(default_factory=list)

    async def run(self, n):
        for i in range(n):
            await asyncio.sleep(0.01)
            self.done.append(i)
        return self


def no_stock():
    raise LookupError("no stock")


@dataclass
class Order:
    item: str
    stock: list = field(default_factory=no_stock)
    self_note: str = "self is a field name too"


# A failing factory's traceback passes through the generated __init__ ("<string>", CPython's lines).
try:
    Order("pen")
except LookupError:
    traceback.print_exc()


@dataclass(frozen=True)
class Pin:
    code: str


pin = Pin("1234")
for change in (lambda: setattr(pin, "code", "0000"), lambda: delattr(pin, "code")):
    try:
        change()
    except FrozenInstanceError:
        traceback.print_exc()
print(Pin.__setattr__.__qualname__, Pin.__init__.__qualname__)


@dataclass
class Odd:
    self: int


print(Odd(5), Odd(self=6))


async def main():
    workers = await asyncio.gather(Worker("a").run(2), Worker("b").run(3))
    print(workers)


asyncio.run(main())
