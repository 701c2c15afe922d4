// Native modules (builtins, sys, time, random, json, asyncio, ...) and the host a program runs in.
//
// Each native module is one `init_*` function that fills its namespace dict; modules.cpp lists
// them all in one table (add a line there for a new module). The VM makes the module object and
// calls init on first import; `builtins` is the fallback namespace of every module's globals.
#pragma once

#include "python/object.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace aio::py {

struct NativeModule {
    const char* name;  // dotted for submodules: "concurrent.futures"
    void (*init)(Dict& ns);
};
// nullptr when no native module has that name.
const NativeModule* find_native_module(std::string_view name);

// Modules written in Python and built into the front-end (lib_*.cpp): imported like a .py file
// beside the program (their objects are the program's, cleared at its end), from this text.
struct SourceModule {
    const char* name;      // dotted for submodules: "aiofiles.os"
    const char* filename;  // what tracebacks show: "<frozen aiofiles.os>"
    const char* source;
    // CPython's module is written in C (itertools): tracebacks show none of its frames here either.
    bool frames_hidden = false;
};
// nullptr when no built-in Python module has that name.
const SourceModule* find_source_module(std::string_view name);
// Whether tracebacks leave out the frames of code from `filename` (a frames_hidden module's).
bool traceback_hides(std::string_view filename);

// Modules of libraries linked by choice (net/net_modules.hpp): added to the tables at start-up,
// before any program runs.
void add_native_module(NativeModule m);
void add_source_module(SourceModule m);

// What a running program talks to: its output and arguments. One per interpreter run (set by
// the entry point before the program starts; Python code runs one thread at a time).
struct Host {
    // fd 1 (stdout) or 2 (stderr); print() and sys.stdout/err.write end here.
    std::function<void(int fd, std::string_view text)> write;
    std::vector<std::string> argv;  // sys.argv
};
Host& host();

}  // namespace aio::py
