# aiofiles - 异步文件操作
import aiofiles
async def read_file():
    async with aiofiles.open('file.txt', 'r') as f:
        content = await f.read()
        return content
