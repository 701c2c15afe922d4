async def bad_async():
    time.sleep(5)  # 阻塞整个事件循环
