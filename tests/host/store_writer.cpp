// The writer and verifier of the store's kill trials (natively: tests/test_durability.cpp; in
// Node: tests/node/durability.test.mjs). Built natively and as wasm (build/*/host_store_writer).
//
//   host_store_writer write PATH          opens the store, prints "ready", then commits
//                                         transactions 1, 2, 3 ... (continuing after the last
//                                         one in the store) until killed; prints "committed T"
//                                         only after T's commit returned
//                                         after each commit T it also replaces the file PATH.file
//                                         with file_text(T) (aio::files::write_text) and prints
//                                         "file T" once that returned
//   host_store_writer verify PATH R [F]   after a kill: R is the last T the writer reported (0:
//                                         none). Checks the store holds exactly the state after
//                                         some transaction L with R <= L <= R + 1 (every reported
//                                         commit whole, nothing partial or uncommitted), then
//                                         commits L + 1 and checks again; F is the last "file T"
//                                         reported (0: none): PATH.file must hold file_text(G)
//                                         whole with F <= G <= L. Prints "verified L ... file G"
//
// Transaction T is deterministic: it deletes the records of T - 3, adds parts(T) records to
// "parts" (keys T*1000+j), one record to "txs" (key T) and sets "meta"/"last" to T. Some are
// large (up to ~256 KB), so kills land inside writes; compact_min_ops is low, so they also land
// inside compactions. The state after L is therefore known exactly: txs and parts of L-2..L.
#include "aio/aio.hpp"
#include "aio/files.hpp"
#include "aio/store.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace store = aio::store;
using store::json;

namespace {

constexpr long keep = 3;  // transactions whose records are live

std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
}
long parts_of(long t) { return 1 + static_cast<long>(mix(static_cast<std::uint64_t>(t)) % 12); }
json part_value(long t, long j) {
    std::uint64_t h = mix(static_cast<std::uint64_t>(t * 1000 + j));
    std::size_t pad = t % 7 == 0 ? 20000 + h % 20000 : h % 300;  // every 7th transaction is large
    return json{{"t", t}, {"j", j}, {"pad", std::string(pad, static_cast<char>('a' + h % 26))}};
}

store::open_options options() {
    store::open_options o{.stores = {"txs", "parts", "meta"}};
    o.compact_min_ops = 200;
    return o;
}

aio::coro<void> commit(const store::database& db, long t) {
    co_await db.transaction([t](store::transaction& tx) -> aio::coro<void> {
        long old = t - keep;
        if (old >= 1) {
            co_await tx.del("txs", old);
            for (long j = 0; j < parts_of(old); ++j) co_await tx.del("parts", old * 1000 + j);
        }
        for (long j = 0; j < parts_of(t); ++j) {
            json value = part_value(t, j);  // named: g++ 12 and temporaries inside co_await
            co_await tx.put("parts", t * 1000 + j, std::move(value));
        }
        json record = {{"parts", parts_of(t)}};
        co_await tx.put("txs", t, record);
        co_await tx.put("meta", "last", json(t));
    });
}

aio::coro<long> last_of(const store::database& db) {
    auto last = co_await db.get("meta", "last");
    co_return last ? last->get<long>() : 0;
}

// Throws unless the store holds exactly the state after transaction `last`.
aio::coro<void> expect_state(const store::database& db, long last) {
    auto fail = [&](const std::string& what) { throw std::runtime_error("state after " + std::to_string(last) + ": " + what); };
    long first = std::max(1L, last - keep + 1);
    auto txs = co_await db.select("txs");
    auto parts = co_await db.select("parts");
    std::size_t want_parts = 0;
    if (txs.size() != static_cast<std::size_t>(last >= 1 ? last - first + 1 : 0))
        fail(std::to_string(txs.size()) + " transaction records");
    for (std::size_t i = 0; i < txs.size(); ++i) {
        long t = first + static_cast<long>(i);
        if (txs[i].key != store::key(t) || txs[i].value != json{{"parts", parts_of(t)}})
            fail("transaction record " + txs[i].key.to_string() + " = " + txs[i].value.dump());
        want_parts += static_cast<std::size_t>(parts_of(t));
    }
    if (parts.size() != want_parts)
        fail(std::to_string(parts.size()) + " part records, want " + std::to_string(want_parts));
    std::size_t at = 0;
    for (long t = first; t <= last; ++t) {
        for (long j = 0; j < parts_of(t); ++j, ++at) {
            if (parts[at].key != store::key(t * 1000 + j) || parts[at].value != part_value(t, j))
                fail("part " + parts[at].key.to_string() + " is not part " + std::to_string(j) + " of " + std::to_string(t));
        }
    }
}

// The file's content after transaction t: its number first, then up to ~200 KB (so kills land
// inside the write), every byte determined by t.
std::string file_text(long t) {
    std::uint64_t h = mix(static_cast<std::uint64_t>(t) * 7919);
    std::string out = "T=" + std::to_string(t) + "\n";
    out += std::string(t % 5 == 0 ? 100000 + h % 100000 : h % 5000, static_cast<char>('a' + h % 26));
    return out;
}

// Throws unless PATH.file holds file_text(G) whole for some G in [from, to]; returns G (0: no file).
aio::coro<long> check_file(std::string path, long from, long to) {
    if (!co_await aio::files::exists(path)) {
        if (from > 0) throw std::runtime_error("the file is missing, but file " + std::to_string(from) + " was reported");
        co_return 0;
    }
    std::string text = co_await aio::files::read_text(path);
    long g = std::atol(text.c_str() + (text.rfind("T=", 0) == 0 ? 2 : 0));
    if (g < from || g > to) throw std::runtime_error("the file is at " + std::to_string(g) + ", want " + std::to_string(from) + ".." + std::to_string(to));
    if (text != file_text(g))
        throw std::runtime_error("the file is torn: " + std::to_string(text.size()) + " bytes, not file " + std::to_string(g));
    co_return g;
}

aio::coro<int> write(std::string path) {
    auto db = co_await store::database::open(path, options());
    long t = co_await last_of(db);
    std::printf("ready\n");
    std::fflush(stdout);
    for (;;) {
        co_await commit(db, ++t);
        std::printf("committed %ld\n", t);
        std::fflush(stdout);
        co_await aio::files::write_text(path + ".file", file_text(t));
        std::printf("file %ld\n", t);
        std::fflush(stdout);
    }
}

aio::coro<int> verify(std::string path, long reported, long file_reported) {
    auto db = co_await store::database::open(path, options());
    long last = co_await last_of(db);
    if (last < reported || last > reported + 1)
        throw std::runtime_error("the store is at transaction " + std::to_string(last) + " but the writer reported " +
                                 std::to_string(reported));
    co_await expect_state(db, last);
    long file = co_await check_file(path + ".file", file_reported, last);
    auto st = db.stats();
    co_await commit(db, last + 1);  // the store takes new writes
    co_await expect_state(db, last + 1);
    co_await db.close();
    auto again = co_await store::database::open(path, options());
    co_await expect_state(again, last + 1);
    co_await again.close();
    std::printf("verified %ld (replayed %llu records, discarded %llu bytes of torn tail), file %ld\n", last,
                static_cast<unsigned long long>(st.records_replayed), static_cast<unsigned long long>(st.bytes_discarded), file);
    co_return 0;
}

aio::coro<int> main_async(std::string mode, std::string path, long reported, long file_reported) {
    try {
        if (mode == "write") co_return co_await write(path);
        if (mode == "verify") co_return co_await verify(path, reported, file_reported);
        std::fprintf(stderr, "unknown mode %s\n", mode.c_str());
        co_return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "FAILED: %s\n", e.what());
        co_return 1;
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: host_store_writer write PATH | verify PATH LAST_REPORTED [LAST_FILE]\n");
        return 2;
    }
    return aio::run_main(main_async(argv[1], argv[2], argc > 3 ? std::atol(argv[3]) : 0, argc > 4 ? std::atol(argv[4]) : 0));
}
