// aio::store on the wasm build under Node: the on-disk log through fs.promises, driven by the
// host's event loop. Usage: node host_store.js CASE DIR [N]   (tests/node/store.test.mjs)
// Prints what the case checks; the last line is "case passed" (exit 0), or exit 1 with
// "case failed: ..." on stderr.
#include "aio/aio.hpp"
#include "aio/faults.hpp"
#include "aio/files.hpp"
#include "aio/store.hpp"

#include "../store_log_records.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace store = aio::store;
using store::json;

namespace {

void print(const std::string& line) {
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
}

void expect(bool ok, const std::string& what) {
    if (!ok) throw std::runtime_error("expected " + what);
}

std::string keys(const std::vector<store::record>& rows) {
    std::string out;
    for (const auto& r : rows) out += (out.empty() ? "" : ",") + r.key.to_string();
    return out;
}

store::query q(store::key_range range, std::size_t limit = 0, bool reverse = false) {
    store::query out;
    out.range = std::move(range);
    out.limit = limit;
    out.reverse = reverse;
    return out;
}

json user(const std::string& name) { return json{{"name", name}}; }

aio::coro<void> basics(std::string dir) {
    std::string path = dir + "/app.db";
    store::open_options options{.stores = {"users"}};
    auto db = co_await store::database::open(path, options);
    print("backend " + std::string(db.backend()) + ", files " + std::string(aio::files::backend_name()));
    co_await db.transaction([&](store::transaction& tx) -> aio::coro<void> {
        co_await tx.put("users", 3, user("Carol"));
        co_await tx.put("users", 1, user("Ada"));
        co_await tx.put("users", "bob", user("Bob"));
        co_await tx.put("users", 2, user("Grace"));
    });
    auto first3 = co_await db.select("users", q(store::key_range::all(), 3));
    print("SELECT * FROM users LIMIT 3: " + keys(first3));
    bool rolled_back = false;
    try {
        co_await db.transaction([&](store::transaction& tx) -> aio::coro<void> {
            co_await tx.put("users", 4, user("Dan"));
            co_await tx.del("users", 1);
            throw std::runtime_error("boom");
        });
    } catch (const std::runtime_error&) {
        rolled_back = true;
    }
    std::size_t n = co_await db.count("users");
    auto ada = co_await db.get("users", 1);
    expect(rolled_back && n == 4 && ada.has_value(), "the failed transaction to roll back");
    print("rollback: count " + std::to_string(n) + ", Ada still there");
    int seen = 0;
    co_await db.read([&](store::transaction& tx) -> aio::coro<void> {
        auto c = tx.open_cursor("users", q(store::key_range::all(), 0, true));
        while (auto r = co_await c.next()) ++seen;
    });
    print("cursor saw " + std::to_string(seen));
    co_await db.close();
    auto again = co_await store::database::open(path);
    auto all = co_await again.select("users", q(store::key_range::all()));
    print("after reopen: " + keys(all));
    co_await again.compact();
    auto st = co_await aio::files::stat(path);
    print("compacted, log " + std::to_string(st.size) + " bytes, stats " + std::to_string(again.stats().compactions));
    co_await again.close();
}

aio::coro<void> write_two(std::string dir) {
    store::open_options options{.stores = {"s"}};
    auto db = co_await store::database::open(dir + "/torn.db", options);
    co_await db.put("s", "first", 1);
    co_await db.put("s", "second", 2);
    co_await db.close();
    print("wrote two");
}

aio::coro<void> check_torn(std::string dir) {
    auto db = co_await store::database::open(dir + "/torn.db");
    auto first = co_await db.get("s", "first");
    auto second = co_await db.get("s", "second");
    expect(first.has_value() && !second.has_value(), "first kept, torn second dropped");
    print("torn tail dropped: " + std::to_string(db.stats().bytes_discarded) + " bytes");
    co_await db.put("s", "third", 3);
    co_await db.close();
    auto again = co_await store::database::open(dir + "/torn.db");
    auto third = co_await again.get("s", "third");
    expect(third.has_value() && again.stats().bytes_discarded == 0, "the commit after recovery to stay");
    print("commit after recovery kept");
    co_await again.close();
}

// Commits, says so, then waits inside an uncommitted transaction until the harness kills it.
aio::coro<void> kill_child(std::string dir, int n) {
    store::open_options options{.stores = {"s"}};
    auto db = co_await store::database::open(dir + "/kill.db", options);
    co_await db.transaction([&](store::transaction& tx) -> aio::coro<void> {
        co_await tx.put("s", "committed-" + std::to_string(n), n);
        for (int i = 0; i < 50; ++i) co_await tx.put("s", n * 1000 + i, std::string(100, 'x'));
    });
    print("committed " + std::to_string(n));
    co_await db.transaction([&](store::transaction& tx) -> aio::coro<void> {
        co_await tx.put("s", "uncommitted-" + std::to_string(n), n);
        co_await aio::sleep(60);
    });
}

aio::coro<void> kill_check(std::string dir, int n) {
    auto db = co_await store::database::open(dir + "/kill.db");
    for (int t = 1; t <= n; ++t) {
        auto committed = co_await db.get("s", "committed-" + std::to_string(t));
        auto uncommitted = co_await db.get("s", "uncommitted-" + std::to_string(t));
        expect(committed.has_value(), "committed-" + std::to_string(t) + " present");
        expect(!uncommitted.has_value(), "uncommitted-" + std::to_string(t) + " absent");
    }
    std::size_t rows = co_await db.count("s", store::key_range::below(""));
    expect(rows == static_cast<std::size_t>(50 * n), std::to_string(50 * n) + " rows");
    print("after " + std::to_string(n) + " kill(s): all commits present, no uncommitted writes");
    co_await db.close();
}

aio::coro<void> faults(std::string dir) {
    store::open_options options{.stores = {"s"}};
    auto db = co_await store::database::open(dir + "/faults.db", options);
    {
        aio::faults::scope slow(aio::faults::target::storage, {.latency = 0.1});
        double t0 = aio::time();
        co_await db.put("s", 1, "one");
        print(aio::time() - t0 >= 0.2 ? "latency applied" : "latency missing");
    }
    {
        aio::faults::scope broken(aio::faults::target::storage, {.error_rate = 1.0});
        bool failed = false;
        try {
            co_await db.put("s", 2, "two");
        } catch (const store::io_error&) {
            failed = true;
        }
        expect(failed, "an injected commit failure");
    }
    {
        aio::faults::scope hang(aio::faults::target::storage, {.hang_rate = 1.0});
        bool timed_out = false;
        try {
            co_await aio::wait_for(db.put("s", 3, "three"), 0.2);
        } catch (const aio::timeout_error&) {
            timed_out = true;
        }
        expect(timed_out, "a hanging commit to time out");
    }
    std::size_t n = co_await db.count("s");
    expect(n == 1, "only the first write");
    print("error and hang rolled back");
    co_await db.close();
}

// A flipped bit at every 3rd offset of a log (a snapshot and ten commits): open either refuses
// with the damaged record's offset and leaves the file alone, or (a torn-looking last record
// only) cuts that record; repair then keeps every other record.
aio::coro<std::vector<int>> keys_in(std::string path) {
    auto db = co_await store::database::open(path);
    std::vector<int> keys;
    for (const auto& r : co_await db.select("s")) keys.push_back(static_cast<int>(r.key.number()));
    co_await db.close();
    co_return keys;
}

aio::coro<void> damage(std::string dir) {
    std::string path = dir + "/flip.db";
    {
        store::open_options options{.stores = {"s"}};
        auto db = co_await store::database::open(path, options);
        for (int k = 1; k <= 20; ++k) co_await db.put("s", k, k * 10);
        co_await db.compact();
        for (int k = 21; k <= 30; ++k) co_await db.put("s", k, k * 10);
        co_await db.close();
    }
    const std::string original = co_await aio::files::read_text(path);
    const std::vector<aio_test::log_record> records = aio_test::records_of(original);
    expect(records.size() == 11, "11 records");
    int refused = 0, cut = 0;
    for (std::size_t at = 0; at < original.size(); at += 3) {
        std::string bytes = original;
        bytes[at] = static_cast<char>(bytes[at] ^ (1 << (at % 8)));
        co_await aio::files::write_text(path, bytes);
        std::string where = "flip at " + std::to_string(at) + ": ";
        std::size_t hit = records.size();
        for (std::size_t i = 0; i < records.size(); ++i)
            if (at >= records[i].start && at < records[i].end) hit = i;
        std::vector<int> intact;
        for (std::size_t i = 0; i < records.size(); ++i)
            if (i != hit) intact.insert(intact.end(), records[i].keys.begin(), records[i].keys.end());
        std::sort(intact.begin(), intact.end());
        bool opened = false;
        try {
            auto keys = co_await keys_in(path);
            expect(hit == records.size() - 1 && keys == intact, where + "only the last record cut");
            opened = true;
        } catch (const store::damaged_error& e) {
            expect(hit < records.size() && e.offset() == records[hit].start, where + "the damaged record's offset");
        } catch (const store::corrupt_error&) {
            expect(at < 8, where + "a bad header only there");
        }
        if (opened) {
            ++cut;
            continue;
        }
        ++refused;
        expect(co_await aio::files::read_text(path) == bytes, where + "the file untouched");
        auto fixed = co_await store::repair(path);
        expect(fixed.backup == path + ".damaged", where + "a backup");
        expect(co_await keys_in(path) == intact, where + "every intact record after repair");
    }
    print("flips " + std::to_string(refused + cut) + ": refused " + std::to_string(refused) + " at the offset, cut " +
          std::to_string(cut) + " torn-looking last records, repair kept every intact record");
}

// Holds the store open until killed.
aio::coro<void> hold(std::string dir) {
    store::open_options options{.stores = {"s"}};
    auto db = co_await store::database::open(dir + "/owned.db", options);
    co_await db.put("s", 1, 10);
    bool refused = false;
    try {
        co_await store::database::open(dir + "/owned.db");
    } catch (const store::locked_error&) {
        refused = true;
    }
    expect(refused, "a second open in this process refused");
    print("holding");
    co_await aio::sleep(3600);
}

aio::coro<void> try_open(std::string dir) {
    try {
        auto db = co_await store::database::open(dir + "/owned.db");
        std::size_t n = co_await db.count("s");
        print("opened, " + std::to_string(n) + " record(s)");
        co_await db.close();
    } catch (const store::locked_error& e) {
        print(std::string("locked: ") + e.what());
    }
}

aio::coro<void> link(std::string dir) {
    try {
        co_await store::database::open(dir + "/link.db");
        print("opened through the link");
    } catch (const store::error& e) {
        print(e.what());
    }
}

aio::coro<int> run_case(std::string name, std::string dir, int n) {
    try {
        if (name == "basics") co_await basics(dir);
        else if (name == "write-two") co_await write_two(dir);
        else if (name == "check-torn") co_await check_torn(dir);
        else if (name == "kill-child") co_await kill_child(dir, n);
        else if (name == "kill-check") co_await kill_check(dir, n);
        else if (name == "faults") co_await faults(dir);
        else if (name == "damage") co_await damage(dir);
        else if (name == "hold") co_await hold(dir);
        else if (name == "try-open") co_await try_open(dir);
        else if (name == "link") co_await link(dir);
        else {
            std::fprintf(stderr, "unknown case %s\n", name.c_str());
            co_return 2;
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "case failed: %s\n", e.what());
        co_return 1;
    }
    print("case passed");
    co_return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: host_store CASE DIR [N]\n");
        return 2;
    }
    return aio::run_main(run_case(argv[1], argv[2], argc > 3 ? std::atoi(argv[3]) : 0));
}
