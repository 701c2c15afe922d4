"""from __future__ import annotations: every annotation is a string, never evaluated."""
from __future__ import annotations

import __future__
import typing
from dataclasses import dataclass, fields
from typing import ClassVar

print(__future__.annotations, __future__.annotations.getMandatoryRelease(), annotations is __future__.annotations)
print(__future__.all_feature_names[-2:])


def handler(request: Request, *args: list[int], retries: int | None = 3, **kw: dict[str, Any]) -> Awaitable[None]:
    return retries


print(handler(None), handler.__annotations__)


class Node:
    parent: Node | None = None
    children: list[Node]
    weight: -1.5e-3
    lookup: dict[str, tuple[int, ...]]
    call: Callable[[int, str], Awaitable[None]]
    sliced: x[1:2, ::3]
    attr: pkg.mod.Type
    chain: a if b else c
    logic: not a and (b or c)
    math: (a + b) * c ** -d // e
    power: (-a) ** b
    compare: 1 < x <= 2
    text: "quoted" + 'single' + b"bytes"
    lam: lambda x, y=1, *, z: x
    call_kw: f(a, *b, c=1, **d)
    gen: f(x for x in y if x)
    sets: {1, 2} | set()
    nums: 1 .real + 1.0 + 2j + 10**3
    tup: (1,)
    nested: list[tuple[int, str]] | dict[str, "Node"]


for name, text in Node.__annotations__.items():
    print(f"{name:10} {text}")
print(Node.parent, hasattr(Node, "children"))

obj = Node()
obj.extra: Undefined = 1  # a complex target's annotation is not evaluated either
print(obj.extra)


@dataclass
class Job:
    name: str
    tags: list[str] | None = None
    count: ClassVar[int] = 0
    total: typing.ClassVar[int] = 0


print(Job("a"), [(f.name, f.type) for f in fields(Job)])

for src in ("x = 1\nfrom __future__ import annotations", "from __future__ import nope", "from __future__ import braces",
            "def f():\n    from __future__ import annotations", '"doc"\nfrom __future__ import division\nx = 1',
            "from __future__ import annotations\nx: (a := 1)", "from __future__ import annotations\ndef f(x: (yield)): pass",
            "from __future__ import annotations\nasync def f() -> await g(): pass",
            "from __future__ import annotations\nx: [(a := 1) for b in c] = 2\nprint(__annotations__)"):
    try:
        exec(src, {})
        print("ok")
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno, e.offset)
