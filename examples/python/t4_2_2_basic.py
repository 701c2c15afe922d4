import asyncio
# 定义异步函数
async def hello():
    print("Hello")
    await asyncio.sleep(1)
    print("World")
# 运行异步函数
asyncio.run(hello())
