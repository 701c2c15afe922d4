// Module.repairStore(handle): aio::store::repair of the session's storage folder's store
// (DIR/store.db) as a task on the session's loop, for sb.repairStore and the CLI's `store repair`.
// Linked into the page's module only: the widgets have no store (a recipe with storage steps
// loads the page's module).
#include "binding_results.hpp"

#include "aio/js.hpp"
#include "aio/store.hpp"

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <stdexcept>
#include <string>

namespace {

using namespace aio::sandbox::bindings;

aio::coro<std::string> repaired(std::string dir) {
    if (dir.empty()) throw std::invalid_argument("this sandbox has no storage folder");
    std::string path = dir + "/store.db";
    aio::store::repair_result r = co_await aio::store::repair(path);
    co_return json{{"path", path}, {"records_kept", r.records_kept}, {"bytes_dropped", r.bytes_dropped},
                   {"damage", r.damage}, {"backup", r.backup}}.dump();
}

// A Promise of the result as JSON text; it rejects with the store's error (in use, missing, not a
// store log, a symbolic link).
emscripten::val repair_store(double handle) {
    aio::sandbox::session& s = session_of(handle);
    auto t = s.loop().create_task(repaired(s.options().storage.dir), "store repair");
    return aio::js::to_promise(t);
}

}  // namespace

EMSCRIPTEN_BINDINGS(aio_store) { emscripten::function("repairStore", &repair_store); }
