// aio::sql on real SQLite files: natively each connection's statements run on its own thread;
// in wasm (no threads, or SQLite without mutexes) on the loop thread, in Emscripten's files.
#include "aio/sql.hpp"
#include "support.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

namespace sql = aio::sql;

namespace {

// A database file of the test's own, removed before and after.
struct db_file {
    std::string path;
    explicit db_file(const std::string& name)
        : path("/tmp/aio-sql-test-" + std::to_string(::getpid()) + "-" + name + ".sqlite3") {
        std::remove(path.c_str());
    }
    ~db_file() { std::remove(path.c_str()); }
    db_file(const db_file&) = delete;
    db_file& operator=(const db_file&) = delete;
};

}  // namespace

TEST_CASE("sql: create, insert with parameters, query; values of every storage class", "[sql]") {
    db_file file("values");
    auto main = [](std::string path) -> aio::coro<void> {
        sql::connection db = co_await sql::connect(path);
        CHECK(db.is_open());
        std::int64_t changed = co_await db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, score REAL, raw BLOB)");
        CHECK(changed == 0);
        const sql::blob raw{0, 'a', 0xff};
        changed = co_await db.execute("INSERT INTO t VALUES (?, ?, ?, ?)", 1, "Alice", 2.5, raw);
        CHECK(changed == 1);
        std::vector<sql::param> params;  // the vector form
        params.emplace_back(2);
        params.emplace_back(std::string("O'Brien"));
        changed = co_await db.execute("INSERT INTO t (id, name) VALUES (?1, :name)", params);
        CHECK(changed == 1);
        changed = co_await db.execute("UPDATE t SET score = 1 WHERE id > ?", 0);
        CHECK(changed == 2);

        std::vector<sql::row> rows = co_await db.fetch_all("SELECT * FROM t ORDER BY id");
        REQUIRE(rows.size() == 2);
        CHECK(rows[0].columns() == std::vector<std::string>{"id", "name", "score", "raw"});
        CHECK(rows[0].integer("id") == 1);
        CHECK(rows[0].text("name") == "Alice");
        CHECK(std::get<double>(rows[0]["score"]) == 1.0);
        CHECK(std::get<sql::blob>(rows[0][3]) == raw);
        CHECK(std::holds_alternative<sql::null_t>(rows[1]["raw"]));
        // As Python prints them (aiosqlite's tuples, aiomysql's DictCursor dicts).
        CHECK(sql::repr(rows, false) == "[(1, 'Alice', 1.0, b'\\x00a\\xff'), (2, \"O'Brien\", 1.0, None)]");
        CHECK(sql::repr_dict(rows[0]) == "{'id': 1, 'name': 'Alice', 'score': 1.0, 'raw': b'\\x00a\\xff'}");
        std::vector<sql::row> one = co_await db.fetch_all("SELECT 0.1 + 0.2, 'tab\tline\n', 7");
        CHECK(sql::repr_tuple(one.at(0)) == "(0.30000000000000004, 'tab\\tline\\n', 7)");
        // Text CPython's repr escapes and text it prints as is (python3's sqlite3 printed these rows).
        std::vector<sql::row> text = co_await db.fetch_all("SELECT ?, ?, ?, ?", "line\u2028sep", "private\ue000use",
                                                           "caf\u00e9 \u4f60\u597d \U0001F600", "nb\u00a0sp\u200bzw");
        CHECK(sql::repr(text, false) ==
              "[('line\\u2028sep', 'private\\ue000use', 'caf\u00e9 \u4f60\u597d \U0001F600', 'nb\\xa0sp\\u200bzw')]");
        // Floats as CPython 3.11's repr prints them (checked with python3).
        const double floats[] = {100000.0, 1e16, 1.5e16, 1e-05, 0.0001, -0.0, 123456789012345678.0, 1e22};
        const char* printed[] = {"100000.0", "1e+16", "1.5e+16", "1e-05", "0.0001", "-0.0",
                                 "1.2345678901234568e+17", "1e+22"};
        for (std::size_t i = 0; i < std::size(floats); ++i) CHECK(sql::repr(floats[i]) == printed[i]);
        std::vector<sql::row> none = co_await db.fetch_all("SELECT * FROM t WHERE id > 5");
        CHECK(none.empty());
        CHECK(sql::repr(none, true) == "[]");
        co_await db.close();
        CHECK_FALSE(db.is_open());
    };
    aio_test::run(main(file.path));
    CHECK(aio::debug::live_frames() == 0);
    CHECK(aio::debug::live_tasks() == 0);
}

TEST_CASE("sql: the rows outlive the connection, and a reopened file keeps them", "[sql]") {
    db_file file("reopen");
    auto main = [](std::string path) -> aio::coro<void> {
        {
            sql::connection db = co_await sql::connect(path);
            co_await db.execute("CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER)");
            co_await db.execute("INSERT INTO kv VALUES ('a', 1), ('b', 2)");
            co_await db.close();
        }
        sql::connection again = co_await sql::connect(path);
        std::vector<sql::row> rows = co_await again.fetch_all("SELECT k, v FROM kv ORDER BY k");
        co_await again.close();
        CHECK(sql::repr(rows, false) == "[('a', 1), ('b', 2)]");
    };
    aio_test::run(main(file.path));
}

TEST_CASE("sql: errors carry SQLite's message; the connection goes on after one", "[sql]") {
    db_file file("errors");
    auto main = [](std::string path) -> aio::coro<void> {
        sql::connection db = co_await sql::connect(path);
        co_await db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        std::string message;
        try {
            co_await db.fetch_all("SELECT * FROM nope");
        } catch (const sql::error& e) {
            message = e.what();
        }
        CHECK(message == "no such table: nope");
        CHECK_THROWS_WITH(co_await db.execute("SELEC 1"), "near \"SELEC\": syntax error");
        CHECK_THROWS_WITH(co_await db.execute("INSERT INTO t VALUES (?)", 1, 2),
                          "Incorrect number of bindings supplied. The current statement uses 1, and there are 2 "
                          "supplied.");
        CHECK_THROWS_WITH(co_await db.execute("INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)"),
                          "You can only execute one statement at a time.");
        co_await db.execute("INSERT INTO t VALUES (1)");
        CHECK_THROWS_WITH(co_await db.execute("INSERT INTO t VALUES (1)"), "UNIQUE constraint failed: t.id");
        std::vector<sql::row> rows = co_await db.fetch_all("SELECT id FROM t");
        CHECK(rows.size() == 1);
        CHECK_THROWS_WITH(rows[0].text("id"), "column 'id' is 1, not text");
        CHECK_THROWS_WITH(rows[0]["missing"], "No item with that key: 'missing'");

        co_await db.close();
        co_await db.close();  // twice is fine
        CHECK_THROWS_WITH(co_await db.fetch_all("SELECT 1"), "Cannot operate on a closed database.");
        sql::connection never_opened;
        CHECK_THROWS_AS(co_await never_opened.execute("SELECT 1"), sql::error);
        // A folder that does not exist.
        CHECK_THROWS_AS(co_await sql::connect("/nonexistent-aio-folder/x.sqlite3"), sql::error);
    };
    aio_test::run(main(file.path));
    CHECK(aio::debug::live_frames() == 0);
}

TEST_CASE("sql: statements awaited by several tasks run one at a time, none lost", "[sql]") {
    db_file file("tasks");
    auto main = [](std::string path) -> aio::coro<void> {
        sql::connection db = co_await sql::connect(path);
        co_await db.execute("CREATE TABLE n (i INTEGER)");
        auto insert = [](sql::connection c, int i) -> aio::coro<std::int64_t> {
            co_return co_await c.execute("INSERT INTO n VALUES (?)", i);
        };
        std::vector<aio::task<std::int64_t>> tasks;
        for (int i = 0; i < 20; ++i) tasks.push_back(aio::create_task(insert(db, i)));
        std::vector<std::int64_t> changed = co_await aio::gather(tasks);
        CHECK(changed == std::vector<std::int64_t>(20, 1));
        std::vector<sql::row> rows = co_await db.fetch_all("SELECT COUNT(*), SUM(i) FROM n");
        CHECK(sql::repr_tuple(rows.at(0)) == "(20, 190)");
        co_await db.close();
    };
    aio_test::run(main(file.path));
}

TEST_CASE("sql: a cancelled query leaves the connection usable", "[sql]") {
    db_file file("cancel");
    auto main = [](std::string path) -> aio::coro<void> {
        sql::connection db = co_await sql::connect(path);
        co_await db.execute("CREATE TABLE t (i INTEGER)");
        auto query = [](sql::connection c) -> aio::coro<std::vector<sql::row>> {
            co_return co_await c.fetch_all("SELECT * FROM t");
        };
        aio::task<std::vector<sql::row>> t = aio::create_task(query(db));
        co_await aio::sleep(0);  // t starts its query (natively: waits for the connection's thread)
        if (!t.done()) {
            CHECK(t.cancel());
            CHECK_THROWS_AS(co_await t, aio::cancelled_error);
            CHECK(t.cancelled());
        } else {
            // Where statements run on the loop thread, the query was over within t's first step.
#ifndef __EMSCRIPTEN__
            FAIL("natively a query waits for the connection's thread");
#endif
            CHECK_FALSE(t.cancel());
            CHECK(t.result().empty());
        }
        co_await db.execute("INSERT INTO t VALUES (1)");
        std::vector<sql::row> rows = co_await db.fetch_all("SELECT i FROM t");
        CHECK(rows.size() == 1);
        co_await db.close();
    };
    aio_test::run(main(file.path));
    CHECK(aio::debug::live_tasks() == 0);
}
