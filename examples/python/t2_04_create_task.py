import asyncio

async def task_func():
    await asyncio.sleep(1)
    return "任务完成"

async def main():
    # 创建任务
    task = asyncio.create_task(task_func())
    
    # 执行其他操作
    print("等待任务完成...")
    
    # 等待任务完成并获取结果
    result = await task
    print(f"任务结果: {result}")

asyncio.run(main())
