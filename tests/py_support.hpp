// Helpers shared by the Python front-end's object-level tests (test_py_object.cpp,
// test_py_builtins.cpp): building values, calling with keywords, and the "repr or error" text
// that CPython's recorded answers (tests/py_cases.py) are compared with; running a whole program
// on the virtual clock (the snippet and thread tests).
#pragma once

#include "python/asyncio.hpp"
#include "python/exceptions.hpp"
#include "python/db/db_modules.hpp"
#include "python/modules.hpp"
#include "python/net/net_modules.hpp"
#include "python/run.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <unistd.h>

// The Python tests run programs that import aiohttp or sqlite3, as the aio-python program does.
inline const bool network_modules_enabled =
    (aio::py::enable_network_modules(), aio::py::enable_database_modules(), true);

namespace py_test {

using namespace aio::py;

using Kw = std::vector<std::pair<const char*, Value>>;

inline Value none() { return Value(); }
inline Value boolean(bool b) { return Value::boolean(b); }
inline Value i(std::int64_t v) { return Value::integer(v); }
inline Value f(double v) { return Value::real(v); }
inline Value s(std::string v) { return new_str(std::move(v)); }
inline Value bytes_of(std::string v) { return Value(new Bytes(std::move(v))); }
inline Value list(std::vector<Value> v) { return new_list(std::move(v)); }
inline Value tup(std::vector<Value> v) { return new_tuple(std::move(v)); }
inline Value dict(std::vector<std::pair<Value, Value>> items) {
    Value d = new_dict();
    for (auto& [k, v] : items) setitem(d, k, v);
    return d;
}

// callable(*pos, **kw)
inline Value call_kw(const Value& callable, std::vector<Value> pos, const Kw& kw) {
    std::vector<Value> names;
    std::size_t npos = pos.size();
    for (auto& [name, v] : kw) {
        names.push_back(new_str(name));
        pos.push_back(v);
    }
    Value kwnames = new_tuple(std::move(names));
    return call(callable, pos.data(), npos, kw.empty() ? nullptr : kwnames.as<Tuple>());
}
// self.name(*args, **kw)
inline Value m(const Value& self, const char* name, std::vector<Value> args = {}, const Kw& kw = {}) {
    return call_kw(getattr(self, name), std::move(args), kw);
}

// Addresses differ from run to run (and from CPython's): "at 0x?" on both sides.
inline std::string no_address(const std::string& text) {
    return std::regex_replace(text, std::regex("at 0x[0-9a-f]+"), "at 0x?");
}
inline std::string error_text(const Error& e) { return e.type().name + ": " + str(e.exc); }

// repr (R) or str (S) of what fn returns, or "ExceptionName: str(e)" when it raises.
inline std::string R(const std::function<Value()>& fn) {
    try {
        return no_address(repr(fn()));
    } catch (const Error& e) {
        return no_address(error_text(e));
    }
}
inline std::string S(const std::function<Value()>& fn) {
    try {
        return no_address(str(fn()));
    } catch (const Error& e) {
        return no_address(error_text(e));
    }
}

// One recorded case of a generated table: mode as tests/py_cases.py's answer() ('r', 's' or 'o'),
// the Python source, CPython's answer.
struct PyCase {
    char mode;
    const char* expr;
    const char* expected;
};

// Runs a program on the virtual clock: its stdout and stderr in program order, then `[exit N]`.
inline std::string run_on_virtual_clock(const std::string& source, const std::string& filename) {
    auto& options = aio::py::run_options().loop;
    const auto saved_clock = options.clock;
    options.clock = aio::clock_kind::virtual_time;
    std::string out;
    auto& h = aio::py::host();
    auto saved_write = h.write;
    h.write = [&](int, std::string_view text) { out += text; };
    const int status = aio::py::run_source(source, filename);
    h.write = saved_write;
    options.clock = saved_clock;
    return out + "[exit " + std::to_string(status) + "]\n";
}

// A file of the source tree (the snippet and program tests; the wasm suite has no file system).
inline std::string read_text(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Runs a program (the file `dir / file`) on the virtual clock as tools/py_record.py does: from a
// fresh folder holding it and examples/python/fixtures/, which `inspect` may look at before the
// folder goes. Output as run_on_virtual_clock's.
inline std::string run_in_fresh_folder(const std::filesystem::path& dir, const std::string& file,
                                       const std::function<void(const std::filesystem::path&)>& inspect = {}) {
    namespace fs = std::filesystem;
    const fs::path work = fs::temp_directory_path() / ("aio-py-run-" + std::to_string(::getpid()));
    const fs::path saved = fs::current_path();
    fs::remove_all(work);
    fs::create_directories(work);
    for (const auto& fixture : fs::directory_iterator(fs::path(AIO_SOURCE_DIR) / "examples" / "python" / "fixtures"))
        fs::copy(fixture.path(), work);
    fs::current_path(work);
    std::string out;
    try {
        out = run_on_virtual_clock(read_text(dir / file), file);
        if (inspect) inspect(work);
    } catch (...) {
        fs::current_path(saved);
        fs::remove_all(work);
        throw;
    }
    fs::current_path(saved);
    fs::remove_all(work);
    return out;
}

// The tutorials' snippets (examples/python/, with their recorded FILE.out) that need no I/O and
// print no unseeded random values: the ones every runner of the front-end must reproduce.
inline std::filesystem::path snippet_dir() { return std::filesystem::path(AIO_SOURCE_DIR) / "examples" / "python"; }
// The snippets whose only I/O is `io` ("files", "database": catalog.json's `io`).
inline std::vector<std::string> io_snippets(const std::string& io) {
    std::vector<std::string> out;
    const auto catalog = nlohmann::json::parse(read_text(snippet_dir() / "catalog.json"));
    for (const auto& s : catalog.at("snippets"))
        if (s.contains("file") && s.at("io") == nlohmann::json::array({io})) out.push_back(s.at("file"));
    return out;
}
inline std::vector<std::string> plain_snippets() {
    std::vector<std::string> out;
    const auto catalog = nlohmann::json::parse(read_text(snippet_dir() / "catalog.json"));
    for (const auto& s : catalog.at("snippets"))
        if (s.contains("file") && s.at("io").empty() && !s.at("random").get<bool>()) out.push_back(s.at("file"));
    return out;
}

}  // namespace py_test
