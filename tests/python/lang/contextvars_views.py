# Context.keys()/values()/items() and iter(Context): CPython 3.11's one-shot iterators.
import contextvars

a = contextvars.ContextVar("a")
b = contextvars.ContextVar("b")
a.set(1)
b.set("two")
ctx = contextvars.copy_context()

keys = ctx.keys()
print(type(keys).__name__, type(ctx.values()).__name__, type(ctx.items()).__name__)
print(len(keys), len(ctx.values()), len(ctx.items()))
print(sorted(k.name for k in keys))
print("again", list(keys), len(keys))  # consumed, its len() stays
print(sorted(map(str, ctx.values())))
print(sorted((k.name, v) for k, v in ctx.items()))
it = iter(ctx)
print(iter(it) is it, type(it).__name__)
print(a in ctx.keys(), sorted(k.name for k in it))
try:
    keys[0]
except TypeError as e:
    print("TypeError", e)
empty = contextvars.Context()
print(len(empty.items()), list(empty.values()))
try:
    next(empty.keys())
except StopIteration:
    print("StopIteration")
