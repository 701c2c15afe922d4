// The browser test's program (tests/browser/storage.test.mjs loads it into tests/browser/storage.html
// in Chromium): aio::store on real IndexedDB and aio::files on the IndexedDB virtual folder.
// Usage (Module.arguments): write | check. "write" stores data; "check", run after a reload (and
// after a browser restart), verifies it survived. Prints what it sees; the exit status is 0 if
// everything was as expected. Under Node the same program uses the log and real files.
#include "aio/aio.hpp"
#include "aio/files.hpp"
#include "aio/store.hpp"

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

aio::coro<int> main_async(std::string phase) {
    try {
        if (phase == "write") co_await write_phase();
        else if (phase == "check") co_await check_phase();
        else throw std::runtime_error("unknown phase " + phase);
    } catch (const std::exception& e) {
        print(std::string("FAILED: ") + e.what());
        co_return 1;
    }
    print("phase " + phase + " ok");
    co_return 0;
}

}  // namespace

int main(int argc, char** argv) { return aio::run(main_async(argc > 1 ? argv[1] : "write")); }
