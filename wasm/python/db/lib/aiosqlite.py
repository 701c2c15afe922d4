"""aiosqlite: the sqlite3 module for asyncio (aio's Python, the API of aiosqlite 0.17).

Each connection runs its sqlite3 calls in a thread of its own, one at a time and in order (a
one-worker executor, as aiosqlite's own Thread does), so the loop's other tasks go on while a
query runs: `async with aiosqlite.connect(path) as db: await db.execute(...)`.
"""
import asyncio
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from sqlite3 import (DatabaseError, Error, IntegrityError, NotSupportedError, OperationalError,
                     ProgrammingError, Row, Warning, sqlite_version, sqlite_version_info)

__all__ = ["connect", "Connection", "Cursor", "Row", "Warning", "Error", "DatabaseError",
           "IntegrityError", "ProgrammingError", "OperationalError", "NotSupportedError",
           "sqlite_version", "sqlite_version_info"]
__version__ = "0.17.0"


class Result:
    """What execute() and friends return: awaitable, or an async context manager that closes
    the object it gave."""

    def __init__(self, coro):
        self._coro = coro
        self._obj = None

    def __await__(self):
        return self._coro.__await__()

    async def __aenter__(self):
        self._obj = await self._coro
        return self._obj

    async def __aexit__(self, exc_type, exc, tb):
        await self._obj.close()
        self._obj = None


class Cursor:
    def __init__(self, conn, cursor):
        self._conn = conn
        self._cursor = cursor
        self.iter_chunk_size = conn._iter_chunk_size

    def __aiter__(self):
        return self._fetch_chunked()

    async def _fetch_chunked(self):
        while True:
            rows = await self.fetchmany(self.iter_chunk_size)
            if not rows:
                return
            for row in rows:
                yield row

    async def _execute(self, fn, *args, **kwargs):
        return await self._conn._execute(fn, *args, **kwargs)

    async def execute(self, sql, parameters=None):
        if parameters is None:
            parameters = []
        await self._execute(self._cursor.execute, sql, parameters)
        return self

    async def executemany(self, sql, parameters):
        await self._execute(self._cursor.executemany, sql, parameters)
        return self

    async def executescript(self, sql_script):
        await self._execute(self._cursor.executescript, sql_script)
        return self

    async def fetchone(self):
        return await self._execute(self._cursor.fetchone)

    async def fetchmany(self, size=None):
        args = () if size is None else (size,)
        return await self._execute(self._cursor.fetchmany, *args)

    async def fetchall(self):
        return await self._execute(self._cursor.fetchall)

    async def close(self):
        await self._execute(self._cursor.close)

    @property
    def rowcount(self):
        return self._cursor.rowcount

    @property
    def lastrowid(self):
        return self._cursor.lastrowid

    @property
    def arraysize(self):
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value):
        self._cursor.arraysize = value

    @property
    def description(self):
        return self._cursor.description

    @property
    def connection(self):
        return self._cursor.connection

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc_val, exc_tb):
        await self.close()


class Connection:
    def __init__(self, connector, iter_chunk_size):
        self._connection = None
        self._connector = connector
        self._iter_chunk_size = iter_chunk_size
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="aiosqlite")

    @property
    def _conn(self):
        if self._connection is None:
            raise ValueError("no active connection")
        return self._connection

    async def _execute(self, fn, *args, **kwargs):
        """Runs fn(*args, **kwargs) in the connection's thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, partial(fn, *args, **kwargs))

    async def _connect(self):
        if self._connection is None:
            try:
                self._connection = await self._execute(self._connector)
            except BaseException:
                self._executor.shutdown(wait=False)
                raise
        return self

    def __await__(self):
        return self._connect().__await__()

    async def __aenter__(self):
        return await self

    async def __aexit__(self, exc_type, exc_val, exc_tb):
        await self.close()

    def cursor(self):
        return Result(self._cursor())

    async def _cursor(self):
        return Cursor(self, await self._execute(self._conn.cursor))

    async def commit(self):
        await self._execute(self._conn.commit)

    async def rollback(self):
        await self._execute(self._conn.rollback)

    async def close(self):
        if self._connection is None:
            return
        try:
            await self._execute(self._conn.close)
        finally:
            self._connection = None
            self._executor.shutdown(wait=False)

    def execute(self, sql, parameters=None):
        return Result(self._execute_cursor(self._conn.execute, sql, [] if parameters is None else parameters))

    def executemany(self, sql, parameters):
        return Result(self._execute_cursor(self._conn.executemany, sql, parameters))

    def executescript(self, sql_script):
        return Result(self._execute_cursor(self._conn.executescript, sql_script))

    async def _execute_cursor(self, fn, *args):
        return Cursor(self, await self._execute(fn, *args))

    async def execute_insert(self, sql, parameters=None):
        def insert():
            cursor = self._conn.execute(sql, [] if parameters is None else parameters)
            cursor.execute("SELECT last_insert_rowid()")
            return cursor.fetchone()
        return await self._execute(insert)

    async def execute_fetchall(self, sql, parameters=None):
        def fetchall():
            return self._conn.execute(sql, [] if parameters is None else parameters).fetchall()
        return await self._execute(fetchall)

    @property
    def in_transaction(self):
        return self._conn.in_transaction

    @property
    def isolation_level(self):
        return self._conn.isolation_level

    @isolation_level.setter
    def isolation_level(self, value):
        self._conn.isolation_level = value

    @property
    def row_factory(self):
        return self._conn.row_factory

    @row_factory.setter
    def row_factory(self, factory):
        self._conn.row_factory = factory

    @property
    def total_changes(self):
        return self._conn.total_changes


def connect(database, *, iter_chunk_size=64, loop=None, **kwargs):
    """A Connection to the SQLite database at `database` (a path, or ":memory:"): await it or
    use it with `async with`."""
    location = database if isinstance(database, (str, bytes)) else str(database)

    def connector():
        return sqlite3.connect(location, **kwargs)

    return Connection(connector, iter_chunk_size)
