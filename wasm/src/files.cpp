// aio::files (see aio/files.hpp): the host-independent file object (modes, position, read
// buffer, lines, async with) over the host file layer (aio/detail/fsio.hpp), with fault injection
// (aio/faults.hpp, target::files) before every operation.
#include "aio/files.hpp"

#include "aio/detail/fsio.hpp"
#include "aio/faults.hpp"
#include "aio/try_await.hpp"

#include <atomic>
#include <stdexcept>

namespace aio::files {

namespace fsio = aio::detail::fsio;

namespace {

constexpr std::size_t chunk_size = 64 * 1024;

coro<void> fault_point(std::string operation, std::string path) {
    if (auto failure = co_await faults::before(faults::target::files, operation + " '" + path + "'"))
        throw io_error("EIO", *failure, path);
}

struct mode_info {
    fsio::open_flags flags;
    bool readable = false;
    bool writable = false;
    bool append = false;
};

mode_info parse_mode(const std::string& mode) {
    mode_info m;
    char kind = 0;
    bool plus = false;
    for (char c : mode) {
        switch (c) {
        case 'r':
        case 'w':
        case 'a':
        case 'x':
            if (kind) throw std::invalid_argument("files::open: bad mode '" + mode + "'");
            kind = c;
            break;
        case '+':
            plus = true;
            break;
        case 'b':
        case 't':
            break;
        default:
            throw std::invalid_argument("files::open: bad mode '" + mode + "'");
        }
    }
    if (!kind) throw std::invalid_argument("files::open: bad mode '" + mode + "' (needs one of r, w, a, x)");
    m.readable = kind == 'r' || plus;
    m.writable = kind != 'r' || plus;
    m.append = kind == 'a';
    m.flags.read = m.readable;
    m.flags.write = m.writable && !m.append;
    m.flags.append = m.append;
    m.flags.create = kind != 'r';
    m.flags.truncate = kind == 'w';
    m.flags.exclusive = kind == 'x';
    m.flags.no_follow = true;  // a link could lead out of the folder the caller confined the path to
    return m;
}

}  // namespace

// ----------------------------------------------------------------------------- file

file::file(file&& o) noexcept
    : handle_(std::exchange(o.handle_, -1)),
      path_(std::move(o.path_)),
      mode_(std::move(o.mode_)),
      readable_(o.readable_),
      writable_(o.writable_),
      append_(o.append_),
      position_(o.position_),
      end_known_(o.end_known_),
      buffer_(std::move(o.buffer_)),
      buffer_start_(o.buffer_start_),
      eof_seen_(o.eof_seen_) {}

file& file::operator=(file&& o) noexcept {
    if (this != &o) {
        if (handle_ >= 0) fsio::close_now(handle_);
        handle_ = std::exchange(o.handle_, -1);
        path_ = std::move(o.path_);
        mode_ = std::move(o.mode_);
        readable_ = o.readable_;
        writable_ = o.writable_;
        append_ = o.append_;
        position_ = o.position_;
        end_known_ = o.end_known_;
        buffer_ = std::move(o.buffer_);
        buffer_start_ = o.buffer_start_;
        eof_seen_ = o.eof_seen_;
    }
    return *this;
}

file::~file() {
    if (handle_ >= 0) fsio::close_now(handle_);
}

void file::check_open(std::string_view op) const {
    if (handle_ < 0) throw std::logic_error(std::string("files: ") + std::string(op) + " on a closed file");
}

coro<file> open(std::string path, std::string mode) {
    mode_info m = parse_mode(mode);
    co_await fault_point("open", path);
    fsio::opened_file opened = co_await fsio::open(path, m.flags);
    file f;
    f.handle_ = opened.handle;
    f.path_ = std::move(path);
    f.mode_ = std::move(mode);
    f.readable_ = m.readable;
    f.writable_ = m.writable;
    f.append_ = m.append;
    f.end_known_ = opened.size;
    f.position_ = m.append ? opened.size : 0;
    co_return f;
}

coro<bool> file::fill() {
    // Buffer holds [buffer_start_, +size); position_ may be inside it. Read the next chunk after it.
    std::uint64_t at = buffer_start_ + buffer_.size();
    if (buffer_.empty() || position_ < buffer_start_ || position_ > at) {
        buffer_.clear();
        buffer_start_ = position_;
        at = position_;
    }
    co_await fault_point("read", path_);
    std::string more = co_await fsio::read(handle_, path_, at, chunk_size);
    if (more.empty()) co_return false;
    // Drop what lies before the position, keep the rest.
    if (position_ > buffer_start_) {
        buffer_.erase(0, static_cast<std::size_t>(position_ - buffer_start_));
        buffer_start_ = position_;
    }
    buffer_ += more;
    co_return true;
}

coro<std::string> file::read(std::size_t n) {
    check_open("read");
    if (!readable_) throw io_error("EBADF", "read '" + path_ + "': file not open for reading [EBADF]", path_);
    std::string out;
    while (out.size() < n) {
        std::uint64_t end = buffer_start_ + buffer_.size();
        if (position_ >= buffer_start_ && position_ < end) {
            std::size_t from = static_cast<std::size_t>(position_ - buffer_start_);
            std::size_t take = std::min(n - out.size(), buffer_.size() - from);
            out.append(buffer_, from, take);
            position_ += take;
            continue;
        }
        if (!co_await fill()) break;
    }
    co_return out;
}

coro<std::string> file::readline() {
    check_open("readline");
    if (!readable_) throw io_error("EBADF", "read '" + path_ + "': file not open for reading [EBADF]", path_);
    std::string line;
    for (;;) {
        std::uint64_t end = buffer_start_ + buffer_.size();
        if (position_ >= buffer_start_ && position_ < end) {
            std::size_t from = static_cast<std::size_t>(position_ - buffer_start_);
            std::size_t nl = buffer_.find('\n', from);
            std::size_t stop = nl == std::string::npos ? buffer_.size() : nl + 1;
            line.append(buffer_, from, stop - from);
            position_ += stop - from;
            if (nl != std::string::npos) co_return line;
            continue;
        }
        if (!co_await fill()) co_return line;
    }
}

coro<std::optional<std::string>> file::next() {
    std::string line = co_await readline();
    if (line.empty()) co_return std::nullopt;
    co_return line;
}

coro<std::vector<std::string>> file::readlines() {
    std::vector<std::string> lines;
    while (auto line = co_await next()) lines.push_back(std::move(*line));
    co_return lines;
}

coro<std::size_t> file::write(std::string data) {
    check_open("write");
    if (!writable_) throw io_error("EBADF", "write '" + path_ + "': file not open for writing [EBADF]", path_);
    std::size_t n = data.size();
    co_await fault_point("write", path_);
    buffer_.clear();  // the read buffer may now be stale
    if (append_) {
        co_await fsio::write(handle_, path_, std::nullopt, std::move(data));
        end_known_ += n;
        position_ = end_known_;
    } else {
        co_await fsio::write(handle_, path_, position_, std::move(data));
        position_ += n;
    }
    co_return n;
}

coro<void> file::flush() {
    check_open("flush");
    co_await fault_point("flush", path_);
    co_await fsio::flush(handle_, path_);
}

coro<void> file::sync() {
    check_open("sync");
    co_await fault_point("sync", path_);
    co_await fsio::flush(handle_, path_);
    co_await fsio::sync(handle_, path_);
}

void file::seek(std::uint64_t position) {
    check_open("seek");
    position_ = position;
}

coro<void> file::close() {
    if (handle_ < 0) co_return;  // closing twice is fine, as in Python
    std::int64_t h = std::exchange(handle_, -1);
    buffer_.clear();
    // The handle is ours to close whatever happens: an injected fault still closes it.
    auto fault = co_await try_await(fault_point("close", path_));
    co_await fsio::close(h, path_);
    fault.value();
}

coro<std::reference_wrapper<file>> file::aenter() {
    check_open("async with");
    co_return std::ref(*this);
}

coro<bool> file::aexit(std::exception_ptr) {
    co_await close();
    co_return false;
}

coro<std::reference_wrapper<file>> opened::aenter() {
    file_ = co_await open(path_, mode_);
    co_return std::ref(file_);
}

coro<bool> opened::aexit(std::exception_ptr) {
    co_await file_.close();
    co_return false;
}

// ----------------------------------------------------------------------------- whole files, paths

coro<std::string> read_text(std::string path) {
    file f = co_await open(path, "r");
    std::string all = co_await f.read();
    co_await f.close();
    co_return all;
}

namespace {
// Creates path exclusively into f; false if it exists. (Not a nested try in write_text: that
// crashes clang 14's wasm back end.)
coro<bool> open_new(std::string path, file& f) {
    bool exists = false;
    try {
        f = co_await open(path, "x");
    } catch (const file_exists&) {
        exists = true;
    }
    co_return !exists;
}
}  // namespace

coro<void> write_text(std::string path, std::string data) {
    // Replaced atomically: a new file beside it, made durable, renamed over it, the folder synced.
    // A failure (or a crash) at any step leaves the old content whole.
    static std::atomic<unsigned> serial{0};
    std::size_t slash = path.rfind('/');
    std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
    std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    std::string prefix = (slash == std::string::npos ? "" : path.substr(0, slash + 1)) + "." + base + ".tmp";
    std::string tmp;
    file f;
    std::exception_ptr failure;
    try {
        // A name nobody uses: one left by a killed process (or another one's) is skipped.
        do tmp = prefix + std::to_string(++serial);
        while (!co_await open_new(tmp, f));
        co_await f.write(std::move(data));
        co_await f.sync();
        co_await f.close();
        co_await rename(tmp, path);
    } catch (...) {
        failure = std::current_exception();
    }
    if (failure) {
        if (!f.closed()) co_await fsio::close(std::exchange(f.handle_, -1), tmp);
        try {
            co_await fsio::remove(tmp);
        } catch (const error&) {
        }
        std::rethrow_exception(failure);
    }
    co_await fsio::sync_dir(dir);
}

coro<void> append_text(std::string path, std::string data) {
    file f = co_await open(path, "a");
    co_await f.write(std::move(data));
    co_await f.close();
}

coro<stat_result> stat(std::string path) {
    co_await fault_point("stat", path);
    co_return co_await fsio::stat(path);
}

coro<bool> exists(std::string path) {
    co_await fault_point("exists", path);
    bool found = true;
    try {
        co_await fsio::stat(path);
    } catch (const file_not_found&) {
        found = false;
    } catch (const not_a_directory&) {
        found = false;
    }
    co_return found;
}

coro<std::vector<dir_entry>> list_dir(std::string path) {
    co_await fault_point("list", path);
    co_return co_await fsio::list(path);
}

coro<void> remove(std::string path) {
    co_await fault_point("remove", path);
    co_await fsio::remove(path);
}

coro<void> make_dirs(std::string path) {
    co_await fault_point("make_dirs", path);
    co_await fsio::make_dirs(path);
}

coro<void> rename(std::string from, std::string to) {
    co_await fault_point("rename", from);
    co_await fsio::rename(from, to);
}

std::string_view backend_name() { return fsio::backend_name(); }

}  // namespace aio::files
