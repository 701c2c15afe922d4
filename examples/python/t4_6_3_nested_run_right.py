async def outer():
    await inner()
