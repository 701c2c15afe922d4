import asyncio
import random

async def producer(queue):
    for i in range(10):
        item = random.randint(1, 100)
        await queue.put(item)
        print(f"生产: {item}")
        await asyncio.sleep(random.uniform(0.1, 0.5))
    
    # 发送终止信号
    await queue.put(None)

async def consumer(queue):
    while True:
        item = await queue.get()
        
        if item is None:
            # 收到终止信号，退出
            queue.task_done()
            break
        
        print(f"消费: {item}")
        await asyncio.sleep(random.uniform(0.2, 0.8))
        queue.task_done()

async def main():
    # 创建队列
    queue = asyncio.Queue(maxsize=5)
    
    # 创建任务
    producer_task = asyncio.create_task(producer(queue))
    consumer_task = asyncio.create_task(consumer(queue))
    
    # 等待生产者完成
    await producer_task
    
    # 等待队列处理完成
    await queue.join()
    
    # 取消消费者任务
    consumer_task.cancel()

asyncio.run(main())
