// The front-end's network modules against tools/demo_server.mjs (started here, as the HTTP tests
// do): every tests/python/net/NAME.py, run with the server's base URL as argv[1], prints what
// CPython 3.11 with aiohttp and requests printed against the same server (NAME.out, recorded by
// tests/python/net/record.py; stdout and stderr in program order, then `[exit N]`). In wasm the
// node suite runs them through the sandbox module (tests/node/python.test.mjs).
#if !defined(__EMSCRIPTEN__)

#include "demo_server.hpp"
#include "py_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

TEST_CASE("Python network programs print what CPython 3.11 with aiohttp and requests printed", "[python][http][real]") {
    auto base = aio_test::demo_server_or_skip();
    if (!base) return;
    std::string url = *base;
    if (!url.empty() && url.back() == '/') url.pop_back();
    const auto dir = std::filesystem::path(AIO_SOURCE_DIR) / "tests" / "python" / "net";
    std::vector<std::filesystem::path> programs;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        if (entry.path().extension() == ".py" && entry.path().filename() != "record.py") programs.push_back(entry.path());
    std::sort(programs.begin(), programs.end());
    REQUIRE(!programs.empty());
    for (const auto& p : programs) {
        SECTION(p.filename().string()) {
            std::string out;
            auto& h = aio::py::host();
            auto saved = h;
            h.write = [&](int, std::string_view text) { out += text; };
            h.argv = {p.filename().string(), url};
            const int status = aio::py::run_source(py_test::read_text(p), p.filename().string());
            h = saved;
            auto expected = p;
            CHECK(out + "[exit " + std::to_string(status) + "]\n" == py_test::read_text(expected.replace_extension(".out")));
        }
    }
}

#endif
