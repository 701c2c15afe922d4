import asyncio

async def task_with_error():
    await asyncio.sleep(1)
    raise ValueError("任务执行出错")

async def main():
    try:
        await task_with_error()
    except ValueError as e:
        print(f"捕获到异常: {e}")

asyncio.run(main())
