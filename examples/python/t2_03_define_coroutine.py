async def my_coroutine():
    # 协程代码
    return "结果"
