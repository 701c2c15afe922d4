import time
import asyncio
# 同步版本
def sync_version():
    start = time.time()
    for i in range(5):
        time.sleep(1)
    print(f"同步耗时: {time.time() - start:.2f}秒")
# 异步版本
async def async_version():
    start = time.time()
    await asyncio.gather(*[asyncio.sleep(1) for _ in range(5)])
    print(f"异步耗时: {time.time() - start:.2f}秒")
# 同步:约 5 秒
sync_version()
# 异步:约 1 秒
asyncio.run(async_version())
