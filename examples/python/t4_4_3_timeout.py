async def long_running_task():
    await asyncio.sleep(10)
    return "完成"
async def with_timeout():
    try:
        result = await asyncio.wait_for(
            long_running_task(),
            timeout=5.0
        )
        print(result)
    except asyncio.TimeoutError:
        print("任务超时")
