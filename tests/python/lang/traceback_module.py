# traceback and sys.exception/exc_info: the printout of a handled exception as a program asks
# for it (print_exc, format_exc, format_exception's pieces, chain= and limit=, file=), and what
# is being handled where (a caller's handler counts; none outside).
import sys
import traceback


def inner():
    raise ValueError("multi\nline")


def middle():
    try:
        1 / 0
    except ZeroDivisionError:
        inner()


print(sys.exception(), sys.exc_info())
try:
    middle()
except ValueError as e:
    print(sys.exception() is e, sys.exc_info()[0].__name__, sys.exc_info()[1] is e)
    pieces = traceback.format_exception(e)
    print(len(pieces))
    for piece in pieces:
        print(repr(piece))
    print(traceback.format_exception(e, chain=False) == traceback.format_exception(type(e), e, e.__traceback__,
                                                                                   chain=False))
    print(traceback.format_exception_only(e), traceback.format_exception(e, chain=False, limit=0))
    print(traceback.format_exc(limit=1))
    print(traceback.format_exc(limit=-1, chain=False))
    traceback.print_exc(file=sys.stdout)
    traceback.print_exception(e, limit=0, chain=False, file=sys.stdout)


def sees_callers():
    return sys.exception()


try:
    raise KeyError("k")
except KeyError:
    print("a callee sees", repr(sees_callers()))
print("after the handler:", sys.exception(), repr(traceback.format_exc()))
print(traceback.format_exception(None), traceback.format_exception_only(None))
for bad in [lambda: traceback.format_exception(5), lambda: traceback.format_exception(),
            lambda: traceback.format_exception(exc=KeyError()), lambda: traceback.print_exception(chain=False)]:
    try:
        bad()
    except TypeError as err:
        print("TypeError:", err)

try:
    {}["missing"]
except KeyError:
    traceback.print_exc()  # to stderr
