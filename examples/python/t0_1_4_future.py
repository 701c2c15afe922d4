async def main():
    # 创建一个空的Future对象
    future = asyncio.Future()
    
    # 定义一个设置Future结果的协程
    async def set_future_result():
        await asyncio.sleep(1)
        future.set_result("Future 结果")  # 设置结果，标记为完成
    
    # 并发执行：设置结果的协程 + 等待结果的操作
    asyncio.create_task(set_future_result())
    result = await future  # 等待Future完成
    print(result)  # 输出：Future 结果

asyncio.run(main())
