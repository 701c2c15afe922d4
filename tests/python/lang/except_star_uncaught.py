# An exception group nobody catches: CPython 3.11's boxed traceback, exit 1.
def inner():
    raise ExceptionGroup("inner", [ValueError(1), KeyError("k")])


def outer():
    try:
        inner()
    except* ValueError:
        raise TypeError("from handler")


print("start")
outer()
