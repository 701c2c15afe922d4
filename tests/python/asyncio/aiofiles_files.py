# aiofiles (a built-in Python module here; recorded with aiofiles 23.1): open as an async context
# manager and awaited, async for over lines, binary reads, appends, aiofiles.os, errors, and files
# written and read concurrently.
import asyncio
import aiofiles
import aiofiles.os

async def main():
    async with aiofiles.open("/tmp/aio_af.txt", "w", encoding="utf-8") as f:
        print(await f.write("第一行\nsecond\n"), f.name, f.mode, f.closed, f.encoding)
    print(f.closed)
    async with aiofiles.open("/tmp/aio_af.txt") as f:
        async for line in f:
            print(repr(line))
    f = await aiofiles.open("/tmp/aio_af.txt", "rb")
    print(await f.read(3), await f.readline(), await f.readlines())
    await f.close()
    async with aiofiles.open("/tmp/aio_af.txt", "a") as f:
        await f.writelines(["x\n", "y\n"])
    async with aiofiles.open("/tmp/aio_af.txt") as f:
        print((await f.read()).splitlines())
    print(await aiofiles.os.path.exists("/tmp/aio_af.txt"), await aiofiles.os.path.getsize("/tmp/aio_af.txt"))
    await aiofiles.os.rename("/tmp/aio_af.txt", "/tmp/aio_af2.txt")
    await aiofiles.os.remove("/tmp/aio_af2.txt")
    print(await aiofiles.os.path.exists("/tmp/aio_af2.txt"))
    try:
        async with aiofiles.open("/tmp/no/such/file.txt") as f:
            pass
    except FileNotFoundError as e:
        print("error:", e)
    try:
        await aiofiles.os.remove("/tmp/aio_af2.txt")
    except FileNotFoundError as e:
        print("error:", e)
    names = [f"/tmp/aio_af_{i}.txt" for i in range(3)]
    async def write(n, i):
        async with aiofiles.open(n, "w") as f:
            return await f.write(f"file {i}")
    # (results, not prints: CPython's threads finish these in any order)
    print("wrote", await asyncio.gather(*[write(n, i) for i, n in enumerate(names)]))
    async def read(n):
        async with aiofiles.open(n) as f:
            return await f.read()
    print(await asyncio.gather(*[read(n) for n in names]))
    for n in names:
        await aiofiles.os.remove(n)

asyncio.run(main())
