import asyncio
from time.sleep
def sync_task():
    """同步函数"""
    sleep(2)
    print("同步任务完成")
async def async_wrapper():
    """异步包装器"""
    await asyncio.to_thread(sync_task)
def sync_caller():
    """同步调用者,需要运行异步函数"""
    asyncio.run(async_wrapper())
async def async_caller():
    """异步调用者,需要运行同步函数"""
    await asyncio.to_thread(sync_caller())
# 主入口
def main():
    asyncio.run(async_caller())
if __name__ == "__main__":
    main()
