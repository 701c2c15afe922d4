// The Python front-end's I/O libraries for the page's module: aiohttp (over the page's fetch),
// sqlite3, aiosqlite and the aiomysql/asyncpg stand-ins. A file of its own so that a module
// without them (the widget's Python module) is a link-time choice: it leaves this file out.
#include "python/db/db_modules.hpp"
#include "python/net/net_modules.hpp"

#include <emscripten/bind.h>

EMSCRIPTEN_BINDINGS(aio_python_io) {
    aio::py::enable_network_modules();
    aio::py::enable_database_modules();
}
