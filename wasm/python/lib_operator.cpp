// operator for aio's Python, written in Python: the operators as functions (sorted(key=...),
// functools.reduce) and itemgetter/attrgetter/methodcaller. CPython's runs as C (_operator),
// so the module is frames_hidden.

namespace aio::py {

extern const char* const operator_source;

const char* const operator_source = R"py("""operator: standard operators as functions (aio's Python)."""
import builtins as _builtins


def lt(a, b): return a < b
def le(a, b): return a <= b
def eq(a, b): return a == b
def ne(a, b): return a != b
def ge(a, b): return a >= b
def gt(a, b): return a > b
def not_(a): return not a
def truth(a): return True if a else False
def is_(a, b): return a is b
def is_not(a, b): return a is not b
def abs(a): return _builtins.abs(a)
def add(a, b): return a + b
def and_(a, b): return a & b
def floordiv(a, b): return a // b
def inv(a): return ~a
invert = inv
def lshift(a, b): return a << b
def mod(a, b): return a % b
def mul(a, b): return a * b
def matmul(a, b): return a @ b
def neg(a): return -a
def or_(a, b): return a | b
def pos(a): return +a
def pow(a, b): return a ** b
def rshift(a, b): return a >> b
def sub(a, b): return a - b
def truediv(a, b): return a / b
def xor(a, b): return a ^ b
def contains(a, b): return b in a
def countOf(a, b): return sum(1 for item in a if item is b or item == b)
def getitem(a, b): return a[b]
def indexOf(a, b):
    for i, item in enumerate(a):
        if item is b or item == b:
            return i
    raise ValueError("sequence.index(x): x not in sequence")
def setitem(a, b, c): a[b] = c
def delitem(a, b): del a[b]
def iadd(a, b):
    a += b
    return a
def isub(a, b):
    a -= b
    return a
def imul(a, b):
    a *= b
    return a


def index(a):
    """a as an int: an int, or what __index__ gives."""
    if isinstance(a, int):
        return a
    try:
        method = type(a).__index__
    except AttributeError:
        raise TypeError(f"'{type(a).__name__}' object cannot be interpreted as an integer") from None
    return method(a)


def concat(a, b):
    """a + b for sequences."""
    if not hasattr(a, "__getitem__"):
        raise TypeError(f"'{type(a).__name__}' object can't be concatenated")
    return a + b


class itemgetter:
    """itemgetter(item, ...): f(obj) is obj[item], or a tuple of obj[i] for several items."""

    def __init__(self, *items):
        if not items:
            raise TypeError("itemgetter expected 1 argument, got 0")
        self._items = items

    def __call__(self, obj):
        if len(self._items) == 1:
            return obj[self._items[0]]
        return tuple(obj[i] for i in self._items)

    def __repr__(self):
        return "operator.itemgetter(" + ", ".join(map(repr, self._items)) + ")"


class attrgetter:
    """attrgetter(name, ...): f(obj) is obj.name (dotted names follow the chain), or a tuple."""

    def __init__(self, *attrs):
        if not attrs:
            raise TypeError("attrgetter expected 1 argument, got 0")
        for name in attrs:
            if not isinstance(name, str):
                raise TypeError("attribute name must be a string")
        self._attrs = attrs

    @staticmethod
    def _get(obj, dotted):
        for name in dotted.split("."):
            obj = getattr(obj, name)
        return obj

    def __call__(self, obj):
        if len(self._attrs) == 1:
            return self._get(obj, self._attrs[0])
        return tuple(self._get(obj, name) for name in self._attrs)

    def __repr__(self):
        return "operator.attrgetter(" + ", ".join(map(repr, self._attrs)) + ")"


class methodcaller:
    """methodcaller(name, *args, **kwargs): f(obj) is obj.name(*args, **kwargs)."""

    def __init__(self, *args, **kwargs):
        if not args:
            raise TypeError("methodcaller needs at least one argument, the method name")
        if not isinstance(args[0], str):
            raise TypeError("method name must be a string")
        self._name, self._args, self._kwargs = args[0], args[1:], kwargs

    def __call__(self, obj):
        return getattr(obj, self._name)(*self._args, **self._kwargs)

    def __repr__(self):
        parts = [repr(self._name)] + [repr(a) for a in self._args]
        parts += [f"{k}={v!r}" for k, v in self._kwargs.items()]
        return "operator.methodcaller(" + ", ".join(parts) + ")"
)py";

}  // namespace aio::py
