// The `sqlite3` module (DB-API 2.0, as CPython 3.11's) on SQLite's C API: natively Debian's
// libsqlite3, in wasm the amalgamation compiled into the module (its files are Emscripten's: real
// files under Node's CLI, the page's in-memory folder in a browser).
//
// What is here: connect(); Connection (cursor, execute, executemany, executescript, commit,
// rollback, close, row_factory, isolation_level, in_transaction, total_changes, `with`);
// Cursor (execute*, fetchone/fetchmany/fetchall, iteration, description, rowcount, lastrowid,
// arraysize, close); Row (by index or case-insensitive name, keys()); the DB-API exception
// hierarchy with CPython's messages and sqlite_errorcode/sqlite_errorname. Transactions are
// 3.11's legacy mode: an INSERT/UPDATE/DELETE/REPLACE opens one implicitly unless
// isolation_level is None (autocommit). Calls block their thread, as CPython's do; aiosqlite
// runs them in its connection's thread (db/lib/aiosqlite.py).
#include "python/db/db_modules.hpp"

#include "python/builtins.hpp"
#include "python/detail.hpp"

#include <sqlite3.h>

#include <cctype>
#include <cstring>

namespace aio::py {

using namespace detail;

namespace {

Type error_type("Error", &exc::Exception, Kind::exception);
Type warning_type("Warning", &exc::Exception, Kind::exception);
Type interface_error_type("InterfaceError", &error_type, Kind::exception);
Type database_error_type("DatabaseError", &error_type, Kind::exception);
Type data_error_type("DataError", &database_error_type, Kind::exception);
Type operational_error_type("OperationalError", &database_error_type, Kind::exception);
Type integrity_error_type("IntegrityError", &database_error_type, Kind::exception);
Type internal_error_type("InternalError", &database_error_type, Kind::exception);
Type programming_error_type("ProgrammingError", &database_error_type, Kind::exception);
Type not_supported_error_type("NotSupportedError", &database_error_type, Kind::exception);

Type connection_type("Connection", &object_type, Kind::object);
Type cursor_type("Cursor", &object_type, Kind::object);
Type row_type("Row", &object_type, Kind::object);

struct Connection : Object {
    Connection() : Object(&connection_type) {}
    ~Connection() override {
        if (db) sqlite3_close_v2(db);  // a cursor's statement keeps it until finalized
    }
    sqlite3* db = nullptr;
    Value row_factory;
    Value isolation_level = new_str("");  // None: autocommit
};

struct Cursor : Object {
    Cursor() : Object(&cursor_type) {}
    ~Cursor() override { finalize(); }
    void finalize() {
        if (stmt) sqlite3_finalize(stmt);
        stmt = nullptr;
        has_row = false;
    }
    Value connection;  // the Connection
    sqlite3_stmt* stmt = nullptr;
    bool has_row = false;  // stmt is on a row not yet fetched
    bool closed = false;
    Value description, lastrowid, row_factory;
    std::int64_t rowcount = -1, arraysize = 1;
};

struct Row : Object {
    Row(Value d, Value v) : Object(&row_type), description(std::move(d)), values(std::move(v)) {}
    Value description;  // the cursor's: a tuple of 7-tuples, the name first
    Value values;       // tuple
};

Connection& conn_of(const Value& v, const char* method) {
    if (!isinstance(v, connection_type))
        raise(exc::TypeError, std::string("descriptor '") + method + "' requires a 'sqlite3.Connection' object");
    return *static_cast<Connection*>(v.obj());
}

sqlite3* open_db(Connection& c) {
    if (!c.db) raise(programming_error_type, "Cannot operate on a closed database.");
    return c.db;
}

Cursor& cursor_of(const Value& v, const char* method) {
    if (!isinstance(v, cursor_type))
        raise(exc::TypeError, std::string("descriptor '") + method + "' requires a 'sqlite3.Cursor' object");
    return *static_cast<Cursor*>(v.obj());
}

// The cursor and its connection, both open, else CPython's ProgrammingError.
Cursor& usable_cursor(const Value& v, const char* method) {
    Cursor& c = cursor_of(v, method);
    open_db(*static_cast<Connection*>(c.connection.obj()));
    if (c.closed) raise(programming_error_type, "Cannot operate on a closed cursor.");
    return c;
}

// ---- errors ----

const char* error_name(int code) {
    switch (code) {
#define AIO_SQLITE_CODE(name) case name: return #name;
        AIO_SQLITE_CODE(SQLITE_ERROR) AIO_SQLITE_CODE(SQLITE_INTERNAL) AIO_SQLITE_CODE(SQLITE_PERM)
        AIO_SQLITE_CODE(SQLITE_ABORT) AIO_SQLITE_CODE(SQLITE_BUSY) AIO_SQLITE_CODE(SQLITE_LOCKED)
        AIO_SQLITE_CODE(SQLITE_NOMEM) AIO_SQLITE_CODE(SQLITE_READONLY) AIO_SQLITE_CODE(SQLITE_INTERRUPT)
        AIO_SQLITE_CODE(SQLITE_IOERR) AIO_SQLITE_CODE(SQLITE_CORRUPT) AIO_SQLITE_CODE(SQLITE_NOTFOUND)
        AIO_SQLITE_CODE(SQLITE_FULL) AIO_SQLITE_CODE(SQLITE_CANTOPEN) AIO_SQLITE_CODE(SQLITE_PROTOCOL)
        AIO_SQLITE_CODE(SQLITE_EMPTY) AIO_SQLITE_CODE(SQLITE_SCHEMA) AIO_SQLITE_CODE(SQLITE_TOOBIG)
        AIO_SQLITE_CODE(SQLITE_CONSTRAINT) AIO_SQLITE_CODE(SQLITE_MISMATCH) AIO_SQLITE_CODE(SQLITE_MISUSE)
        AIO_SQLITE_CODE(SQLITE_NOLFS) AIO_SQLITE_CODE(SQLITE_AUTH) AIO_SQLITE_CODE(SQLITE_FORMAT)
        AIO_SQLITE_CODE(SQLITE_RANGE) AIO_SQLITE_CODE(SQLITE_NOTADB)
        AIO_SQLITE_CODE(SQLITE_CONSTRAINT_CHECK) AIO_SQLITE_CODE(SQLITE_CONSTRAINT_FOREIGNKEY)
        AIO_SQLITE_CODE(SQLITE_CONSTRAINT_NOTNULL) AIO_SQLITE_CODE(SQLITE_CONSTRAINT_PRIMARYKEY)
        AIO_SQLITE_CODE(SQLITE_CONSTRAINT_UNIQUE) AIO_SQLITE_CODE(SQLITE_CONSTRAINT_TRIGGER)
        AIO_SQLITE_CODE(SQLITE_CONSTRAINT_ROWID) AIO_SQLITE_CODE(SQLITE_READONLY_DBMOVED)
        AIO_SQLITE_CODE(SQLITE_CANTOPEN_ISDIR) AIO_SQLITE_CODE(SQLITE_IOERR_READ)
        AIO_SQLITE_CODE(SQLITE_IOERR_WRITE)
#undef AIO_SQLITE_CODE
    default: return "SQLITE_UNKNOWN";
    }
}

// The exception CPython's _pysqlite_seterror raises for SQLite's (extended) error code.
Type& error_type_for(int code) {
    switch (code & 0xff) {
    case SQLITE_INTERNAL:
    case SQLITE_NOTFOUND: return internal_error_type;
    case SQLITE_NOMEM: return exc::MemoryError;
    case SQLITE_ERROR: case SQLITE_PERM: case SQLITE_ABORT: case SQLITE_BUSY: case SQLITE_LOCKED:
    case SQLITE_READONLY: case SQLITE_INTERRUPT: case SQLITE_IOERR: case SQLITE_FULL:
    case SQLITE_CANTOPEN: case SQLITE_PROTOCOL: case SQLITE_EMPTY: case SQLITE_SCHEMA:
        return operational_error_type;
    case SQLITE_CORRUPT: return database_error_type;
    case SQLITE_TOOBIG: return data_error_type;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH: return integrity_error_type;
    case SQLITE_MISUSE:
    case SQLITE_RANGE: return interface_error_type;
    default: return database_error_type;
    }
}

[[noreturn]] void raise_sqlite(sqlite3* db) {
    int code = sqlite3_extended_errcode(db);
    Type& t = error_type_for(code);
    Value e = new_exception(t, {new_str(sqlite3_errmsg(db))});
    if (&t != &exc::MemoryError) {
        setattr(e, "sqlite_errorcode", Value::integer(code));
        setattr(e, "sqlite_errorname", new_str(error_name(code)));
    }
    raise(e);
}

// ---- values ----

void bind_value(sqlite3_stmt* stmt, int i, const Value& v) {
    int rc = SQLITE_OK;
    double d = 0;
    std::int64_t n = 0;
    if (v.is_none()) {
        rc = sqlite3_bind_null(stmt, i);
    } else if (v.is_intlike() || isinstance(v, int_type)) {
        if (!index_value(v, n)) raise(exc::OverflowError, "Python int too large to convert to SQLite INTEGER");
        rc = sqlite3_bind_int64(stmt, i, n);
    } else if ((v.is_float() || isinstance(v, float_type)) && real_value(v, d)) {
        rc = sqlite3_bind_double(stmt, i, d);
    } else if (is(v, Kind::str)) {
        const std::string& s = v.as<Str>()->s;
        rc = sqlite3_bind_text64(stmt, i, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    } else if (is(v, Kind::bytes)) {
        const std::string& s = v.as<Bytes>()->s;
        rc = sqlite3_bind_blob64(stmt, i, s.data(), s.size(), SQLITE_TRANSIENT);
    } else {
        raise(programming_error_type, "Error binding parameter " + std::to_string(i) + ": type '" +
                                          type_name(v) + "' is not supported");
    }
    if (rc != SQLITE_OK) raise_sqlite(sqlite3_db_handle(stmt));
}

// Binds a sequence (qmark style) or a mapping (named style), with CPython's checks.
void bind_parameters(sqlite3_stmt* stmt, const Value& params) {
    int wanted = sqlite3_bind_parameter_count(stmt);
    if (isinstance(params, dict_type)) {
        for (int i = 1; i <= wanted; ++i) {
            const char* name = sqlite3_bind_parameter_name(stmt, i);
            if (!name)
                raise(programming_error_type, "Binding " + std::to_string(i) +
                                                  " has no name, but you supplied a dictionary (which has only names).");
            Value v;
            try {
                v = getitem(params, new_str(name + 1));
            } catch (const Error& e) {
                if (!isinstance(e.exc, exc::KeyError)) throw;
                raise(programming_error_type, std::string("You did not supply a value for binding parameter ") + name + ".");
            }
            bind_value(stmt, i, v);
        }
        return;
    }
    std::vector<Value> values;
    if (is(params, Kind::list) || is(params, Kind::tuple)) {
        values = is(params, Kind::list) ? params.as<List>()->items : params.as<Tuple>()->items;
    } else {
        for_each(params, [&](const Value& v) { values.push_back(v); });
    }
    if (static_cast<int>(values.size()) != wanted)
        raise(programming_error_type, "Incorrect number of bindings supplied. The current statement uses " +
                                          std::to_string(wanted) + ", and there are " +
                                          std::to_string(values.size()) + " supplied.");
    for (int i = 0; i < wanted; ++i) bind_value(stmt, i + 1, values[static_cast<std::size_t>(i)]);
}

Value column_value(sqlite3_stmt* stmt, int i) {
    switch (sqlite3_column_type(stmt, i)) {
    case SQLITE_INTEGER: return Value::integer(sqlite3_column_int64(stmt, i));
    case SQLITE_FLOAT: return Value::real(sqlite3_column_double(stmt, i));
    case SQLITE_TEXT: {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
        return new_str(std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt, i))));
    }
    case SQLITE_BLOB: {
        const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt, i));
        return Value(new Bytes(std::string(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(stmt, i)))));
    }
    default: return Value();
    }
}

// ---- executing ----

// The statement's first keyword, upper-cased.
std::string first_keyword(std::string_view sql) {
    std::size_t i = 0;
    for (;;) {  // skip blanks and comments, as CPython's detection of DML does
        while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
        if (sql.substr(i, 2) == "--") {
            i = sql.find('\n', i);
            if (i == std::string_view::npos) return {};
        } else if (sql.substr(i, 2) == "/*") {
            i = sql.find("*/", i);
            if (i == std::string_view::npos) return {};
            i += 2;
        } else {
            break;
        }
    }
    std::string word;
    while (i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i])))
        word += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i++])));
    return word;
}

bool is_dml(std::string_view sql) {
    std::string w = first_keyword(sql);
    return w == "INSERT" || w == "UPDATE" || w == "DELETE" || w == "REPLACE";
}

bool only_blanks_or_comments(std::string_view rest) { return first_keyword(rest).empty() &&
    rest.find_first_not_of(" \t\r\n\f;") == std::string_view::npos; }

void exec_simple(sqlite3* db, const char* sql) {
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) raise_sqlite(db);
}

// Steps the cursor's statement: on a row, has_row; done, the statement is finalized.
void step(Cursor& c) {
    sqlite3* db = sqlite3_db_handle(c.stmt);
    int rc = sqlite3_step(c.stmt);
    if (rc == SQLITE_ROW) {
        c.has_row = true;
        return;
    }
    if (rc != SQLITE_DONE) {
        // The statement's own error (sqlite3_finalize would return it too, errmsg is kept).
        Value e;
        try {
            raise_sqlite(db);
        } catch (const Error& err) {
            e = err.exc;
        }
        c.finalize();
        raise(e);
    }
    c.finalize();
}

sqlite3_stmt* prepare(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()) + 1, &stmt, &tail) != SQLITE_OK)
        raise_sqlite(db);
    if (tail && !only_blanks_or_comments(tail)) {
        sqlite3_finalize(stmt);
        raise(programming_error_type, "You can only execute one statement at a time.");
    }
    return stmt;
}

void begin_if_needed(Connection& conn, const std::string& sql) {
    if (conn.isolation_level.is_none() || !is_dml(sql) || !sqlite3_get_autocommit(conn.db)) return;
    exec_simple(conn.db, ("BEGIN " + conn.isolation_level.as<Str>()->s).c_str());
}

std::string sql_arg(const Value& v, const char* fname) {
    if (!is(v, Kind::str))
        raise(exc::TypeError, std::string(fname) + "() argument 1 must be str, not " + type_name(v));
    return v.as<Str>()->s;
}

Value describe(sqlite3_stmt* stmt) {
    int n = sqlite3_column_count(stmt);
    if (n == 0) return Value();
    std::vector<Value> cols;
    for (int i = 0; i < n; ++i) {
        cols.push_back(new_tuple({new_str(sqlite3_column_name(stmt, i)), Value(), Value(), Value(), Value(),
                                  Value(), Value()}));
    }
    return new_tuple(std::move(cols));
}

// cursor.execute(sql, parameters=()) -> the cursor.
Value c_execute(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("execute", kw);
    check_args("execute", n, 2, 3);
    Cursor& c = usable_cursor(a[0], "execute");
    std::string sql = sql_arg(a[1], "execute");
    Connection& conn = *static_cast<Connection*>(c.connection.obj());
    c.finalize();
    c.description = Value();
    c.rowcount = -1;
    begin_if_needed(conn, sql);
    c.stmt = prepare(conn.db, sql);
    if (!c.stmt) return a[0];  // an empty statement (only comments)
    try {
        bind_parameters(c.stmt, n == 3 ? a[2] : new_tuple());
    } catch (...) {
        c.finalize();
        throw;
    }
    c.description = describe(c.stmt);
    bool dml = is_dml(sql);
    step(c);
    if (dml) c.rowcount = sqlite3_changes(conn.db);
    c.lastrowid = Value::integer(sqlite3_last_insert_rowid(conn.db));
    return a[0];
}

// cursor.executemany(sql, seq_of_parameters) -> the cursor.
Value c_executemany(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("executemany", kw);
    check_args("executemany", n, 3, 3);
    Cursor& c = usable_cursor(a[0], "executemany");
    std::string sql = sql_arg(a[1], "executemany");
    Connection& conn = *static_cast<Connection*>(c.connection.obj());
    c.finalize();
    c.description = Value();
    c.rowcount = -1;
    c.lastrowid = Value();
    begin_if_needed(conn, sql);
    sqlite3_stmt* stmt = prepare(conn.db, sql);
    if (!stmt) return a[0];
    c.stmt = stmt;
    if (sqlite3_column_count(stmt) > 0) {
        c.finalize();
        raise(programming_error_type, "executemany() can only execute DML statements.");
    }
    bool dml = is_dml(sql);
    std::int64_t total = 0;
    try {
        for_each(a[2], [&](const Value& params) {
            sqlite3_reset(stmt);
            sqlite3_clear_bindings(stmt);
            bind_parameters(stmt, params);
            int rc = sqlite3_step(stmt);
            if (rc != SQLITE_DONE && rc != SQLITE_ROW) raise_sqlite(conn.db);
            total += sqlite3_changes(conn.db);
        });
    } catch (...) {
        c.finalize();
        throw;
    }
    c.finalize();
    if (dml) c.rowcount = total;
    return a[0];
}

// cursor.executescript(sql_script): commits first, then runs every statement.
Value c_executescript(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("executescript", kw);
    check_args("executescript", n, 2, 2);
    Cursor& c = usable_cursor(a[0], "executescript");
    if (!is(a[1], Kind::str)) raise(exc::ValueError, "script argument must be unicode.");
    Connection& conn = *static_cast<Connection*>(c.connection.obj());
    c.finalize();
    if (!sqlite3_get_autocommit(conn.db)) exec_simple(conn.db, "COMMIT");
    exec_simple(conn.db, a[1].as<Str>()->s.c_str());
    return a[0];
}

// The current row as the cursor's row_factory makes it, then a step to the next.
Value take_row(Cursor& c) {
    int n = sqlite3_column_count(c.stmt);
    std::vector<Value> values;
    values.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) values.push_back(column_value(c.stmt, i));
    Value row = new_tuple(std::move(values));
    c.has_row = false;
    step(c);
    if (c.row_factory.is_none()) return row;
    if (c.row_factory.is(Value(&row_type))) return Value(new Row(c.description, row));
    Value self(&c);
    return call(c.row_factory, {self, row});
}

bool fetch(const Value& self, const char* method, Value& out) {
    Cursor& c = usable_cursor(self, method);
    if (!c.has_row) return false;
    out = take_row(c);
    return true;
}

Value c_fetchone(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("fetchone", kw);
    check_args("fetchone", n, 1, 1);
    Value row;
    return fetch(a[0], "fetchone", row) ? row : Value();
}

Value c_fetchmany(const Value* a, std::size_t n, const Tuple* kw) {
    std::vector<Value> args = bind_args("fetchmany", a + 1, n - 1, kw, {"size"}, 0);
    std::int64_t size = args[0].is_none() ? cursor_of(a[0], "fetchmany").arraysize : as_integer(args[0]);
    std::vector<Value> rows;
    Value row;
    while (static_cast<std::int64_t>(rows.size()) < size && fetch(a[0], "fetchmany", row)) rows.push_back(row);
    return new_list(std::move(rows));
}

Value c_fetchall(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("fetchall", kw);
    check_args("fetchall", n, 1, 1);
    std::vector<Value> rows;
    Value row;
    while (fetch(a[0], "fetchall", row)) rows.push_back(row);
    return new_list(std::move(rows));
}

Value c_iter(const Value* a, std::size_t, const Tuple*) { return a[0]; }

Value c_next(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("__next__", kw);
    check_args("__next__", n, 1, 1);
    Value row;
    if (!fetch(a[0], "__next__", row)) raise(new_exception(exc::StopIteration, {}));
    return row;
}

Value c_close(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("close", kw);
    check_args("close", n, 1, 1);
    Cursor& c = cursor_of(a[0], "close");
    c.finalize();
    c.closed = true;
    return Value();
}

Value c_description(const Value* a, std::size_t, const Tuple*) { return cursor_of(a[0], "description").description; }
Value c_rowcount(const Value* a, std::size_t, const Tuple*) { return Value::integer(cursor_of(a[0], "rowcount").rowcount); }
Value c_lastrowid(const Value* a, std::size_t, const Tuple*) { return cursor_of(a[0], "lastrowid").lastrowid; }
Value c_connection(const Value* a, std::size_t, const Tuple*) { return cursor_of(a[0], "connection").connection; }
Value c_arraysize(const Value* a, std::size_t, const Tuple*) { return Value::integer(cursor_of(a[0], "arraysize").arraysize); }
Value c_set_arraysize(const Value* a, std::size_t, const Tuple*) {
    cursor_of(a[0], "arraysize").arraysize = as_integer(a[1]);
    return Value();
}
Value c_row_factory(const Value* a, std::size_t, const Tuple*) { return cursor_of(a[0], "row_factory").row_factory; }
Value c_set_row_factory(const Value* a, std::size_t, const Tuple*) {
    cursor_of(a[0], "row_factory").row_factory = a[1];
    return Value();
}

// ---- connections ----

Value new_cursor(const Value& conn) {
    auto* c = new Cursor();
    Value v(c);
    c->connection = conn;
    c->row_factory = static_cast<Connection*>(conn.obj())->row_factory;
    return v;
}

Value k_cursor(const Value* a, std::size_t n, const Tuple* kw) {
    std::vector<Value> args = bind_args("cursor", a + 1, n - 1, kw, {"factory"}, 0);
    open_db(conn_of(a[0], "cursor"));
    if (!args[0].is_none()) return call(args[0], {a[0]});
    return new_cursor(a[0]);
}

// conn.execute / executemany / executescript: a new cursor's.
Value on_new_cursor(const Value* a, std::size_t n, const Tuple* kw, const char* method, NativeFn fn) {
    open_db(conn_of(a[0], method));
    std::vector<Value> args(a, a + n);
    args[0] = new_cursor(a[0]);
    fn(args.data(), n, kw);
    return args[0];
}
Value k_execute(const Value* a, std::size_t n, const Tuple* kw) { return on_new_cursor(a, n, kw, "execute", c_execute); }
Value k_executemany(const Value* a, std::size_t n, const Tuple* kw) {
    return on_new_cursor(a, n, kw, "executemany", c_executemany);
}
Value k_executescript(const Value* a, std::size_t n, const Tuple* kw) {
    return on_new_cursor(a, n, kw, "executescript", c_executescript);
}

Value k_commit(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("commit", kw);
    check_args("commit", n, 1, 1);
    sqlite3* db = open_db(conn_of(a[0], "commit"));
    if (!sqlite3_get_autocommit(db)) exec_simple(db, "COMMIT");
    return Value();
}

Value k_rollback(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("rollback", kw);
    check_args("rollback", n, 1, 1);
    sqlite3* db = open_db(conn_of(a[0], "rollback"));
    if (!sqlite3_get_autocommit(db)) exec_simple(db, "ROLLBACK");
    return Value();
}

// close(): an open transaction is rolled back (SQLite does so on close), not committed.
Value k_close(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("close", kw);
    check_args("close", n, 1, 1);
    Connection& c = conn_of(a[0], "close");
    if (c.db) sqlite3_close_v2(c.db);
    c.db = nullptr;
    return Value();
}

Value k_enter(const Value* a, std::size_t, const Tuple*) {
    open_db(conn_of(a[0], "__enter__"));
    return a[0];
}

// `with conn:` commits when the block succeeds, rolls back when it raises; never closes.
Value k_exit(const Value* a, std::size_t n, const Tuple*) {
    sqlite3* db = open_db(conn_of(a[0], "__exit__"));
    bool failed = n > 1 && !a[1].is_none();
    if (!sqlite3_get_autocommit(db)) {
        if (!failed) {
            if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
                Value e;
                try {
                    raise_sqlite(db);
                } catch (const Error& err) {
                    e = err.exc;
                }
                sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
                raise(e);
            }
        } else {
            exec_simple(db, "ROLLBACK");
        }
    }
    return Value::boolean(false);
}

Value k_row_factory(const Value* a, std::size_t, const Tuple*) { return conn_of(a[0], "row_factory").row_factory; }
Value k_set_row_factory(const Value* a, std::size_t, const Tuple*) {
    conn_of(a[0], "row_factory").row_factory = a[1];
    return Value();
}
Value k_isolation_level(const Value* a, std::size_t, const Tuple*) {
    return conn_of(a[0], "isolation_level").isolation_level;
}
Value k_set_isolation_level(const Value* a, std::size_t, const Tuple*) {
    Connection& c = conn_of(a[0], "isolation_level");
    if (!a[1].is_none()) {
        if (!is(a[1], Kind::str)) raise(exc::TypeError, "isolation_level must be str or None, not " + type_name(a[1]));
        std::string upper;
        for (char ch : a[1].as<Str>()->s) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        if (!upper.empty() && upper != "DEFERRED" && upper != "IMMEDIATE" && upper != "EXCLUSIVE")
            raise(exc::ValueError, "isolation_level string must be '', 'DEFERRED', 'IMMEDIATE', or 'EXCLUSIVE'");
    } else if (c.db && !sqlite3_get_autocommit(c.db)) {
        exec_simple(c.db, "COMMIT");  // CPython commits when switching to autocommit
    }
    c.isolation_level = a[1];
    return Value();
}
Value k_in_transaction(const Value* a, std::size_t, const Tuple*) {
    return Value::boolean(!sqlite3_get_autocommit(open_db(conn_of(a[0], "in_transaction"))));
}
Value k_total_changes(const Value* a, std::size_t, const Tuple*) {
    return Value::integer(sqlite3_total_changes64(open_db(conn_of(a[0], "total_changes"))));
}

// sqlite3.connect(database, timeout=5.0, detect_types=0, isolation_level="", check_same_thread=True,
// factory=Connection, cached_statements=128, uri=False)
Value m_connect(const Value* a, std::size_t n, const Tuple* kw) {
    std::vector<Value> args = bind_args("connect", a, n, kw,
                                        {"database", "timeout", "detect_types", "isolation_level",
                                         "check_same_thread", "factory", "cached_statements", "uri"}, 1);
    std::string path;
    if (is(args[0], Kind::str)) path = args[0].as<Str>()->s;
    else if (is(args[0], Kind::bytes)) path = args[0].as<Bytes>()->s;
    else raise(exc::TypeError, "expected str, bytes or os.PathLike object, not " + type_name(args[0]));
    double timeout = args[1].is_none() ? 5.0 : to_double(args[1]);
    bool uri = !args[7].is_none() && truthy(args[7]);
    auto* c = new Connection();
    Value conn(c);
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | (uri ? SQLITE_OPEN_URI : 0);
    int rc = sqlite3_open_v2(path.c_str(), &c->db, flags, nullptr);
    if (rc != SQLITE_OK) {
        if (!c->db) raise(exc::MemoryError, "");
        Value e = new_exception(operational_error_type, {new_str("unable to open database file")});
        setattr(e, "sqlite_errorcode", Value::integer(sqlite3_extended_errcode(c->db)));
        setattr(e, "sqlite_errorname", new_str(error_name(sqlite3_extended_errcode(c->db))));
        raise(e);
    }
    sqlite3_extended_result_codes(c->db, 1);
    sqlite3_busy_timeout(c->db, static_cast<int>(timeout * 1000));
    // isolation_level=None (autocommit) is a value, so whether it was given is asked of the call.
    if (n > 3 || kwarg(a, n, kw, "isolation_level")) {
        Value set[2] = {conn, args[3]};
        k_set_isolation_level(set, 2, nullptr);
    }
    return conn;
}

// ---- Row ----

Row& row_of(const Value& v, const char* method) {
    if (!isinstance(v, row_type))
        raise(exc::TypeError, std::string("descriptor '") + method + "' requires a 'sqlite3.Row' object");
    return *static_cast<Row*>(v.obj());
}

const std::vector<Value>& row_values(const Row& r) { return r.values.as<Tuple>()->items; }

std::string column_name(const Row& r, std::size_t i) {
    return str(r.description.as<Tuple>()->items[i].as<Tuple>()->items[0]);
}

bool same_name(std::string_view x, std::string_view y) {  // ASCII case-insensitive, as CPython's
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(x[i])) != std::tolower(static_cast<unsigned char>(y[i]))) return false;
    return true;
}

Value r_getitem(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("__getitem__", kw);
    check_args("__getitem__", n, 2, 2);
    Row& r = row_of(a[0], "__getitem__");
    if (is(a[1], Kind::str)) {
        for (std::size_t i = 0; i < row_values(r).size(); ++i)
            if (same_name(column_name(r, i), a[1].as<Str>()->s)) return row_values(r)[i];
        raise(exc::IndexError, "No item with that key");
    }
    return getitem(r.values, a[1]);
}

Value r_keys(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("keys", kw);
    check_args("keys", n, 1, 1);
    Row& r = row_of(a[0], "keys");
    std::vector<Value> names;
    for (std::size_t i = 0; i < row_values(r).size(); ++i) names.push_back(new_str(column_name(r, i)));
    return new_list(std::move(names));
}

Value r_len(const Value* a, std::size_t, const Tuple*) {
    return Value::integer(static_cast<std::int64_t>(row_values(row_of(a[0], "__len__")).size()));
}
Value r_iter(const Value* a, std::size_t, const Tuple*) { return iter(row_of(a[0], "__iter__").values); }
Value r_eq(const Value* a, std::size_t, const Tuple*) {
    if (!isinstance(a[1], row_type)) return not_implemented();
    Row& x = row_of(a[0], "__eq__");
    Row& y = *static_cast<Row*>(a[1].obj());
    return Value::boolean(eq(x.description, y.description) && eq(x.values, y.values));
}
Value r_hash(const Value* a, std::size_t, const Tuple*) {
    Row& r = row_of(a[0], "__hash__");
    return Value::integer(hash(r.description) ^ hash(r.values));
}

// The module's classes, by name.
Type* const module_types[] = {&error_type, &warning_type, &interface_error_type, &database_error_type,
                              &data_error_type, &operational_error_type, &integrity_error_type,
                              &internal_error_type, &programming_error_type, &not_supported_error_type,
                              &connection_type, &cursor_type, &row_type};

}  // namespace

void init_sqlite3(Dict& ns) {
    if (connection_type.module.empty()) {
        for (Type* t : module_types) t->module = "sqlite3";
        def_method(connection_type, "cursor", k_cursor);
        def_method(connection_type, "execute", k_execute);
        def_method(connection_type, "executemany", k_executemany);
        def_method(connection_type, "executescript", k_executescript);
        def_method(connection_type, "commit", k_commit);
        def_method(connection_type, "rollback", k_rollback);
        def_method(connection_type, "close", k_close);
        def_method(connection_type, "__enter__", k_enter);
        def_method(connection_type, "__exit__", k_exit);
        def_member(connection_type, "row_factory", k_row_factory, k_set_row_factory);
        def_member(connection_type, "isolation_level", k_isolation_level, k_set_isolation_level);
        def_getter(connection_type, "in_transaction", k_in_transaction);
        def_getter(connection_type, "total_changes", k_total_changes);

        def_method(cursor_type, "execute", c_execute);
        def_method(cursor_type, "executemany", c_executemany);
        def_method(cursor_type, "executescript", c_executescript);
        def_method(cursor_type, "fetchone", c_fetchone);
        def_method(cursor_type, "fetchmany", c_fetchmany);
        def_method(cursor_type, "fetchall", c_fetchall);
        def_method(cursor_type, "close", c_close);
        def_method(cursor_type, "__iter__", c_iter);
        def_method(cursor_type, "__next__", c_next);
        def_getter(cursor_type, "description", c_description);
        def_getter(cursor_type, "rowcount", c_rowcount);
        def_getter(cursor_type, "lastrowid", c_lastrowid);
        def_getter(cursor_type, "connection", c_connection);
        def_member(cursor_type, "arraysize", c_arraysize, c_set_arraysize);
        def_member(cursor_type, "row_factory", c_row_factory, c_set_row_factory);

        def_method(row_type, "__getitem__", r_getitem);
        def_method(row_type, "keys", r_keys);
        def_method(row_type, "__len__", r_len);
        def_method(row_type, "__iter__", r_iter);
        def_method(row_type, "__eq__", r_eq);
        def_method(row_type, "__hash__", r_hash);
    }
    define(ns, "connect", m_connect);
    for (Type* t : module_types) define(ns, t->name.c_str(), Value(t));
    define(ns, "sqlite_version", new_str(sqlite3_libversion()));
    define(ns, "sqlite_version_info", [] {
        std::vector<Value> parts;
        int v = sqlite3_libversion_number();
        for (int d : {1000000, 1000, 1}) parts.push_back(Value::integer(v / d % 1000));
        return new_tuple(std::move(parts));
    }());
    define(ns, "apilevel", new_str("2.0"));
    define(ns, "paramstyle", new_str("qmark"));
    define(ns, "threadsafety", Value::integer(sqlite3_threadsafe() ? 3 : 0));
    define(ns, "PARSE_DECLTYPES", Value::integer(1));
    define(ns, "PARSE_COLNAMES", Value::integer(2));
}

}  // namespace aio::py
