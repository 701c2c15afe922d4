// Registers the database modules (db_modules.hpp) with the module tables.
#include "python/db/db_modules.hpp"

#include "python/modules.hpp"

namespace aio::py {

// lib/ or standins/<name>.py's text, each in a source file CMake generates (cmake/embed_python.cmake).
extern const char* const aiosqlite_source;
extern const char* const aiomysql_source;
extern const char* const asyncpg_source;
extern const char* const _aio_db_standin_source;

void enable_database_modules() {
    add_native_module({"sqlite3", init_sqlite3});
    add_source_module({"aiosqlite", "<frozen aiosqlite>", aiosqlite_source});
    add_source_module({"_aio_db_standin", "<frozen _aio_db_standin>", _aio_db_standin_source});
    add_source_module({"aiomysql", "<frozen aiomysql>", aiomysql_source});
    add_source_module({"asyncpg", "<frozen asyncpg>", asyncpg_source});
}

}  // namespace aio::py
