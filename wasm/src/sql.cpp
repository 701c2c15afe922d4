#include "aio/sql.hpp"

#include "aio/detail/python_repr.hpp"
#include "aio/task.hpp"
#include "aio/thread.hpp"

#include <sqlite3.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace aio::sql {

// The connection's database and its thread. `db` is used only by the statement running now (on
// `worker`, one at a time); `closed` only on the loop thread.
struct connection::state {
    sqlite3* db = nullptr;
    std::unique_ptr<thread_pool_executor> worker;  // null: statements run on the loop thread
    bool closed = false;

    ~state() {
        if (worker) worker->shutdown(true);  // statements already queued finish first
        if (db) sqlite3_close_v2(db);
    }
};

namespace {

using state = connection::state;

// SQLite built without mutexes (the wasm amalgamation: THREADSAFE=0) must stay on one thread.
bool use_threads() { return threads_available() && sqlite3_threadsafe() != 0; }

constexpr const char* closed_message = "Cannot operate on a closed database.";

// Runs fn(db) where the connection's statements run, after the ones awaited before it.
template <class Fn>
coro<std::invoke_result_t<Fn&, sqlite3*>> run_in_order(std::shared_ptr<state> s, Fn fn) {
    if (!s->worker) co_return fn(s->db);
    // The awaiting task holds `s`, and the state's destructor waits for queued work: the raw
    // pointer outlives the call.
    // (Lambdas are named before a co_await here: g++ 12 destroys a temporary's captures twice
    // when the temporary is built inside the co_await expression.)
    auto call = [raw = s.get(), fn = std::move(fn)]() mutable { return fn(raw->db); };
    co_return co_await run_in_executor(*s->worker, std::move(call));
}

// A statement: refused once close() was called.
template <class Fn>
coro<std::invoke_result_t<Fn&, sqlite3*>> run(std::shared_ptr<state> s, Fn fn) {
    if (s->closed) throw error(closed_message);
    return run_in_order(std::move(s), std::move(fn));
}

[[noreturn]] void fail(sqlite3* db) { throw error(sqlite3_errmsg(db)); }

struct statement {
    sqlite3_stmt* handle = nullptr;
    ~statement() { sqlite3_finalize(handle); }
};

void prepare(sqlite3* db, const std::string& sql, const std::vector<param>& params, statement& st) {
    const char* tail = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &st.handle, &tail) != SQLITE_OK)
        fail(db);
    while (tail && *tail && std::isspace(static_cast<unsigned char>(*tail))) ++tail;
    if (tail && *tail && *tail != ';') throw error("You can only execute one statement at a time.");
    int wanted = sqlite3_bind_parameter_count(st.handle);
    if (wanted != static_cast<int>(params.size()))
        throw error("Incorrect number of bindings supplied. The current statement uses " + std::to_string(wanted) +
                    ", and there are " + std::to_string(params.size()) + " supplied.");
    for (int i = 0; i < wanted; ++i) {
        const value& v = params[static_cast<std::size_t>(i)].v;
        int rc = SQLITE_OK;
        if (std::holds_alternative<null_t>(v)) {
            rc = sqlite3_bind_null(st.handle, i + 1);
        } else if (auto* n = std::get_if<std::int64_t>(&v)) {
            rc = sqlite3_bind_int64(st.handle, i + 1, *n);
        } else if (auto* d = std::get_if<double>(&v)) {
            rc = sqlite3_bind_double(st.handle, i + 1, *d);
        } else if (auto* text = std::get_if<std::string>(&v)) {
            rc = sqlite3_bind_text64(st.handle, i + 1, text->data(), text->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
        } else {
            const blob& b = std::get<blob>(v);
            rc = sqlite3_bind_blob64(st.handle, i + 1, b.data(), b.size(), SQLITE_TRANSIENT);
        }
        if (rc != SQLITE_OK) fail(db);
    }
}

value column_value(sqlite3_stmt* st, int i) {
    switch (sqlite3_column_type(st, i)) {
        case SQLITE_INTEGER: return sqlite3_column_int64(st, i);
        case SQLITE_FLOAT: return sqlite3_column_double(st, i);
        case SQLITE_TEXT: {
            auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
            return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(st, i)));
        }
        case SQLITE_BLOB: {
            auto* bytes = static_cast<const std::uint8_t*>(sqlite3_column_blob(st, i));
            return blob(bytes, bytes + sqlite3_column_bytes(st, i));
        }
        default: return null;
    }
}

std::vector<row> query_rows(sqlite3* db, const std::string& sql, const std::vector<param>& params) {
    statement st;
    prepare(db, sql, params, st);
    int count = sqlite3_column_count(st.handle);
    auto columns = std::make_shared<std::vector<std::string>>();
    for (int i = 0; i < count; ++i) columns->emplace_back(sqlite3_column_name(st.handle, i));
    std::vector<row> rows;
    for (;;) {
        int rc = sqlite3_step(st.handle);
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) fail(db);
        std::vector<value> values;
        values.reserve(static_cast<std::size_t>(count));
        for (int i = 0; i < count; ++i) values.push_back(column_value(st.handle, i));
        rows.emplace_back(columns, std::move(values));
    }
    return rows;
}

std::int64_t run_statement(sqlite3* db, const std::string& sql, const std::vector<param>& params) {
    statement st;
    prepare(db, sql, params, st);
    sqlite3_int64 before = sqlite3_total_changes64(db);
    for (;;) {
        int rc = sqlite3_step(st.handle);
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) fail(db);
    }
    return sqlite3_total_changes64(db) - before;  // 0 for a statement that changes no rows
}

}  // namespace

const value& row::operator[](std::size_t i) const {
    if (i >= values_.size())
        throw error("no column " + std::to_string(i) + " (the row has " + std::to_string(values_.size()) + ")");
    return values_[i];
}

const value& row::operator[](std::string_view column) const {
    for (std::size_t i = 0; i < columns_->size(); ++i)
        if ((*columns_)[i] == column) return values_[i];
    throw error("No item with that key: '" + std::string(column) + "'");
}

std::int64_t row::integer(std::string_view column) const {
    const value& v = (*this)[column];
    if (auto* n = std::get_if<std::int64_t>(&v)) return *n;
    throw error("column '" + std::string(column) + "' is " + repr(v) + ", not an integer");
}

const std::string& row::text(std::string_view column) const {
    const value& v = (*this)[column];
    if (auto* s = std::get_if<std::string>(&v)) return *s;
    throw error("column '" + std::string(column) + "' is " + repr(v) + ", not text");
}

std::string repr(const value& v) {
    std::string out;
    if (std::holds_alternative<null_t>(v)) {
        out = "None";
    } else if (auto* n = std::get_if<std::int64_t>(&v)) {
        out = std::to_string(*n);
    } else if (auto* d = std::get_if<double>(&v)) {
        out = aio::detail::python_float_repr(*d);
    } else if (auto* s = std::get_if<std::string>(&v)) {
        out = aio::detail::python_str_repr(*s);
    } else {
        const blob& b = std::get<blob>(v);
        out = aio::detail::python_bytes_repr(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
    }
    return out;
}

std::string repr_tuple(const row& r) {
    std::string out = "(";
    for (std::size_t i = 0; i < r.size(); ++i) out += (i ? ", " : "") + repr(r[i]);
    out += r.size() == 1 ? ",)" : ")";
    return out;
}

std::string repr_dict(const row& r) {
    std::string out = "{";
    for (std::size_t i = 0; i < r.size(); ++i) {
        if (i) out += ", ";
        out += aio::detail::python_str_repr(r.columns()[i]) + ": " + repr(r[i]);
    }
    return out + "}";
}

std::string repr(const std::vector<row>& rows, bool as_dicts) {
    std::string out = "[";
    for (std::size_t i = 0; i < rows.size(); ++i) out += (i ? ", " : "") + (as_dicts ? repr_dict(rows[i]) : repr_tuple(rows[i]));
    return out + "]";
}

bool connection::is_open() const { return state_ && !state_->closed; }

coro<std::int64_t> connection::execute(std::string statement, std::vector<param> params) {
    if (!state_) throw error(closed_message);
    auto work = [sql = std::move(statement), params = std::move(params)](sqlite3* db) {
        return run_statement(db, sql, params);
    };
    co_return co_await run(state_, std::move(work));
}

coro<std::vector<row>> connection::fetch_all(std::string query, std::vector<param> params) {
    if (!state_) throw error(closed_message);
    auto work = [sql = std::move(query), params = std::move(params)](sqlite3* db) {
        return query_rows(db, sql, params);
    };
    co_return co_await run(state_, std::move(work));
}

coro<void> connection::close() {
    if (!state_ || state_->closed) co_return;
    std::shared_ptr<state> s = state_;
    s->closed = true;  // statements awaited from now on are refused; those before it still run
    auto work = [raw = s.get()](sqlite3*) {
        sqlite3_close_v2(raw->db);
        raw->db = nullptr;
    };
    co_await run_in_order(s, std::move(work));
}

coro<connection> connect(std::string path) {
    auto s = std::make_shared<state>();
    if (use_threads()) s->worker = std::make_unique<thread_pool_executor>(1);
    auto work = [raw = s.get(), path = std::move(path)](sqlite3*) {
        int rc = sqlite3_open_v2(path.c_str(), &raw->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
        if (rc != SQLITE_OK) {
            std::string message = raw->db ? sqlite3_errmsg(raw->db) : sqlite3_errstr(rc);
            sqlite3_close_v2(raw->db);
            raw->db = nullptr;
            throw error("unable to open database file '" + path + "': " + message);
        }
    };
    co_await run(s, std::move(work));
    co_return connection(std::move(s));
}

}  // namespace aio::sql
