import asyncio
async def fetch_data(id):
    print(f"开始获取数据 {id}")
    await asyncio.sleep(2)
    print(f"完成获取数据 {id}")
    return f"数据 {id}"
async def main():
    # 方法1:使用 gather 并发执行
    results = await asyncio.gather(
        fetch_data(1),
        fetch_data(2),
        fetch_data(3)
    )
    print(results)
    
    # 方法2:使用 create_task
    task1 = asyncio.create_task(fetch_data(4))
    task2 = asyncio.create_task(fetch_data(5))
    await task1
    await task2
asyncio.run(main())
