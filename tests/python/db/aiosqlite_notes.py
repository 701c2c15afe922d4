# aiosqlite: every call awaits the connection's thread; the loop's other tasks run meanwhile.
import asyncio
import os
import aiosqlite

PATH = "aiosqlite_notes.db"


async def ticker():
    for i in range(3):
        print("tick", i)
        await asyncio.sleep(0)


async def main():
    async with aiosqlite.connect(PATH) as db:
        await db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
        tick = asyncio.create_task(ticker())
        await db.executemany("INSERT INTO notes (text) VALUES (?)", [("a",), ("b",), ("c",)])
        await db.commit()
        await tick
        async with db.execute("SELECT id, text FROM notes") as cursor:
            async for row in cursor:
                print(row)
        db.row_factory = aiosqlite.Row
        cursor = await db.execute("SELECT * FROM notes WHERE id = ?", (2,))
        row = await cursor.fetchone()
        print(row["text"], tuple(row), cursor.description)
        await cursor.close()
        print(len(await db.execute_fetchall("SELECT * FROM notes")))
        print(tuple(await db.execute_insert("INSERT INTO notes (text) VALUES ('d')")))
        print(db.in_transaction, db.total_changes)
        await db.rollback()
        async with db.cursor() as cur:
            await cur.execute("SELECT COUNT(*) FROM notes")
            print((await cur.fetchone())[0], cur.rowcount)
        try:
            await db.execute("SELECT * FROM missing")
        except aiosqlite.OperationalError as e:
            print("error:", type(e).__name__, e)
        try:
            await db.execute("INSERT INTO notes (text) VALUES (NULL)")
        except aiosqlite.IntegrityError as e:
            print("error:", type(e).__name__, e)

    # reopened: the committed rows are there, the rolled back one is not
    db = await aiosqlite.connect(PATH)
    print(await db.execute_fetchall("SELECT text FROM notes ORDER BY id"))
    await db.close()
    try:
        await db.execute("SELECT 1")
    except ValueError as e:
        print("ValueError:", e)
    os.remove(PATH)

    try:
        await aiosqlite.connect("no/such/folder/x.db")
    except aiosqlite.OperationalError as e:
        print("connect:", e)

asyncio.run(main())
