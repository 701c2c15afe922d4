"""aiomysql's calls (connect, cursors, DictCursor, execute, fetch*, commit, close) for the
tutorials' database chapter, answered by a local SQLite database (_aio_db_standin): no MySQL
server runs in aio-sandbox. SQL goes to SQLite as written, its `%s` / `%(name)s` placeholders
turned into SQLite's.
"""
import sqlite3

from _aio_db_standin import Worker, numbered_placeholders, open_database

Error = sqlite3.Error
Warning = sqlite3.Warning
InterfaceError = sqlite3.InterfaceError
DatabaseError = sqlite3.DatabaseError
DataError = sqlite3.DataError
OperationalError = sqlite3.OperationalError
IntegrityError = sqlite3.IntegrityError
InternalError = sqlite3.InternalError
ProgrammingError = sqlite3.ProgrammingError
NotSupportedError = sqlite3.NotSupportedError


class Cursor:
    """Rows as tuples."""

    def __init__(self, connection):
        self._connection = connection
        self._cursor = None
        self._rows = []
        self._position = 0
        self.rowcount = -1
        self.lastrowid = None
        self.description = None
        self.arraysize = 1

    @property
    def connection(self):
        return self._connection

    def _row(self, names, values):
        return tuple(values)

    def _rows_result(self, rows):
        return tuple(rows)

    async def execute(self, query, args=None):
        """Runs the query; its rows are fetched at once, as aiomysql's buffered cursor does.
        Returns the number of rows affected or read."""
        sql = numbered_placeholders(query, "%")
        params = () if args is None else args
        if not isinstance(params, (tuple, list, dict)):
            params = (params,)
        conn = self._connection._conn()

        def run():
            cursor = conn.execute(sql, params)
            return cursor.description, cursor.fetchall(), cursor.rowcount, cursor.lastrowid

        description, rows, rowcount, lastrowid = await self._connection._worker.run(run)
        names = [d[0] for d in description] if description else []
        self.description = description
        self._rows = [self._row(names, r) for r in rows]
        self._position = 0
        self.rowcount = len(rows) if description else rowcount
        self.lastrowid = lastrowid
        return self.rowcount

    async def executemany(self, query, args):
        sql = numbered_placeholders(query, "%")
        conn = self._connection._conn()
        cursor = await self._connection._worker.run(conn.executemany, sql, list(args))
        self.rowcount = cursor.rowcount
        return self.rowcount

    async def fetchone(self):
        if self._position >= len(self._rows):
            return None
        self._position += 1
        return self._rows[self._position - 1]

    async def fetchmany(self, size=None):
        end = self._position + (self.arraysize if size is None else size)
        rows = self._rows[self._position:end]
        self._position += len(rows)
        return self._rows_result(rows)

    async def fetchall(self):
        rows = self._rows[self._position:]
        self._position = len(self._rows)
        return self._rows_result(rows)

    async def close(self):
        self._rows = []

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await self.close()


class DictCursor(Cursor):
    """Rows as dicts, column name to value."""

    def _row(self, names, values):
        return dict(zip(names, values))

    def _rows_result(self, rows):
        return rows


class _CursorContext:
    """What connection.cursor() returns: await it, or use it with `async with`."""

    def __init__(self, cursor):
        self._cursor = cursor

    def __await__(self):
        return self._ready().__await__()

    async def _ready(self):
        return self._cursor

    async def __aenter__(self):
        return self._cursor

    async def __aexit__(self, exc_type, exc, tb):
        await self._cursor.close()


class Connection:
    def __init__(self, sqlite_connection, worker, cursorclass):
        self._sqlite = sqlite_connection
        self._worker = worker
        self._cursorclass = cursorclass

    def _conn(self):
        if self._sqlite is None:
            raise InterfaceError("(0, 'Not connected')")
        return self._sqlite

    @property
    def closed(self):
        return self._sqlite is None

    def cursor(self, *cursors):
        cls = cursors[0] if cursors else self._cursorclass
        return _CursorContext(cls(self))

    async def commit(self):
        await self._worker.run(self._conn().commit)

    async def rollback(self):
        await self._worker.run(self._conn().rollback)

    async def autocommit(self, value):
        self._conn().isolation_level = None if value else ""

    def close(self):
        if self._sqlite is not None:
            self._sqlite.close()
            self._sqlite = None
            self._worker.stop()

    async def ensure_closed(self):
        self.close()

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        self.close()


async def connect(host="localhost", user=None, password="", db=None, port=3306, unix_socket=None,
                  charset="", sql_mode=None, read_default_file=None, conv=None, use_unicode=None,
                  client_flag=0, cursorclass=Cursor, init_command=None, connect_timeout=None,
                  read_default_group=None, autocommit=False, echo=False, local_infile=False,
                  loop=None, ssl=None, auth_plugin="", program_name="", server_public_key=None):
    """A Connection to MySQL database `db` at host:port, here the local SQLite stand-in."""
    worker = Worker()
    sqlite_connection = await worker.run(open_database, "aiomysql", "MySQL", db, autocommit)
    return Connection(sqlite_connection, worker, cursorclass)
