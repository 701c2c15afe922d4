async def async_function():
    await asyncio.sleep(1)
