# try/except* and exception groups, as CPython 3.11 runs them.
import asyncio


def show(label, eg):
    print(label, type(eg).__name__, repr(eg.message), [repr(e) for e in eg.exceptions])


# one clause takes its part; the rest goes on
try:
    try:
        raise ExceptionGroup("many", [ValueError(1), TypeError(2), ValueError(3)])
    except* ValueError as eg:
        show("value:", eg)
except ExceptionGroup as rest:
    show("rest:", rest)

# several clauses and a tuple of types; else and finally
for excs in ([KeyError("k"), OSError("o")], [IndexError(0)]):
    try:
        raise ExceptionGroup("eg", excs)
    except* (KeyError, IndexError) as eg:
        show("lookup:", eg)
    except* OSError as eg:
        show("os:", eg)
    else:
        print("no else")
    finally:
        print("finally")

try:
    pass
except* ValueError:
    print("not here")
else:
    print("else runs")

# a naked exception is wrapped for the handler
try:
    raise ValueError("naked")
except* ValueError as eg:
    show("wrapped:", eg)
    print(eg.exceptions[0].__traceback__ is not None)

# a naked exception no clause matches goes on as it is
try:
    try:
        raise KeyError("x")
    except* ValueError:
        print("not here")
except KeyError as e:
    print("naked rest:", repr(e))

# re-raising the match keeps the original group's shape and message
try:
    try:
        raise ExceptionGroup("orig", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise
except ExceptionGroup as e:
    show("reraised:", e)

# a handler raising something new: it joins the unmatched part in a new group
try:
    try:
        raise ExceptionGroup("orig", [ValueError(1), TypeError(2)])
    except* ValueError as eg:
        raise RuntimeError("handler") from None
except ExceptionGroup as e:
    show("combined:", e)
    show("  inner:", e.exceptions[1])

try:
    try:
        raise ExceptionGroup("orig", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise KeyError("a")
    except* TypeError:
        raise KeyError("b")
except ExceptionGroup as e:
    show("two raised:", e)
    print(repr(e.exceptions[0].__context__))

# everything handled: nothing goes on
try:
    raise ExceptionGroup("all", [ValueError(1), TypeError(2)])
except* ValueError:
    print("v")
except* TypeError:
    print("t")
print("after all handled")

# nested groups keep their nesting
inner = ExceptionGroup("inner", [ValueError(1), TypeError(2)])
try:
    try:
        raise ExceptionGroup("outer", [inner, ValueError(3), KeyError(4)])
    except* ValueError as eg:
        show("nested match:", eg)
        show("  sub:", eg.exceptions[0])
except* TypeError as eg:
    show("outer catches:", eg)
    show("  sub:", eg.exceptions[0])
except* KeyError as eg:
    show("keyerror:", eg)

# BaseExceptionGroup with a BaseException
try:
    raise BaseExceptionGroup("base", [KeyboardInterrupt(), ValueError(1)])
except* KeyboardInterrupt as eg:
    show("base:", eg)
except* ValueError as eg:
    show("value:", eg)

# catching an ExceptionGroup type is refused; so is a non-exception
for spec in (ExceptionGroup, (ValueError, BaseExceptionGroup), int):
    try:
        try:
            raise ValueError(1)
        except* spec:
            pass
    except TypeError as e:
        print("TypeError:", e)

# split / subgroup / derive
eg = ExceptionGroup("eg", [ValueError(1), TypeError(2), ExceptionGroup("sub", [ValueError(3), OSError(4)])])
match, rest = eg.split(ValueError)
show("split match:", match)
show("split rest:", rest)
print(repr(match.exceptions[1]))
print(eg.split(Exception)[0] is eg, eg.split(Exception)[1])
print(eg.split(ZeroDivisionError))
print(repr(eg.subgroup(lambda e: isinstance(e, OSError))))
print(eg.subgroup(lambda e: False))
print(repr(eg.subgroup((TypeError, OSError))))
d = eg.derive([KeyError(9)])
print(type(d).__name__, repr(d), str(d))
b = BaseExceptionGroup("b", [ValueError(1)])
print(type(b).__name__, repr(b), str(b), len(b.exceptions))
try:
    eg.split(3)
except TypeError as e:
    print("TypeError:", e)

# constructor checks
for args in (("m", []), (1, [ValueError()]), ("m", ValueError()), ("m", [1]), ("m",)):
    try:
        ExceptionGroup(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
try:
    ExceptionGroup("m", [KeyboardInterrupt()])
except TypeError as e:
    print("TypeError:", e)


# TaskGroup failures caught with except*
async def fail(kind, after):
    await asyncio.sleep(after)
    raise kind(f"task {after}")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail(ValueError, 0.01))
            tg.create_task(fail(TypeError, 0.01))
            tg.create_task(fail(ValueError, 0.01))
    except* ValueError as eg:
        show("tg values:", eg)
    except* TypeError as eg:
        show("tg types:", eg)
    print("main done")


asyncio.run(main())


# a handler that awaits, and except* nested in a handler
async def nested():
    try:
        raise ExceptionGroup("g", [ValueError(1), KeyError(2)])
    except* ValueError as eg:
        await asyncio.sleep(0)
        try:
            raise ExceptionGroup("h", [TypeError(3)])
        except* TypeError as inner:
            print("inner", repr(inner))
        print("outer", repr(eg))
    except* KeyError:
        print("key")


asyncio.run(nested())


# except* in a generator; the wrapped naked exception's repr
def gen():
    try:
        yield 1
        raise ValueError(5)
    except* ValueError as eg:
        print("gen caught", repr(eg))
        yield 2


print(list(gen()))

# one exception raised by a handler, nothing left: it leaves as it is
try:
    try:
        raise ExceptionGroup("x", [ValueError(1)])
    except* ValueError:
        raise ExceptionGroup("y", [KeyError(1)]) from None
except BaseException as e:
    print("single:", repr(e))
try:
    try:
        raise ExceptionGroup("x", [ValueError(1)])
    except* ValueError:
        raise KeyError("alone")
except KeyError as e:
    print("single naked:", repr(e), repr(e.__context__))
