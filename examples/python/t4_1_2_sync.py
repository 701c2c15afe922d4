import time
def task1():
    time.sleep(2)  # 模拟 I/O 操作
    return "Task 1 完成"
def task2():
    time.sleep(2)  # 模拟 I/O 操作
    return "Task 2 完成"
# 串行执行,总共需要 4 秒
result1 = task1()
result2 = task2()
