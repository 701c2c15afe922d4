// Fuzzes the Python front-end's tokenizer, parser and post-parse checks (wasm/python): any bytes
// either parse (and dump as ast.dump would) or raise syntax_error with a location and CPython's
// report shape; the same source with CRLF line ends parses to the same tree.
#include "python/ast_dump.hpp"
#include "python/parser.hpp"
#include "python/syntax_error.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "fuzz_python_parse: %s\n", what);
    std::abort();
}

// The dump, or "error: <report>".
std::string outcome(std::string_view source) {
    try {
        return aio::py::ast_dump(aio::py::parse_program(source, "f.py"), true);
    } catch (const aio::py::syntax_error& e) {
        const std::string report = e.format();
        if (e.lineno() < 1 || e.msg().empty()) fail("a syntax_error without a line or message");
        if (report.rfind("  File \"f.py\", line ", 0) != 0) fail("a report not in CPython's shape");
        if (report.back() != '\n') fail("a report without its final line end");
        return "error: " + e.type() + ": " + e.msg();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view source(reinterpret_cast<const char*>(data), size);
    const std::string result = outcome(source);
    if (result.rfind("error: ", 0) != 0 && result.rfind("Module(body=", 0) != 0) fail("neither a tree nor an error");
    if (source.find('\r') == std::string_view::npos) {
        std::string crlf;
        for (char c : source) {
            if (c == '\n') crlf += '\r';
            crlf += c;
        }
        if (outcome(crlf) != result) fail("CRLF line ends change the result");
    }
    return 0;
}
