import asyncio


async def fetch(name, delay=1.0, *, retries=3):
    await asyncio.sleep(delay)
    return f"{name} done"


async def main():
    task = asyncio.create_task(fetch("a"))
    results = await asyncio.gather(fetch("b", 0.5), task, return_exceptions=True)
    async with asyncio.timeout(2):
        await task
    async with lock_a as a, lock_b:
        pass
    async for item in stream():
        print(item)
    else:
        print("exhausted")
    values = [await f for f in futures]
    doubled = [x async for x in agen() if x % 2 == 0]
    gen = (await y async for y in agen())
    return results


if __name__ == "__main__":
    asyncio.run(main())
