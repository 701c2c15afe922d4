// aio::files natively (POSIX on the to_thread pool). The wasm backends need the host's event
// loop (Node's fs.promises, IndexedDB), which the wasm Catch2 suite's self-driven loop cannot
// serve: they run in tests/node/files.test.mjs (tests/host/files.cpp) and tests/browser/.
#ifndef __EMSCRIPTEN__

#include "aio/faults.hpp"
#include "aio/files.hpp"
#include "support.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <set>
#include <string>
#include <vector>

namespace files = aio::files;

using aio_test::temp_dir;

TEST_CASE("files: write, append, read, lines, async with", "[files]") {
    temp_dir dir;
    auto main = [](std::string d) -> aio::coro<void> {
        std::string p = d + "/notes.txt";
        CHECK(files::backend_name() == "native");
        co_await files::with_open(p, "w", [&](files::file& f) -> aio::coro<void> {
            co_await f.write("first line\n");
            co_await f.write("second line\n");
            CHECK(f.tell() == 23);
        });
        co_await files::append_text(p, "third, no newline");
        std::string all = co_await files::read_text(p);
        CHECK(all == "first line\nsecond line\nthird, no newline");

        std::vector<std::string> lines;
        co_await files::with_open(p, "r", [&](files::file& f) -> aio::coro<void> {
            while (auto line = co_await f.next()) lines.push_back(*line);
        });
        CHECK(lines == std::vector<std::string>{"first line\n", "second line\n", "third, no newline"});

        // The body's value comes back (as async_with's optional); the file is closed after it.
        auto head = co_await files::with_open(p, "r", [&](files::file& f) -> aio::coro<std::string> {
            co_return co_await f.read(5);
        });
        CHECK(*head == "first");

        // open() without a scope, seek/tell, r+.
        files::file f = co_await files::open(p, "r+");
        f.seek(6);
        co_await f.write("LINE");
        f.seek(0);
        std::string first = co_await f.readline();
        CHECK(first == "first LINE\n");
        co_await f.sync();
        co_await f.close();
        co_await f.close();  // twice is fine
        CHECK(f.closed());

        // A file with many lines spanning read chunks.
        std::string big;
        for (int i = 0; i < 20000; ++i) big += "line " + std::to_string(i) + "\n";
        co_await files::write_text(d + "/big.txt", big);
        int count = 0;
        std::string last;
        co_await files::with_open(d + "/big.txt", "rb", [&](files::file& g) -> aio::coro<void> {
            co_await aio::async_for(g, [&](std::string line) -> aio::coro<void> {
                ++count;
                last = line;
                co_return;
            });
        });
        CHECK(count == 20000);
        CHECK(last == "line 19999\n");
        std::string again = co_await files::read_text(d + "/big.txt");
        CHECK(again == big);
    };
    aio_test::run(main(dir.path));
}

TEST_CASE("files: stat, exists, list_dir, make_dirs, rename, remove", "[files]") {
    temp_dir dir;
    auto main = [](std::string d) -> aio::coro<void> {
        co_await files::make_dirs(d + "/a/b/c");
        co_await files::make_dirs(d + "/a/b/c");  // exists: fine
        co_await files::write_text(d + "/a/one.txt", "1");
        co_await files::write_text(d + "/a/two.txt", "22");
        auto entries = co_await files::list_dir(d + "/a");
        REQUIRE(entries.size() == 3);
        CHECK(entries[0].name == "b");
        CHECK(entries[0].is_dir);
        CHECK(entries[1].name == "one.txt");
        CHECK_FALSE(entries[1].is_dir);
        auto st = co_await files::stat(d + "/a/two.txt");
        CHECK(st.size == 2);
        CHECK(st.is_file);
        CHECK(st.mtime > 1e9);
        auto dst = co_await files::stat(d + "/a/b");
        CHECK(dst.is_dir);
        co_await files::rename(d + "/a/two.txt", d + "/a/b/2.txt");
        bool moved = co_await files::exists(d + "/a/b/2.txt");
        bool old = co_await files::exists(d + "/a/two.txt");
        CHECK(moved);
        CHECK_FALSE(old);
        co_await files::remove(d + "/a/b/2.txt");
        co_await files::remove(d + "/a/b/c");
        bool gone = co_await files::exists(d + "/a/b/c");
        CHECK_FALSE(gone);
        CHECK_THROWS_AS(co_await files::remove(d + "/a"), files::directory_not_empty);
    };
    aio_test::run(main(dir.path));
}

TEST_CASE("files: typed errors with the OS message", "[files]") {
    temp_dir dir;
    auto main = [](std::string d) -> aio::coro<void> {
        std::string missing = d + "/missing.txt";
        std::string message;
        try {
            co_await files::open(missing, "r");
        } catch (const files::file_not_found& e) {
            message = e.what();
            CHECK(e.code() == "ENOENT");
            CHECK(e.path() == missing);
        }
        CHECK(message == "open '" + missing + "': No such file or directory [ENOENT]");
        CHECK_THROWS_AS(co_await files::open(d, "r"), files::is_a_directory);
        co_await files::write_text(d + "/x", "x");
        CHECK_THROWS_AS(co_await files::open(d + "/x", "x"), files::file_exists);
        CHECK_THROWS_AS(co_await files::open(d + "/x/y", "w"), files::not_a_directory);
        CHECK_THROWS_AS(co_await files::stat(missing), files::file_not_found);
        CHECK_THROWS_AS(co_await files::list_dir(missing), files::file_not_found);
        CHECK_THROWS_AS(co_await files::open(d + "/x", "rw"), std::invalid_argument);
        files::file f = co_await files::open(d + "/x", "r");
        CHECK_THROWS_AS(co_await f.write("no"), files::io_error);
        co_await f.close();
        if (::geteuid() != 0) {  // root ignores permission bits
            ::chmod((d + "/x").c_str(), 0);
            CHECK_THROWS_AS(co_await files::open(d + "/x", "r"), files::permission_error);
        }
        // An error inside the body still closes the file and propagates.
        bool body_error = false;
        try {
            co_await files::with_open(d + "/y", "w", [&](files::file& g) -> aio::coro<void> {
                co_await g.write("partial");
                throw std::runtime_error("body failed");
            });
        } catch (const std::runtime_error& e) {
            body_error = std::string(e.what()) == "body failed";
        }
        CHECK(body_error);
        std::string partial = co_await files::read_text(d + "/y");
        CHECK(partial == "partial");
    };
    aio_test::run(main(dir.path));
}

TEST_CASE("files: a symbolic link as the file is refused, not followed; write_text replaces it", "[files]") {
    temp_dir dir;
    auto main = [](std::string d) -> aio::coro<void> {
        std::string outside = d + "/outside.txt", link = d + "/link.txt";
        co_await files::write_text(outside, "secret\n");
        REQUIRE(::symlink(outside.c_str(), link.c_str()) == 0);
        REQUIRE(::symlink((d + "/nowhere.txt").c_str(), (d + "/dangling.txt").c_str()) == 0);
        std::string refused = "open '" + link + "': is a symbolic link (not followed here) [ELOOP]";
        for (const char* mode : {"r", "r+", "w", "a", "a+"}) {
            INFO(mode);
            CHECK_THROWS_WITH(co_await files::open(link, mode), refused);
        }
        CHECK_THROWS_WITH(co_await files::read_text(link), refused);
        CHECK_THROWS_WITH(co_await files::append_text(link, "more"), refused);
        CHECK_THROWS_WITH(co_await files::open(d + "/dangling.txt", "w"), Catch::Contains("is a symbolic link"));
        CHECK_FALSE(co_await files::exists(d + "/nowhere.txt"));  // not created through the link
        std::string kept = co_await files::read_text(outside);
        CHECK(kept == "secret\n");
        co_await files::write_text(link, "replaced");  // the link itself is replaced
        std::string now = co_await files::read_text(link);
        CHECK(now == "replaced");
        kept = co_await files::read_text(outside);
        CHECK(kept == "secret\n");
    };
    aio_test::run(main(dir.path));
}

TEST_CASE("files: faults add exact latency on the virtual clock, fail, or hang", "[files][faults]") {
    temp_dir dir;
    auto main = [](std::string d) -> aio::coro<void> {
        {
            aio::faults::scope slow(aio::faults::target::files, {.latency = 0.1});
            double t0 = aio::time();
            co_await files::write_text(d + "/f", "data");  // open, write, sync, close, rename
            CHECK(aio::time() - t0 == Approx(0.5));
        }
        {
            aio::faults::scope broken(aio::faults::target::files, {.error_rate = 1.0});
            CHECK_THROWS_WITH(co_await files::read_text(d + "/f"), Catch::Contains("injected fault (files): open"));
        }
        {
            aio::faults::scope hang(aio::faults::target::files, {.hang_rate = 1.0});
            CHECK_THROWS_AS(co_await aio::wait_for(files::read_text(d + "/f"), 5.0), aio::timeout_error);
        }
        std::string back = co_await files::read_text(d + "/f");
        CHECK(back == "data");
    };
    aio_test::run(main(dir.path));
}

TEST_CASE("files: write_text replaces atomically: a failure at any step leaves the old content whole",
          "[files][faults]") {
    temp_dir dir;
    auto main = [](std::string d) -> aio::coro<void> {
        std::string path = d + "/f.txt";
        std::string old_content(5000, 'o');
        co_await files::write_text(path, old_content);
        std::set<std::string> failed_at;
        std::string current = old_content;
        for (std::uint64_t seed = 1; seed <= 40; ++seed) {
            std::string next(3000 + seed * 100, static_cast<char>('a' + seed % 26));
            bool written = true;
            {
                aio::faults::scope flaky(aio::faults::target::files, {.error_rate = 0.3, .seed = seed});
                try {
                    co_await files::write_text(path, next);
                } catch (const files::io_error& e) {
                    written = false;
                    std::string what = e.what();
                    failed_at.insert(what.substr(0, what.find(' ', what.find("): ") + 3)));
                }
            }
            if (written) current = next;
            std::string now = co_await files::read_text(path);
            CHECK(now == current);  // the old or the new, whole
            auto entries = co_await files::list_dir(d);
            CHECK(entries.size() == 1);  // no temporary file left behind
        }
        // The failures hit each step at least once.
        for (const char* step : {"open", "write", "sync", "close", "rename"})
            CHECK(failed_at.count(std::string("injected fault (files): ") + step) == 1);
    };
    aio_test::run(main(dir.path));
}

TEST_CASE("files: the loop keeps running while a file call is on a thread", "[files]") {
    temp_dir dir;
    auto main = [](std::string d) -> aio::coro<void> {
        int ticks = 0;
        bool done = false;
        auto ticker = aio::create_task([](int& t, bool& stop) -> aio::coro<void> {
            while (!stop) {
                ++t;
                co_await aio::sleep(0);
            }
        }(ticks, done));
        std::string big(8 << 20, 'z');
        co_await files::write_text(d + "/big", big);
        std::string back = co_await files::read_text(d + "/big");
        done = true;
        co_await ticker;
        CHECK(back.size() == big.size());
        CHECK(ticks > 0);
    };
    aio_test::run(main(dir.path), aio::clock_kind::real);
}

#endif
