// Embind entries of the Python front-end (wasm/python) for the JS package: sb.runPython runs one
// program as `python3 FILE` does and returns {status, stdout, stderr} as JSON text; sb.spawnPython
// starts one as a run of a session. Built into the page's module (aio_sandbox_module, with the
// I/O libraries of python_io_bindings.cpp) and the widget's Python module (aio_sandbox_python).
//
// The program runs to completion inside this call: the front-end's asyncio.run drives its own
// loop synchronously (like the catalog examples that make their own loops), so it must not see
// the session's host-driven loop as the running one. On the real clock the wait between timers
// is a busy wait of the calling thread (wasm has no other thread to wait on).
#include "binding_results.hpp"
#include "python/asyncio.hpp"
#include "python/modules.hpp"
#include "python/run.hpp"
#include "line_splitter.hpp"
#include "session.hpp"

#include "aio/loop.hpp"

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>

namespace {

using json = nlohmann::json;

// Each stream's whole text, kept for the result, and its lines passed to `on_line` as soon as they
// are complete (JS sees output while a real-clock program still runs).
struct stream_lines {
    std::string all;
    aio::sandbox::line_splitter lines;

    void add(std::string_view text, int fd, const emscripten::val& on_line) {
        all.append(text);
        lines.add(text, [&](std::string_view line) { on_line(fd, std::string(line)); });
    }
    void finish(int fd, const emscripten::val& on_line) {
        if (std::string rest = lines.take_rest(); !rest.empty()) on_line(fd, rest);
    }
};

// Puts back what the run changed: the thread's running loop and task, the host, the loop options.
struct run_scope {
    aio::event_loop* loop = std::exchange(aio::detail::this_thread.running_loop, nullptr);
    aio::detail::task_core* task = std::exchange(aio::detail::this_thread.current_task, nullptr);
    aio::py::Host host = aio::py::host();
    aio::py::RunOptions options = aio::py::run_options();
    ~run_scope() {
        aio::detail::this_thread.running_loop = loop;
        aio::detail::this_thread.current_task = task;
        aio::py::host() = std::move(host);
        aio::py::run_options() = std::move(options);
    }
};

// on_line(fd, text): 1 stdout, 2 stderr. Never throws into JS: a C++ error is status 1 with
// its message on stderr.
std::string run_python(std::string source, std::string filename, bool real_clock, emscripten::val on_line) {
    stream_lines out, err;
    int status = 1;
    {
        run_scope scope;
        aio::py::run_options().loop.clock = real_clock ? aio::clock_kind::real : aio::clock_kind::virtual_time;
        aio::py::run_options().loop.speed.reset();
        aio::py::host().argv = {filename};
        aio::py::host().write = [&](int fd, std::string_view text) {
            (fd == 2 ? err : out).add(text, fd == 2 ? 2 : 1, on_line);
        };
        try {
            status = aio::py::run_source(source, filename);
        } catch (const std::exception& e) {
            err.add(std::string("aio-python: internal error: ") + e.what() + "\n", 2, on_line);
        } catch (const aio::base_exception& e) {
            err.add(std::string("aio-python: internal error: ") + e.what() + "\n", 2, on_line);
        }
    }
    out.finish(1, on_line);
    err.finish(2, on_line);
    return aio::sandbox::bindings::text_of(json{{"status", status}, {"stdout", out.all}, {"stderr", err.all}});
}

// sb.spawnPython: the program as a run of the session whose handle() this is (session.hpp
// spawn_source): {"ok": true, "id"} or {"ok": false, "error": {type, message}}.
std::string spawn_python(double handle, std::string source, std::string filename) {
    using namespace aio::sandbox::bindings;
    aio::sandbox::session& s = session_of(handle);
    std::string out;
    try {
        out = json{{"ok", true}, {"id", s.spawn_source("python", std::move(source), std::move(filename))}}.dump();
    } catch (const std::invalid_argument& e) {
        out = error_json("InvalidArgument", e.what());
    } catch (const std::logic_error& e) {  // one program at a time
        out = error_json("InvalidState", e.what());
    }
    s.flush();
    return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(aio_python) {
    emscripten::function("runPython", &run_python);
    emscripten::function("spawnPython", &spawn_python);
}
