# The sqlite3 module (DB-API 2.0) as CPython's: values, cursors, rows, transactions and the
# errors with their messages and SQLite error names.
import os
import sqlite3

print(sqlite3.paramstyle, sqlite3.apilevel, sqlite3.Connection.__module__)
conn = sqlite3.connect(":memory:")
cur = conn.cursor()
print(type(cur).__name__, cur.rowcount, cur.lastrowid, cur.description, cur.arraysize)

for sql, args in [("SELECT * FROM nope", ()), ("SELEC 1", ()), ("SELECT ?", (1, 2)),
                  ("SELECT ?", ([1],)), ("SELECT 1; SELECT 2", ()), ("SELECT :a", {"b": 1}),
                  ("SELECT ?", {"a": 1})]:
    try:
        conn.execute(sql, args)
    except sqlite3.Error as e:
        print(type(e).__name__, e, getattr(e, "sqlite_errorcode", None), getattr(e, "sqlite_errorname", None))

conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, score REAL)")
print(conn.in_transaction, repr(conn.isolation_level), conn.total_changes)
cur = conn.execute("INSERT INTO t (name, score) VALUES (?, ?)", ("a", 1.5))
print(cur.rowcount, cur.lastrowid, conn.in_transaction)
try:
    conn.execute("INSERT INTO t (name) VALUES (?)", ("a",))
except sqlite3.IntegrityError as e:
    print("IntegrityError:", e, e.sqlite_errorname, isinstance(e, sqlite3.DatabaseError))
cur = conn.executemany("INSERT INTO t (name, score) VALUES (?, ?)", [("b", 2), ("c", None)])
print(cur.rowcount, cur.lastrowid)
conn.commit()
print(conn.in_transaction, conn.total_changes)

cur = conn.execute("SELECT * FROM t ORDER BY id")
print(cur.rowcount, cur.description)
print(cur.fetchone(), cur.fetchmany(), cur.fetchall(), cur.fetchone())
for row in conn.execute("SELECT name FROM t WHERE score > :min", {"min": 1}):
    print("row", row)
print(conn.execute("SELECT 1.5, 'x', x'00ff', NULL, 3, ?", (True,)).fetchall())

conn.row_factory = sqlite3.Row
row = conn.execute("SELECT id, name FROM t").fetchone()
print(type(row).__name__, row.keys(), row["NAME"], row[0], tuple(row), len(row), dict(zip(row.keys(), row)))
for key in ("x", 5):
    try:
        row[key]
    except IndexError as e:
        print("IndexError:", e)
conn.row_factory = lambda cursor, values: {d[0]: v for d, v in zip(cursor.description, values)}
print(conn.execute("SELECT id, name FROM t WHERE id = 2").fetchone())

# `with conn`: commits on success, rolls back on error, leaves the connection open
conn.row_factory = None
with conn:
    conn.execute("UPDATE t SET score = 10 WHERE name = 'a'")
try:
    with conn:
        conn.execute("DELETE FROM t")
        raise RuntimeError("undo")
except RuntimeError:
    pass
print(conn.execute("SELECT name, score FROM t ORDER BY id").fetchall())
conn.executescript("CREATE TABLE u (x); INSERT INTO u VALUES (1); INSERT INTO u VALUES (2);")
print(conn.execute("SELECT SUM(x) FROM u").fetchone())
try:
    conn.executemany("SELECT ?", [(1,)])
except sqlite3.ProgrammingError as e:
    print("ProgrammingError:", e)

# a file database: what one connection commits, the next one reads
path = "sqlite3_module.db"
with sqlite3.connect(path) as disk:
    disk.execute("CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT)")
    disk.execute("INSERT INTO kv VALUES ('greeting', 'hello')")
disk.close()
again = sqlite3.connect(path)
print(again.execute("SELECT v FROM kv").fetchone())
again.close()
os.remove(path)
try:
    sqlite3.connect("no/such/folder/x.db")
except sqlite3.OperationalError as e:
    print("OperationalError:", e)

conn.close()
for action in (lambda: conn.execute("SELECT 1"), lambda: cur.fetchall(), conn.commit):
    try:
        action()
    except sqlite3.ProgrammingError as e:
        print("ProgrammingError:", e)
closed = sqlite3.connect(":memory:").cursor()
closed.close()
try:
    closed.execute("SELECT 1")
except sqlite3.ProgrammingError as e:
    print("ProgrammingError:", e)
print(sqlite3.Error.__mro__[1:], sqlite3.OperationalError.__mro__[1:3])
