// The browser test's program (tests/browser/storage.test.mjs loads it into tests/browser/storage.html
// in Chromium): aio::store on real IndexedDB and aio::files on the IndexedDB virtual folder.
// Usage (Module.arguments): write | check | quota | blocked. "write" stores data; "check", run after
// a reload (and after a browser restart), verifies it survived. "quota" (browser only; the test
// gives the origin a small quota) and "blocked" (browser only; the page's aioHold/aioRelease
// hold IndexedDB connections open) check that those failures surface as typed errors, not hangs.
// Prints what it sees; the exit status is 0 if everything was as expected. Under Node the write
// and check phases use the log and real files.
#include "aio/aio.hpp"
#include "aio/files.hpp"
#include "aio/store.hpp"

#ifdef __EMSCRIPTEN__
#include "aio/js.hpp"

#include <emscripten/val.h>
#endif

#include <cstdio>
#include <stdexcept>
#include <string>

namespace store = aio::store;
namespace files = aio::files;
using store::json;

namespace {

void print(const std::string& line) { std::printf("%s\n", line.c_str()); }

void expect(bool ok, const std::string& what) {
    if (!ok) throw std::runtime_error("expected " + what);
}

std::string keys(const std::vector<store::record>& rows) {
    std::string out;
    for (const auto& r : rows) out += (out.empty() ? "" : ",") + r.key.to_string();
    return out;
}

store::query first(std::size_t n) {
    store::query q;
    q.limit = n;
    return q;
}

aio::coro<void> write_phase() {
    store::open_options options{.stores = {"users", "orders"}};
    auto db = co_await store::database::open("aio-browser-test", options);
    print("store backend " + std::string(db.backend()) + ", files backend " + std::string(files::backend_name()));
    co_await db.transaction([&](store::transaction& tx) -> aio::coro<void> {
        co_await tx.put("users", 3, json{{"name", "Carol"}});
        co_await tx.put("users", 1, json{{"name", "Ada"}});
        co_await tx.put("users", "bob", json{{"name", "Bob"}});
        co_await tx.put("users", 2, json{{"name", "Grace"}});
        co_await tx.put("orders", 1, json{{"user", 1}, {"total", 9.5}});
    });
    bool rolled_back = false;
    try {
        co_await db.transaction([&](store::transaction& tx) -> aio::coro<void> {
            co_await tx.put("users", 99, json{{"name", "Nobody"}});
            throw std::runtime_error("abort this one");
        });
    } catch (const std::runtime_error&) {
        rolled_back = true;
    }
    expect(rolled_back, "a rollback");
    auto top = co_await db.select("users", first(3));
    print("SELECT * FROM users LIMIT 3: " + keys(top));
    co_await db.close();

    co_await files::make_dirs("/docs");
    co_await files::with_open("/docs/notes.txt", "w", [&](files::file& f) -> aio::coro<void> {
        co_await f.write("first line\n");
        co_await f.write("second line\n");
    });
    co_await files::append_text("docs/notes.txt", "third\n");
    std::string text = co_await files::read_text("/docs/notes.txt");
    expect(text == "first line\nsecond line\nthird\n", "the notes text");
    bool missing = false;
    try {
        co_await files::read_text("/docs/missing.txt");
    } catch (const files::file_not_found&) {
        missing = true;
    }
    expect(missing, "file_not_found");
    print("wrote /docs/notes.txt");
}

aio::coro<void> check_phase() {
    auto db = co_await store::database::open("aio-browser-test");
    print("store backend " + std::string(db.backend()) + ", files backend " + std::string(files::backend_name()));
    auto all = co_await db.select("users");
    print("users after reload: " + keys(all));
    expect(keys(all) == "1.0,2.0,3.0,\"bob\"", "the four committed users and not the rolled back one");
    auto order = co_await db.get("orders", 1);
    expect(order && (*order)["total"] == 9.5, "the order");
    int seen = 0;
    co_await db.read([&](store::transaction& tx) -> aio::coro<void> {
        store::query q;
        q.range = store::key_range::between(2, "a");
        auto c = tx.open_cursor("users", q);
        while (auto r = co_await c.next()) ++seen;
    });
    expect(seen == 2, "a cursor over [2, \"a\"] to see 2 records");
    co_await db.close();

    auto entries = co_await files::list_dir("/docs");
    expect(entries.size() == 1 && entries[0].name == "notes.txt", "one file in /docs");
    int lines = 0;
    co_await files::with_open("/docs/notes.txt", "r", [&](files::file& f) -> aio::coro<void> {
        while (auto line = co_await f.next()) ++lines;
    });
    auto st = co_await files::stat("/docs/notes.txt");
    print("notes.txt after reload: " + std::to_string(lines) + " lines, " + std::to_string(st.size) + " bytes");
    expect(lines == 3 && st.size == 29, "3 lines, 29 bytes");
}

#ifdef __EMSCRIPTEN__
// Text that compresses badly (IndexedDB may compress values): `bytes` pseudo-random letters.
std::string noise(std::size_t bytes) {
    std::string out(bytes, 'a');
    std::uint32_t x = 12345;
    for (auto& c : out) {
        x = x * 1664525u + 1013904223u;
        c = static_cast<char>('a' + (x >> 24) % 26);
    }
    return out;
}

// The origin's quota is far below 8 MB: the commit fails with quota_error and is rolled back
// whole; smaller writes go on working.
aio::coro<void> quota_phase() {
    store::open_options options{.stores = {"blobs"}};
    auto db = co_await store::database::open("aio-quota-test", options);
    json small = "small";
    co_await db.put("blobs", "before", small);
    std::string what;
    try {
        co_await db.transaction([&](store::transaction& tx) -> aio::coro<void> {
            json marker = "marker";
            co_await tx.put("blobs", "marker", std::move(marker));
            json big = noise(8 << 20);
            co_await tx.put("blobs", "big", std::move(big));
        });
    } catch (const store::quota_error& e) {
        what = e.what();
    }
    expect(!what.empty(), "a quota_error for an 8 MB value");
    print("quota_error: " + what.substr(0, what.find(':', what.find(':') + 1)));
    auto big = co_await db.get("blobs", "big");
    auto marker = co_await db.get("blobs", "marker");
    expect(!big && !marker, "the failed transaction rolled back whole");
    co_await db.put("blobs", "after", small);
    auto n = co_await db.count("blobs");
    expect(n == 2, "2 records after the quota error");
    print("after the quota error: " + std::to_string(n) + " records, writes work");
    co_await db.close();
}

// The same 2 MB quota for the virtual folder: replacing a file by an 8 MB one fails (its
// IndexedDB transaction is refused) and leaves the old content whole, no temporary file behind.
aio::coro<void> files_quota_phase() {
    co_await files::make_dirs("/atomic");
    const std::string old_text = "the old content, whole\n";
    co_await files::write_text("/atomic/f.txt", old_text);
    std::string what, code;
    try {
        co_await files::write_text("/atomic/f.txt", noise(8 << 20));
    } catch (const files::io_error& e) {
        what = e.what();
        code = e.code();
    }
    expect(!what.empty(), "an io_error for an 8 MB file");
    print("write_text failed: " + what.substr(0, what.find(' ')) + " [" + code + "]");
    std::string now = co_await files::read_text("/atomic/f.txt");
    expect(now == old_text, "the old content, whole");
    auto entries = co_await files::list_dir("/atomic");
    expect(entries.size() == 1, "no temporary file left behind");
    print("after it: /atomic holds f.txt only, with the old content");
    co_await files::write_text("/atomic/f.txt", "new\n");
    now = co_await files::read_text("/atomic/f.txt");
    expect(now == "new\n", "a small write replacing it");
    print("a small write replaces it");
}

aio::coro<void> hold(const char* name) {
    co_await aio::js::await_promise(emscripten::val::global("aioHold")(std::string(name)));
}

// Another connection (the page's aioHold) keeps the database open at its version and ignores
// versionchange: an open that must upgrade, and a create_store, fail with blocked_error at once;
// once it lets go, both work.
aio::coro<void> blocked_phase() {
    const std::string name = "aio-blocked-test";
    co_await hold(name.c_str());  // creates version 1, without stores
    store::open_options options{.stores = {"a"}};
    std::string what;
    try {
        co_await store::database::open(name, options);
    } catch (const store::blocked_error& e) {
        what = e.what();
    }
    expect(!what.empty(), "blocked_error from an open that needs an upgrade");
    print("open: blocked_error: " + what.substr(what.find("blocked by")));
    emscripten::val::global("aioRelease")();
    auto db = co_await store::database::open(name, options);
    expect(db.store_names() == std::vector<std::string>{"a"}, "store a after the holder let go");
    json one = 1;
    co_await db.put("a", 1, one);
    print("open after release: stores a");

    co_await hold(name.c_str());
    what.clear();
    try {
        co_await db.create_store("b");
    } catch (const store::blocked_error& e) {
        what = e.what();
    }
    expect(!what.empty(), "blocked_error from create_store");
    print("create_store: blocked_error");
    bool lost = false;
    try {
        co_await db.get("a", 1);
    } catch (const store::io_error& e) {
        lost = std::string(e.what()).find("reopen the database") != std::string::npos;
    }
    expect(lost, "io_error 'reopen the database' on the handle that lost its connection");
    emscripten::val::global("aioRelease")();
    auto again = co_await store::database::open(name);
    co_await again.create_store("b");
    auto v = co_await again.get("a", 1);
    expect(v && *v == 1 && again.store_names().size() == 2, "stores a and b, and a's record, after reopening");
    print("reopened: stores a,b, record kept");
    co_await again.close();
}
#endif

aio::coro<int> main_async(std::string phase) {
    try {
        if (phase == "write") co_await write_phase();
        else if (phase == "check") co_await check_phase();
#ifdef __EMSCRIPTEN__
        else if (phase == "quota") co_await quota_phase();
        else if (phase == "files-quota") co_await files_quota_phase();
        else if (phase == "blocked") co_await blocked_phase();
#endif
        else throw std::runtime_error("unknown phase " + phase);
    } catch (const std::exception& e) {
        print(std::string("FAILED: ") + e.what());
        co_return 1;
    }
    print("phase " + phase + " ok");
    co_return 0;
}

}  // namespace

int main(int argc, char** argv) { return aio::run_main(main_async(argc > 1 ? argv[1] : "write")); }
