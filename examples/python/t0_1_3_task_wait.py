async def task_func(name, delay):
    print(f"任务 name={name}, delay={delay} === 111")
    await asyncio.sleep(delay)
    print(f"任务 name={name}, delay={delay} === 222")
    return f"任务 {name} 完成"


async def main():
    # 创建任务（立即加入事件循环，开始调度）
    task_list = [
        asyncio.create_task(task_func("A", 1), name="task_A"),
        asyncio.create_task(task_func("B", 2), name="task_B"),
    ]

    done, pending = await asyncio.wait(task_list, timeout=None)

    # 等待任务完成并获取结果
    print(done)


asyncio.run(main())
