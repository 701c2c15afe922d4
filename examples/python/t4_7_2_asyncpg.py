# asyncpg - 异步 PostgreSQL 客户端
import asyncpg
async def fetch_users():
    conn = await asyncpg.connect('postgresql://...')
    rows = await conn.fetch('SELECT * FROM users')
    await conn.close()
    return rows
