// The table of native modules: one line per module (its init_* is defined beside the module).
#include "python/modules.hpp"

#include <array>
#include <cstdio>
#include <vector>

namespace aio::py {

// (declare each module's init here and add it to the table)
void init_builtins(Dict& ns);
void init_random(Dict& ns);
void init_json(Dict& ns);
void init_sys(Dict& ns);
void init_asyncio(Dict& ns);
void init_time(Dict& ns);
void init_contextvars(Dict& ns);
void init_concurrent(Dict& ns);
void init_concurrent_futures(Dict& ns);
void init_gc(Dict& ns);
void init_tracemalloc(Dict& ns);
void init_functools(Dict& ns);
void init_typing(Dict& ns);
void init_math(Dict& ns);
void init_collections(Dict& ns);
void init_os(Dict& ns);
void init_os_path(Dict& ns);
void init_io(Dict& ns);
void init_traceback(Dict& ns);

extern const char* const aiofiles_source;
extern const char* const aiofiles_os_source;
extern const char* const aiofiles_ospath_source;
extern const char* const contextlib_source;
extern const char* const dataclasses_source;
extern const char* const itertools_source;
extern const char* const heapq_source;
extern const char* const future_source;
extern const char* const bisect_source;
extern const char* const string_source;
extern const char* const operator_source;
extern const char* const functools_source;
extern const char* const time_source;

namespace {

constexpr std::array modules{
    NativeModule{"builtins", init_builtins},
    NativeModule{"random", init_random},
    NativeModule{"json", init_json},
    NativeModule{"sys", init_sys},
    NativeModule{"asyncio", init_asyncio},
    NativeModule{"_time", init_time},  // time is lib_time.cpp's, over it
    NativeModule{"contextvars", init_contextvars},
    NativeModule{"concurrent", init_concurrent},
    NativeModule{"concurrent.futures", init_concurrent_futures},
    NativeModule{"gc", init_gc},
    NativeModule{"tracemalloc", init_tracemalloc},
    NativeModule{"_functools", init_functools},  // functools is lib_functools.cpp's, over it
    NativeModule{"typing", init_typing},
    NativeModule{"math", init_math},
    NativeModule{"collections", init_collections},
    NativeModule{"os", init_os},
    NativeModule{"os.path", init_os_path},
    NativeModule{"io", init_io},
    NativeModule{"traceback", init_traceback},
};

// Made on first use: the texts are other files' constants, and modules may be added (and
// looked up) by other files' static initializers.
const auto& source_modules() {
    static const std::array table{
        SourceModule{"aiofiles", "<frozen aiofiles>", aiofiles_source},
        SourceModule{"aiofiles.os", "<frozen aiofiles.os>", aiofiles_os_source},
        SourceModule{"aiofiles.ospath", "<frozen aiofiles.ospath>", aiofiles_ospath_source},
        SourceModule{"contextlib", "<frozen contextlib>", contextlib_source},
        // frames_hidden: CPython's generated methods are exec()ed source ("<string>"), and a bad
        // call to __init__ raises before any of its frames exists.
        SourceModule{"dataclasses", "<frozen dataclasses>", dataclasses_source, true},
        SourceModule{"itertools", "<frozen itertools>", itertools_source, true},
        SourceModule{"heapq", "<frozen heapq>", heapq_source, true},
        SourceModule{"__future__", "<frozen __future__>", future_source},
        SourceModule{"bisect", "<frozen bisect>", bisect_source, true},
        SourceModule{"string", "<frozen string>", string_source},
        SourceModule{"operator", "<frozen operator>", operator_source, true},
        // frames_hidden: CPython's lru_cache wrapper is C, so a traceback through a cached function
        // shows no functools frame (its cached_property and total_ordering frames would show).
        SourceModule{"functools", "<frozen functools>", functools_source, true},
        // frames_hidden: CPython's time module is C.
        SourceModule{"time", "<frozen time>", time_source, true},
    };
    return table;
}

std::vector<NativeModule>& added_native_modules() {
    static std::vector<NativeModule> added;
    return added;
}
std::vector<SourceModule>& added_source_modules() {
    static std::vector<SourceModule> added;
    return added;
}

template <typename Module, typename Table>
const Module* find_in(std::string_view name, const Table& table, const std::vector<Module>& added) {
    for (const auto& m : table)
        if (name == m.name) return &m;
    for (const auto& m : added)
        if (name == m.name) return &m;
    return nullptr;
}

}  // namespace

const NativeModule* find_native_module(std::string_view name) {
    return find_in(name, modules, added_native_modules());
}
const SourceModule* find_source_module(std::string_view name) {
    return find_in(name, source_modules(), added_source_modules());
}

bool traceback_hides(std::string_view filename) {
    for (const auto& m : source_modules())
        if (m.frames_hidden && filename == m.filename) return true;
    for (const auto& m : added_source_modules())
        if (m.frames_hidden && filename == m.filename) return true;
    return false;
}

void add_native_module(NativeModule m) {
    if (!find_native_module(m.name)) added_native_modules().push_back(m);
}
void add_source_module(SourceModule m) {
    if (!find_source_module(m.name)) added_source_modules().push_back(m);
}

Host& host() {
    static Host h{[](int fd, std::string_view text) { std::fwrite(text.data(), 1, text.size(), fd == 2 ? stderr : stdout); }, {}};
    return h;
}

}  // namespace aio::py
