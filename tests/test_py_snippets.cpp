// The tutorials' snippets (examples/python/, listed in its catalog.json) through the front-end on
// the virtual clock: each prints exactly what CPython 3.11 printed (FILE.out, recorded by
// tools/py_record.py on its virtual clock). Snippets that need I/O (issue 18) or print unseeded
// random values are left to their own suites. The ones the front-end cannot run yet are listed
// below with the error a user gets today; the test fails once one of them starts working, so the
// list only shrinks.
#include "python/asyncio.hpp"
#include "python/modules.hpp"
#include "python/run.hpp"
#include "py_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace {

// What the front-end does not support yet, per snippet: the line it prints instead.
const std::map<std::string, std::string> not_yet = {
};

}  // namespace

#if !defined(__EMSCRIPTEN__)  // reads the source tree: the wasm aio_tests has no file system (as the parser corpus)
TEST_CASE("every tutorial snippet without I/O prints what CPython 3.11 printed", "[python][snippets][fifo]") {
    const auto dir = py_test::snippet_dir();
    int compared = 0;
    for (const std::string& file : py_test::plain_snippets()) {
        ++compared;
        SECTION(file) {
            const std::string out = py_test::run_on_virtual_clock(py_test::read_text(dir / file), file);
            const std::string expected = py_test::read_text((dir / file).replace_extension(".out"));
            const auto gap = not_yet.find(file);
            if (gap == not_yet.end()) {
                CHECK(out == expected);
            } else {
                INFO("listed as not supported yet; if it now works, drop it from not_yet");
                CHECK(out != expected);
                CHECK(out.find(gap->second) != std::string::npos);
            }
        }
    }
    CHECK(compared >= 45);
}

// The aiofiles snippets (catalog `io: ["files"]`), each in a fresh folder holding the fixtures
// (examples/python/fixtures/, as tools/py_record.py recorded them): CPython's output, and the
// files they write are there afterwards. [fifo]: 000 §4.2 prints as its writes finish, which
// schedule exploration permutes.
TEST_CASE("the aiofiles snippets print what CPython 3.11 printed, with real files", "[python][snippets][files][fifo]") {
    namespace fs = std::filesystem;
    const auto dir = py_test::snippet_dir();
    const std::vector<std::string> files = py_test::io_snippets("files");
    REQUIRE(files.size() >= 4);
    for (const std::string& file : files) {
        SECTION(file) {
            bool wrote = false;
            const std::string out = py_test::run_in_fresh_folder(dir, file, [&](const fs::path& work) {
                wrote = file != "t0_4_2_aiofiles.py" || fs::exists(work / "file3.txt");
            });
            CHECK(out == py_test::read_text((dir / file).replace_extension(".out")));
            CHECK(wrote);
        }
    }
}

// Schedule exploration runs this one under shuffled ready queues (AIO_SCHEDULE_SEED): the order of
// lines may change, but no snippet may crash, hang, lose output or end differently.
TEST_CASE("under any schedule, each snippet ends as under CPython with as many lines", "[python][snippets]") {
    const auto dir = py_test::snippet_dir();
    auto lines = [](const std::string& text) { return std::count(text.begin(), text.end(), '\n'); };
    auto last_line = [](const std::string& text) {
        const auto start = text.rfind('\n', text.size() - 2);
        return text.substr(start == std::string::npos ? 0 : start + 1);
    };
    for (const std::string& file : py_test::plain_snippets()) {
        if (not_yet.count(file)) continue;
        SECTION(file) {
            const std::string out = py_test::run_on_virtual_clock(py_test::read_text(dir / file), file);
            const std::string expected = py_test::read_text((dir / file).replace_extension(".out"));
            CHECK(last_line(out) == last_line(expected));  // "[exit N]"
            CHECK(lines(out) == lines(expected));
        }
    }
}
#endif
