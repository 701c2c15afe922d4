// 004 §7.2 asyncpg - 异步 PostgreSQL 客户端 (examples/python/t4_7_2_asyncpg.py). No PostgreSQL
// server runs here: a local SQLite database stands in (db_standin.hpp, over aio::sql), as in the
// Python box. The snippet defines fetch_users() and never runs it, so this program prints
// nothing either.
#include <aio/aio.hpp>
#include <aio/sql.hpp>

#include "db_standin.hpp"

#include <vector>

aio::coro<std::vector<aio::sql::row>> fetch_users() {
    // conn = await asyncpg.connect('postgresql://...'): the DSN names no database, so asyncpg's
    // default, 'postgres'
    aio::sql::connection conn = co_await db_standin::connect("asyncpg", "PostgreSQL", "postgres");
    std::vector<aio::sql::row> rows = co_await conn.fetch_all("SELECT * FROM users");
    co_await conn.close();
    co_return rows;
}

int main() { return 0; }  // the snippet never runs fetch_users()
