// aiofiles (the tutorials' async file library) for aio's Python, written in Python as aiofiles
// itself is: its API over the builtin open() and os, every file call handed to the loop's
// executor (loop.run_in_executor: a thread, shown on the timeline), as aiofiles' threadpool does.
// So `async with aiofiles.open(p, 'w') as f: await f.write(s)` waits on a thread like CPython's.
// The files are open()'s: real files natively and under Node's CLI, the page's in-memory folder in
// a browser (io_file.cpp).

namespace aio::py {

extern const char* const aiofiles_source;
extern const char* const aiofiles_os_source;
extern const char* const aiofiles_ospath_source;

const char* const aiofiles_source = R"py("""aiofiles: file support for asyncio (aio's Python)."""
import asyncio
from builtins import open as sync_open  # this module's open() is the async one
from functools import partial

__all__ = ["open"]


class AiofilesContextManager:
    """What aiofiles.open() returns: awaitable, or an async context manager closing the file."""

    def __init__(self, coro):
        self._coro = coro
        self._obj = None

    def __await__(self):
        return self._coro

    async def __aenter__(self):
        self._obj = await self._coro
        return self._obj

    async def __aexit__(self, exc_type, exc_val, exc_tb):
        await self._obj.close()
        self._obj = None


class AsyncBase:
    def __init__(self, file, loop, executor):
        self._file = file
        self._loop = loop
        self._executor = executor

    def _call(self, name, *args, **kwargs):
        return self._loop.run_in_executor(self._executor, partial(getattr(self._file, name), *args, **kwargs))

    async def read(self, *args, **kwargs):
        return await self._call("read", *args, **kwargs)

    async def readline(self, *args, **kwargs):
        return await self._call("readline", *args, **kwargs)

    async def readlines(self, *args, **kwargs):
        return await self._call("readlines", *args, **kwargs)

    async def write(self, *args, **kwargs):
        return await self._call("write", *args, **kwargs)

    async def writelines(self, *args, **kwargs):
        return await self._call("writelines", *args, **kwargs)

    async def flush(self):
        return await self._call("flush")

    async def close(self):
        return await self._call("close")

    async def seek(self, *args):
        return await self._call("seek", *args)

    async def tell(self):
        return await self._call("tell")

    async def readable(self):
        return await self._call("readable")

    async def writable(self):
        return await self._call("writable")

    async def seekable(self):
        return await self._call("seekable")

    @property
    def closed(self):
        return self._file.closed

    @property
    def name(self):
        return self._file.name

    @property
    def mode(self):
        return self._file.mode

    def __aiter__(self):
        return self

    async def __anext__(self):
        line = await self.readline()
        if line:
            return line
        raise StopAsyncIteration

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc_val, exc_tb):
        await self.close()


class AsyncTextIOWrapper(AsyncBase):
    @property
    def encoding(self):
        return self._file.encoding


class AsyncBufferedReader(AsyncBase):
    pass


class AsyncBufferedIOBase(AsyncBase):
    pass


async def _open(file, mode, buffering, encoding, errors, newline, closefd, opener, loop, executor):
    if loop is None:
        loop = asyncio.get_running_loop()
    cb = partial(sync_open, file, mode=mode, buffering=buffering, encoding=encoding, errors=errors,
                 newline=newline, closefd=closefd, opener=opener)
    f = await loop.run_in_executor(executor, cb)
    if "b" not in mode:
        return AsyncTextIOWrapper(f, loop, executor)
    if "r" in mode and "+" not in mode:
        return AsyncBufferedReader(f, loop, executor)
    return AsyncBufferedIOBase(f, loop, executor)


def open(file, mode="r", buffering=-1, encoding=None, errors=None, newline=None, closefd=True,
         opener=None, *, loop=None, executor=None):
    return AiofilesContextManager(
        _open(file, mode, buffering, encoding, errors, newline, closefd, opener, loop, executor))
)py";

const char* const aiofiles_os_source = R"py("""aiofiles.os: os functions run in the loop's executor."""
import asyncio
import os
from functools import partial


def wrap(func):
    async def run(*args, loop=None, executor=None, **kwargs):
        if loop is None:
            loop = asyncio.get_running_loop()
        return await loop.run_in_executor(executor, partial(func, *args, **kwargs))

    return run


remove = wrap(os.remove)
unlink = wrap(os.unlink)
rename = wrap(os.rename)
replace = wrap(os.replace)
mkdir = wrap(os.mkdir)
makedirs = wrap(os.makedirs)
rmdir = wrap(os.rmdir)
listdir = wrap(os.listdir)
getcwd = wrap(os.getcwd)

import aiofiles.ospath as path  # after wrap: aiofiles.ospath uses it
)py";

const char* const aiofiles_ospath_source = R"py("""aiofiles.ospath: os.path functions run in the loop's executor."""
from os import path

from aiofiles.os import wrap

exists = wrap(path.exists)
isfile = wrap(path.isfile)
isdir = wrap(path.isdir)
getsize = wrap(path.getsize)
abspath = wrap(path.abspath)
)py";

}  // namespace aio::py
