// 000 §4.3 数据库操作 (examples/python/t0_4_3_aiomysql.py): a query with aiomysql. No MySQL server
// runs here: as in the Python box, a local SQLite database stands in (db_standin.hpp, over
// aio::sql), with the same sample users and the same note on stderr. A DictCursor's rows print
// as Python prints that list of dicts (aio::sql::repr).
#include <aio/aio.hpp>
#include <aio/sql.hpp>

#include "db_standin.hpp"

#include <cstdio>
#include <exception>

aio::coro<void> query_db() {
    // 建立异步连接
    // aiomysql.connect(host='localhost', port=3306, user='root', password='password', db='test',
    // autocommit=True): the stand-in for database 'test' (aio::sql commits each statement)
    aio::sql::connection connection = co_await db_standin::connect("aiomysql", "MySQL", "test");

    std::exception_ptr failed;
    try {
        // 创建游标: async with connection.cursor(aiomysql.DictCursor) as cursor
        // 异步执行查询
        // 异步获取结果
        std::vector<aio::sql::row> results = co_await connection.fetch_all("SELECT * FROM users LIMIT 3");
        std::printf("查询结果: %s\n", aio::sql::repr(results, /*as_dicts=*/true).c_str());
    } catch (...) {
        failed = std::current_exception();
    }
    // finally: 关闭连接
    co_await connection.close();
    if (failed) std::rethrow_exception(failed);
}

int main() { aio::run_main(query_db()); }  // asyncio.run(query_db())
