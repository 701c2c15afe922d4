async def nested():
    return 42

async def main():
    # 直接调用协程不会执行，必须用await
    result = await nested()  # 等待nested完成，获取结果
    print(result)  # 42

asyncio.run(main())
