async def my_coroutine():
    return "Hello from coroutine"
