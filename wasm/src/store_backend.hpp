// What store.cpp's transaction engine needs from a backend, and the backends:
//   memory_backend (store_memory.hpp/.cpp)  every host: database::memory()
//   open_log_store (store_log_backend.cpp)  every host: a log file, where the host has no store
//   open_host_store(), defined by exactly one file chosen by CMakeLists.txt:
//     store_indexeddb.cpp (wasm)  -> IndexedDB in a browser; under Node none
//     store_native.cpp (native)   -> none
#pragma once

#include "aio/detail/store_log.hpp"
#include "aio/store.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aio::store::detail {

inline store_not_found no_store(const std::string& name) {
    return store_not_found("no object store '" + name + "'");
}

class backend {
public:
    virtual ~backend() = default;
    virtual std::string_view name() const = 0;
    virtual std::vector<std::string> stores() const = 0;
    virtual bool has_store(const std::string& name) const = 0;
    virtual coro<std::optional<json>> get(const std::string& s, const key& k) = 0;
    virtual coro<std::vector<record>> select(const std::string& s, const query& q) = 0;
    virtual coro<std::size_t> count(const std::string& s, const key_range& r) = 0;
    // Makes ops durable (log); nothing to do elsewhere. Runs outside the gate.
    virtual coro<void> prepare(const std::vector<write_op>& ops) = 0;
    // Makes ops visible, in one step as far as readers can tell (they are kept out meanwhile).
    virtual coro<void> apply(const std::vector<write_op>& ops) = 0;
    virtual coro<void> after_commit(store::stats&) { co_return; }
    virtual coro<void> compact(store::stats&) { co_return; }
    virtual coro<void> close() = 0;
    virtual void close_now() noexcept = 0;
};

// The log file at `path`: locked, replayed (counted in `st`) and open for appending. io_error
// when a file call fails; locked_error, corrupt_error, damaged_error as database::open says.
coro<std::unique_ptr<backend>> open_log_store(const std::string& path, const open_options& options, store::stats& st);

// The host's own store named `path`, opened with options.stores; nullptr when the host has none.
coro<std::unique_ptr<backend>> open_host_store(const std::string& path, const open_options& options);

}  // namespace aio::store::detail
