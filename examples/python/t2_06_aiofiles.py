import asyncio
import aiofiles

async def read_file(filename):
    async with aiofiles.open(filename, 'r') as f:
        content = await f.read()
        return content

async def write_file(filename, content):
    async with aiofiles.open(filename, 'w') as f:
        await f.write(content)

async def main():
    # 读取文件
    content = await read_file('example.txt')
    print(f"文件内容: {content}")
    
    # 写入文件
    await write_file('output.txt', 'Hello, Async IO!')
    print("文件写入完成")

asyncio.run(main())
