import aiofiles
import asyncio

async def write_file(filename, content):
    async with aiofiles.open(filename, 'w') as f:
        await f.write(content)

async def read_file(filename):
    async with aiofiles.open(filename, 'r') as f:
        return await f.read()

async def main():
    await write_file("test.txt", "Hello, async world!")
    content = await read_file("test.txt")
    print(content)  # 输出: Hello, async world!

asyncio.run(main())
