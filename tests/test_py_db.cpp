// The database modules (wasm/python/db/: sqlite3, aiosqlite, the aiomysql/asyncpg stand-ins) on
// SQLite natively (Debian's libsqlite3): every tests/python/db/NAME.py and every database snippet of
// the tutorials (catalog `io: ["database"]`) prints what CPython 3.11 printed (NAME.out, recorded
// by tests/python/db/record.py and tools/py_record.py: CPython's own sqlite3, Debian's aiosqlite,
// and the stand-ins' same Python files), each from a fresh folder with real database files.
// tests/node/python.test.mjs runs the same programs in wasm.
#include "py_support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#if !defined(__EMSCRIPTEN__)  // reads the source tree: the wasm aio_tests has no file system
namespace {
std::vector<std::string> db_programs() {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(AIO_SOURCE_DIR) / "tests" / "python" / "db"))
        if (e.path().extension() == ".py" && e.path().filename() != "record.py") names.push_back(e.path().filename().string());
    return names;
}
}  // namespace

// [fifo]: aiosqlite_notes.py prints a ticker task's lines while its queries run in the
// connection's thread, in the order of CPython's FIFO ready queue.
TEST_CASE("the database programs print what CPython 3.11 printed, on real SQLite files", "[python][db][fifo]") {
    const auto dir = std::filesystem::path(AIO_SOURCE_DIR) / "tests" / "python" / "db";
    const auto names = db_programs();
    REQUIRE(names.size() >= 3);
    for (const std::string& name : names) {
        SECTION(name) {
            bool clean = false;  // each program removes the database files it made
            const std::string out = py_test::run_in_fresh_folder(dir, name, [&](const std::filesystem::path& work) {
                clean = true;
                for (const auto& e : std::filesystem::directory_iterator(work))
                    if (e.path().extension() == ".db" || e.path().extension() == ".sqlite3") clean = false;
            });
            CHECK(out == py_test::read_text((dir / name).replace_extension(".out")));
            CHECK(clean);
        }
    }
}

TEST_CASE("the tutorials' database snippets run on the SQLite stand-in as CPython ran them", "[python][snippets][db]") {
    namespace fs = std::filesystem;
    const auto dir = py_test::snippet_dir();
    const std::vector<std::string> files = py_test::io_snippets("database");
    REQUIRE(files.size() >= 2);
    for (const std::string& file : files) {
        SECTION(file) {
            bool sample = false;  // aiomysql's connect(db='test') left the stand-in's file with its rows
            const std::string out = py_test::run_in_fresh_folder(dir, file, [&](const fs::path& work) {
                sample = file != "t0_4_3_aiomysql.py" || fs::file_size(work / "test.sqlite3") > 0;
            });
            CHECK(out == py_test::read_text((dir / file).replace_extension(".out")));
            CHECK(sample);
        }
    }
}
#endif
