def sync_function():
    await asyncio.sleep(1)  # SyntaxError
