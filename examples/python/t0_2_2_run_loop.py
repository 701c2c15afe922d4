# Python 3.7+ 推荐方式
async def main():
    await asyncio.sleep(1)
    print("完成")

asyncio.run(main())  # 自动处理事件循环的生命周期

# 低版本手动管理方式（3.6及以下）
loop = asyncio.get_event_loop()  # 获取事件循环
try:
    loop.run_until_complete(main())  # 运行直到协程完成
finally:
    loop.close()  # 关闭循环
