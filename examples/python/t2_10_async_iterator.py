import asyncio

class AsyncIterator:
    def __init__(self, stop):
        self.stop = stop
        self.current = 0
    
    def __aiter__(self):
        return self
    
    async def __anext__(self):
        if self.current >= self.stop:
            raise StopAsyncIteration
        
        await asyncio.sleep(0.5)  # 模拟IO操作
        self.current += 1
        return self.current

async def main():
    async for number in AsyncIterator(5):
        print(number)

asyncio.run(main())
