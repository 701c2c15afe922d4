# The tutorials' aiomysql and asyncpg calls, answered by aio-sandbox's local SQLite stand-in
# (wasm/python/db/standins/): the sample users table, placeholders, cursors and records.
import asyncio
import os
import aiomysql
import asyncpg


async def mysql():
    conn = await aiomysql.connect(host="localhost", port=3306, user="root", password="password",
                                  db="standins", autocommit=True)
    async with conn.cursor(aiomysql.DictCursor) as cursor:
        print(await cursor.execute("SELECT * FROM users LIMIT 3"))
        print(await cursor.fetchall())
    cursor = await conn.cursor()
    print(await cursor.execute("INSERT INTO users (name, email, age) VALUES (%s, %s, %s)",
                               ("Frank", "frank@example.com", 40)), cursor.lastrowid)
    await cursor.execute("SELECT name, age FROM users WHERE age > %(age)s ORDER BY age", {"age": 30})
    print(await cursor.fetchone(), await cursor.fetchall(), await cursor.fetchone())
    try:
        await cursor.execute("SELECT * FROM orders")
    except aiomysql.OperationalError as e:
        print("aiomysql error:", e)
    conn.close()
    print(conn.closed)


async def postgres():
    conn = await asyncpg.connect("postgresql://user:secret@localhost:5432/standins")
    rows = await conn.fetch("SELECT id, name FROM users WHERE age < $1 ORDER BY id", 30)
    print(rows)
    print(rows[0]["name"], rows[0][0], dict(rows[1]), len(rows[1]))
    print(await conn.fetchrow("SELECT * FROM users WHERE name = $1", "Frank"))
    print(await conn.fetchrow("SELECT * FROM users WHERE name = $1", "Nobody"))
    print(await conn.fetchval("SELECT COUNT(*) FROM users"))
    print(await conn.execute("UPDATE users SET age = age + 1 WHERE age < $1", 30))
    print(await conn.execute("CREATE TABLE tags (name TEXT); INSERT INTO tags VALUES ('x')"))
    print(await conn.execute("INSERT INTO tags VALUES ($1)", "y"))
    try:
        await conn.fetch("SELEC 1")
    except asyncpg.PostgresError as e:
        print("asyncpg error:", type(e).__name__, e)
    await conn.close()
    print(conn.is_closed())


asyncio.run(mysql())
asyncio.run(postgres())
os.remove("standins.sqlite3")
