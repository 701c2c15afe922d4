"""asyncpg's calls (connect, fetch, fetchrow, fetchval, execute, close, Record) for the tutorials'
database chapter, answered by a local SQLite database (_aio_db_standin): no PostgreSQL server runs
in aio-sandbox. SQL goes to SQLite as written, its `$1` placeholders turned into SQLite's `?1`.
"""
import sqlite3

from _aio_db_standin import Worker, numbered_placeholders, open_database

PostgresError = sqlite3.Error


class Record:
    """A row: by position, by column name, or as a mapping (dict(record))."""

    def __init__(self, names, values):
        self._names = names
        self._values = tuple(values)

    def __getitem__(self, key):
        if isinstance(key, str):
            if key not in self._names:
                raise KeyError(key)
            return self._values[self._names.index(key)]
        return self._values[key]

    def get(self, key, default=None):
        return self[key] if key in self._names else default

    def keys(self):
        return iter(self._names)

    def values(self):
        return iter(self._values)

    def items(self):
        return iter(zip(self._names, self._values))

    def __len__(self):
        return len(self._values)

    def __iter__(self):
        return iter(self._values)

    def __eq__(self, other):
        return isinstance(other, Record) and self._values == other._values

    def __repr__(self):
        fields = " ".join(f"{n}={v!r}" for n, v in zip(self._names, self._values))
        return f"<Record {fields}>"


def _database_name(dsn, database):
    """The database named by the DSN's path (postgresql://user@host:port/NAME), else `database`."""
    if database:
        return database
    if dsn and "://" in dsn:
        rest = dsn.split("://", 1)[1]
        if "/" in rest:
            name = rest.split("/", 1)[1].split("?", 1)[0]
            if name:
                return name
    return "postgres"


def _status(sql, rowcount):
    """The command tag asyncpg's execute() returns: 'INSERT 0 1', 'UPDATE 2', 'CREATE TABLE'."""
    words = sql.split()
    verb = words[0].upper() if words else ""
    if verb == "INSERT":
        return f"INSERT 0 {rowcount}"
    if verb in ("UPDATE", "DELETE"):
        return f"{verb} {rowcount}"
    return " ".join(w.upper() for w in words[:2]) if verb in ("CREATE", "DROP", "ALTER") else verb


class Connection:
    def __init__(self, sqlite_connection, worker):
        self._sqlite = sqlite_connection
        self._worker = worker

    def _conn(self):
        if self._sqlite is None:
            raise sqlite3.InterfaceError("cannot call Connection.fetch(): connection has been released back to the pool")
        return self._sqlite

    async def _run(self, query, args):
        conn = self._conn()
        sql = numbered_placeholders(query, "$")

        def run():
            cursor = conn.execute(sql, args)
            names = [d[0] for d in cursor.description] if cursor.description else []
            return names, cursor.fetchall(), cursor.rowcount

        return await self._worker.run(run)

    async def fetch(self, query, *args, timeout=None):
        names, rows, _ = await self._run(query, args)
        return [Record(names, r) for r in rows]

    async def fetchrow(self, query, *args, timeout=None):
        names, rows, _ = await self._run(query, args)
        return Record(names, rows[0]) if rows else None

    async def fetchval(self, query, *args, column=0, timeout=None):
        names, rows, _ = await self._run(query, args)
        return rows[0][column] if rows else None

    async def execute(self, query, *args, timeout=None):
        if not args:  # asyncpg: several statements, no parameters
            conn = self._conn()

            def script():
                before = conn.total_changes
                conn.executescript(query)
                return conn.total_changes - before

            return _status(query, await self._worker.run(script))
        _, _, rowcount = await self._run(query, args)
        return _status(query, rowcount)

    async def executemany(self, command, args, *, timeout=None):
        conn = self._conn()
        await self._worker.run(conn.executemany, numbered_placeholders(command, "$"), list(args))

    def is_closed(self):
        return self._sqlite is None

    async def close(self, *, timeout=None):
        if self._sqlite is not None:
            await self._worker.run(self._sqlite.close)
            self._sqlite = None
            self._worker.stop()


async def connect(dsn=None, *, host=None, port=None, user=None, password=None, passfile=None,
                  database=None, loop=None, timeout=60, statement_cache_size=100, command_timeout=None,
                  ssl=None, server_settings=None):
    """A Connection to the PostgreSQL database the DSN names, here the local SQLite stand-in."""
    worker = Worker()
    sqlite_connection = await worker.run(open_database, "asyncpg", "PostgreSQL", _database_name(dsn, database), True)
    return Connection(sqlite_connection, worker)
