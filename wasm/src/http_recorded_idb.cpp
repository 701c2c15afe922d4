// Recorded responses in wasm: kept in IndexedDB by Emscripten's Fetch API (linked with -sFETCH=1),
// in its persistent store (database "emscripten_filesystem", object store FILES, keyed by the
// record's key): "EM_IDB_STORE" writes a record, a GET with EMSCRIPTEN_FETCH_NO_DOWNLOAD reads
// one back without touching the network. The callbacks come from the JS event loop; the loop is
// held (hold_external) until they do, so it waits for them rather than reporting a deadlock.
#include "http_backend.hpp"

#include "aio/future.hpp"
#include "aio/loop.hpp"

#include <emscripten/emscripten.h>
#include <emscripten/fetch.h>

#include <cstring>
#include <memory>

namespace aio::http::detail {

namespace {

// One operation in flight, shared by its callback and the awaiting frame: whichever ends first
// (the callback settling it, or the frame abandoning it on cancellation) releases the loop's hold.
struct pending_fetch {
    future<std::optional<std::string>> result;
    event_loop* loop;
    bool settled = false, abandoned = false;
};

void finish(emscripten_fetch_t* f, bool ok) {
    auto* holder = static_cast<std::shared_ptr<pending_fetch>*>(f->userData);
    std::shared_ptr<pending_fetch> p = std::move(*holder);
    delete holder;
    std::optional<std::string> data;
    if (ok) data.emplace(f->data ? std::string(f->data, static_cast<std::size_t>(f->numBytes)) : std::string());
    emscripten_fetch_close(f);
    if (p->abandoned) return;  // the awaiting frame is gone (its loop too, maybe)
    p->settled = true;
    p->loop->release_external();
    p->result.set_result(std::move(data));
}

struct abandon_guard {
    std::shared_ptr<pending_fetch> p;
    ~abandon_guard() {
        if (p->settled || p->abandoned) return;
        p->abandoned = true;
        p->loop->release_external();
    }
};

coro<std::optional<std::string>> idb_fetch(const char* method, unsigned attributes, const std::string& key,
                                          const std::string* data) {
    event_loop& loop = get_running_loop();
    auto p = std::make_shared<pending_fetch>(pending_fetch{loop.create_future<std::optional<std::string>>(), &loop});
    emscripten_fetch_attr_t attr;
    emscripten_fetch_attr_init(&attr);
    std::strcpy(attr.requestMethod, method);
    attr.attributes = attributes;
    if (data) {  // copied by the Fetch API before emscripten_fetch returns
        attr.requestData = data->data();
        attr.requestDataSize = data->size();
    }
    attr.userData = new std::shared_ptr<pending_fetch>(p);
    attr.onsuccess = [](emscripten_fetch_t* f) { finish(f, true); };
    attr.onerror = [](emscripten_fetch_t* f) { finish(f, false); };
    loop.hold_external();
    abandon_guard guard{p};
    if (!emscripten_fetch(&attr, key.c_str())) {  // refused at once (no callback will come)
        delete static_cast<std::shared_ptr<pending_fetch>*>(attr.userData);
        co_return std::nullopt;
    }
    co_return co_await p->result;
}

}  // namespace

bool recording_available() {
    return EM_ASM_INT({ return typeof indexedDB !== 'undefined'; }) != 0;
}

coro<std::optional<std::string>> recording_load(std::string key) {
    co_return co_await idb_fetch("GET", EMSCRIPTEN_FETCH_LOAD_TO_MEMORY | EMSCRIPTEN_FETCH_NO_DOWNLOAD, key, nullptr);
}

coro<bool> recording_store(std::string key, std::string data) {
    co_return (co_await idb_fetch("EM_IDB_STORE", EMSCRIPTEN_FETCH_REPLACE, key, &data)).has_value();
}

}  // namespace aio::http::detail
