def f():
    pass


def g(a, b=1, *args, c, d=2, **kwargs):
    return a, b, args, c, d, kwargs


def h(a, /, b, *, c):
    return a + b + c


def k(a, b=2, /, c=3):
    pass


def annotated(x: int, *rest: str, flag: bool = False, **opts: "Any") -> list[int]:
    global counter
    counter += 1

    def inner():
        nonlocal x
        x = 1
    return [x]


def star_only(*, key=None):
    pass
