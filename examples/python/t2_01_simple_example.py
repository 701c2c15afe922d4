import asyncio

async def hello():
    print("Hello")
    await asyncio.sleep(1)  # 非阻塞等待1秒
    print("World")

# 创建事件循环
loop = asyncio.get_event_loop()

# 执行协程
loop.run_until_complete(hello())

# 关闭事件循环
loop.close()
