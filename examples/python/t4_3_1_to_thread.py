import asyncio
from time import sleep
def blocking_task():
    """同步阻塞函数"""
    print("开始耗时任务")
    sleep(5)  # 模拟阻塞操作
    print("完成耗时任务")
    return "结果"
async def async_task():
    """异步包装"""
    result = await asyncio.to_thread(blocking_task)
    return result
async def main():
    # 并发运行多个阻塞任务
    results = await asyncio.gather(
        async_task(),
        async_task(),
        async_task()
    )
    print(results)
asyncio.run(main())
