import asyncio
import requests  # 同步阻塞库

# 同步函数（阻塞）
def sync_get(url):
    return requests.get(url).status_code

async def async_get(url):
    # 获取事件循环
    loop = asyncio.get_event_loop()
    # 提交到线程池执行（None 表示使用默认线程池）
    future = loop.run_in_executor(
        None,  # 线程池执行器（可选自定义）
        sync_get,  # 同步函数
        url  # 函数参数
    )
    return await future  # 等待线程池结果

async def main():
    urls = ["https://www.baidu.com", "https://www.github.com"]
    # 并发执行同步函数的异步包装
    results = await asyncio.gather(*[async_get(url) for url in urls])
    print("结果:", results)  # [200, 200]

asyncio.run(main())
