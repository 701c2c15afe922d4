async def task(i):
    await asyncio.sleep(i)
    return i

async def main():
    # 并发执行3个任务
    results = await asyncio.gather(
        task(1),
        task(2),
        task(0.5)
    )
    print(results)  # [1, 2, 0.5]（按输入顺序，而非完成顺序）

asyncio.run(main())
