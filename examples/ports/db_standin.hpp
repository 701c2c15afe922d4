// What the database ports stand on: no MySQL or PostgreSQL server runs here, so a local SQLite
// database (aio::sql; a file named after the database, in the current folder) answers, with a
// sample `users` table in a new one, and each connection says so once on stderr. The Python box's
// aiomysql / asyncpg stand-ins (wasm/python/db/standins/_aio_db_standin.py) do the same with the
// same rows; both ports' and snippets' outputs are compared with the same CPython recording.
#pragma once

#include <aio/sql.hpp>

#include <cstdio>
#include <string>

namespace db_standin {

// Opens the stand-in for database `name` (empty: "test") of a `server` ("MySQL") that
// `library` ("aiomysql") would have connected to.
inline aio::coro<aio::sql::connection> connect(const char* library, const char* server, std::string name) {
    if (name.empty()) name = "test";
    std::string path = name + ".sqlite3";
    std::fprintf(stderr, "[aio-sandbox] %s: no %s server here; the local SQLite database %s stands in for database '%s'\n",
                 library, server, path.c_str(), name.c_str());
    aio::sql::connection db = co_await aio::sql::connect(path);
    co_await db.execute(
        "CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT UNIQUE, age INTEGER)");
    auto count = co_await db.fetch_all("SELECT COUNT(*) FROM users");
    if (std::get<std::int64_t>(count.at(0)[0]) == 0) {
        co_await db.execute(
            "INSERT INTO users VALUES (1, 'Alice', 'alice@example.com', 30), (2, 'Bob', 'bob@example.com', 25), "
            "(3, 'Carol', 'carol@example.com', 35), (4, 'Dave', 'dave@example.com', 28), (5, 'Eve', 'eve@example.com', 22)");
    }
    co_return db;
}

}  // namespace db_standin
