// The wasm file backend (see aio/detail/fsio.hpp): a JS glue object (Module.aioFs) that uses
// Node's fs.promises under Node and a virtual folder in IndexedDB in browsers.
#include "aio/detail/fsio.hpp"

#include "aio/js.hpp"

#include <algorithm>
#include <emscripten.h>
#include <emscripten/val.h>

// Emscripten 3.1.6's JS optimizer (acorn) cannot walk object spread or destructuring in for-of:
// neither is used here.
// clang-format off
EM_JS(void, aio_fs_install_glue, (), {
    if (Module.aioFs) return;
    const isNode = typeof process === 'object' && process.versions && process.versions.node;
    const fail = (code, message) => { const e = new Error(message || code); e.code = code; return e; };
    const handles = new Map();
    let nextHandle = 1;
    const handle = (h) => {
        const f = handles.get(h);
        if (!f) throw fail('EBADF', 'bad file handle');
        return f;
    };
    let impl;
    if (isNode) {
        const fsp = require('fs').promises;
        const pathMod = require('path');
        const O = require('fs').constants;
        // Node's flag string (r r+ w w+ a a+ with x) as open(2) flags, to add O_NOFOLLOW.
        const numericFlags = (flags) => {
            let n = flags.includes('+') ? O.O_RDWR : flags[0] === 'r' ? O.O_RDONLY : O.O_WRONLY;
            if (flags[0] === 'w') n |= O.O_CREAT | O.O_TRUNC;
            if (flags[0] === 'a') n |= O.O_CREAT | O.O_APPEND;
            if (flags.includes('x')) n |= O.O_EXCL;
            return n;
        };
        // Owner locks: the paths held by this process (shared by every module instance in it, so
        // two sandboxes in one process exclude each other), removed at exit; and this instance's
        // handles.
        if (!globalThis.aioHeldLocks) {
            globalThis.aioHeldLocks = new Set();
            process.on('exit', () => {
                for (const p of globalThis.aioHeldLocks) { try { require('fs').unlinkSync(p); } catch (e) { } }
            });
        }
        const held = globalThis.aioHeldLocks;
        const locks = new Map();
        const alive = (pid) => {
            try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; }
        };
        impl = {
            async open(path, flags, noFollow) {
                let fh;
                if (noFollow && O.O_NOFOLLOW !== undefined) {
                    // The kernel refuses a link in the same call that opens (no look-then-open race).
                    try {
                        fh = await fsp.open(path, numericFlags(flags) | O.O_NOFOLLOW, 0o666);
                    } catch (e) {
                        throw e.code === 'ELOOP' ? fail('ELOOP', 'is a symbolic link') : e;
                    }
                } else {
                    if (noFollow) {
                        // No O_NOFOLLOW on this platform (Windows): look first (lstat does not follow).
                        let st = null;
                        try { st = await fsp.lstat(path); } catch (e) { if (e.code !== 'ENOENT') throw e; }
                        if (st && st.isSymbolicLink()) throw fail('ELOOP', 'is a symbolic link');
                    }
                    fh = await fsp.open(path, flags);
                }
                let st;
                try {
                    st = await fh.stat();
                } catch (e) {
                    await fh.close();
                    throw e;
                }
                if (st.isDirectory()) {
                    await fh.close();
                    throw fail('EISDIR');
                }
                const h = nextHandle++;
                handles.set(h, fh);
                return { handle: h, size: st.size };
            },
            async read(h, offset, n) {
                const buf = Buffer.alloc(n);
                const r = await handle(h).read(buf, 0, n, offset);
                return new Uint8Array(buf.buffer, buf.byteOffset, r.bytesRead);
            },
            async write(h, offset, data) {
                const fh = handle(h);
                let done = 0;
                while (done < data.length) {
                    const r = await fh.write(data, done, data.length - done, offset < 0 ? null : offset + done);
                    done += r.bytesWritten;
                }
            },
            async flush(h) { handle(h); },
            async sync(h) { await handle(h).datasync(); },
            async close(h) {
                const fh = handle(h);
                handles.delete(h);
                await fh.close();
            },
            closeNow(h) {
                const fh = handles.get(h);
                handles.delete(h);
                if (fh) fh.close().catch(() => {});
            },
            async stat(path) {
                const st = await fsp.stat(path);
                return { size: st.size, isFile: st.isFile(), isDir: st.isDirectory(), mtime: st.mtimeMs / 1000 };
            },
            async list(path) {
                const entries = await fsp.readdir(path, { withFileTypes: true });
                return entries.map((e) => ({ name: e.name, dir: e.isDirectory() }));
            },
            async remove(path) {
                const st = await fsp.lstat(path);
                if (st.isDirectory()) await fsp.rmdir(path); else await fsp.unlink(path);
            },
            async makeDirs(path) {
                // One level at a time: Node's recursive mkdir never returns under /proc.
                const parts = pathMod.resolve(path).split('/').filter((p) => p);
                let at = "";
                for (let i = 0; i < parts.length; ++i) {
                    at += '/' + parts[i];
                    try {
                        await fsp.mkdir(at);
                        continue;
                    } catch (e) {
                        if (e.code !== 'EEXIST') throw e;
                    }
                    const st = await fsp.stat(at);
                    if (!st.isDirectory()) throw fail(i === parts.length - 1 ? 'EEXIST' : 'ENOTDIR');
                }
            },
            async isLink(path) {
                try { return (await fsp.lstat(path)).isSymbolicLink(); } catch (e) { if (e.code === 'ENOENT') return false; throw e; }
            },
            async rename(from, to) { await fsp.rename(from, to); },
            async truncate(path, size) { await fsp.truncate(path, size); },
            async syncDir(path) {
                const fh = await fsp.open(path || '.', 'r');
                try { await fh.sync(); } catch (e) { } finally { await fh.close(); }
            },
            // No flock in Node: the lock file is created exclusively ('wx' does not follow a
            // link either) and holds our pid; a file whose pid is dead (or is ours but not held
            // here: a reused pid) is stale and taken over.
            async lock(path) {
                const abs = pathMod.resolve(path);
                if (held.has(abs)) return { handle: -1, holder: 'this process (pid ' + process.pid + ')' };
                for (let attempt = 0; attempt < 5; ++attempt) {
                    try {
                        const fh = await fsp.open(abs, 'wx');
                        try { await fh.writeFile(String(process.pid)); } finally { await fh.close(); }
                        const h = nextHandle++;
                        locks.set(h, abs);
                        held.add(abs);
                        return { handle: h, holder: "" };
                    } catch (e) {
                        if (e.code !== 'EEXIST') throw e;
                    }
                    let text;
                    let st;
                    try {
                        st = await fsp.lstat(abs);
                        if (st.isSymbolicLink()) throw fail('ELOOP', 'is a symbolic link');
                        text = await fsp.readFile(abs, 'utf8');
                    } catch (e) {
                        if (e.code === 'ENOENT') continue;  // released meanwhile
                        throw e;
                    }
                    const pid = Number(text);
                    // An empty file is being written by its creator, unless it is old (a crash).
                    const fresh = !text && Date.now() - st.mtimeMs < 10000;
                    if (fresh || (pid > 0 && pid !== process.pid && alive(pid))) return { handle: -1, holder: text ? 'pid ' + pid : 'another process' };
                    try { await fsp.unlink(abs); } catch (e) { if (e.code !== 'ENOENT') throw e; }
                }
                return { handle: -1, holder: 'another process' };
            },
            unlock(h) {
                const p = locks.get(h);
                if (p === undefined) return;
                locks.delete(h);
                held.delete(p);
                try { require('fs').unlinkSync(p); } catch (e) { }
            },
        };
    } else {
        // Browser: a virtual folder in IndexedDB. Entries by normalized absolute path:
        // {dir: true, mtime} or {dir: false, data: Uint8Array, mtime} (mtime in ms).
        let dbPromise = null;
        const db = () => dbPromise || (dbPromise = new Promise((resolve, reject) => {
            const r = indexedDB.open('aio-files', 1);
            r.onupgradeneeded = () => r.result.createObjectStore('entries');
            r.onsuccess = () => resolve(r.result);
            r.onerror = () => reject(fail('EIO', 'IndexedDB: ' + r.error));
        }));
        const req = (r) => new Promise((resolve, reject) => {
            r.onsuccess = () => resolve(r.result);
            r.onerror = () => reject(fail('EIO', 'IndexedDB: ' + r.error));
        });
        const done = (t) => new Promise((resolve, reject) => {
            t.oncomplete = () => resolve();
            t.onerror = () => reject(fail('EIO', 'IndexedDB: ' + t.error));
            t.onabort = () => reject(fail('EIO', 'IndexedDB transaction aborted: ' + t.error));
        });
        const norm = (p) => {
            const parts = [];
            for (const s of String(p).split('/')) {
                if (s === "" || s === ".") continue;
                if (s === '..') parts.pop(); else parts.push(s);
            }
            return '/' + parts.join('/');
        };
        const parentOf = (p) => (p === '/' ? '/' : (p.slice(0, p.lastIndexOf('/')) || '/'));
        const get = async (p) => {
            if (p === '/') return { dir: true, mtime: 0 };
            const d = await db();
            return req(d.transaction('entries').objectStore('entries').get(p));
        };
        const put = async (p, e) => {
            const d = await db();
            const t = d.transaction('entries', 'readwrite');
            t.objectStore('entries').put(e, p);
            await done(t);
        };
        const prefixRange = (p) => {
            const prefix = p === '/' ? '/' : p + '/';
            return IDBKeyRange.bound(prefix, prefix + '\uffff');
        };
        const children = async (p) => {
            const d = await db();
            const store = d.transaction('entries').objectStore('entries');
            const out = [];
            await new Promise((resolve, reject) => {
                const r = store.openCursor(prefixRange(p));
                r.onsuccess = () => {
                    const c = r.result;
                    if (!c) return resolve();
                    out.push({ key: c.key, value: c.value });
                    c.continue();
                };
                r.onerror = () => reject(fail('EIO', 'IndexedDB: ' + r.error));
            });
            return out;
        };
        const persist = async (f) => {
            if (!f.dirty) return;
            f.dirty = false;
            await put(f.path, { dir: false, data: f.buf.slice(0, f.size), mtime: Date.now() });
        };
        impl = {
            async open(path, flags) {
                const p = norm(path);
                const read = flags.indexOf('r') >= 0 || flags.indexOf('+') >= 0;
                const create = flags[0] !== 'r';
                const truncate = flags[0] === 'w';
                const exclusive = flags.indexOf('x') >= 0;
                let e = await get(p);
                if (e && e.dir) throw fail('EISDIR');
                if (e && exclusive) throw fail('EEXIST');
                let dirty = false;
                if (!e) {
                    if (!create) throw fail('ENOENT');
                    const parent = await get(parentOf(p));
                    if (!parent) throw fail('ENOENT');
                    if (!parent.dir) throw fail('ENOTDIR');
                    e = { dir: false, data: new Uint8Array(0), mtime: Date.now() };
                    await put(p, e);  // exists from now on, as after open(O_CREAT)
                }
                let data = e.data;
                if (truncate && data.length) {
                    data = new Uint8Array(0);
                    dirty = true;
                }
                const h = nextHandle++;
                handles.set(h, { path: p, buf: data, size: data.length, dirty, read });
                return { handle: h, size: data.length };
            },
            async read(h, offset, n) {
                const f = handle(h);
                return f.buf.slice(Math.min(offset, f.size), Math.min(f.size, offset + n));
            },
            async write(h, offset, data) {
                const f = handle(h);
                const at = offset < 0 ? f.size : offset;
                const end = at + data.length;
                if (end > f.buf.length) {
                    const grown = new Uint8Array(Math.max(end, f.buf.length * 2, 256));
                    grown.set(f.buf.subarray(0, f.size));
                    f.buf = grown;
                }
                f.buf.set(data, at);
                f.size = Math.max(f.size, end);
                f.dirty = true;
            },
            async flush(h) { await persist(handle(h)); },
            async sync(h) { await persist(handle(h)); },
            async close(h) {
                const f = handle(h);
                handles.delete(h);
                await persist(f);
            },
            closeNow(h) {
                const f = handles.get(h);
                handles.delete(h);
                if (f) persist(f).catch(() => {});
            },
            async stat(path) {
                const e = await get(norm(path));
                if (!e) throw fail('ENOENT');
                return { size: e.dir ? 0 : e.data.length, isFile: !e.dir, isDir: !!e.dir, mtime: e.mtime / 1000 };
            },
            async list(path) {
                const p = norm(path);
                const e = await get(p);
                if (!e) throw fail('ENOENT');
                if (!e.dir) throw fail('ENOTDIR');
                const prefix = p === '/' ? '/' : p + '/';
                return (await children(p))
                    .filter((c) => c.key.indexOf('/', prefix.length) < 0)
                    .map((c) => ({ name: c.key.slice(prefix.length), dir: !!c.value.dir }));
            },
            async remove(path) {
                const p = norm(path);
                if (p === '/') throw fail('EPERM');
                const e = await get(p);
                if (!e) throw fail('ENOENT');
                if (e.dir && (await children(p)).length) throw fail('ENOTEMPTY');
                const d = await db();
                const t = d.transaction('entries', 'readwrite');
                t.objectStore('entries').delete(p);
                await done(t);
            },
            async makeDirs(path) {
                const p = norm(path);
                let at = "";
                for (const part of p.split('/').filter((s) => s)) {
                    at += '/' + part;
                    const e = await get(at);
                    if (!e) await put(at, { dir: true, mtime: Date.now() });
                    else if (!e.dir) throw fail(at === p ? 'EEXIST' : 'ENOTDIR');
                }
            },
            async rename(from, to) {
                const a = norm(from);
                const b = norm(to);
                const e = await get(a);
                if (!e) throw fail('ENOENT');
                const parent = await get(parentOf(b));
                if (!parent) throw fail('ENOENT');
                if (!parent.dir) throw fail('ENOTDIR');
                const target = await get(b);
                if (target && target.dir && !e.dir) throw fail('EISDIR');
                if (target && !target.dir && e.dir) throw fail('ENOTDIR');
                if (target && target.dir && (await children(b)).length) throw fail('ENOTEMPTY');
                const moved = e.dir ? await children(a) : [];
                const d = await db();
                const t = d.transaction('entries', 'readwrite');
                const s = t.objectStore('entries');
                s.delete(a);
                s.put(e, b);
                for (const c of moved) {
                    s.delete(c.key);
                    s.put(c.value, b + c.key.slice(a.length));
                }
                await done(t);
            },
            async truncate(path, size) {
                const p = norm(path);
                const e = await get(p);
                if (!e) throw fail('ENOENT');
                if (e.dir) throw fail('EISDIR');
                const data = new Uint8Array(size);
                data.set(e.data.subarray(0, Math.min(size, e.data.length)));
                await put(p, { dir: false, data, mtime: Date.now() });
            },
            async syncDir(path) { },
            async lock(path) { return { handle: nextHandle++, holder: "" }; },
            async isLink(path) { return false; },
            unlock(h) { },
        };
    }
    const describe = (e) => String((e && e.message) || e);
    Module.aioFs = {
        backend: isNode ? 'node' : 'browser',
        // Settles through Module.aioJs.track with {ok: true, value} or {ok: false, code, message};
        // never rejects. Byte arrays from wasm memory are copied before anything else happens.
        start(id, op, args) {
            const a = [];
            for (let i = 0; i < args.length; ++i) a.push(args[i] instanceof Uint8Array ? args[i].slice() : args[i]);
            let p;
            try {
                p = Promise.resolve(impl[op].apply(null, a));
            } catch (e) {
                p = Promise.reject(e);
            }
            Module.aioJs.track(id, p.then((value) => ({ ok: true, value: value }),
                (e) => ({ ok: false, code: (e && typeof e.code === 'string') ? e.code : 'EIO', message: describe(e) })));
        },
        closeNow(h) { impl.closeNow(h); },
        unlock(h) { impl.unlock(h); },
    };
});
// clang-format on

namespace aio::detail::fsio {

namespace {
using emscripten::val;

val fs_glue() {
    static bool installed = false;
    if (!installed) {
        aio::js::detail::glue();
        aio_fs_install_glue();
        installed = true;
    }
    return val::module_property("aioFs");
}

val bytes_view(const std::string& s) {
    return val(emscripten::typed_memory_view(s.size(), reinterpret_cast<const std::uint8_t*>(s.data())));
}

// One glue operation: awaits it, throws the files::error for a failure, returns the value.
// `op` names the JS function, `what` the operation in error messages.
coro<val> call(const char* op, const char* what, std::string path_for_errors, val args) {
    val r = co_await aio::js::detail::await_tracked("file io", [&](std::uint32_t id) {
        fs_glue().call<void>("start", id, std::string(op), args);
    });
    if (!r["ok"].as<bool>() && r["message"].as<std::string>() == "is a symbolic link") refuse_link(what, path_for_errors);
    if (!r["ok"].as<bool>())
        throw_code(r["code"].as<std::string>(), what, path_for_errors, r["message"].as<std::string>());
    co_return r["value"];
}

template <class... A>
val args_of(A&&... a) {
    val arr = val::array();
    (arr.call<void>("push", val(std::forward<A>(a))), ...);
    return arr;
}

}  // namespace

std::string errno_name(int errnum) { return "E" + std::to_string(errnum); }

std::string_view backend_name() {
    static std::string name = fs_glue()["backend"].as<std::string>();
    return name;
}

coro<opened_file> open(std::string path, open_flags f, executor*) {
    // Node's flag strings: r r+ w w+ a a+ wx wx+ (ax ax+).
    std::string flags;
    if (f.append) flags = "a";
    else if (f.truncate || (f.create && f.write)) flags = "w";
    else flags = "r";
    if (f.exclusive) flags += "x";
    if (f.read && (f.write || f.append)) flags += "+";
    else if (flags == "r" && (f.write || f.append)) flags += "+";
    val v = co_await call("open", "open", path, args_of(path, flags, f.no_follow));
    co_return opened_file{static_cast<std::int64_t>(v["handle"].as<double>()), static_cast<std::uint64_t>(v["size"].as<double>())};
}

coro<std::string> read(std::int64_t h, std::string path, std::uint64_t offset, std::size_t n, executor*) {
    val v = co_await call("read", "read", path,
                          args_of(static_cast<double>(h), static_cast<double>(offset), static_cast<double>(n)));
    std::size_t size = v["length"].as<std::size_t>();
    std::string out(size, '\0');
    if (size) val(emscripten::typed_memory_view(size, reinterpret_cast<std::uint8_t*>(out.data()))).call<void>("set", v);
    co_return out;
}

coro<void> write(std::int64_t h, std::string path, std::optional<std::uint64_t> offset, std::string data, executor*) {
    co_await call("write", "write", path,
                  args_of(static_cast<double>(h), offset ? static_cast<double>(*offset) : -1.0, bytes_view(data)));
}

coro<void> flush(std::int64_t h, std::string path, executor*) { co_await call("flush", "flush", path, args_of(static_cast<double>(h))); }
coro<void> sync(std::int64_t h, std::string path, executor*) { co_await call("sync", "sync", path, args_of(static_cast<double>(h))); }
coro<void> close(std::int64_t h, std::string path, executor*) { co_await call("close", "close", path, args_of(static_cast<double>(h))); }

void close_now(std::int64_t h) noexcept {
    try {
        fs_glue().call<void>("closeNow", static_cast<double>(h));
    } catch (...) {
    }
}

coro<files::stat_result> stat(std::string path, executor*) {
    val v = co_await call("stat", "stat", path, args_of(path));
    files::stat_result r;
    r.size = static_cast<std::uint64_t>(v["size"].as<double>());
    r.is_file = v["isFile"].as<bool>();
    r.is_dir = v["isDir"].as<bool>();
    r.mtime = v["mtime"].as<double>();
    co_return r;
}

coro<std::vector<files::dir_entry>> list(std::string path, executor*) {
    val v = co_await call("list", "list", path, args_of(path));
    std::vector<files::dir_entry> out;
    unsigned n = v["length"].as<unsigned>();
    for (unsigned i = 0; i < n; ++i) out.push_back({v[i]["name"].as<std::string>(), v[i]["dir"].as<bool>()});
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    co_return out;
}

coro<void> remove(std::string path, executor*) { co_await call("remove", "remove", path, args_of(path)); }
coro<void> make_dirs(std::string path, executor*) { co_await call("makeDirs", "make_dirs", path, args_of(path)); }
coro<void> rename(std::string from, std::string to, executor*) { co_await call("rename", "rename", from, args_of(from, to)); }
coro<void> truncate(std::string path, std::uint64_t size, executor*) {
    co_await call("truncate", "truncate", path, args_of(path, static_cast<double>(size)));
}
coro<void> sync_dir(std::string path, executor*) { co_await call("syncDir", "sync_dir", path, args_of(path)); }

coro<bool> is_link(std::string path, executor*) { co_return (co_await call("isLink", "lstat", path, args_of(path))).as<bool>(); }

coro<lock_result> lock(std::string path, executor*) {
    val v = co_await call("lock", "lock", path, args_of(path));
    co_return lock_result{static_cast<std::int64_t>(v["handle"].as<double>()), v["holder"].as<std::string>()};
}

void unlock(std::int64_t h) noexcept {
    try {
        fs_glue().call<void>("unlock", static_cast<double>(h));
    } catch (...) {
    }
}

}  // namespace aio::detail::fsio
