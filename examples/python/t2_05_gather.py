import asyncio

async def task_func(name, delay):
    await asyncio.sleep(delay)
    return f"{name} 完成，延迟 {delay} 秒"

async def main():
    # 并发执行多个任务
    results = await asyncio.gather(
        task_func("任务1", 1),
        task_func("任务2", 2),
        task_func("任务3", 3)
    )
    
    for result in results:
        print(result)

asyncio.run(main())
