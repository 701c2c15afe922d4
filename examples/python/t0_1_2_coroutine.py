# 协程的定义与状态
import asyncio

async def my_coroutine():
    print("协程开始")
    await asyncio.sleep(1)  # 暂停点：释放CPU，允许切换
    print("协程结束")
    return "结果"

# 协程对象（未执行）
coro = my_coroutine()
print(type(coro))  # 

# 必须通过事件循环执行
async def main():
    result = await coro  # 调度执行，等待结果
    print(result)  # 输出：结果

asyncio.run(main())
