async def good_async():
    await asyncio.to_thread(time.sleep, 5)  # 在线程中执行
