# contextvars.copy_context / Context.run: a Context is a snapshot mapping of ContextVar -> value,
# and run() makes it current for one call; what the call sets stays in that Context.
import asyncio
import contextvars

color = contextvars.ContextVar("color", default="none")
size = contextvars.ContextVar("size")


def addressless(error):
    head, _, tail = str(error).partition(" at 0x")
    return head + " at ADDR" + tail[tail.index(">"):] if tail else head


def show(ctx, label):
    print(label, len(ctx), color in ctx, size in ctx, ctx.get(color), ctx.get(size, "-"))
    print("  items", sorted((k.name, v) for k, v in ctx.items()))
    print("  keys", sorted(k.name for k in ctx), sorted(k.name for k in ctx.keys()), sorted(map(str, ctx.values())))


def paint(new_color, *, new_size=None):
    color.set(new_color)
    if new_size is not None:
        size.set(new_size)
    return f"painted {color.get()} {size.get('-')}"


def top_level():
    empty = contextvars.Context()
    show(empty, "empty")
    print("bool", bool(empty))
    color.set("red")
    snap = contextvars.copy_context()
    show(snap, "snapshot")
    print(snap.run(paint, "blue", new_size=3))
    print("caller still", color.get(), size.get("unset"))
    show(snap, "after run")
    print(snap[color], snap[size])
    color.set("green")
    print("snapshot unchanged by the caller", snap[color])
    print(empty.run(paint, "white"), "| empty now", empty[color], len(empty))
    twin = snap.copy()
    twin.run(paint, "black")
    print("copy is separate", snap[color], twin[color])
    print("inside run sees its context", snap.run(lambda: (color.get(), snap[color], len(snap))))


def errors():
    ctx = contextvars.copy_context()
    try:
        ctx.run(lambda: ctx.run(print, "never"))
    except RuntimeError as e:
        print("RuntimeError", addressless(e))
    print("usable again", ctx.run(lambda: "yes"))

    def fail():
        color.set("doomed")
        raise ValueError("boom")

    try:
        ctx.run(fail)
    except ValueError as e:
        print("ValueError", e, "| kept", ctx[color], "| caller", color.get())
    for bad in (lambda: ctx.run(), lambda: ctx[1], lambda: 1 in ctx, lambda: ctx.get("x"),
                lambda: contextvars.Context(1), lambda: ctx[size]):
        try:
            bad()
        except (TypeError, KeyError) as e:
            print(type(e).__name__, addressless(e))


async def child(tag):
    return tag, color.get()


async def in_tasks():
    color.set("task")
    ctx = contextvars.copy_context()
    print(ctx.run(paint, "in task"), "| task keeps", color.get())
    t = ctx.run(asyncio.ensure_future, child("made in run"))
    print(await t, await asyncio.create_task(child("made after")))


top_level()
errors()
asyncio.run(in_tasks())
print("top level after", color.get())
