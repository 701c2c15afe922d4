// The examples that do real host I/O (http, files, database), natively: http against
// tools/demo_server.mjs started here (`node tools/demo_server.mjs --port 0`, skipped with a
// warning if node is missing), files and database in fresh temp dirs. Exact output on the virtual
// clock (host I/O does not advance it: the loop waits for the host, so the stamps are the
// retries' sleeps), once more on the real clock. The wasm Catch2 build drives its own loop and
// cannot serve host I/O: the wasm programs are checked by tests/node/examples_io.test.mjs.
#ifndef __EMSCRIPTEN__

#include "demo_server.hpp"
#include "support.hpp"

#include "lib/example.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string>

extern char** environ;

namespace {

using lines = std::vector<std::string>;
using params = std::map<std::string, std::string>;
namespace fs = std::filesystem;

lines run_example(const std::string& id, aio::loop_options options, params overrides) {
    const auto* info = aio_examples::find(id);
    REQUIRE(info != nullptr);
    lines out;
    int status = aio_examples::run(*info, {std::move(overrides), options, [&](std::string_view l) { out.emplace_back(l); }});
    INFO([&] {
        std::string all;
        for (const auto& l : out) all += l + "\n";
        return all;
    }());
    CHECK(status == 0);
    return out;
}

lines without_stamps(lines in) {
    const std::regex stamp(R"(\[t=[0-9.]+s\] )");
    for (auto& l : in) l = std::regex_replace(l, stamp, "");
    return in;
}

lines sorted(lines in) {
    std::sort(in.begin(), in.end());
    return in;
}

lines slice(const lines& in, std::size_t from, std::size_t to) {
    return lines(in.begin() + static_cast<std::ptrdiff_t>(std::min(from, in.size())),
                 in.begin() + static_cast<std::ptrdiff_t>(std::min(to, in.size())));
}


using aio_test::demo_server_or_skip;

// A fresh directory under the system temp dir, removed at the end of the test.
struct temp_dir {
    fs::path path;
    temp_dir() {
        std::string pattern = (fs::temp_directory_path() / "aio-examples-io-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~temp_dir() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
    std::string operator/(const char* name) const { return (path / name).string(); }
};

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

const aio::loop_options virtual_clock{.clock = aio::clock_kind::virtual_time};

// /json's body length, as the demo server sends it.
const std::string json_length = "126";

}  // namespace

TEST_CASE("example http: concurrent fetches, retries 1 s apart, an invalid URL as an error entry", "[examples][http]") {
    auto base = demo_server_or_skip();
    if (!base) return;
    auto out = run_example("http", virtual_clock, {{"base_url", *base}, {"slow_ms", "100"}});
    CHECK(out == lines{
                     "[t=0.00s] GET /flaky?fail=2 failed (try 1 of 3): HTTP 503; retrying in 1 s",
                     "[t=1.00s] GET /flaky?fail=2 failed (try 2 of 3): HTTP 503; retrying in 1 s",
                     "[t=2.00s] /json | status: 200 | length: " + json_length,
                     "[t=2.00s] /delay?ms=100 | status: 200 | length: 14",
                     "[t=2.00s] /flaky?fail=2 | status: 200 | length: 11",
                     "[t=2.00s] invalid.url: error: invalid URL 'invalid.url': expected an absolute http:// or "
                     "https:// URL",
                 });
    // Two tries fewer: the flaky URL runs out of tries and becomes an error entry too.
    auto once = run_example("http", virtual_clock, {{"base_url", *base}, {"slow_ms", "0"}, {"tries", "1"}});
    REQUIRE(once.size() == 4);
    CHECK(once[2] == "[t=0.00s] /flaky?fail=2: error: HTTP 503 (after 1 tries)");
}

TEST_CASE("example http on the real clock: a timeout per try, retried, then an error entry", "[examples][http][real]") {
    auto base = demo_server_or_skip();
    if (!base) return;
    // /delay answers after 1 s but each try may take 0.2 s: three timeouts.
    auto out = without_stamps(run_example(
        "http", {.clock = aio::clock_kind::real},
        {{"base_url", *base}, {"slow_ms", "1000"}, {"timeout", "0.2"}, {"pause", "0.1"}}));
    REQUIRE(out.size() == 8);
    // The retry messages of the two URLs interleave as the wall clock has it; each URL's in order.
    CHECK(sorted(slice(out, 0, 4)) == lines{
                                          "GET /delay?ms=1000 failed (try 1 of 3): no response within 0.2 s; retrying in 0.1 s",
                                          "GET /delay?ms=1000 failed (try 2 of 3): no response within 0.2 s; retrying in 0.1 s",
                                          "GET /flaky?fail=2 failed (try 1 of 3): HTTP 503; retrying in 0.1 s",
                                          "GET /flaky?fail=2 failed (try 2 of 3): HTTP 503; retrying in 0.1 s",
                                      });
    // The results in argument order (gather), whatever order they finished in.
    CHECK(slice(out, 4, 8) == lines{
                                  "/json | status: 200 | length: " + json_length,
                                  "/delay?ms=1000: error: no response within 0.2 s (after 3 tries)",
                                  "/flaky?fail=2 | status: 200 | length: 11",
                                  "invalid.url: error: invalid URL 'invalid.url': expected an absolute http:// or https:// URL",
                              });
}

TEST_CASE("example files: three files written and read back concurrently", "[examples][files]") {
    temp_dir dir;
    for (auto clock : {aio::clock_kind::virtual_time, aio::clock_kind::real}) {
        // Host I/O takes real time: the stamps are left out.
        auto out = without_stamps(run_example("files", {.clock = clock}, {{"dir", (dir / "sub")}}));
        REQUIRE(out.size() == 6);
        // The writes finish in whatever order the host completes them; the reads print in
        // argument order (gather).
        CHECK(sorted(slice(out, 0, 3)) == lines{"written: file1.txt", "written: file2.txt", "written: file3.txt"});
        CHECK(slice(out, 3, 6) == lines{
                                      "file1.txt content: 异步文件1",
                                      "file2.txt content: 异步文件2",
                                      "file3.txt content: 异步文件3",
                                  });
        CHECK(read_file(dir / "sub/file2.txt") == "异步文件2");
    }
}

TEST_CASE("example database: a users store, rows inserted in a transaction, SELECT ... LIMIT 3", "[examples][store]") {
    temp_dir dir;
    const lines want{
        "[t=0.00s] inserted 5 users in one transaction",
        "[t=0.00s] transaction failed (duplicate email), rolled back",
        "[t=0.00s] users in the store: 5",
        R"([t=0.00s] query results: [{"email":"user1@example.com","id":1,"name":"Alice"},)"
        R"({"email":"user2@example.com","id":2,"name":"Bob"},{"email":"user3@example.com","id":3,"name":"Carol"}])",
    };
    CHECK(run_example("database", virtual_clock, {{"path", dir / "users.db"}}) == want);
    CHECK(fs::file_size(dir / "users.db") > 0);
    // Again, on the real clock, on the same (now existing) database: the same rows, no duplicates.
    CHECK(without_stamps(run_example("database", {.clock = aio::clock_kind::real}, {{"path", dir / "users.db"}})) ==
          without_stamps(want));
}

#endif  // __EMSCRIPTEN__
