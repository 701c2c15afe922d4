// aio::sql: SQL on SQLite, awaited from tasks (aiosqlite's model, in C++).
//
//   aio::sql::connection db = co_await aio::sql::connect("app.sqlite3");
//   co_await db.execute("CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT)");
//   co_await db.execute("INSERT INTO users (name) VALUES (?)", "Alice");
//   std::vector<aio::sql::row> rows = co_await db.fetch_all("SELECT id, name FROM users WHERE id > ?", 0);
//   for (const aio::sql::row& r : rows) std::printf("%lld %s\n", (long long)r.integer("id"), r.text("name").c_str());
//   co_await db.close();
//
// Each connection runs its statements on a thread of its own, one at a time and in the order
// they were awaited, so the loop's other tasks go on while a query runs. Where there are no
// threads (wasm without pthreads) a statement runs on the loop thread when awaited: SQLite's
// file there is Emscripten's file system, and a statement is short.
// Errors are aio::sql::error with SQLite's message ("no such table: nope").
#pragma once

#include "aio/coro.hpp"

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace aio::sql {

struct null_t {
    bool operator==(const null_t&) const = default;
};
inline constexpr null_t null{};
using blob = std::vector<std::uint8_t>;
// A column's value or a statement's parameter: SQLite's five storage classes.
using value = std::variant<null_t, std::int64_t, double, std::string, blob>;

// A parameter from the usual C++ types (an int, a string literal, ...).
struct param {
    param(null_t) : v(null) {}
    template <class I>
        requires std::is_integral_v<I>
    param(I i) : v(static_cast<std::int64_t>(i)) {}
    param(double d) : v(d) {}
    param(const char* s) : v(std::string(s)) {}
    param(std::string s) : v(std::move(s)) {}
    param(std::string_view s) : v(std::string(s)) {}
    param(blob b) : v(std::move(b)) {}
    param(value x) : v(std::move(x)) {}
    value v;
};

class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// One result row. Columns by position or by name; a typed read of another storage class, or
// of a column that does not exist, throws aio::sql::error.
class row {
public:
    row(std::shared_ptr<const std::vector<std::string>> columns, std::vector<value> values)
        : columns_(std::move(columns)), values_(std::move(values)) {}
    const std::vector<std::string>& columns() const { return *columns_; }
    std::size_t size() const { return values_.size(); }
    const value& operator[](std::size_t i) const;
    const value& operator[](std::string_view column) const;
    std::int64_t integer(std::string_view column) const;
    const std::string& text(std::string_view column) const;

private:
    std::shared_ptr<const std::vector<std::string>> columns_;
    std::vector<value> values_;
};

// Python's repr of a value (None, 30, 2.5, 'Alice', b'\x00'), of a row as a tuple or a dict
// (aiosqlite's rows, aiomysql's DictCursor), and of a list of rows: how the tutorials print
// query results.
std::string repr(const value& v);
std::string repr_tuple(const row& r);
std::string repr_dict(const row& r);
std::string repr(const std::vector<row>& rows, bool as_dicts);

class connection {
public:
    connection() = default;
    bool is_open() const;

    // Runs one statement, its parameters bound to its ? / ?N / :name placeholders in order:
    // `execute("INSERT INTO t VALUES (?, ?)", 1, "Alice")`, or with a vector of them; returns
    // how many rows it changed. (The parameters are arguments rather than a braced list: g++ 12
    // miscompiles a braced temporary inside a co_await expression.)
    template <class... P>
        requires(std::is_constructible_v<param, P> && ...)
    coro<std::int64_t> execute(std::string statement, P&&... params) {
        return execute(std::move(statement), std::vector<param>{param(std::forward<P>(params))...});
    }
    coro<std::int64_t> execute(std::string statement, std::vector<param> params);
    // Runs a query and returns every row; parameters as for execute().
    template <class... P>
        requires(std::is_constructible_v<param, P> && ...)
    coro<std::vector<row>> fetch_all(std::string query, P&&... params) {
        return fetch_all(std::move(query), std::vector<param>{param(std::forward<P>(params))...});
    }
    coro<std::vector<row>> fetch_all(std::string query, std::vector<param> params);
    // Closes the database (after the statements already awaited). Closing twice is allowed; a
    // statement on a closed connection throws aio::sql::error("Cannot operate on a closed
    // database."). A connection not closed is closed when its last copy goes away.
    coro<void> close();

    struct state;

private:
    friend coro<connection> connect(std::string path);
    explicit connection(std::shared_ptr<state> s) : state_(std::move(s)) {}
    std::shared_ptr<state> state_;
};

// Opens (creating if missing) the database file at `path`; ":memory:" is a private in-memory
// database. Throws aio::sql::error if it cannot be opened.
coro<connection> connect(std::string path);

}  // namespace aio::sql
