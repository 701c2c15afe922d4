# sqlite3.connect's isolation_level: '' (implicit transactions), None (autocommit), a level; a bad one.
import sqlite3
for kw in ({}, {"isolation_level": None}, {"isolation_level": "IMMEDIATE"}):
    c = sqlite3.connect(":memory:", **kw)
    c.execute("CREATE TABLE t (x)"); c.execute("INSERT INTO t VALUES (1)")
    print(repr(c.isolation_level), c.in_transaction)
c = sqlite3.connect(":memory:", 5.0, 0, None)
print(repr(c.isolation_level))
try: sqlite3.connect(":memory:", isolation_level="BOGUS")
except ValueError as e: print("ValueError:", e)
