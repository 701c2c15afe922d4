// The table of native modules: one line per module (its init_* is defined beside the module).
#include "python/modules.hpp"

#include <array>
#include <iostream>

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

namespace {
constexpr std::array modules{
    NativeModule{"builtins", init_builtins},
    NativeModule{"random", init_random},
    NativeModule{"json", init_json},
    NativeModule{"sys", init_sys},
    NativeModule{"asyncio", init_asyncio},
    NativeModule{"time", init_time},
    NativeModule{"contextvars", init_contextvars},
    NativeModule{"concurrent", init_concurrent},
    NativeModule{"concurrent.futures", init_concurrent_futures},
    NativeModule{"gc", init_gc},
    NativeModule{"tracemalloc", init_tracemalloc},
    NativeModule{"functools", init_functools},
    NativeModule{"typing", init_typing},
    NativeModule{"math", init_math},
    NativeModule{"collections", init_collections},
    NativeModule{"os", init_os},
    NativeModule{"os.path", init_os_path},
    NativeModule{"io", init_io},
};
}

const NativeModule* find_native_module(std::string_view name) {
    for (const auto& m : modules)
        if (name == m.name) return &m;
    return nullptr;
}

extern const char* const aiofiles_source;
extern const char* const aiofiles_os_source;
extern const char* const aiofiles_ospath_source;

namespace {
const std::array source_modules{
    SourceModule{"aiofiles", "<frozen aiofiles>", aiofiles_source},
    SourceModule{"aiofiles.os", "<frozen aiofiles.os>", aiofiles_os_source},
    SourceModule{"aiofiles.ospath", "<frozen aiofiles.ospath>", aiofiles_ospath_source},
};
}

const SourceModule* find_source_module(std::string_view name) {
    for (const auto& m : source_modules)
        if (name == m.name) return &m;
    return nullptr;
}

Host& host() {
    static Host h{[](int fd, std::string_view text) { (fd == 2 ? std::cerr : std::cout) << text; }, {}};
    return h;
}

}  // namespace aio::py
