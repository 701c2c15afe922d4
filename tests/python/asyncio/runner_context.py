# asyncio.Runner's contextvars context: each run() shares the Runner's own context (a copy made
# at its first use) unless run(context=) gives another.
import asyncio
import contextvars

var = contextvars.ContextVar("var", default="unset")


async def bump(label):
    print(label, "sees", var.get())
    var.set(label)
    await asyncio.sleep(1)


var.set("outside")
with asyncio.Runner() as runner:
    var.set("changed after enter")
    runner.run(bump("first"))
    runner.run(bump("second"))
    mine = contextvars.Context()
    runner.run(bump("own"), context=mine)
    print("mine", mine[var])
    runner.run(bump("third"), context=None)
print("outside", var.get())
asyncio.run(bump("run"))
print("after run", var.get())
