async def main():
    # 创建任务但不立即等待
    task1 = asyncio.create_task(task("Task1", 2))
    task2 = asyncio.create_task(task("Task2", 1))
    
    # 等待所有任务完成
    await task1
    await task2
