// aio::store: the engine on the memory backend (every build, also the wasm suite's self-driven
// loop), and natively the on-disk log: persistence, torn-record recovery, compaction, and a child
// process killed with SIGKILL right after a commit. The Node harness (tests/node/store.test.mjs)
// runs the log backend in wasm; tests/browser/ runs the IndexedDB backend in Chromium.
#include "aio/faults.hpp"
#include "store_log_records.hpp"
#include "aio/store.hpp"
#include "support.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace store = aio::store;
using store::json;

namespace {

// g++ 12 mishandles braced temporaries inside a co_await expression (see aio/http.hpp): the tests
// build values and queries with these functions instead of {...} in the awaited call.
json user(const std::string& name) { return json{{"name", name}}; }
store::query q(store::key_range range = {}, std::size_t limit = 0, bool reverse = false) {
    store::query out;
    out.range = std::move(range);
    out.limit = limit;
    out.reverse = reverse;
    return out;
}

std::vector<std::string> keys_of(const std::vector<store::record>& rows) {
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r.key.to_string());
    return out;
}

// One attempt; false if it failed with an (injected) io_error.
aio::coro<bool> try_put(store::database db, int value) {
    try {
        co_await db.put("s", 4, value);
    } catch (const store::io_error&) {
        co_return false;
    }
    co_return true;
}

aio::coro<void> fill_users(store::database db) {
    co_await db.transaction([&](store::transaction& tx) -> aio::coro<void> {
        co_await tx.put("users", 3, user("Carol"));
        co_await tx.put("users", 1, user("Ada"));
        co_await tx.put("users", "bob", user("Bob"));
        co_await tx.put("users", 2.5, user("Half"));
        co_await tx.put("users", 10, user("Ten"));
        co_await tx.put("users", "alice", user("Alice"));
    });
}

}  // namespace

TEST_CASE("store: keys order numbers before strings, numbers by value, strings by bytes", "[store]") {
    CHECK(store::key(1) < store::key(2.5));
    CHECK(store::key(-1e300) < store::key(""));
    CHECK(store::key(1e300) < store::key("0"));
    CHECK(store::key("a") < store::key("b"));
    CHECK(store::key("Z") < store::key("a"));
    CHECK(store::key(3) == store::key(3.0));
    CHECK(store::key("é") > store::key("z"));  // code point order
    CHECK_THROWS_AS(store::key(std::nan("")), store::invalid_key);
    CHECK(store::key_range::between(1, "b").contains("a"));
    CHECK_FALSE(store::key_range::between(1, 5, true).contains(1));
    CHECK(store::key_range::between(5, 1).empty());
}

TEST_CASE("store: get / put / del, SELECT ... LIMIT, ranges, reverse, count", "[store]") {
    auto main = []() -> aio::coro<void> {
        auto db = store::database::memory({.stores = {"users"}});
        CHECK(db.backend() == "memory");
        co_await fill_users(db);

        auto ada = co_await db.get("users", 1);
        REQUIRE(ada);
        CHECK((*ada)["name"] == "Ada");
        auto none = co_await db.get("users", 99);
        CHECK_FALSE(none);

        // SELECT * FROM users LIMIT 3
        auto first3 = co_await db.select("users", q(store::key_range::all(), 3));
        CHECK(keys_of(first3) == std::vector<std::string>{"1.0", "2.5", "3.0"});
        auto all = co_await db.select("users");
        CHECK(keys_of(all) == std::vector<std::string>{"1.0", "2.5", "3.0", "10.0", "\"alice\"", "\"bob\""});
        auto rev = co_await db.select("users", q(store::key_range::all(), 2, true));
        CHECK(keys_of(rev) == std::vector<std::string>{"\"bob\"", "\"alice\""});
        auto mid = co_await db.select("users", q(store::key_range::between(2, "alice", false, true)));
        CHECK(keys_of(mid) == std::vector<std::string>{"2.5", "3.0", "10.0"});
        auto above = co_await db.select("users", q(store::key_range::above(3)));
        CHECK(keys_of(above) == std::vector<std::string>{"10.0", "\"alice\"", "\"bob\""});
        auto below = co_await db.select("users", q(store::key_range::below(3), 0, true));
        CHECK(keys_of(below) == std::vector<std::string>{"2.5", "1.0"});
        auto strings = co_await db.select("users", q(store::key_range::at_least("")));
        CHECK(strings.size() == 2);
        auto empty = co_await db.select("users", q(store::key_range::between(5, 1)));
        CHECK(empty.empty());
        std::size_t n = co_await db.count("users");
        CHECK(n == 6);
        std::size_t numbers = co_await db.count("users", store::key_range::below(""));
        CHECK(numbers == 4);

        co_await db.del("users", 1);
        co_await db.put("users", 3, user("Caroline"));
        auto three = co_await db.get("users", 3);
        CHECK((*three)["name"] == "Caroline");
        std::size_t left = co_await db.count("users");
        CHECK(left == 5);
        co_await db.clear("users");
        std::size_t cleared = co_await db.count("users");
        CHECK(cleared == 0);
    };
    aio_test::run(main());
}

TEST_CASE("store: a transaction that throws rolls back all of its writes", "[store]") {
    auto main = []() -> aio::coro<void> {
        auto db = store::database::memory({.stores = {"accounts"}});
        co_await db.put("accounts", "a", 100);
        co_await db.put("accounts", "b", 0);
        bool threw = false;
        try {
            co_await db.transaction([&](store::transaction& tx) -> aio::coro<void> {
                auto a = co_await tx.get("accounts", "a");
                co_await tx.put("accounts", "a", a->get<int>() - 30);
                co_await tx.put("accounts", "new", 1);
                co_await tx.del("accounts", "b");
                // Reads see the transaction's own writes.
                auto mine = co_await tx.get("accounts", "a");
                CHECK(mine->get<int>() == 70);
                auto gone = co_await tx.get("accounts", "b");
                CHECK_FALSE(gone);
                throw std::runtime_error("insufficient funds");
            });
        } catch (const std::runtime_error& e) {
            threw = std::string(e.what()) == "insufficient funds";
        }
        CHECK(threw);
        auto a = co_await db.get("accounts", "a");
        auto b = co_await db.get("accounts", "b");
        auto fresh = co_await db.get("accounts", "new");
        CHECK(a->get<int>() == 100);
        CHECK(b->get<int>() == 0);
        CHECK_FALSE(fresh);
        CHECK(db.stats().rollbacks == 1);

        // abort(): rolled back without an exception; the body's value is still returned.
        int r = co_await db.transaction([&](store::transaction& tx) -> aio::coro<int> {
            co_await tx.put("accounts", "a", 0);
            tx.abort();
            co_return 7;
        });
        CHECK(r == 7);
        auto still = co_await db.get("accounts", "a");
        CHECK(still->get<int>() == 100);

        // A committed transfer.
        co_await db.transaction([&](store::transaction& tx) -> aio::coro<void> {
            auto from = co_await tx.get("accounts", "a");
            auto to = co_await tx.get("accounts", "b");
            co_await tx.put("accounts", "a", from->get<int>() - 25);
            co_await tx.put("accounts", "b", to->get<int>() + 25);
        });
        auto a2 = co_await db.get("accounts", "a");
        auto b2 = co_await db.get("accounts", "b");
        CHECK(a2->get<int>() == 75);
        CHECK(b2->get<int>() == 25);
    };
    aio_test::run(main());
}

TEST_CASE("store: cancelling a transaction body rolls it back", "[store]") {
    auto main = []() -> aio::coro<void> {
        auto db = store::database::memory({.stores = {"s"}});
        auto t = aio::create_task(db.transaction([&](store::transaction& tx) -> aio::coro<void> {
            co_await tx.put("s", 1, "x");
            co_await aio::sleep(10);
        }));
        co_await aio::sleep(1);
        t.cancel();
        bool cancelled = false;
        try {
            co_await t;
        } catch (const aio::cancelled_error&) {
            cancelled = true;
        }
        CHECK(cancelled);
        std::size_t n = co_await db.count("s");
        CHECK(n == 0);
        // The writer lock was released: a new transaction runs.
        co_await db.put("s", 2, "y");
        std::size_t m = co_await db.count("s");
        CHECK(m == 1);
    };
    aio_test::run(main());
}

TEST_CASE("store: select inside a transaction merges buffered writes (limit, reverse)", "[store]") {
    auto main = []() -> aio::coro<void> {
        auto db = store::database::memory({.stores = {"n"}});
        co_await db.transaction([&](store::transaction& tx) -> aio::coro<void> {
            for (int i = 0; i < 10; ++i) co_await tx.put("n", i, i);
        });
        co_await db.transaction([&](store::transaction& tx) -> aio::coro<void> {
            co_await tx.del("n", 0);
            co_await tx.del("n", 1);
            co_await tx.put("n", 2.5, "new");
            co_await tx.put("n", 3, "changed");
            auto first = co_await tx.select("n", q(store::key_range::all(), 3));
            CHECK(keys_of(first) == std::vector<std::string>{"2.0", "2.5", "3.0"});
            CHECK(first[2].value == "changed");
            auto last = co_await tx.select("n", q(store::key_range::all(), 2, true));
            CHECK(keys_of(last) == std::vector<std::string>{"9.0", "8.0"});
            std::size_t n = co_await tx.count("n");
            CHECK(n == 9);
            co_await tx.clear("n");
            co_await tx.put("n", "only", 1);
            auto after_clear = co_await tx.select("n");
            CHECK(keys_of(after_clear) == std::vector<std::string>{"\"only\""});
            tx.abort();
        });
        std::size_t n = co_await db.count("n");
        CHECK(n == 10);
    };
    aio_test::run(main());
}

TEST_CASE("store: cursors iterate lazily in key order, across batches, with limit and reverse", "[store]") {
    auto main = []() -> aio::coro<void> {
        auto db = store::database::memory({.stores = {"big"}});
        co_await db.transaction([&](store::transaction& tx) -> aio::coro<void> {
            for (int i = 0; i < 200; ++i) co_await tx.put("big", i, i * i);
        });
        int seen = 0;
        bool ordered = true;
        co_await db.read([&](store::transaction& tx) -> aio::coro<void> {
            auto c = tx.open_cursor("big");
            while (auto rec = co_await c.next()) {
                ordered = ordered && rec->key.number() == seen && rec->value == seen * seen;
                ++seen;
            }
        });
        CHECK(seen == 200);
        CHECK(ordered);

        std::vector<double> got;
        co_await db.read([&](store::transaction& tx) -> aio::coro<void> {
            auto c = tx.open_cursor("big", {.range = store::key_range::below(150), .limit = 70, .reverse = true});
            co_await aio::async_for(c, [&](store::record r) -> aio::coro<void> {
                got.push_back(r.key.number());
                co_return;
            });
        });
        REQUIRE(got.size() == 70);
        CHECK(got.front() == 149);
        CHECK(got.back() == 80);

        // A cursor used after its transaction ended.
        store::cursor late;
        co_await db.read([&](store::transaction& tx) -> aio::coro<void> {
            late = tx.open_cursor("big");
            co_return;
        });
        CHECK_THROWS_AS(co_await late.next(), aio::invalid_state_error);
    };
    aio_test::run(main());
}

TEST_CASE("store: a reader never sees part of a transaction; the commit waits for it", "[store]") {
    auto main = []() -> aio::coro<void> {
        auto db = store::database::memory({.stores = {"acct"}});
        co_await db.put("acct", "a", 50);
        co_await db.put("acct", "z", 50);
        aio_test::journal log;
        auto reader = aio::create_task(db.read([&](store::transaction& tx) -> aio::coro<int> {
            auto a = co_await tx.get("acct", "a");
            log("reader read a");
            co_await aio::sleep(1);  // the transfer commits meanwhile
            auto z = co_await tx.get("acct", "z");
            log("reader read z");
            co_return a->get<int>() + z->get<int>();
        }));
        auto writer = aio::create_task(db.transaction([&](store::transaction& tx) -> aio::coro<void> {
            co_await aio::sleep(0.5);
            co_await tx.put("acct", "a", 0);
            co_await tx.put("acct", "z", 100);
            log("writer body done");
        }));
        co_await aio::sleep(0.75);
        // The writer's body is done, but its commit waits for the reader.
        auto a_now = writer.done();
        CHECK_FALSE(a_now);
        int total = co_await reader;
        co_await writer;
        log("writer committed");
        CHECK(total == 100);
        CHECK(log.lines == std::vector<std::string>{"reader read a", "writer body done", "reader read z", "writer committed"});
        auto a = co_await db.get("acct", "a");
        CHECK(a->get<int>() == 0);
    };
    aio_test::run(main());
}

TEST_CASE("store: errors: missing store, read-only, closed, tx used after its end", "[store]") {
    auto main = []() -> aio::coro<void> {
        auto db = store::database::memory({.stores = {"s"}});
        CHECK_THROWS_AS(co_await db.get("nope", 1), store::store_not_found);
        CHECK_THROWS_AS(co_await db.read([&](store::transaction& tx) -> aio::coro<void> {
            co_await tx.put("s", 1, 1);
        }), store::read_only_error);
        store::transaction* leaked = nullptr;
        co_await db.transaction([&](store::transaction& tx) -> aio::coro<void> {
            leaked = &tx;
            co_return;
        });
        co_await db.create_store("t");
        co_await db.create_store("t");  // exists: fine
        CHECK(db.store_names() == std::vector<std::string>{"s", "t"});
        co_await db.delete_store("t");
        CHECK_THROWS_AS(co_await db.delete_store("t"), store::store_not_found);
        co_await db.close();
        CHECK_THROWS_AS(co_await db.get("s", 1), aio::invalid_state_error);
        (void)leaked;
    };
    aio_test::run(main());
}

TEST_CASE("store: faults: exact latency on the virtual clock, failed commits roll back, hangs time out",
          "[store][faults]") {
    auto main = []() -> aio::coro<void> {
        auto db = store::database::memory({.stores = {"s"}});
        {
            aio::faults::scope slow(aio::faults::target::storage, {.latency = 0.25});
            double t0 = aio::time();
            co_await db.put("s", 1, "one");  // put + commit
            auto v = co_await db.get("s", 1);
            CHECK(aio::time() - t0 == Approx(0.75));
            CHECK(*v == "one");
            CHECK(aio::faults::stats(aio::faults::target::storage).delayed == 3);
        }
        {
            aio::faults::scope flaky(aio::faults::target::storage, {.error_rate = 1.0});
            bool failed = false;
            try {
                co_await db.put("s", 2, "two");
            } catch (const store::io_error& e) {
                failed = std::string(e.what()).find("injected fault (storage)") != std::string::npos;
            }
            CHECK(failed);
        }
        auto two = co_await db.get("s", 2);
        CHECK_FALSE(two);
        {
            aio::faults::scope hang(aio::faults::target::storage, {.hang_rate = 1.0});
            double t0 = aio::time();
            CHECK_THROWS_AS(co_await aio::wait_for(db.put("s", 3, "three"), 2.0), aio::timeout_error);
            CHECK(aio::time() - t0 == Approx(2.0));
        }
        auto three = co_await db.get("s", 3);
        CHECK_FALSE(three);
        // Retrying with a seeded error rate: the same seed gives the same attempts every time.
        std::vector<int> attempts;
        for (int run = 0; run < 2; ++run) {
            aio::faults::scope flaky(aio::faults::target::storage, {.error_rate = 0.5, .seed = 42});
            int tries = 1;
            while (!co_await try_put(db, run)) ++tries;
            attempts.push_back(tries);
        }
        CHECK(attempts[0] == attempts[1]);
    };
    aio_test::run(main());
}

#ifndef __EMSCRIPTEN__
// ----------------------------------------------------------------------------- on disk (native)

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace {

using aio_test::temp_dir;

std::uint64_t file_size(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
}

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_bytes(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

}  // namespace

TEST_CASE("store (disk): data persists across close and reopen", "[store][disk]") {
    temp_dir dir;
    std::string path = dir / "app.db";
    aio_test::run([](std::string p) -> aio::coro<void> {
        store::open_options options{.stores = {"users", "orders"}};  // g++ 12: no braced temporaries in co_await
        auto db = co_await store::database::open(p, options);
        CHECK(db.backend() == "log");
        co_await fill_users(db);
        json order = {{"user", 1}, {"items", {1, 2, 3}}};
        co_await db.put("orders", 1, order);
        co_await db.del("users", "bob");
        co_await db.close();
    }(path));
    aio_test::run([](std::string p) -> aio::coro<void> {
        auto db = co_await store::database::open(p);
        CHECK(db.store_names() == std::vector<std::string>{"orders", "users"});
        auto first3 = co_await db.select("users", q(store::key_range::all(), 3));
        CHECK(keys_of(first3) == std::vector<std::string>{"1.0", "2.5", "3.0"});
        auto bob = co_await db.get("users", "bob");
        CHECK_FALSE(bob);
        auto order = co_await db.get("orders", 1);
        CHECK((*order)["items"] == json({1, 2, 3}));
        CHECK(db.stats().records_replayed == 5);  // 2 creates, fill, put, del
        CHECK(db.stats().bytes_discarded == 0);
        co_await db.close();
    }(path));
}

TEST_CASE("store (disk): a torn last record is ignored and cut off; later commits are kept", "[store][disk]") {
    temp_dir dir;
    std::string path = dir / "torn.db";
    aio_test::run([](std::string p) -> aio::coro<void> {
        store::open_options options{.stores = {"s"}};
        auto db = co_await store::database::open(p, options);
        co_await db.put("s", "first", 1);
        co_await db.put("s", "second", 2);
        co_await db.close();
    }(path));
    std::uint64_t full = file_size(path);
    REQUIRE(full > 20);
    REQUIRE(::truncate(path.c_str(), static_cast<off_t>(full - 5)) == 0);  // mid-record, as a crash would
    aio_test::run([](std::string p) -> aio::coro<void> {
        auto db = co_await store::database::open(p);
        auto first = co_await db.get("s", "first");
        auto second = co_await db.get("s", "second");
        CHECK(first);
        CHECK_FALSE(second);
        CHECK(db.stats().bytes_discarded > 0);
        co_await db.put("s", "third", 3);
        co_await db.close();
    }(path));
    aio_test::run([](std::string p) -> aio::coro<void> {
        auto db = co_await store::database::open(p);
        auto third = co_await db.get("s", "third");
        CHECK(third);
        CHECK(db.stats().bytes_discarded == 0);
        co_await db.close();
    }(path));

    // A flipped byte in the last record's payload: a whole record that fails its checksum is
    // damage, not a torn tail: refused, the file left alone.
    std::string bytes = file_bytes(path);
    bytes[bytes.size() - 3] ^= 0x20;
    write_bytes(path, bytes);
    CHECK_THROWS_AS(aio_test::run(store::database::open(path)), store::damaged_error);
    CHECK(file_bytes(path) == bytes);

    // Not a store log at all.
    write_bytes(dir / "junk.db", "hello world, not a log");
    CHECK_THROWS_AS(aio_test::run(store::database::open(dir / "junk.db")), store::corrupt_error);
}

namespace {

using aio_test::log_record;
using aio_test::records_of;

aio::coro<std::vector<int>> keys_in(std::string path) {
    auto db = co_await store::database::open(path);
    std::vector<int> keys;
    for (const auto& r : co_await db.select("s")) {
        if (r.value.get<double>() != r.key.number() * 10) throw std::runtime_error("wrong value for " + r.key.to_string());
        keys.push_back(static_cast<int>(r.key.number()));
    }
    co_await db.close();
    co_return keys;
}

}  // namespace

TEST_CASE("store (disk): a flipped bit anywhere: refused at its record's offset, never cut; repair keeps every "
          "intact record", "[store][disk][damage]") {
    temp_dir dir;
    std::string path = dir / "flip.db";
    aio_test::run([](std::string p) -> aio::coro<void> {
        store::open_options options{.stores = {"s"}};
        auto db = co_await store::database::open(p, options);
        for (int k = 1; k <= 20; ++k) co_await db.put("s", k, k * 10);
        co_await db.compact();  // one snapshot record with keys 1..20
        for (int k = 21; k <= 30; ++k) co_await db.put("s", k, k * 10);
        co_await db.close();
    }(path));
    const std::string original = file_bytes(path);
    const auto records = records_of(original);
    REQUIRE(records.size() == 11);
    REQUIRE(records.back().end == original.size());
    int refused = 0, cut = 0;
    for (std::size_t at = 0; at < original.size(); ++at) {
        std::string bytes = original;
        bytes[at] = static_cast<char>(bytes[at] ^ (1 << (at % 8)));
        write_bytes(path, bytes);
        ::unlink((path + ".damaged").c_str());
        CAPTURE(at);
        std::size_t hit = records.size();  // the record holding the flipped bit
        for (std::size_t i = 0; i < records.size(); ++i)
            if (at >= records[i].start && at < records[i].end) hit = i;
        std::vector<int> intact;
        for (std::size_t i = 0; i < records.size(); ++i)
            if (i != hit) intact.insert(intact.end(), records[i].keys.begin(), records[i].keys.end());
        std::sort(intact.begin(), intact.end());
        try {
            auto keys = aio_test::run(keys_in(path));
            // Opened: only a torn-looking last record may have been cut.
            CHECK(hit == records.size() - 1);
            CHECK(keys == intact);
            ++cut;
            continue;
        } catch (const store::damaged_error& e) {
            REQUIRE(hit < records.size());
            CHECK(e.offset() == records[hit].start);
            CHECK_THAT(e.what(), Catch::Contains("damaged at byte " + std::to_string(records[hit].start)));
        } catch (const store::corrupt_error&) {
            CHECK(at < 8);  // the header
        }
        ++refused;
        CHECK(file_bytes(path) == bytes);  // refused: untouched
        store::repair_result fixed = aio_test::run(store::repair(path));
        CHECK(fixed.backup == path + ".damaged");
        CHECK(file_bytes(path + ".damaged") == bytes);
        CHECK(fixed.records_kept == records.size() - (hit < records.size() ? 1 : 0));
        CHECK(aio_test::run(keys_in(path)) == intact);
    }
    CHECK(refused > 0);
    CHECK(cut < 40);  // only flips in the last record's length can look torn
    std::printf("# [damage] %zu bit flips: %d refused with their offset and repaired, %d cut as a torn tail\n",
                original.size(), refused, cut);
}

TEST_CASE("store (disk): one owner per log: a second open here or in another process is refused", "[store][disk]") {
    temp_dir dir;
    std::string path = dir / "owned.db";
    // The other process, forked before any loop runs here: waits for "opened", tries to open.
    int go[2];
    REQUIRE(::pipe(go) == 0);
    std::fflush(nullptr);
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::close(go[1]);
        char c = 0;
        if (::read(go[0], &c, 1) != 1) ::_exit(3);
        int code = 1;
        try {
            aio::thread_pool_executor pool(1);  // the parent's pool threads do not exist here
            aio::event_loop loop;
            code = loop.run([](std::string q, aio::executor* ex) -> aio::coro<int> {
                store::open_options o{.executor = ex};
                try {
                    co_await store::database::open(q, o);
                } catch (const store::locked_error&) {
                    co_return 0;
                }
                co_return 1;
            }(path, &pool));
        } catch (...) {
            code = 2;
        }
        ::_exit(code);
    }
    ::close(go[0]);
    int status = aio_test::run([](std::string p, int fd, pid_t child) -> aio::coro<int> {
        store::open_options options{.stores = {"s"}};
        auto db = co_await store::database::open(p, options);
        co_await db.put("s", 1, 10);
        std::string refused;
        try {
            co_await store::database::open(p, options);
        } catch (const store::locked_error& e) {
            refused = e.what();
        }
        CHECK_THAT(refused, Catch::Contains("store '" + p + "' is in use"));
        char c = 'o';
        REQUIRE(::write(fd, &c, 1) == 1);
        auto wait_child = [child] {
            int st = 0;
            ::waitpid(child, &st, 0);
            return st;
        };
        int st = co_await aio::to_thread(std::move(wait_child));
        co_await db.close();
        auto again = co_await store::database::open(p, options);  // closed: free again
        auto one = co_await again.get("s", 1);
        CHECK((one && *one == 10));
        co_await again.close();
        co_return st;
    }(path, go[1], pid));
    ::close(go[1]);
    CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
}

TEST_CASE("store (disk): a symbolic link as the log is refused, not followed", "[store][disk]") {
    temp_dir dir;
    std::string outside = dir / "outside.txt";
    write_bytes(outside, "not yours");
    REQUIRE(::symlink(outside.c_str(), (dir / "link.db").c_str()) == 0);
    REQUIRE(::symlink((dir / "nowhere.db").c_str(), (dir / "dangling.db").c_str()) == 0);
    CHECK_THROWS_WITH(aio_test::run(store::database::open(dir / "link.db")), Catch::Contains("is a symbolic link"));
    CHECK_THROWS_WITH(aio_test::run(store::database::open(dir / "dangling.db")), Catch::Contains("is a symbolic link"));
    CHECK(file_bytes(outside) == "not yours");
    struct stat st {};
    CHECK(::stat((dir / "nowhere.db").c_str(), &st) != 0);  // not created through the link
}

TEST_CASE("store (disk): compaction rewrites the log as a snapshot, atomically", "[store][disk]") {
    temp_dir dir;
    std::string path = dir / "compact.db";
    aio_test::run([](std::string p) -> aio::coro<void> {
        store::open_options options{.stores = {"s"}, .compact_min_ops = 1000000};
        auto db = co_await store::database::open(p, options);
        for (int round = 0; round < 20; ++round) {
            co_await db.transaction([&](store::transaction& tx) -> aio::coro<void> {
                for (int i = 0; i < 20; ++i) co_await tx.put("s", i, round);
            });
        }
        std::uint64_t before = db.stats().log_bytes;
        co_await db.compact();
        CHECK(db.stats().log_bytes < before / 5);
        CHECK(db.stats().compactions == 1);
        co_await db.put("s", "after", true);
        co_await db.close();
    }(path));
    aio_test::run([](std::string p) -> aio::coro<void> {
        auto db = co_await store::database::open(p);
        std::size_t n = co_await db.count("s");
        CHECK(n == 21);
        auto v = co_await db.get("s", 7);
        CHECK(*v == 19);
        CHECK(db.stats().records_replayed == 2);  // the snapshot and one commit
        co_await db.close();
    }(path));
    // Automatic compaction with small thresholds.
    aio_test::run([](std::string p) -> aio::coro<void> {
        store::open_options options{.compact_min_ops = 50, .compact_ratio = 2.0};
        auto db = co_await store::database::open(p, options);
        for (int i = 0; i < 100; ++i) co_await db.put("s", 1, i);
        CHECK(db.stats().compactions >= 1);
        co_await db.close();
        auto again = co_await store::database::open(p);
        auto v = co_await again.get("s", 1);
        CHECK(*v == 99);
        co_await again.close();
    }(path));
}

TEST_CASE("store (disk): errors from the file system are store::io_error with the OS message", "[store][disk]") {
    CHECK_THROWS_WITH(aio_test::run(store::database::open("/nonexistent-dir/x.db")),
                      Catch::Contains("No such file or directory [ENOENT]"));
}

// The child: commits, tells the parent, then sits in an uncommitted transaction until killed.
[[noreturn]] static void kill_child(const std::string& path, int ready_fd, int trial) {
    aio::thread_pool_executor pool(1);  // the parent's default pool threads do not exist here
    try {
        aio::event_loop loop;
        loop.run([](std::string p, int fd, int n, aio::executor* ex) -> aio::coro<void> {
            store::open_options options{.stores = {"s"}, .executor = ex};
            auto db = co_await store::database::open(p, options);
            co_await db.transaction([&](store::transaction& tx) -> aio::coro<void> {
                co_await tx.put("s", "committed-" + std::to_string(n), n);
                for (int i = 0; i < 50; ++i) co_await tx.put("s", n * 1000 + i, std::string(100, 'x'));
            });
            char c = 'c';
            if (::write(fd, &c, 1) != 1) ::_exit(3);  // the commit resolved: kill me now
            co_await db.transaction([&](store::transaction& tx) -> aio::coro<void> {
                co_await tx.put("s", "uncommitted-" + std::to_string(n), n);
                co_await aio::sleep(60);
            });
        }(path, ready_fd, trial, &pool));
    } catch (...) {
        ::_exit(2);
    }
    ::_exit(1);
}

TEST_CASE("store (disk): a commit survives SIGKILL right after it resolved; an open transaction does not",
          "[store][disk][kill]") {
    temp_dir dir;
    std::string path = dir / "kill.db";
    for (int trial = 1; trial <= 3; ++trial) {
        int fds[2];
        REQUIRE(::pipe(fds) == 0);
        std::fflush(nullptr);
        pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            ::close(fds[0]);
            kill_child(path, fds[1], trial);
        }
        ::close(fds[1]);
        char c = 0;
        ssize_t got = ::read(fds[0], &c, 1);
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);
        ::close(fds[0]);
        REQUIRE(got == 1);
        CHECK(WIFSIGNALED(status));
        aio_test::run([](std::string p, int n) -> aio::coro<void> {
            auto db = co_await store::database::open(p);
            for (int t = 1; t <= n; ++t) {
                auto committed = co_await db.get("s", "committed-" + std::to_string(t));
                auto uncommitted = co_await db.get("s", "uncommitted-" + std::to_string(t));
                CHECK(committed);
                CHECK_FALSE(uncommitted);
            }
            std::size_t rows = co_await db.count("s", store::key_range::below(""));
            CHECK(rows == static_cast<std::size_t>(50 * n));
            co_await db.close();
        }(path, trial));
    }
}
#endif
