// aio::files on the wasm build under Node: real files through fs.promises, driven by the host's
// event loop. Usage: node host_files.js CASE DIR   (tests/node/files.test.mjs)
#include "aio/aio.hpp"
#include "aio/faults.hpp"
#include "aio/files.hpp"

#include <cstdio>
#include <stdexcept>
#include <string>

namespace files = aio::files;

namespace {

void print(const std::string& line) {
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
}

void expect(bool ok, const std::string& what) {
    if (!ok) throw std::runtime_error("expected " + what);
}

aio::coro<void> basics(std::string d) {
    print("backend " + std::string(files::backend_name()));
    co_await files::with_open(d + "/notes.txt", "w", [&](files::file& f) -> aio::coro<void> {
        co_await f.write("first line\n");
        co_await f.write("second line\n");
    });
    co_await files::append_text(d + "/notes.txt", "third");
    int n = 0;
    co_await files::with_open(d + "/notes.txt", "r", [&](files::file& f) -> aio::coro<void> {
        while (auto line = co_await f.next()) {
            ++n;
            std::string text = *line;
            bool newline = !text.empty() && text.back() == '\n';
            if (newline) text.pop_back();
            print("line " + std::to_string(n) + ": " + text + (newline ? " \\n" : ""));
        }
    });
    std::string all = co_await files::read_text(d + "/notes.txt");
    expect(all == "first line\nsecond line\nthird", "the whole text");
    files::file f = co_await files::open(d + "/notes.txt", "r+");
    f.seek(6);
    co_await f.write("LINE");
    co_await f.sync();
    co_await f.close();
    std::string changed = co_await files::read_text(d + "/notes.txt");
    expect(changed.substr(0, 11) == "first LINE\n", "an in-place write");
    co_await files::make_dirs(d + "/sub/deeper");
    co_await files::write_text(d + "/sub/a.txt", "aaa");
    auto entries = co_await files::list_dir(d + "/sub");
    std::string listing;
    for (const auto& e : entries) listing += (listing.empty() ? "" : " ") + e.name + (e.is_dir ? "/" : "");
    print("list: " + listing);
    auto st = co_await files::stat(d + "/sub/a.txt");
    print("stat: size " + std::to_string(st.size) + (st.is_file ? " file" : " ?"));
    co_await files::rename(d + "/sub/a.txt", d + "/sub/b.txt");
    co_await files::remove(d + "/sub/b.txt");
    bool gone = co_await files::exists(d + "/sub/b.txt");
    expect(!gone, "b.txt removed");
    std::string message;
    try {
        co_await files::read_text(d + "/missing.txt");
    } catch (const files::file_not_found& e) {
        message = e.what();
    }
    print("error: " + message.substr(message.find(":") + 2));
    bool is_dir = false;
    try {
        co_await files::open(d + "/sub", "r");
    } catch (const files::is_a_directory&) {
        is_dir = true;
    }
    expect(is_dir, "is_a_directory");
    bool exists_error = false;
    try {
        co_await files::open(d + "/notes.txt", "x");
    } catch (const files::file_exists&) {
        exists_error = true;
    }
    expect(exists_error, "file_exists");
    bool not_empty = false;
    try {
        co_await files::remove(d + "/sub");
    } catch (const files::directory_not_empty&) {
        not_empty = true;
    }
    expect(not_empty, "directory_not_empty");
}

// The loop keeps running other tasks while big reads and writes are in flight.
aio::coro<void> responsive(std::string d) {
    int ticks = 0;
    bool stop = false;
    auto ticker = aio::create_task([](int& t, bool& s) -> aio::coro<void> {
        while (!s) {
            ++t;
            co_await aio::sleep(0.001);
        }
    }(ticks, stop));
    std::string big(32 << 20, 'z');
    co_await files::write_text(d + "/big.bin", big);
    std::string back = co_await files::read_text(d + "/big.bin");
    stop = true;
    co_await ticker;
    expect(back.size() == big.size(), "the same size back");
    print(ticks > 0 ? "ticker ran during the I/O" : "ticker starved");
}

aio::coro<void> faults(std::string d) {
    co_await files::write_text(d + "/f.txt", "data");
    aio::faults::scope broken(aio::faults::target::files, {.error_rate = 1.0});
    std::string message;
    try {
        co_await files::read_text(d + "/f.txt");
    } catch (const files::io_error& e) {
        message = e.what();
    }
    expect(message.find("injected fault (files): open") == 0, "an injected open failure");
    print("injected: " + message.substr(0, message.find(" '")));
}

// DIR/link.txt is a symbolic link the test made: every open refuses it, write_text replaces it.
aio::coro<void> links(std::string d) {
    std::string link = d + "/link.txt";
    auto refused = [&](auto attempt) -> aio::coro<std::string> {
        std::string message = "followed";
        try {
            co_await attempt();
        } catch (const files::io_error& e) {
            message = e.what();
        }
        co_return message.substr(message.find("': ") + 3);
    };
    for (const char* mode : {"r", "w", "a", "r+"})
        print(std::string(mode) + ": " + co_await refused([&]() { return files::open(link, mode); }));
    print("read_text: " + co_await refused([&]() { return files::read_text(link); }));
    print("append_text: " + co_await refused([&]() { return files::append_text(link, "more"); }));
    co_await files::write_text(link, "replaced");
    std::string now = co_await files::read_text(link);
    expect(now == "replaced", "write_text to replace the link");
}

aio::coro<int> run_case(std::string name, std::string dir) {
    try {
        if (name == "basics") co_await basics(dir);
        else if (name == "responsive") co_await responsive(dir);
        else if (name == "faults") co_await faults(dir);
        else if (name == "links") co_await links(dir);
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
        std::fprintf(stderr, "usage: host_files CASE DIR\n");
        return 2;
    }
    return aio::run_main(run_case(argv[1], argv[2]));
}
