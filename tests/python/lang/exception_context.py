# __context__ is the exception being handled when another is raised: in this frame or in any
# frame that called it (sys.exc_info's chain), while a with statement's __exit__ runs too; one
# assigned in Python is kept; a cycle it would make is cut. The uncaught one prints the chain.


class Exits:
    def __enter__(self):
        return self

    def __exit__(self, *details):
        raise RuntimeError("in __exit__")


try:
    with Exits():
        raise KeyError("body")
except RuntimeError as e:
    print("__exit__ raised:", repr(e), "context:", repr(e.__context__))


def caught_in_callee():
    try:
        raise ValueError("callee")
    except ValueError as v:
        return v


try:
    raise KeyError("caller")
except KeyError:
    v = caught_in_callee()
print("raised in a callee while the caller handled:", repr(v.__context__))
print("raised with nothing handled:", repr(caught_in_callee().__context__))


def reraise_without_context():
    e = RuntimeError("r")
    try:
        raise e
    except RuntimeError:
        e.__context__ = None
        raise


try:
    try:
        raise KeyError("outer")
    except KeyError:
        reraise_without_context()
except RuntimeError as e:
    print("assigned None stays:", repr(e.__context__))

try:
    raise ValueError("a")
except ValueError as a:
    try:
        try:
            raise TypeError("b")
        except TypeError:
            raise a
    except ValueError as again:
        b = again.__context__
        print("a's context:", repr(b), "and b's:", repr(b.__context__))


def generator():
    try:
        yield
    except ZeroDivisionError:
        raise LookupError("from the generator")


g = generator()
next(g)
try:
    g.throw(ZeroDivisionError("thrown"))
except LookupError as e:
    print("thrown into a generator:", repr(e.__context__))

with Exits():
    raise KeyError("uncaught")
