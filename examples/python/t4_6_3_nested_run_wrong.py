async def outer():
    asyncio.run(inner())  # RuntimeError
