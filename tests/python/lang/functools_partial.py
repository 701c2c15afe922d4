# functools.partial with the loop (run_in_executor, call_soon, to_thread), wraps on a coroutine
# function's decorator, reduce; asyncio.iscoroutinefunction.
import asyncio
import functools
import time


def show(label, f):
    try:
        print(label, '->', repr(f()))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)


def fetch(url, *, timeout=10, retries=1):
    time.sleep(0.2 if timeout == 0 else 0.01)
    return '%s timeout=%s retries=%s' % (url, timeout, retries)


def timed(func):
    @functools.wraps(func)
    async def wrapper(*args, **kwargs):
        result = await func(*args, **kwargs)
        print('finished', func.__name__)
        return result
    return wrapper


@timed
async def download(name):
    """Download one thing."""
    await asyncio.sleep(0.01)
    return name.upper()


async def agen():
    yield 1


class Client:
    async def get(self):
        return 1

    def close(self):
        pass


async def main():
    loop = asyncio.get_running_loop()
    r = await loop.run_in_executor(None, functools.partial(fetch, 'a.com', timeout=3))
    print(r)
    r = await asyncio.to_thread(functools.partial(fetch, retries=2), 'b.com')
    print(r)
    done = loop.create_future()
    loop.call_soon(functools.partial(done.set_result, 'called soon'))
    print(await done)
    print(await download('x'), download.__name__, download.__doc__, download.__wrapped__.__name__)
    print(await asyncio.gather(*[functools.partial(download, n)() for n in 'ab']))
    # a partial's blocking call releases the GIL as the function's own would: these overlap
    start = loop.time()
    await asyncio.gather(loop.run_in_executor(None, functools.partial(time.sleep, 0.2)),
                         asyncio.to_thread(functools.partial(fetch, timeout=0), 'c.com'),
                         asyncio.to_thread(functools.partial(time.sleep), 0.2))
    print('overlapped:', round(loop.time() - start, 1))


asyncio.run(main())

p = functools.partial(fetch, 'c.com', timeout=1)
show('repr', lambda: repr(functools.partial(max, 1, key=abs)))
show('attributes', lambda: (p.func is fetch, p.args, p.keywords))
show('call overrides', lambda: p(timeout=2, retries=5))
show('nested', lambda: functools.partial(p, retries=9).args)
show('nested call', lambda: functools.partial(p, retries=9)())
show('not callable', lambda: functools.partial(5))
show('no argument', lambda: functools.partial())
show('bad call', lambda: p(1))
show('reduce', lambda: functools.reduce(lambda a, b: a * b, range(1, 6)))
show('reduce initial', lambda: functools.reduce(lambda a, b: a + b, [], 'start'))
show('reduce empty', lambda: functools.reduce(lambda a, b: a + b, []))
show('iscoroutinefunction', lambda: [asyncio.iscoroutinefunction(f) for f in
                                      (main, download, fetch, agen, functools.partial(main), Client().get, Client().close, print, 5)])
show('update_wrapper', lambda: functools.update_wrapper(lambda: 0, fetch).__name__)


def kwonly(a, *, b, c=1):
    return a


show('too many, keyword-only given', lambda: kwonly(1, 2, b=1))
show('too many, two keyword-only given', lambda: kwonly(1, 2, b=1, c=2))
show('one too many, keyword-only given', lambda: (lambda *, b: b)(1, b=2))
show('too many, none given', lambda: kwonly(1, 2))
