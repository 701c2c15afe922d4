// An async key-value database of named object stores, in the spirit of IndexedDB (and of the
// tutorials' aiosqlite/asyncpg chapter: "SELECT * FROM users LIMIT 3").
//
//   aio::store::open_options options{.stores = {"users"}};
//   auto db = co_await aio::store::database::open("app.db", options);
//   co_await db.transaction([&](aio::store::transaction& tx) -> aio::coro<void> {
//       nlohmann::json ada = {{"name", "Ada"}}, grace = {{"name", "Grace"}};
//       co_await tx.put("users", 1, ada);      // all or nothing:
//       co_await tx.put("users", 2, grace);    // a throw rolls both back
//   });
//   aio::store::query first3{.limit = 3};
//   auto rows = co_await db.select("users", first3);                    // ordered by key
//   aio::store::query some{.range = aio::store::key_range::between(2, 10)};
//   co_await db.read([&](aio::store::transaction& tx) -> aio::coro<void> {
//       auto c = tx.open_cursor("users");
//       while (auto rec = co_await c.next()) use(rec->key, rec->value);    // async for
//   });
//
// Model
// - A database has object stores (tables) by name, each an ordered map key -> JSON value.
//   Stores are created by open_options.stores or create_store(), dropped by delete_store().
// - Keys are numbers (doubles; any arithmetic type converts) or strings, ordered as in
//   IndexedDB: every number before every string; numbers by value, strings by code point (UTF-8
//   bytes). NaN is not a key (invalid_key). Values are any JSON (nlohmann::json).
// - Transactions: transaction(body) is read-write, read(body) read-only; body is
//   [&](aio::store::transaction& tx) -> aio::coro<R> and the call returns R. Both are
//   aio::async_with (aio/async_with.hpp) over begin(mode), which can also be used directly.
//   * All or nothing: the writes of a read-write transaction are buffered; when the body returns
//     they are committed as one unit; if it throws (or is cancelled, or calls tx.abort()) none
//     of them happen and the exception propagates.
//   * Commit: durable first (on disk: appended to the log and fsync'ed), then made visible in one
//     step; the call returns after both. Cancelling the task during the commit does not stop it
//     (it runs shielded): the transaction may or may not be committed, as with any database.
//   * Isolation: read-write transactions run one at a time (FIFO) and see their own writes.
//     Read-only ones run concurrently with each other and with a read-write body, and see a
//     consistent state: a commit becomes visible only when no read-only transaction is running,
//     and new read-only transactions wait while a commit is becoming visible. So a reader never
//     sees part of a transaction. Do not start a read-write transaction from inside a read-only
//     one (it would wait for itself: the loop reports a deadlock).
//   * tx must not be used after its body returned (invalid_state_error).
// - Queries: select(store, {.range, .limit, .reverse}) returns records ordered by key;
//   count(store, range); open_cursor(store, query) iterates lazily in batches (async-iterator
//   protocol of aio/generator.hpp: next() gives std::nullopt at the end), inside its transaction.
// - One-call forms on database (get, put, del, clear, select, count) are single-operation
//   transactions.
// - Errors: store_not_found, invalid_key, read_only_error, io_error (disk or IndexedDB failure,
//   injected faults; in a browser more precisely quota_error when the storage quota is used up
//   and blocked_error when a needed version upgrade is blocked by another open connection),
//   corrupt_error (not a store log), damaged_error (a damaged log, see below), locked_error (the
//   log is open elsewhere); all derive from aio::store::error.
// - Fault injection (aio/faults.hpp, target::storage) applies before every operation and before
//   each commit (an injected commit failure rolls the transaction back).
// - g++ 12 pitfall (as in aio/http.hpp): a braced temporary inside a co_await expression, e.g.
//   `co_await tx.put("users", 1, {{"name", "Ada"}})` or `co_await db.select("users", {.limit = 3})`,
//   is mishandled by g++ 12 ("array used as initializer", or a double destruction at run time).
//   Build JSON values, queries and options in named variables first. clang is fine.
//
// Backends (README "Hosts"):
// - native and Node: the data lives in memory and on disk in one append-only log file written by
//   this C++ code (the same format on both hosts): a header, then one record per committed
//   transaction: u32 length, u32 CRC-32, JSON payload. open() replays it, cutting off a torn
//   tail (a last record visibly unfinished: it runs past the end of the file); any other bad
//   record (damage followed by intact records, a whole record that fails its checksum) makes
//   open() throw damaged_error with its offset and leave the file alone; repair() then keeps
//   every intact record. Files are opened without following symbolic links. compact() (also automatic when the log has grown
//   to compact_ratio times the live data) writes a snapshot to "<path>.compact", fsyncs it and
//   renames it over the log. File I/O natively on the to_thread pool (or open_options.executor),
//   in Node through fs.promises (aio/detail/fsio.hpp). One open handle per log file at a time,
//   in any process (the owner lock "<path>.lock"; a second open() throws locked_error).
// - browser: real IndexedDB (database named `path`), through Embind and the Promise interop;
//   a commit is one IndexedDB read-write transaction.
// - database::memory(): the same engine without a file, on every host (also in the wasm tests'
//   self-driven loop).
#pragma once

#include "aio/coro.hpp"
#include "aio/async_with.hpp"

#include <nlohmann/json.hpp>

#include <compare>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace aio {
class executor;
}

namespace aio::store {

using json = nlohmann::json;

// ----------------------------------------------------------------------------- errors

class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};
class store_not_found : public error {
public:
    using error::error;
};
class invalid_key : public error {
public:
    using error::error;
};
class read_only_error : public error {
public:
    using error::error;
};
class io_error : public error {
public:
    using error::error;
};
class corrupt_error : public error {
public:
    using error::error;
};
// open(): the log is damaged at offset() (a record that fails its checksum or does not make
// sense, and is not a torn tail). The file is left untouched; store::repair() keeps every intact
// record.
class damaged_error : public corrupt_error {
public:
    damaged_error(const std::string& what, std::uint64_t offset) : corrupt_error(what), offset_(offset) {}
    std::uint64_t offset() const noexcept { return offset_; }

private:
    std::uint64_t offset_;
};
// open(): another handle (in this process or another one) has the log open. One owner per log
// file at a time: natively an flock on "<path>.lock"; in Node that file, created exclusively,
// holds the owner's pid (removed at close; a dead owner's is taken over).
class locked_error : public error {
public:
    using error::error;
};
// Browser: the origin's storage quota is used up (IndexedDB's QuotaExceededError); the
// transaction was rolled back.
class quota_error : public io_error {
public:
    using io_error::io_error;
};
// Browser: opening or creating/deleting a store needs a version upgrade, and another connection
// to the database (another tab, or code on the page) keeps the old version open. Raised at once
// (no waiting for that connection); the upgrade does not happen. After a blocked
// create_store/delete_store the handle has no connection: reopen the database.
class blocked_error : public io_error {
public:
    using io_error::io_error;
};

// ----------------------------------------------------------------------------- keys, ranges

class key {
public:
    key() : v_(0.0) {}
    template <class N>
        requires(std::is_arithmetic_v<N> && !std::is_same_v<N, bool>)
    key(N number) : v_(static_cast<double>(number)) {
        check();
    }
    key(std::string s) : v_(std::move(s)) {}
    key(const char* s) : v_(std::string(s)) {}
    key(std::string_view s) : v_(std::string(s)) {}

    bool is_number() const { return v_.index() == 0; }
    bool is_string() const { return v_.index() == 1; }
    double number() const { return std::get<0>(v_); }
    const std::string& string() const { return std::get<1>(v_); }

    json to_json() const;
    static key from_json(const json& j);  // invalid_key unless a number or string
    std::string to_string() const;        // 42, 2.5 or "alice" (quoted)

    friend std::weak_ordering operator<=>(const key& a, const key& b);
    friend bool operator==(const key& a, const key& b) { return (a <=> b) == 0; }

private:
    void check() const;
    std::variant<double, std::string> v_;
};

struct key_range {
    std::optional<key> lower{};
    std::optional<key> upper{};
    bool lower_open = false;
    bool upper_open = false;

    static key_range all() { return {}; }
    static key_range only(key k) { return {k, k, false, false}; }
    static key_range at_least(key k) { return {std::move(k), std::nullopt, false, false}; }  // >=
    static key_range above(key k) { return {std::move(k), std::nullopt, true, false}; }      // >
    static key_range at_most(key k) { return {std::nullopt, std::move(k), false, false}; }   // <=
    static key_range below(key k) { return {std::nullopt, std::move(k), false, true}; }      // <
    static key_range between(key lo, key hi, bool lo_open = false, bool hi_open = false) {
        return {std::move(lo), std::move(hi), lo_open, hi_open};
    }
    bool contains(const key& k) const;
    bool empty() const;  // lower above upper
};

struct query {
    key_range range{};
    std::size_t limit = 0;  // 0: no limit
    bool reverse = false;   // descending key order
};

struct record {
    store::key key;
    json value;
};

enum class mode : std::uint8_t { readonly, readwrite };

struct open_options {
    std::vector<std::string> stores{};  // created if missing
    // Log backend: compact automatically after a commit when the log holds more than
    // compact_min_ops operations and more than compact_ratio times the live record count.
    std::size_t compact_min_ops = 1000;
    double compact_ratio = 2.0;
    // Native log backend: where the blocking file calls run (default: the to_thread pool).
    aio::executor* executor = nullptr;
};

struct stats {
    std::uint64_t records_replayed = 0;  // log records read by open()
    std::uint64_t bytes_discarded = 0;   // torn/corrupt tail dropped by open()
    std::uint64_t log_bytes = 0;         // current log size (0 for memory / IndexedDB)
    std::uint64_t log_ops = 0;           // operations in the log since the last snapshot
    std::uint64_t commits = 0;           // read-write transactions committed by this handle
    std::uint64_t rollbacks = 0;
    std::uint64_t compactions = 0;
};

namespace detail {
struct db_state;
struct tx_state;
}  // namespace detail

// ----------------------------------------------------------------------------- cursor

class cursor {
public:
    cursor() = default;
    // The next record, std::nullopt at the end (async-iterator protocol).
    coro<std::optional<record>> next();

private:
    friend class transaction;
    std::shared_ptr<detail::tx_state> tx_;
    std::string store_;
    query query_;
    std::vector<record> batch_;
    std::size_t at_ = 0;
    std::size_t delivered_ = 0;
    std::optional<key> last_;
    bool done_ = false;
};

// ----------------------------------------------------------------------------- transaction

class transaction {
public:
    store::mode mode() const;
    bool active() const;

    coro<std::optional<json>> get(std::string store, key k);
    coro<void> put(std::string store, key k, json value);
    coro<void> del(std::string store, key k);
    coro<void> clear(std::string store);
    coro<std::vector<record>> select(std::string store, query q = {});
    coro<std::size_t> count(std::string store, key_range range = {});
    cursor open_cursor(std::string store, query q = {});
    // Roll back when the body ends (without an exception).
    void abort();

    explicit transaction(std::shared_ptr<detail::tx_state> state) : state_(std::move(state)) {}

private:
    friend class cursor;
    std::shared_ptr<detail::tx_state> state_;
};

// The `async with db.begin(mode) as tx` resource behind transaction()/read().
class transaction_scope {
public:
    transaction_scope(std::shared_ptr<detail::db_state> db, store::mode m) : db_(std::move(db)), mode_(m) {}
    transaction_scope(transaction_scope&&) noexcept = default;
    ~transaction_scope();
    coro<std::reference_wrapper<transaction>> aenter();
    coro<bool> aexit(std::exception_ptr error);

private:
    std::shared_ptr<detail::db_state> db_;
    store::mode mode_;
    std::shared_ptr<detail::tx_state> st_;  // set by aenter
    std::optional<transaction> tx_;
};

// ----------------------------------------------------------------------------- database

class database;

namespace detail {
template <class R, class Body>
coro<R> run_transaction(transaction_scope scope, Body body) {
    if constexpr (std::is_void_v<R>) {
        co_await aio::async_with(std::move(scope), std::move(body));
    } else {
        std::optional<R> value = co_await aio::async_with(std::move(scope), std::move(body));
        co_return std::move(*value);
    }
}
}  // namespace detail

class database {
public:
    database() = default;  // an empty handle
    // Opens (creating if needed) the database at `path`: the log file natively and in Node, the
    // IndexedDB database of that name in a browser.
    static coro<database> open(std::string path, open_options options = {});
    // A database that lives in memory only (every host; no host I/O, so it also works on a
    // self-driven loop).
    static database memory(open_options options = {});

    bool valid() const { return static_cast<bool>(state_); }
    const std::string& path() const;
    std::string_view backend() const;  // "log", "indexeddb" or "memory"
    std::vector<std::string> store_names() const;
    store::stats stats() const;

    coro<void> create_store(std::string name) const;  // no error if it exists
    coro<void> delete_store(std::string name) const;  // store_not_found if missing

    transaction_scope begin(store::mode m = store::mode::readwrite) const { return {state_, m}; }

    // Read-write transaction: body(tx) -> coro<R>; returns R. See the top of this file.
    template <class Body>
    auto transaction(Body body) const {
        using R = typename std::invoke_result_t<Body&, store::transaction&>::value_type;
        return detail::run_transaction<R>(begin(store::mode::readwrite), std::move(body));
    }
    // Read-only transaction.
    template <class Body>
    auto read(Body body) const {
        using R = typename std::invoke_result_t<Body&, store::transaction&>::value_type;
        return detail::run_transaction<R>(begin(store::mode::readonly), std::move(body));
    }

    coro<std::optional<json>> get(std::string store, key k) const;
    coro<void> put(std::string store, key k, json value) const;
    coro<void> del(std::string store, key k) const;
    coro<void> clear(std::string store) const;
    coro<std::vector<record>> select(std::string store, query q = {}) const;
    coro<std::size_t> count(std::string store, key_range range = {}) const;

    // Log backend: rewrites the log as one snapshot (atomic: temp file, fsync, rename).
    // Nothing to do for the other backends.
    coro<void> compact() const;
    // Waits for the running transactions' turn, then closes; the handle (and its copies) can
    // not be used afterwards. Destroying the last handle without close() closes without waiting.
    coro<void> close() const;

private:
    explicit database(std::shared_ptr<detail::db_state> s) : state_(std::move(s)) {}
    std::shared_ptr<detail::db_state> state_;
};

// Log backend (native and Node): rewrites a damaged log (damaged_error) keeping every record
// that is intact, in order, and dropping the damaged stretches. The original bytes are kept in
// "<path>.damaged" first. Nothing to do (and no backup) for an undamaged log. corrupt_error if
// there is no store log in the file at all; locked_error if the store is open.
struct repair_result {
    std::uint64_t records_kept = 0;
    std::uint64_t bytes_dropped = 0;
    std::vector<std::uint64_t> damage;  // offsets where a damaged stretch began
    std::string backup;                 // "<path>.damaged", or "" when nothing was changed
};
coro<repair_result> repair(std::string path, aio::executor* executor = nullptr);

}  // namespace aio::store
