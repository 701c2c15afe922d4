# contextvars: each task sees the context it was created in (aio copies the creator's).
import asyncio
import contextvars

request = contextvars.ContextVar("request", default="none")
user = contextvars.ContextVar("user")


async def handler(n):
    request.set(f"req-{n}")
    await asyncio.sleep(1 / n)
    print("handler", n, "sees", request.get())


async def main():
    print(request.get(), user.get("fallback"))
    try:
        user.get()
    except LookupError:
        print("LookupError")
    token = request.set("main")
    await asyncio.gather(handler(1), handler(2))
    print("main still sees", request.get())
    request.reset(token)
    print("after reset", request.get())
    try:
        request.reset(token)
    except RuntimeError:
        print("RuntimeError: token used")
    try:
        user.reset(request.set("x"))
    except ValueError:
        print("ValueError: other variable")


asyncio.run(main())
