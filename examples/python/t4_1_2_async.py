import asyncio
async def task1():
    await asyncio.sleep(2)  # 异步等待
    return "Task 1 完成"
async def task2():
    await asyncio.sleep(2)  # 异步等待
    return "Task 2 完成"
# 并发执行,只需要 2 秒
results = await asyncio.gather(task1(), task2())
