# context= of create_task, TaskGroup.create_task, call_soon/call_later/call_at/
# call_soon_threadsafe and add_done_callback: the task or callback runs in that very Context.
import asyncio
import contextvars

var = contextvars.ContextVar("var", default="unset")
other = contextvars.ContextVar("other")


async def setter(label, delay):
    print(label, "starts with", var.get())
    var.set(label)
    await asyncio.sleep(delay)
    print(label, "after sleep sees", var.get())
    return var.get()


async def reenter(ctx):
    try:
        ctx.run(var.get)
    except RuntimeError as e:
        print("RuntimeError", str(e).endswith("is already entered"))
    # A child and a copy get their own contexts, not this one.
    var.set("parent")
    copy = contextvars.copy_context()
    child = asyncio.create_task(setter("child", 0))
    await child
    print("after child", var.get(), copy[var])
    copy.run(var.set, "in copy")
    print("copy", copy[var], "mine", var.get())


cb_ctx = contextvars.Context()


def report(loop, context):
    error = context["exception"]
    print("handler:", type(error).__name__, str(error).replace(repr(cb_ctx), "<cb_ctx>"))


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(report)
    var.set("main")

    # create_task: the task's writes land in ctx, not in main's context.
    ctx = contextvars.Context()
    task = asyncio.create_task(setter("task", 1), context=ctx)
    print("ctx while running:", ctx.get(var, "-"))
    await asyncio.sleep(0)
    print("ctx after first step:", ctx[var], "main:", var.get())
    print("result", await task, "ctx:", ctx[var], "run:", ctx.run(var.get))

    # Two tasks in one context see each other's writes; main changes it between their steps.
    shared = contextvars.copy_context()
    a = loop.create_task(setter("a", 2), context=shared)
    b = loop.create_task(setter("b", 1), context=shared)
    await asyncio.sleep(1.5)
    shared.run(other.set, 5)
    print("shared now", shared[var], shared[other])
    await asyncio.gather(a, b)
    print("main still", var.get(), other.get("no other"))

    # context=None: a copy of the current context, as without it.
    n = asyncio.create_task(setter("none", 0), context=None)
    await n
    print("after None", var.get())

    # Entering the task's own context from inside it.
    own = contextvars.Context()
    await asyncio.create_task(reenter(own), context=own)
    print("own", own[var], len(own))

    # A task made inside ctx.run(): the context entered then.
    def start():
        var.set("inside run")
        return asyncio.create_task(setter("in run", 0), context=entered)
    entered = contextvars.Context()
    await entered.run(start)
    print("entered", entered[var])

    # TaskGroup.create_task(context=).
    group_ctx = contextvars.Context()
    async with asyncio.TaskGroup() as tg:
        tg.create_task(setter("group", 0), context=group_ctx, name="g")
    print("group ctx", group_ctx[var])

    # Callbacks: they run in the context given, and write to it.
    done = loop.create_future()

    def callback(label):
        print(label, "sees", var.get())
        var.set(label)

    loop.call_soon(callback, "soon", context=cb_ctx)
    await asyncio.sleep(0)
    print("cb_ctx", cb_ctx[var], "main", var.get())
    loop.call_later(1, callback, "later", context=cb_ctx)
    loop.call_at(loop.time() + 2, callback, "at", context=cb_ctx)
    loop.call_soon_threadsafe(callback, "threadsafe", context=cb_ctx)
    await asyncio.sleep(3)
    print("cb_ctx", cb_ctx[var], "main", var.get())
    done.add_done_callback(lambda f: callback("done " + f.result()), context=cb_ctx)
    done.set_result("yes")
    await asyncio.sleep(0)
    print("cb_ctx", cb_ctx[var])
    # Without context= (or with None): a copy of the context current when scheduled.
    loop.call_soon(callback, "plain")
    var.set("scheduled")
    loop.call_soon(callback, "none", context=None)
    var.set("main")
    await asyncio.sleep(0)
    loop.call_soon(callback, "after plain")
    await asyncio.sleep(0)

    # A callback whose context cannot be run: reported when it runs, as asyncio's Handle does.
    loop.call_soon(callback, "bad", context=1)
    loop.call_later(0, callback, "bad dict", context={})
    await asyncio.sleep(0.5)
    # Entering a context already entered, from a callback.
    loop.call_soon(cb_ctx.run, callback, "nested", context=cb_ctx)
    await asyncio.sleep(0)
    print("done", var.get())


asyncio.run(main())
