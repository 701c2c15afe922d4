async def faulty_task():
    raise ValueError("出错了")

async def main():
    results = await asyncio.gather(
        faulty_task(),
        task(1),
        return_exceptions=True  # 异常会被包装到结果中
    )
    print(results)  # [ValueError('出错了'), 1]
