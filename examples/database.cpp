// Database: the tutorials' "SELECT * FROM users LIMIT 3" chapter (aiomysql) on the runtime's own
// store (aio/store.hpp): a "users" object store (a table: key -> JSON row), rows inserted in one
// all-or-nothing transaction, then the first three read back. No database server: natively and in
// Node the store is a log file at `path`, in a browser an IndexedDB database of that name.
// Tutorials: 000 §4.3 异步数据库操作（aiomysql）; 004 §7.2 数据库.
//
//   aiomysql.connect(...)                     -> aio::store::database::open(path, {.stores = {"users"}})
//   await cursor.execute("INSERT ...")        -> co_await tx.put("users", id, row) inside db.transaction
//   await cursor.execute("SELECT * FROM users LIMIT 3"); await cursor.fetchall()
//                                             -> co_await db.select("users", {.limit = 3})
//   connection.close()                        -> co_await db.close()
#include "lib/example.hpp"

#include "aio/files.hpp"
#include "aio/store.hpp"

#include <exception>
#include <stdexcept>

namespace {

namespace store = aio::store;

aio::coro<void> queries(aio_examples::context& out, const store::database& db) {
    // INSERT INTO users ...: all five rows in one transaction (committed together when the
    // body returns; put replaces a row with the same key, so running this again is fine).
    co_await db.transaction([](store::transaction& tx) -> aio::coro<void> {
        const char* names[] = {"Alice", "Bob", "Carol", "Dave", "Eve"};
        for (int id = 1; id <= 5; ++id) {
            std::string name = names[id - 1];
            store::json row = {{"id", id}, {"name", name}, {"email", "user" + std::to_string(id) + "@example.com"}};
            co_await tx.put("users", id, row);
        }
    });
    out.log("inserted 5 users in one transaction");

    // A transaction that fails leaves nothing behind: no half-inserted rows.
    try {
        co_await db.transaction([](store::transaction& tx) -> aio::coro<void> {
            store::json row = {{"id", 6}, {"name", "Mallory"}, {"email", "user6@example.com"}};
            co_await tx.put("users", 6, row);
            throw std::runtime_error("duplicate email");  // rolls the put back
        });
    } catch (const std::runtime_error& e) {
        out.log(std::string("transaction failed (") + e.what() + "), rolled back");
    }
    out.log("users in the store: " + std::to_string(co_await db.count("users")));

    // SELECT * FROM users LIMIT 3 (ordered by key)
    store::query first3;
    first3.limit = 3;
    store::json results = store::json::array();
    for (const store::record& r : co_await db.select("users", first3)) results.push_back(r.value);
    out.log("query results: " + results.dump());  // print("查询结果:", results)
}

aio::coro<void> main_(aio_examples::context& out) {
    // connection = await aiomysql.connect(...): opens (creating if needed) the database.
    store::open_options options;
    options.stores = {"users"};
    std::string path = out.text("path");
    if (auto slash = path.rfind('/'); slash != std::string::npos && slash > 0)
        co_await aio::files::make_dirs(path.substr(0, slash));  // its folder (the sandbox's examples/)
    store::database db = co_await store::database::open(path, options);
    std::exception_ptr failed;
    try {
        co_await queries(out, db);
    } catch (...) {  // (no co_await inside a handler in C++)
        failed = std::current_exception();
    }
    co_await db.close();  // finally: connection.close()
    if (failed) std::rethrow_exception(failed);
}

const aio_examples::example_info info{
    "database", main_, nullptr,
    {{"path", "/tmp/aio-example-users.db", "the database (a log file natively and in Node, IndexedDB in a browser)", aio_examples::param_kind::path}}};
AIO_REGISTER_EXAMPLE(info);

}  // namespace
