// The host file layer under aio/files.hpp and aio/store.hpp's on-disk log: one small set of
// operations, one backend per host, chosen by CMakeLists.txt (the shared errors: fsio.cpp):
//   native  -> fsio_posix.cpp: POSIX calls on the to_thread pool (or `ex`, when given)
//   Node    -> fsio_host.cpp: fs.promises through the JS Promise interop (aio/js.hpp ids)
//   browser -> fsio_host.cpp: a virtual folder in IndexedDB ("aio-files")
// `path` on handle operations only names the file in error messages. Handles are small integers (a file descriptor natively, an id into a JS table in wasm). Errors
// are aio::files::error subclasses. No fault injection here: the public APIs apply it.
#pragma once

#include "aio/coro.hpp"
#include "aio/files.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace aio::detail::fsio {

struct open_flags {
    bool read = false;
    bool write = false;
    bool append = false;
    bool create = false;
    bool truncate = false;
    bool exclusive = false;
    bool no_follow = false;  // a symbolic link at `path` is refused (ELOOP), not followed
};

struct opened_file {
    std::int64_t handle = -1;
    std::uint64_t size = 0;  // at open (after truncation)
};

coro<opened_file> open(std::string path, open_flags flags, executor* ex = nullptr);
// Up to n bytes at offset ("" at the end).
coro<std::string> read(std::int64_t handle, std::string path, std::uint64_t offset, std::size_t n, executor* ex = nullptr);
// All of data at offset, or at the end when offset is nullopt (append).
coro<void> write(std::int64_t handle, std::string path, std::optional<std::uint64_t> offset, std::string data, executor* ex = nullptr);
coro<void> flush(std::int64_t handle, std::string path, executor* ex = nullptr);  // browser: persist; else nothing
coro<void> sync(std::int64_t handle, std::string path, executor* ex = nullptr);   // durable (fdatasync)
coro<void> close(std::int64_t handle, std::string path, executor* ex = nullptr);
void close_now(std::int64_t handle) noexcept;                    // best effort, does not wait

coro<files::stat_result> stat(std::string path, executor* ex = nullptr);
coro<std::vector<files::dir_entry>> list(std::string path, executor* ex = nullptr);
coro<void> remove(std::string path, executor* ex = nullptr);
coro<void> make_dirs(std::string path, executor* ex = nullptr);
coro<void> rename(std::string from, std::string to, executor* ex = nullptr);
coro<void> truncate(std::string path, std::uint64_t size, executor* ex = nullptr);
// fsync of a directory (makes a rename or a new file's entry durable); best effort.
coro<void> sync_dir(std::string path, executor* ex = nullptr);

// An exclusive owner lock on the file `path` (created if missing), held until unlock(). Natively
// an flock (released by the OS when the process dies); in Node the file is created exclusively
// and holds the pid (removed by unlock or at exit; a dead pid's file is taken over). handle < 0:
// someone else holds it (`holder` says who, when known). Browser: always granted (no log there).
struct lock_result {
    std::int64_t handle = -1;
    std::string holder;
};
coro<lock_result> lock(std::string path, executor* ex = nullptr);
void unlock(std::int64_t handle) noexcept;

// Whether path is a symbolic link (false if it does not exist; always false in a browser).
coro<bool> is_link(std::string path, executor* ex = nullptr);

std::string_view backend_name();

// Throws the files::error subclass for an errno-style code ("ENOENT") with the uniform message
// "<op> '<path>': <text> [<code>]" (text: the code's usual description, else `fallback`).
[[noreturn]] void throw_code(std::string_view code, std::string_view op, const std::string& path,
                             std::string_view fallback = {});
// files::io_error "<op> '<path>': is a symbolic link (not followed here) [ELOOP]".
[[noreturn]] void refuse_link(std::string_view op, const std::string& path);
// Natively: the code name of an errno value ("ENOENT").
std::string errno_name(int errnum);

}  // namespace aio::detail::fsio
