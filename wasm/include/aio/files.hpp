// Files in the spirit of aiofiles: open / read / write / append / line iteration / stat / list /
// remove, with every blocking call kept off the loop.
//
//   co_await aio::files::with_open("notes.txt", "w", [&](aio::files::file& f) -> aio::coro<void> {
//       co_await f.write("first line\n");                 // async with aiofiles.open(p, "w") as f:
//   });                                                    //     await f.write(...)
//   co_await aio::files::with_open("notes.txt", "r", [&](aio::files::file& f) -> aio::coro<void> {
//       while (auto line = co_await f.next()) { ... }     // async for line in f:
//   });
//   aio::files::file f = co_await aio::files::open("log.txt", "a");   // f = await aiofiles.open(...)
//   co_await f.write("more\n");
//   co_await f.close();
//   std::string all = co_await aio::files::read_text("notes.txt");
//   aio::files::stat_result st = co_await aio::files::stat("notes.txt");
//   for (auto& e : co_await aio::files::list_dir(".")) ...
//
// Modes (Python's): "r" read; "w" write, create, truncate; "a" append, create; "x" create, fail if
// it exists; "+" adds the other direction ("r+", "w+", "a+", "x+"); "b" is accepted and changes
// nothing (no newline translation or encoding: strings are bytes, UTF-8 assumed).
//
// Semantics
// - with_open(path, mode, body) is `async with`: built on aio::async_with (aio/async_with.hpp) with the
//   resource opened(path, mode): its aenter opens (an open error propagates, the body never runs),
//   its aexit closes the file whatever way the body ends (value, exception, cancellation).
// - Lines include their "\n" (the last may lack it), as in Python; f.next() is the async-iterator
//   protocol (aio/generator.hpp): std::nullopt at the end, so aio::async_for works too.
// - The position is kept in C++ (tell/seek); reads go through a 64 KiB buffer; every write() is
//   one call to the host, so no data waits in a C++ buffer. sync() makes it durable (fdatasync).
// - A file not closed when it is destroyed is closed without waiting (natively at once).
// - Errors are typed, with a message that is the same on every host:
//   "open 'missing.txt': No such file or directory [ENOENT]". file_not_found (ENOENT),
//   permission_error (EACCES, EPERM), file_exists (EEXIST), is_a_directory (EISDIR),
//   not_a_directory (ENOTDIR), directory_not_empty (ENOTEMPTY), io_error (anything else, and
//   injected faults); all derive from aio::files::error (code(), path()).
// - A symbolic link as the file itself is never followed: open (and append_text, read_text) refuse
//   it with io_error "open 'PATH': is a symbolic link (not followed here) [ELOOP]", write_text
//   replaces it, as the store refuses one as its log (a path confined to a folder stays there).
// - Fault injection (aio/faults.hpp, target::files) applies before every operation.
//
// Backends (README "Hosts"):
// - native: POSIX calls (open/pread/pwrite/fdatasync/...) run on the to_thread pool.
// - Node (wasm): Node's fs.promises through the JS Promise interop (aio/js.hpp): non-blocking,
//   needs the host-driven loop (aio::run_main on the main thread).
// - browser (wasm): a virtual folder persisted in IndexedDB (database "aio-files"), which survives
//   a reload. Paths are normalized to absolute ("notes.txt" is "/notes.txt"); "/" always exists,
//   other directories must be made with make_dirs. An open file is edited in memory and written
//   back to IndexedDB by flush(), sync() and close().
#pragma once

#include "aio/coro.hpp"
#include "aio/async_with.hpp"

#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace aio {
class executor;
}

namespace aio::files {

// ----------------------------------------------------------------------------- errors

class error : public std::runtime_error {
public:
    error(std::string code, const std::string& what, std::string path)
        : std::runtime_error(what), code_(std::move(code)), path_(std::move(path)) {}
    const std::string& code() const noexcept { return code_; }  // "ENOENT", "EACCES", ...
    const std::string& path() const noexcept { return path_; }

private:
    std::string code_;
    std::string path_;
};

#define AIO_FILES_ERROR(name)                        \
    class name : public error {                      \
    public:                                          \
        using error::error;                          \
    }
AIO_FILES_ERROR(file_not_found);       // ENOENT
AIO_FILES_ERROR(permission_error);     // EACCES, EPERM
AIO_FILES_ERROR(file_exists);          // EEXIST
AIO_FILES_ERROR(is_a_directory);       // EISDIR
AIO_FILES_ERROR(not_a_directory);      // ENOTDIR
AIO_FILES_ERROR(directory_not_empty);  // ENOTEMPTY
AIO_FILES_ERROR(io_error);             // everything else
#undef AIO_FILES_ERROR

// ----------------------------------------------------------------------------- metadata

struct stat_result {
    std::uint64_t size = 0;
    bool is_file = false;
    bool is_dir = false;
    double mtime = 0;  // seconds since the Unix epoch
};

struct dir_entry {
    std::string name;  // without the directory
    bool is_dir = false;
};

// ----------------------------------------------------------------------------- file

class file {
public:
    file() = default;
    file(file&& other) noexcept;
    file& operator=(file&& other) noexcept;
    file(const file&) = delete;
    file& operator=(const file&) = delete;
    ~file();  // closes without waiting if still open

    const std::string& path() const { return path_; }
    const std::string& mode() const { return mode_; }
    bool closed() const { return handle_ < 0; }

    // Up to n bytes from the position (all the rest by default); "" at the end.
    coro<std::string> read(std::size_t n = static_cast<std::size_t>(-1));
    // The next line including its "\n"; "" at the end (Python's readline()).
    coro<std::string> readline();
    // Async iteration over lines: the next line, std::nullopt at the end.
    coro<std::optional<std::string>> next();
    coro<std::vector<std::string>> readlines();
    // Writes all of data at the position (append modes: at the end); returns data.size().
    coro<std::size_t> write(std::string data);
    // Hands written data to the host's storage (browser: IndexedDB; elsewhere already there).
    coro<void> flush();
    // flush() + durable on disk (fdatasync / FileHandle.datasync()).
    coro<void> sync();
    void seek(std::uint64_t position);
    std::uint64_t tell() const { return position_; }
    coro<void> close();

    // `async with f:` on an already open file: closes it at the end.
    coro<std::reference_wrapper<file>> aenter();
    coro<bool> aexit(std::exception_ptr error);

private:
    friend coro<file> open(std::string path, std::string mode);
    friend coro<void> write_text(std::string path, std::string data);
    void check_open(std::string_view op) const;
    coro<bool> fill();  // reads the next chunk into the buffer; false at the end

    std::int64_t handle_ = -1;
    std::string path_;
    std::string mode_;
    bool readable_ = false;
    bool writable_ = false;
    bool append_ = false;
    std::uint64_t position_ = 0;
    std::uint64_t end_known_ = 0;    // append modes: size at open + bytes appended
    std::string buffer_;             // read buffer: bytes at [buffer_start_, +size)
    std::uint64_t buffer_start_ = 0;
    bool eof_seen_ = false;
};

// Opens path (see the modes above).
coro<file> open(std::string path, std::string mode = "r");

// The `async with aiofiles.open(path, mode) as f` resource: aenter opens, aexit closes.
class opened {
public:
    opened(std::string path, std::string mode = "r") : path_(std::move(path)), mode_(std::move(mode)) {}
    coro<std::reference_wrapper<file>> aenter();
    coro<bool> aexit(std::exception_ptr error);

private:
    std::string path_;
    std::string mode_;
    file file_;
};

// async with aiofiles.open(path, mode) as f: body(f). Result as aio::async_with's: coro<void> for
// a coro<void> body, coro<std::optional<R>> for a coro<R> body (always engaged: nothing is
// suppressed).
template <class Body>
coro<aio::detail::with_result_t<aio::detail::body_result_t<opened, Body>>> with_open(std::string path,
                                                                                      std::string mode, Body body) {
    opened resource(std::move(path), std::move(mode));  // lives in this frame while the body runs
    co_return co_await aio::async_with(resource, std::move(body));
}

// ----------------------------------------------------------------------------- whole files, paths

coro<std::string> read_text(std::string path);
// Creates or replaces path atomically: writes ".NAME.tmpN" in the same folder, syncs it, renames
// it over path, syncs the folder. A failure or a crash leaves the old content whole (and a
// symbolic link at path is replaced, not written through).
coro<void> write_text(std::string path, std::string data);
coro<void> append_text(std::string path, std::string data);  // create or append
coro<stat_result> stat(std::string path);
coro<bool> exists(std::string path);
// The entries of a directory (without "." and ".."), sorted by name.
coro<std::vector<dir_entry>> list_dir(std::string path);
// Removes a file or an empty directory.
coro<void> remove(std::string path);
// Creates the directory and any missing parents (no error if it exists).
coro<void> make_dirs(std::string path);
coro<void> rename(std::string from, std::string to);

// "native", "node" or "browser": which backend this process uses.
std::string_view backend_name();

}  // namespace aio::files
