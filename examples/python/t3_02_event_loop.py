import asyncio

result = asyncio.run(my_coroutine())
print(result)  # 输出: Hello from coroutine
