// The front-end's database modules, in their own library (aio_python_db) because they link
// SQLite (Debian's libsqlite3 natively, the amalgamation compiled in for wasm): `sqlite3` (native,
// mod_sqlite3.cpp), and in Python (lib/*.py and standins/*.py, built in by CMake as generated sources): `aiosqlite`
// and the tutorials' `aiomysql` / `asyncpg` call shapes over a local SQLite stand-in
// (`_aio_db_standin`). An entry point that links them calls enable_database_modules() once before
// running programs; without it `import sqlite3` is ModuleNotFoundError.
#pragma once

#include "python/object.hpp"

namespace aio::py {

void enable_database_modules();

void init_sqlite3(Dict& ns);  // mod_sqlite3.cpp

}  // namespace aio::py
