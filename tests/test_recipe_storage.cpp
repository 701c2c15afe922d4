// Recipes' store and file steps: validation (names are data confined to the sandbox's folder,
// sizes within their limits) on every target, and real runs natively on a temporary folder
// (the wasm backends need the host's loop: tests/node/sandbox_storage.test.mjs, tests/browser/).
#include "support.hpp"

#include "recipe.hpp"
#include "session.hpp"
#include "session_support.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#ifndef __EMSCRIPTEN__
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#endif

using aio::sandbox::parse_recipe;
using aio::sandbox::recipe_error;

namespace {

std::string validation_error(const std::string& recipe, const std::string& dir = "/tmp/aio-sandbox-data",
                             aio::sandbox::limits bounds = {}) {
    try {
        parse_recipe(recipe, bounds, {}, {dir});
    } catch (const recipe_error& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("store and file steps: validated before anything runs", "[sandbox][storage]") {
    CHECK(validation_error(R"({"main": [{"store_put": "k", "value": {"a": [1, 2]}}, {"store_get": "k"}, {"store_delete": "k"},
                                        {"write_file": "notes.txt", "text": "hi\n", "append": true}, {"read_file": "notes.txt"}]})") ==
          "no error");
    CHECK(validation_error(R"({"main": [{"sleep": 1}, {"store_get": "k"}]})", "") ==
          "$.main[1].store_get: store and file steps need the sandbox's storage folder (option storage.dir; CLI --data DIR)");
    CHECK(validation_error(R"({"main": [{"read_file": "a.txt"}]})", "").find("$.main[0].read_file: store and file steps need") == 0);
    for (const char* bad : {"../escape.txt", "/etc/passwd", "sub/dir.txt", ".hidden", "..", "a\\\\b", "tab\\there", "caf\u00e9"}) {
        INFO(bad);
        CHECK_THAT(validation_error(std::string(R"({"main": [{"write_file": ")") + bad + R"(", "text": "x"}]})"),
                   Catch::StartsWith("$.main[0].write_file: must be a plain file name"));
    }
    for (const char* device : {"CON", "nul.txt", "Aux", "prn.tar.gz", "COM1", "lpt9.log", "com3.x"}) {
        INFO(device);
        CHECK_THAT(validation_error(std::string(R"({"main": [{"read_file": ")") + device + R"("}]})"),
                   Catch::StartsWith("$.main[0].read_file: '" + std::string(device) + "' is a reserved device name on Windows"));
    }
    for (const char* fine : {"CONS", "console.txt", "nul_", "COM0", "COM10", "LPT", "my-nul.txt", "a.con"}) {
        INFO(fine);
        CHECK(validation_error(std::string(R"({"main": [{"write_file": ")") + fine + R"(", "text": "x"}]})") == "no error");
    }
    CHECK(validation_error(R"({"main": [{"read_file": ""}]})") == "$.main[0].read_file: must not be empty");
    CHECK(validation_error(R"({"main": [{"read_file": ")" + std::string(65, 'a') + R"("}]})") ==
          "$.main[0].read_file: longer than 64 characters");
    CHECK(validation_error(R"({"main": [{"store_put": "k"}]})") == "$.main[0].value: missing: the value to store (any JSON)");
    CHECK(validation_error(R"({"main": [{"store_get": 7}]})") == "$.main[0].store_get: must be a string, not a number");
    CHECK(validation_error(R"({"main": [{"write_file": "a"}]})") == "$.main[0].text: missing: the text to write");
    CHECK(validation_error(R"({"main": [{"write_file": "a", "text": 1}]})") == "$.main[0].text: must be a string, not a number");
    CHECK(validation_error(R"({"main": [{"write_file": "a", "text": "", "append": 1}]})") == "$.main[0].append: must be true or false");
    CHECK(validation_error(R"({"main": [{"read_file": "a", "text": "x"}]})") == "$.main[0].text: not a field of 'read_file'");
    aio::sandbox::limits small;
    small.max_value_bytes = 8;
    CHECK(validation_error(R"({"main": [{"store_put": "k", "value": "123456789"}]})", "/d", small) ==
          "$.main[0].value: larger than 8 bytes (limit max_value_bytes)");
    CHECK(validation_error(R"({"main": [{"write_file": "a", "text": "123456789"}]})", "/d", small) ==
          "$.main[0].text: larger than 8 bytes (limit max_value_bytes)");
    CHECK(validation_error(R"({"main": [{"write_file": "a", "text": "12345678"}]})", "/d", small) == "no error");
}

#ifndef __EMSCRIPTEN__

namespace {

using aio_test::temp_dir;

struct run_result {
    std::vector<std::string> lines;
    std::string result;  // value | exception | cancelled
    std::string error;
};

// Runs one recipe to its end in a fresh session on `dir` (the store and files work on the
// to_thread pool; the loop waits for it, on either clock).
run_result run_on(const std::string& dir, const std::string& recipe, aio::sandbox::limits bounds = {},
                  aio::clock_kind clock = aio::clock_kind::real) {
    using aio::sandbox::session;
    using aio::sandbox::stream_kind;
    aio::sandbox::session_options options;
    options.attach_to_host = false;
    options.clock = clock;
    options.bounds = bounds;
    options.storage.dir = dir;
    run_result r;
    std::vector<std::string> table;
    session s(options);
    s.set_batch_handler([&](const std::vector<double>& records, const std::vector<std::string>& strings, std::size_t) {
        table.insert(table.end(), strings.begin(), strings.end());
        for (std::size_t i = 0; i < records.size(); i += session::record_size) {
            auto kind = static_cast<stream_kind>(records[i]);
            std::string text = records[i + 8] < 0 ? std::string() : table[static_cast<std::size_t>(records[i + 8])];
            if (kind == stream_kind::output) {
                r.lines.push_back(text.substr(text.find("] ") + 2));  // without the time stamp
            } else if (kind == stream_kind::run_done) {
                static const char* names[] = {"none", "value", "exception", "cancelled"};
                r.result = names[static_cast<int>(records[i + 6])];
                r.error = text;
            }
        }
    });
    s.spawn_recipe(recipe, true);
    aio_test::run_session_to_end(s);
    return r;
}

}  // namespace

TEST_CASE("store and file steps persist in the storage folder across sessions", "[sandbox][storage]") {
    temp_dir dir;
    auto first = run_on(dir.path, R"({"main": [
        {"store_put": "user:1", "value": {"name": "Ada", "langs": ["C++"]}},
        {"store_put": "gone", "value": 1},
        {"write_file": "notes.txt", "text": "first line\n"},
        {"write_file": "notes.txt", "text": "second line\n", "append": true}]})");
    CHECK(first.result == "value");
    CHECK(first.lines == std::vector<std::string>{R"(main: store_put user:1 <- {"langs":["C++"],"name":"Ada"})",
                                                  "main: store_put gone <- 1",
                                                  "main: write_file notes.txt (11 bytes written)",
                                                  "main: write_file notes.txt (12 bytes appended)"});
    // Real files under DIR/files/ and the store's log DIR/store.db.
    CHECK(::access((dir.path + "/files/notes.txt").c_str(), F_OK) == 0);
    CHECK(::access((dir.path + "/store.db").c_str(), F_OK) == 0);

    auto second = run_on(dir.path, R"({"main": [
        {"store_get": "user:1"}, {"store_delete": "gone"}, {"store_get": "gone"}, {"store_get": "never"},
        {"read_file": "notes.txt"}]})", {}, aio::clock_kind::virtual_time);  // the sandbox's default clock
    CHECK(second.result == "value");
    CHECK(second.lines == std::vector<std::string>{R"(main: store_get user:1 -> {"langs":["C++"],"name":"Ada"})",
                                                   "main: store_delete gone", "main: store_get gone -> (none)",
                                                   "main: store_get never -> (none)",
                                                   "main: read_file notes.txt -> 23 bytes, first line 'first line'"});
}

TEST_CASE("file steps need the folder's owner lock too: a folder held by another owner is refused", "[sandbox][storage]") {
    temp_dir dir;
    // Another owner (a second sandbox, another process) holds the store's lock, as the log backend (store_log_backend.cpp) takes it.
    int held = ::open((dir.path + "/store.db.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    REQUIRE(held >= 0);
    REQUIRE(::flock(held, LOCK_EX | LOCK_NB) == 0);
    for (const char* recipe : {R"({"main": [{"write_file": "a.txt", "text": "x"}]})", R"({"main": [{"read_file": "a.txt"}]})"}) {
        auto refused = run_on(dir.path, recipe);
        CHECK(refused.result == "exception");
        CHECK_THAT(refused.error, Catch::Contains("storage folder '" + dir.path + "' is in use by another sandbox"));
    }
    CHECK(::access((dir.path + "/files").c_str(), F_OK) != 0);  // nothing touched
    ::close(held);  // the owner goes away: the folder is free
    auto ok = run_on(dir.path, R"({"main": [{"write_file": "a.txt", "text": "x"}]})");
    CHECK(ok.result == "value");
    CHECK(::access((dir.path + "/files/a.txt").c_str(), F_OK) == 0);
}

TEST_CASE("a storage folder under /proc fails its first store or file step with the file error", "[sandbox][storage]") {
    for (const char* recipe : {R"({"main": [{"store_put": "k", "value": 1}]})", R"({"main": [{"write_file": "a.txt", "text": "x"}]})"}) {
        auto r = run_on("/proc/aio-sandbox-test/data", recipe);
        CHECK(r.result == "exception");
        CHECK_THAT(r.error, Catch::Contains("'/proc/aio-sandbox-test/data': No such file or directory [ENOENT]"));
    }
}

TEST_CASE("symbolic links in the storage folder are refused, not followed", "[sandbox][storage]") {
    temp_dir dir, outside;
    std::filesystem::create_directories(dir.path + "/files");
    { std::ofstream(outside.path + "/secret.txt") << "secret\n"; }
    std::filesystem::create_symlink(outside.path + "/secret.txt", dir.path + "/files/link.txt");
    for (const char* recipe : {R"({"main": [{"read_file": "link.txt"}]})", R"({"main": [{"write_file": "link.txt", "text": "x"}]})",
                               R"({"main": [{"write_file": "link.txt", "text": "x", "append": true}]})"}) {
        auto r = run_on(dir.path, recipe);
        CHECK(r.result == "exception");
        CHECK_THAT(r.error, Catch::Contains("files/link.txt': is a symbolic link (not followed here) [ELOOP]"));
    }
    std::ifstream in(outside.path + "/secret.txt");
    std::string kept((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(kept == "secret\n");
}

TEST_CASE("output shortens values and lines on character boundaries, invalid bytes as U+FFFD", "[sandbox][storage]") {
    temp_dir dir;
    std::string euros;
    for (int i = 0; i < 40; ++i) euros += "\u20ac";
    {
        std::filesystem::create_directories(dir.path + "/files");
        std::ofstream f(dir.path + "/files/raw.txt", std::ios::binary);
        f << "ok\xFFthen\n";
    }
    auto r = run_on(dir.path, R"({"main": [{"store_put": "k", "value": ")" + euros + R"("}, {"read_file": "raw.txt"}]})");
    CHECK(r.result == "value");
    // '"' and 26 euros are 79 bytes: the 27th would cross the 80-byte cut.
    std::string shown = "\"";
    for (int i = 0; i < 26; ++i) shown += "\u20ac";
    CHECK(r.lines == std::vector<std::string>{"main: store_put k <- " + shown + "...",
                                              "main: read_file raw.txt -> 8 bytes, first line 'ok\xEF\xBF\xBDthen'"});
}

TEST_CASE("a missing file fails its task with the files error, seen like any raise", "[sandbox][storage]") {
    temp_dir dir;
    auto failed = run_on(dir.path, R"({"main": [{"read_file": "missing.txt"}, {"print": "not reached"}]})");
    CHECK(failed.result == "exception");
    CHECK(failed.lines.empty());
    CHECK_THAT(failed.error, Catch::Contains("files/missing.txt': No such file or directory [ENOENT]"));
    auto gathered = run_on(dir.path, R"({"main": [{"gather": [{"name": "reader", "steps": [{"read_file": "missing.txt"}]},
                                                            {"name": "writer", "steps": [{"write_file": "ok.txt", "text": "x"}]}],
                                                 "return_exceptions": true}]})");
    CHECK(gathered.result == "value");
    REQUIRE(gathered.lines.size() == 2);
    CHECK(gathered.lines[0] == "writer: write_file ok.txt (1 bytes written)");
    CHECK_THAT(gathered.lines[1], Catch::StartsWith("main: gather: reader ") && Catch::Contains("No such file or directory") &&
                                      Catch::EndsWith(", writer ok"));
}

TEST_CASE("store and file writes stop at max_written_bytes", "[sandbox][storage][limits]") {
    temp_dir dir;
    aio::sandbox::limits bounds;
    bounds.max_written_bytes = 100;
    auto r = run_on(dir.path, R"({"main": [{"repeat": 1000, "steps": [{"write_file": "log.txt", "text": "0123456789", "append": true}]}]})",
                    bounds);
    CHECK(r.result == "exception");
    CHECK(r.error == "the recipe's store and file steps wrote more than 100 bytes (limit max_written_bytes)");
    CHECK(r.lines.size() == 10);  // ten appends of 10 bytes fit, the eleventh does not
    auto put = run_on(dir.path, R"({"main": [{"repeat": 1000, "steps": [{"store_put": "k", "value": "0123456789"}]}]})", bounds);
    CHECK(put.error == "the recipe's store and file steps wrote more than 100 bytes (limit max_written_bytes)");
    CHECK(put.lines.size() == 8);  // "0123456789" is 12 bytes of JSON
}

#endif
