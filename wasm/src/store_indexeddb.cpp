// The browser side of store_backend.hpp: each database is an IndexedDB database, through a JS glue
// object (Module.aioStore) and aio/js.hpp's promise ids. Under Node there is none (the log is used).
#include "store_backend.hpp"

#include "aio/detail/fsio.hpp"
#include "aio/js.hpp"

#include <algorithm>
#include <emscripten.h>
#include <emscripten/val.h>

// clang-format off
EM_JS(void, aio_store_install_glue, (), {
    if (Module.aioStore) return;
    const dbs = new Map();
    let nextDb = 1;
    const describe = (e) => ({ name: String((e && e.name) || 'Error'), message: String((e && e.message) || e) });
    // A blocked upgrade (another connection keeps the old version open and does not close on
    // versionchange) fails at once with a BlockedError instead of waiting for that connection. The
    // request itself stays queued in IndexedDB: if it gets through later, its upgrade is aborted
    // and the connection closed, so nothing happens behind the caller's back.
    const openDb = (name, version, upgrade) => new Promise((resolve, reject) => {
        const r = version ? indexedDB.open(name, version) : indexedDB.open(name);
        let gaveUp = false;
        r.onupgradeneeded = () => {
            if (gaveUp) r.transaction.abort();
            else if (upgrade) upgrade(r.result);
        };
        r.onsuccess = () => {
            const db = r.result;
            if (gaveUp) return db.close();
            db.onversionchange = () => db.close();
            resolve(db);
        };
        r.onerror = (ev) => {
            if (gaveUp) return ev.preventDefault();
            reject(r.error);
        };
        r.onblocked = () => {
            gaveUp = true;
            const e = new Error('IndexedDB upgrade of ' + name + ' to version ' + version +
                                ' blocked by another open connection to it');
            e.name = 'BlockedError';
            reject(e);
        };
    });
    const entry = (h) => {
        const e = dbs.get(h);
        if (!e) throw new Error('database is closed');
        if (!e.db) throw new Error('the connection was lost when an upgrade of ' + e.name + ' failed; reopen the database');
        return e;
    };
    const range = (r) => {
        if (r.hasLower && r.hasUpper) return IDBKeyRange.bound(r.lower, r.upper, r.lowerOpen, r.upperOpen);
        if (r.hasLower) return IDBKeyRange.lowerBound(r.lower, r.lowerOpen);
        if (r.hasUpper) return IDBKeyRange.upperBound(r.upper, r.upperOpen);
        return undefined;
    };
    const collect = (source, keyRange, direction, limit) => new Promise((resolve, reject) => {
        const out = [];
        const r = source.openCursor(keyRange, direction);
        r.onsuccess = () => {
            const c = r.result;
            if (!c || (limit > 0 && out.length >= limit)) return resolve(out);
            out.push([c.key, JSON.stringify(c.value)]);
            c.continue();
        };
        r.onerror = () => reject(r.error);
    });
    const req = (r) => new Promise((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
    });
    const reopen = async (e, upgrade) => {
        const version = e.db.version + 1;
        e.db.close();
        e.db = null;  // until the upgrade succeeds (a blocked one leaves no connection)
        e.db = await openDb(e.name, version, upgrade);
        return Array.from(e.db.objectStoreNames);
    };
    const impl = {
        async open(name, stores) {
            let db = await openDb(name);
            const missing = stores.filter((s) => !db.objectStoreNames.contains(s));
            if (missing.length) {
                const version = db.version + 1;
                db.close();
                db = await openDb(name, version, (d) => {
                    for (const s of missing) if (!d.objectStoreNames.contains(s)) d.createObjectStore(s);
                });
            }
            const h = nextDb++;
            dbs.set(h, { db, name });
            return { handle: h, stores: Array.from(db.objectStoreNames) };
        },
        async get(h, store, key) {
            const s = entry(h).db.transaction(store, 'readonly').objectStore(store);
            const rows = await collect(s, IDBKeyRange.only(key), 'next', 1);
            return rows.length ? { found: true, value: rows[0][1] } : { found: false };
        },
        async select(h, store, r, limit, reverse) {
            const s = entry(h).db.transaction(store, 'readonly').objectStore(store);
            return collect(s, range(r), reverse ? 'prev' : 'next', limit);
        },
        async count(h, store, r) {
            const s = entry(h).db.transaction(store, 'readonly').objectStore(store);
            return req(s.count(range(r)));
        },
        async commit(h, ops) {
            const e = entry(h);
            for (const op of ops) {
                if (op[0] === 'create') return reopen(e, (d) => { if (!d.objectStoreNames.contains(op[1])) d.createObjectStore(op[1]); });
                if (op[0] === 'drop') return reopen(e, (d) => { if (d.objectStoreNames.contains(op[1])) d.deleteObjectStore(op[1]); });
            }
            const names = Array.from(new Set(ops.map((op) => op[1])));
            if (!names.length) return null;
            const t = e.db.transaction(names, 'readwrite');
            for (const op of ops) {
                const s = t.objectStore(op[1]);
                if (op[0] === 'put') s.put(JSON.parse(op[3]), op[2]);
                else if (op[0] === 'del') s.delete(op[2]);
                else if (op[0] === 'clear') s.clear();
            }
            // A failed request reports its own error (t.error is only set once the transaction
            // aborted); a failed commit (QuotaExceededError) arrives as the abort.
            await new Promise((resolve, reject) => {
                t.oncomplete = () => resolve();
                t.onerror = (ev) => reject((ev.target && ev.target.error) || t.error);
                t.onabort = () => reject(t.error || new Error('IndexedDB transaction aborted'));
            });
            return null;
        },
        async close(h) {
            const e = dbs.get(h);
            dbs.delete(h);
            if (e && e.db) e.db.close();
        },
    };
    Module.aioStore = {
        start(id, op, args) {
            let p;
            try {
                p = Promise.resolve(impl[op].apply(null, args));
            } catch (e) {
                p = Promise.reject(e);
            }
            Module.aioJs.track(id, p.then((value) => ({ ok: true, value }),
                                          (e) => Object.assign({ ok: false }, describe(e))));
        },
        closeNow(h) { impl.close(h); },
    };
});
// clang-format on

namespace aio::store::detail {
namespace {

using emscripten::val;

val store_glue() {
    static bool installed = false;
    if (!installed) {
        aio::js::detail::glue();
        aio_store_install_glue();
        installed = true;
    }
    return val::module_property("aioStore");
}

val key_val(const key& k) { return k.is_number() ? val(k.number()) : val(k.string()); }

key key_of(const val& v) {
    if (v.isNumber()) return key(v.as<double>());
    if (v.isString()) return key(v.as<std::string>());
    throw invalid_key("IndexedDB returned a key that is not a number or string");
}

val range_val(const key_range& r) {
    val o = val::object();
    o.set("hasLower", val(r.lower.has_value()));
    o.set("hasUpper", val(r.upper.has_value()));
    o.set("lower", r.lower ? key_val(*r.lower) : val::undefined());
    o.set("upper", r.upper ? key_val(*r.upper) : val::undefined());
    o.set("lowerOpen", val(r.lower_open));
    o.set("upperOpen", val(r.upper_open));
    return o;
}

coro<val> idb_call(std::string op, val args) {
    val r = co_await aio::js::detail::await_tracked("indexeddb", [&](std::uint32_t id) {
        store_glue().call<void>("start", id, op, args);
    });
    if (!r["ok"].as<bool>()) {
        std::string name = r["name"].as<std::string>();
        std::string what = "IndexedDB " + op + ": " + name + ": " + r["message"].as<std::string>();
        if (name == "QuotaExceededError") throw quota_error(what);
        if (name == "BlockedError") throw blocked_error(what);
        throw io_error(what);
    }
    co_return r["value"];
}

val array_of(std::initializer_list<val> items) {
    val a = val::array();
    for (const auto& v : items) a.call<void>("push", v);
    return a;
}

class idb_backend final : public backend {
public:
    ~idb_backend() override { close_now(); }
    std::string_view name() const override { return "indexeddb"; }
    std::vector<std::string> stores() const override { return stores_; }
    bool has_store(const std::string& n) const override {
        return std::find(stores_.begin(), stores_.end(), n) != stores_.end();
    }

    coro<void> open(std::string path, const std::vector<std::string>& want) {
        val names = val::array();
        for (const auto& s : want) names.call<void>("push", s);
        val r = co_await idb_call("open", array_of({val(path), names}));
        handle_ = r["handle"].as<double>();
        set_stores(r["stores"]);
    }

    coro<std::optional<json>> get(const std::string& s, const key& k) override {
        if (!has_store(s)) throw no_store(s);
        val r = co_await idb_call("get", array_of({val(handle_), val(s), key_val(k)}));
        if (!r["found"].as<bool>()) co_return std::nullopt;
        co_return json::parse(r["value"].as<std::string>());
    }

    coro<std::vector<record>> select(const std::string& s, const query& q) override {
        if (!has_store(s)) throw no_store(s);
        std::vector<record> out;
        if (q.range.empty()) co_return out;
        val rows = co_await idb_call("select", array_of({val(handle_), val(s), range_val(q.range),
                                                         val(static_cast<double>(q.limit)), val(q.reverse)}));
        unsigned n = rows["length"].as<unsigned>();
        for (unsigned i = 0; i < n; ++i)
            out.push_back({key_of(rows[i][0]), json::parse(rows[i][1].as<std::string>())});
        co_return out;
    }

    coro<std::size_t> count(const std::string& s, const key_range& r) override {
        if (!has_store(s)) throw no_store(s);
        if (r.empty()) co_return 0;
        val n = co_await idb_call("count", array_of({val(handle_), val(s), range_val(r)}));
        co_return static_cast<std::size_t>(n.as<double>());
    }

    coro<void> prepare(const std::vector<write_op>&) override { co_return; }

    coro<void> apply(const std::vector<write_op>& ops) override {
        val list = val::array();
        for (const auto& op : ops) {
            static const char* names[] = {"put", "del", "clear", "create", "drop"};
            val e = array_of({val(std::string(names[op.kind])), val(op.store)});
            if (op.kind == write_op::put || op.kind == write_op::del) e.call<void>("push", key_val(op.k));
            if (op.kind == write_op::put) e.call<void>("push", val(op.value.dump()));
            list.call<void>("push", e);
        }
        val r = co_await idb_call("commit", array_of({val(handle_), list}));
        if (r.isArray()) set_stores(r);
    }

    coro<void> close() override {
        if (handle_ > 0) {
            double h = std::exchange(handle_, 0);
            co_await idb_call("close", array_of({val(h)}));
        }
    }
    void close_now() noexcept override {
        if (handle_ > 0) {
            try {
                store_glue().call<void>("closeNow", std::exchange(handle_, 0));
            } catch (...) {
            }
        }
    }

private:
    void set_stores(const val& names) {
        stores_.clear();
        unsigned n = names["length"].as<unsigned>();
        for (unsigned i = 0; i < n; ++i) stores_.push_back(names[i].as<std::string>());
    }
    double handle_ = 0;
    std::vector<std::string> stores_;
};

}  // namespace

coro<std::unique_ptr<backend>> open_host_store(const std::string& path, const open_options& options) {
    if (aio::detail::fsio::backend_name() != "browser") co_return nullptr;  // Node: the log, as natively
    auto be = std::make_unique<idb_backend>();
    co_await be->open(path, options.stores);
    co_return std::move(be);
}

}  // namespace aio::store::detail
