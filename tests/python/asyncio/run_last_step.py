# run_until_complete stops the loop from a done callback of its future: what is ready when main
# ends runs one step more before asyncio.run cancels it (or before run_until_complete returns).
import asyncio


async def spin(name):
    i = 0
    try:
        while True:
            print(name, i)
            i += 1
            await asyncio.sleep(0)
    finally:
        print(name, "cancelled")


async def main():
    asyncio.create_task(spin("run"))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("main end")

asyncio.run(main())


async def start():
    return asyncio.create_task(spin("loop"))

loop = asyncio.new_event_loop()
task = loop.run_until_complete(start())
print("returned")
loop.run_until_complete(asyncio.sleep(0))
print("returned again")
task.cancel()
loop.run_until_complete(asyncio.sleep(0))
loop.close()
print("end")
