async def main():
    result = await my_coroutine()
    print(result)
