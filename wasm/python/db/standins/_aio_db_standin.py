"""What aiomysql and asyncpg stand on in aio-sandbox: no database server runs here, so a local
SQLite database (a file named after the database, in the current folder) answers their calls,
with a sample `users` table in a new one. Each connection says so once, on stderr.

CPython runs these same files when the snippets' outputs are recorded (tools/py_record.py), so
both interpreters print what this code does.
"""
import asyncio
import sqlite3
import sys
from concurrent.futures import ThreadPoolExecutor
from functools import partial

SAMPLE_USERS = [
    (1, "Alice", "alice@example.com", 30),
    (2, "Bob", "bob@example.com", 25),
    (3, "Carol", "carol@example.com", 35),
    (4, "Dave", "dave@example.com", 28),
    (5, "Eve", "eve@example.com", 22),
]


def database_file(name):
    return (name or "test") + ".sqlite3"


def open_database(library, server, name, autocommit):
    """A sqlite3 connection to the stand-in for database `name` of a `server` ("MySQL"), the
    sample table added to a new file; the note on stderr."""
    path = database_file(name)
    print(f"[aio-sandbox] {library}: no {server} server here; the local SQLite database "
          f"{path} stands in for database '{name or 'test'}'", file=sys.stderr)
    # check_same_thread=False: opened in the worker thread, closed from the loop's.
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                 "email TEXT UNIQUE, age INTEGER)")
    if conn.execute("SELECT COUNT(*) FROM users").fetchone()[0] == 0:
        conn.executemany("INSERT INTO users VALUES (?, ?, ?, ?)", SAMPLE_USERS)
    if not autocommit:
        conn.isolation_level = ""
    return conn


class Worker:
    """The connection's thread: its sqlite3 calls run there one at a time, in order, as a
    network client's requests would wait on the server."""

    def __init__(self):
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db")

    async def run(self, fn, *args):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, partial(fn, *args))

    def stop(self):
        self._executor.shutdown(wait=False)


def numbered_placeholders(query, marker):
    """The query with its driver's placeholders as SQLite's: `$1` (marker "$") becomes `?1`;
    `%s` (marker "%") becomes `?` and `%(name)s` becomes `:name`, `%%` a `%`. Quoted text is
    left alone."""
    out = []
    quote = None
    i = 0
    while i < len(query):
        c = query[i]
        if quote:
            out.append(c)
            if c == quote:
                quote = None
            i += 1
        elif c in "'\"":
            quote = c
            out.append(c)
            i += 1
        elif marker == "$" and c == "$" and i + 1 < len(query) and query[i + 1].isdigit():
            j = i + 1
            while j < len(query) and query[j].isdigit():
                j += 1
            out.append("?" + query[i + 1:j])
            i = j
        elif marker == "%" and c == "%" and query[i + 1:i + 2] == "s":
            out.append("?")
            i += 2
        elif marker == "%" and c == "%" and query[i + 1:i + 2] == "(":
            end = query.index(")s", i)
            out.append(":" + query[i + 2:end])
            i = end + 2
        elif marker == "%" and c == "%" and query[i + 1:i + 2] == "%":
            out.append("%")
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)
