# get_event_loop / set_event_loop as 3.11's default policy: the first get_event_loop() makes a
# loop, set_event_loop() replaces it, asyncio.run() leaves none behind.
import asyncio


async def main():
    return asyncio.get_event_loop() is asyncio.get_running_loop()


def current():
    try:
        return asyncio.get_event_loop()
    except RuntimeError as e:
        return 'RuntimeError: %s' % e


loop = asyncio.get_event_loop()
print('made once:', current() is loop, loop.run_until_complete(main()))
loop.close()
print('a closed loop stays current:', current() is loop, loop.is_closed())

mine = asyncio.new_event_loop()
print('new_event_loop does not set:', current() is mine)
asyncio.set_event_loop(mine)
print('set:', current() is mine, mine.run_until_complete(main()))
try:
    asyncio.set_event_loop(5)
except TypeError as e:
    print('TypeError:', e)
asyncio.set_event_loop(None)
print('unset:', current())
asyncio.set_event_loop(mine)
print('run:', asyncio.run(main()))
print('after run:', current())
mine.close()
