async def task_with_error():
    await asyncio.sleep(1)
    raise ValueError("出错了")
async def handle_errors():
    try:
        await task_with_error()
    except ValueError as e:
        print(f"捕获异常: {e}")
# 处理多个任务的异常
async def gather_with_errors():
    results = await asyncio.gather(
        task1(),
        task2(),
        return_exceptions=True  # 返回异常而不是抛出
    )
    for result in results:
        if isinstance(result, Exception):
            print(f"任务失败: {result}")
