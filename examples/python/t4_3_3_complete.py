import asyncio
from time import sleep
def task():
    """同步阻塞任务"""
    print("执行同步任务...")
    sleep(5)
    print("同步任务完成")
async def async_task():
    """将同步任务转为异步"""
    await asyncio.to_thread(task)
def obj():
    """同步函数,调用异步任务"""
    print("obj: 开始")
    asyncio.run(async_task())
    print("obj: 结束")
async def async_obj():
    """异步包装 obj"""
    await asyncio.to_thread(obj)
async def main():
    """主异步函数"""
    print("main: 开始")
    await async_obj()
    print("main: 结束")
if __name__ == "__main__":
    asyncio.run(main())
