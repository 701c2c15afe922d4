async def main():
    tasks = [task(1), task(2), task(0.5)]
    # 等待所有任务完成（默认）
    done, pending = await asyncio.wait(tasks)
    print("已完成任务数:", len(done))  # 3
    print("未完成任务数:", len(pending))  # 0

    # 等待第一个任务完成
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("第一个完成的任务结果:", [t.result() for t in done])  # [0.5]
