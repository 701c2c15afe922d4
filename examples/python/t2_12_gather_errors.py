import asyncio

async def task1():
    await asyncio.sleep(1)
    raise ValueError("任务1出错")

async def task2():
    await asyncio.sleep(2)
    return "任务2完成"

async def main():
    # 方式1：使用gather，一个任务出错会导致所有任务失败
    try:
        results = await asyncio.gather(task1(), task2())
        print(results)
    except ValueError as e:
        print(f"捕获到异常: {e}")
    
    # 方式2：使用gather的return_exceptions参数
    results = await asyncio.gather(task1(), task2(), return_exceptions=True)
    print(results)  # [ValueError("任务1出错"), "任务2完成"]

asyncio.run(main())
