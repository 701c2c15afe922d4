// aio::store (see aio/store.hpp): keys and ranges and the transaction engine (write buffering,
// commit, the reader/commit gate, cursors) over a backend (store_backend.hpp): the memory one
// (store_memory.cpp), the log file (store_log_backend.cpp) or the host's own store (IndexedDB in
// a browser, store_indexeddb.cpp).
#include "aio/store.hpp"

#include "store_memory.hpp"

#include "aio/detail/store_log.hpp"
#include "aio/event.hpp"
#include "aio/faults.hpp"
#include "aio/lock.hpp"
#include "aio/shield.hpp"
#include "aio/task.hpp"

#include <cmath>
#include <map>

namespace aio::store {

// ============================================================================= keys, ranges

void key::check() const {
    if (std::isnan(std::get<0>(v_))) throw invalid_key("NaN is not a valid key");
}

json key::to_json() const { return is_number() ? json(number()) : json(string()); }

key key::from_json(const json& j) {
    if (j.is_number()) return key(j.get<double>());
    if (j.is_string()) return key(j.get<std::string>());
    throw invalid_key("not a key (number or string): " + j.dump());
}

std::string key::to_string() const { return to_json().dump(); }

std::weak_ordering operator<=>(const key& a, const key& b) {
    if (a.v_.index() != b.v_.index()) return a.v_.index() <=> b.v_.index();  // numbers first
    if (a.is_number()) {
        double x = a.number(), y = b.number();
        return x < y ? std::weak_ordering::less : y < x ? std::weak_ordering::greater : std::weak_ordering::equivalent;
    }
    int c = a.string().compare(b.string());  // bytes: UTF-8 code point order
    return c < 0 ? std::weak_ordering::less : c > 0 ? std::weak_ordering::greater : std::weak_ordering::equivalent;
}

bool key_range::contains(const key& k) const {
    if (lower) {
        auto c = k <=> *lower;
        if (c < 0 || (lower_open && c == 0)) return false;
    }
    if (upper) {
        auto c = k <=> *upper;
        if (c > 0 || (upper_open && c == 0)) return false;
    }
    return true;
}

bool key_range::empty() const {
    if (!lower || !upper) return false;
    auto c = *lower <=> *upper;
    return c > 0 || (c == 0 && (lower_open || upper_open));
}

}  // namespace aio::store

// ============================================================================= engine

namespace aio::store {
namespace detail {

struct db_state {
    std::unique_ptr<backend> be;
    std::string path;
    open_options options;
    aio::lock writer;  // read-write transactions, store creation, compaction, close: one at a time
    int readers = 0;   // read-only transactions running
    bool applying = false;
    aio::event no_readers;
    aio::event not_applying;
    store::stats st;
    bool closed = false;

    db_state() {
        no_readers.set();
        not_applying.set();
    }
    ~db_state() {
        if (be) be->close_now();
    }
    void check_open() const {
        if (closed) throw invalid_state_error("store '" + path + "' is closed");
    }
};

struct store_changes {
    bool cleared = false;
    std::map<key, std::optional<json>> writes;  // nullopt: deleted
};

struct tx_state {
    std::shared_ptr<db_state> db;
    store::mode mode;
    bool active = true;
    bool aborted = false;
    std::map<std::string, store_changes> changes;

    tx_state(std::shared_ptr<db_state> d, store::mode m) : db(std::move(d)), mode(m) {}
    void check(std::string_view op) const {
        if (!active) throw invalid_state_error("store transaction: " + std::string(op) + " after the transaction ended");
        db->check_open();
    }
    void check_write(std::string_view op) const {
        check(op);
        if (mode != store::mode::readwrite)
            throw read_only_error("store transaction: " + std::string(op) + " in a read-only transaction");
    }
    void check_store(const std::string& s) const {
        if (!db->be->has_store(s)) throw no_store(s);
    }
};

namespace {

coro<void> fault_point(std::string operation) {
    if (auto failure = co_await faults::before(faults::target::storage, std::move(operation))) throw io_error(*failure);
}

coro<void> reader_enter(db_state& db) {
    while (db.applying) co_await db.not_applying.wait();
    ++db.readers;
    db.no_readers.clear();
}

void reader_exit(db_state& db) {
    if (--db.readers == 0) db.no_readers.set();
}

// Durable, then visible while no reader runs. Owns the writer lock: releases it when done.
coro<void> commit_ops(std::shared_ptr<db_state> db, std::vector<write_op> ops) {
    struct unlock {
        db_state& d;
        ~unlock() { d.writer.release(); }
    } release_writer{*db};
    if (ops.empty()) co_return;
    co_await db->be->prepare(ops);
    {
        db->applying = true;
        db->not_applying.clear();
        struct reopen {
            db_state& d;
            ~reopen() {
                d.applying = false;
                d.not_applying.set();
            }
        } done{*db};
        while (db->readers > 0) co_await db->no_readers.wait();
        co_await db->be->apply(ops);
    }
    ++db->st.commits;
    try {
        co_await db->be->after_commit(db->st);
    } catch (const io_error&) {
        // Automatic compaction failed: the commit itself stands; the old log stays in use.
    }
}

// Runs commit_ops as its own task, shielded: cancelling the caller does not stop a commit half
// way (durable but not visible).
coro<void> commit_shielded(std::shared_ptr<db_state> db, std::vector<write_op> ops) {
    auto t = aio::create_task(commit_ops(std::move(db), std::move(ops)), "store commit");
    co_await aio::shield(t);
}

std::vector<write_op> collect(tx_state& tx) {
    std::vector<write_op> ops;
    for (auto& [s, ch] : tx.changes) {
        if (ch.cleared) ops.push_back({write_op::clear, s});
        for (auto& [k, v] : ch.writes) {
            if (v) ops.push_back({write_op::put, s, k, std::move(*v)});
            else ops.push_back({write_op::del, s, k});
        }
    }
    return ops;
}

}  // namespace
}  // namespace detail

// ----------------------------------------------------------------------------- transaction

store::mode transaction::mode() const { return state_->mode; }
bool transaction::active() const { return state_->active; }
void transaction::abort() {
    state_->check("abort");
    state_->aborted = true;
}

coro<std::optional<json>> transaction::get(std::string s, key k) {
    auto st = state_;
    st->check("get");
    st->check_store(s);
    co_await detail::fault_point("store get " + s + " " + k.to_string());
    st->check("get");
    if (auto it = st->changes.find(s); it != st->changes.end()) {
        auto w = it->second.writes.find(k);
        if (w != it->second.writes.end()) co_return w->second;
        if (it->second.cleared) co_return std::nullopt;
    }
    co_return co_await st->db->be->get(s, k);
}

coro<void> transaction::put(std::string s, key k, json value) {
    auto st = state_;
    st->check_write("put");
    st->check_store(s);
    co_await detail::fault_point("store put " + s + " " + k.to_string());
    st->check_write("put");
    st->changes[s].writes[std::move(k)] = std::move(value);
}

coro<void> transaction::del(std::string s, key k) {
    auto st = state_;
    st->check_write("del");
    st->check_store(s);
    co_await detail::fault_point("store del " + s + " " + k.to_string());
    st->check_write("del");
    st->changes[s].writes[std::move(k)] = std::nullopt;
}

coro<void> transaction::clear(std::string s) {
    auto st = state_;
    st->check_write("clear");
    st->check_store(s);
    co_await detail::fault_point("store clear " + s);
    st->check_write("clear");
    auto& ch = st->changes[s];
    ch.cleared = true;
    ch.writes.clear();
}

coro<std::vector<record>> transaction::select(std::string s, query q) {
    auto st = state_;
    st->check("select");
    st->check_store(s);
    co_await detail::fault_point("store select " + s);
    st->check("select");
    auto it = st->changes.find(s);
    if (it == st->changes.end()) co_return co_await st->db->be->select(s, q);
    if (q.range.empty()) co_return std::vector<record>{};
    // Merge the buffered writes over the committed records. Each buffered write can hide at most
    // one committed record, so fetching limit + writes-in-range committed ones is always enough.
    const detail::store_changes& ch = it->second;
    std::size_t in_range = 0;
    for (const auto& [k, v] : ch.writes)
        if (q.range.contains(k)) ++in_range;
    std::vector<record> base;
    if (!ch.cleared) {
        query wide = q;
        if (q.limit) wide.limit = q.limit + in_range;
        base = co_await st->db->be->select(s, wide);
    }
    std::map<key, json> merged;
    for (auto& r : base) merged.emplace(std::move(r.key), std::move(r.value));
    for (const auto& [k, v] : ch.writes) {
        if (!q.range.contains(k)) continue;
        if (v) merged[k] = *v;
        else merged.erase(k);
    }
    std::vector<record> out;
    auto take = [&](const key& k, const json& v) {
        if (q.limit && out.size() >= q.limit) return false;
        out.push_back({k, v});
        return true;
    };
    if (!q.reverse) {
        for (const auto& [k, v] : merged)
            if (!take(k, v)) break;
    } else {
        for (auto r = merged.rbegin(); r != merged.rend(); ++r)
            if (!take(r->first, r->second)) break;
    }
    co_return out;
}

coro<std::size_t> transaction::count(std::string s, key_range range) {
    auto st = state_;
    st->check("count");
    st->check_store(s);
    auto it = st->changes.find(s);
    if (it == st->changes.end()) {
        co_await detail::fault_point("store count " + s);
        co_return co_await st->db->be->count(s, range);
    }
    auto all = co_await select(s, {range});
    co_return all.size();
}

cursor transaction::open_cursor(std::string s, query q) {
    state_->check("open_cursor");
    state_->check_store(s);
    cursor c;
    c.tx_ = state_;
    c.store_ = std::move(s);
    c.query_ = std::move(q);
    return c;
}

coro<std::optional<record>> cursor::next() {
    if (!tx_) throw invalid_state_error("store cursor: not opened by a transaction");
    if (at_ < batch_.size()) co_return std::move(batch_[at_++]);
    if (done_ || (query_.limit && delivered_ >= query_.limit)) co_return std::nullopt;
    constexpr std::size_t batch_size = 64;
    query q = query_;
    if (last_) {
        // Resume after the last key delivered (re-seek: the cursor holds no position inside
        // the backend, so commits between batches cannot invalidate it).
        if (!q.reverse) {
            q.range.lower = *last_;
            q.range.lower_open = true;
        } else {
            q.range.upper = *last_;
            q.range.upper_open = true;
        }
    }
    std::size_t want = batch_size;
    if (query_.limit) want = std::min(want, query_.limit - delivered_);
    q.limit = want;
    transaction tx(tx_);
    batch_ = co_await tx.select(store_, q);
    at_ = 0;
    if (batch_.size() < want) done_ = true;
    if (batch_.empty()) co_return std::nullopt;
    last_ = batch_.back().key;
    delivered_ += batch_.size();
    co_return std::move(batch_[at_++]);
}

// ----------------------------------------------------------------------------- transaction_scope

transaction_scope::~transaction_scope() {
    // Only if the frame went away between aenter and aexit (async_with always calls aexit).
    if (!st_ || !st_->active) return;
    st_->active = false;
    if (mode_ == store::mode::readwrite) db_->writer.release();
    else detail::reader_exit(*db_);
}

coro<std::reference_wrapper<transaction>> transaction_scope::aenter() {
    if (!db_) throw invalid_state_error("store: empty database handle");
    db_->check_open();
    if (mode_ == store::mode::readwrite) {
        co_await db_->writer.acquire();
        if (db_->closed) {
            db_->writer.release();
            db_->check_open();
        }
    } else {
        co_await detail::reader_enter(*db_);
    }
    st_ = std::make_shared<detail::tx_state>(db_, mode_);
    tx_.emplace(st_);
    co_return std::ref(*tx_);
}

coro<bool> transaction_scope::aexit(std::exception_ptr error) {
    auto st = st_;
    st->active = false;
    if (mode_ == store::mode::readonly) {
        detail::reader_exit(*db_);
        co_return false;
    }
    // Read-write: the writer lock is ours until handed to the commit (or released here).
    struct release_guard {
        detail::db_state* d;
        ~release_guard() {
            if (d) d->writer.release();
        }
    } guard{db_.get()};
    if (error || st->aborted) {
        ++db_->st.rollbacks;
        co_return false;
    }
    std::vector<detail::write_op> ops = detail::collect(*st);
    st->changes.clear();
    if (!ops.empty()) {
        std::optional<std::string> failure = co_await faults::before(faults::target::storage, "store commit");
        if (failure) {
            ++db_->st.rollbacks;
            throw io_error(*failure);
        }
    }
    guard.d = nullptr;  // commit_ops releases it from now on
    co_await detail::commit_shielded(db_, std::move(ops));
    co_return false;
}

// ----------------------------------------------------------------------------- database

coro<database> database::open(std::string path, open_options options) {
    auto st = std::make_shared<detail::db_state>();
    st->path = path;
    st->options = options;
    if (std::unique_ptr<detail::backend> be = co_await detail::open_host_store(path, options)) {
        st->be = std::move(be);
        co_return database(std::move(st));
    }
    if (path.empty()) throw std::invalid_argument("store::database::open: empty path (use database::memory())");
    st->be = co_await detail::open_log_store(path, options, st->st);
    database db(std::move(st));
    for (const auto& s : options.stores) co_await db.create_store(s);
    co_return db;
}

database database::memory(open_options options) {
    auto st = std::make_shared<detail::db_state>();
    st->options = options;
    st->be = std::make_unique<detail::memory_backend>(options.stores);
    return database(std::move(st));
}

const std::string& database::path() const { return state_->path; }
std::string_view database::backend() const { return state_->be->name(); }
std::vector<std::string> database::store_names() const { return state_->be->stores(); }
store::stats database::stats() const { return state_->st; }

coro<void> database::create_store(std::string name) const {
    auto st = state_;
    st->check_open();
    co_await st->writer.acquire();
    if (st->closed || st->be->has_store(name)) {
        st->writer.release();
        st->check_open();
        co_return;
    }
    std::vector<detail::write_op> ops;  // g++ 12: no braced temporaries inside co_await
    ops.push_back({detail::write_op::create, std::move(name)});
    co_await detail::commit_shielded(st, std::move(ops));
}

coro<void> database::delete_store(std::string name) const {
    auto st = state_;
    st->check_open();
    co_await st->writer.acquire();
    if (st->closed || !st->be->has_store(name)) {
        st->writer.release();
        st->check_open();
        throw detail::no_store(name);
    }
    std::vector<detail::write_op> ops;
    ops.push_back({detail::write_op::drop, std::move(name)});
    co_await detail::commit_shielded(st, std::move(ops));
}

coro<std::optional<json>> database::get(std::string s, key k) const {
    co_return co_await read([&](aio::store::transaction& tx) -> coro<std::optional<json>> {
        co_return co_await tx.get(s, k);
    });
}

coro<void> database::put(std::string s, key k, json value) const {
    co_await transaction([&](aio::store::transaction& tx) -> coro<void> { co_await tx.put(s, k, std::move(value)); });
}

coro<void> database::del(std::string s, key k) const {
    co_await transaction([&](aio::store::transaction& tx) -> coro<void> { co_await tx.del(s, k); });
}

coro<void> database::clear(std::string s) const {
    co_await transaction([&](aio::store::transaction& tx) -> coro<void> { co_await tx.clear(s); });
}

coro<std::vector<record>> database::select(std::string s, query q) const {
    co_return co_await read([&](aio::store::transaction& tx) -> coro<std::vector<record>> {
        co_return co_await tx.select(s, q);
    });
}

coro<std::size_t> database::count(std::string s, key_range range) const {
    co_return co_await read([&](aio::store::transaction& tx) -> coro<std::size_t> {
        co_return co_await tx.count(s, range);
    });
}

coro<void> database::compact() const {
    auto st = state_;
    st->check_open();
    auto held = co_await st->writer.scoped();
    st->check_open();
    co_await st->be->compact(st->st);
}

coro<void> database::close() const {
    auto st = state_;
    if (!st || st->closed) co_return;
    auto held = co_await st->writer.scoped();
    if (st->closed) co_return;
    st->closed = true;
    while (st->readers > 0) co_await st->no_readers.wait();
    co_await st->be->close();
}

}  // namespace aio::store
