import asyncio

async def hello():
    print("Hello")
    await asyncio.sleep(1)
    print("World")

# Python 3.7+ 简化执行方式
asyncio.run(hello())
