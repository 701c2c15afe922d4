// The native file backend (see aio/detail/fsio.hpp): POSIX calls on the to_thread pool (or `ex`,
// when given).
#include "aio/detail/fsio.hpp"

#include "aio/thread.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace aio::detail::fsio {

std::string errno_name(int e) {
    switch (e) {
    case ENOENT: return "ENOENT";
    case EACCES: return "EACCES";
    case EPERM: return "EPERM";
    case EEXIST: return "EEXIST";
    case EISDIR: return "EISDIR";
    case ENOTDIR: return "ENOTDIR";
    case ENOTEMPTY: return "ENOTEMPTY";
    case EBADF: return "EBADF";
    case EINVAL: return "EINVAL";
    case ENOSPC: return "ENOSPC";
    case EROFS: return "EROFS";
    case EMFILE: return "EMFILE";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case EBUSY: return "EBUSY";
    case EXDEV: return "EXDEV";
    case EIO: return "EIO";
    case ELOOP: return "ELOOP";
    default: return "E" + std::to_string(e);
    }
}

std::string_view backend_name() { return "native"; }

namespace {

[[noreturn]] void fail(const char* op, const std::string& path) {
    int e = errno;
    throw_code(errno_name(e), op, path, std::strerror(e));
}

// The blocking call on the default pool (to_thread) or on `ex`.
// g++ 12 destroys a capturing lambda twice when it is a temporary inside a co_await expression,
// so callers name the lambda and pass it by reference: `auto work = [...]{...};
// co_await blocking(ex, std::move(work));`.
template <class F>
auto blocking(executor* ex, F&& f) {
    return aio::detail::call_in_thread(ex, aio::detail::bind_call(std::move(f)));
}

}  // namespace

coro<opened_file> open(std::string path, open_flags f, executor* ex) {
    auto work = [path, f]() -> opened_file {
        int flags = O_CLOEXEC;
        flags |= f.read && (f.write || f.append) ? O_RDWR : (f.write || f.append) ? O_WRONLY : O_RDONLY;
        if (f.append) flags |= O_APPEND;
        if (f.create) flags |= O_CREAT;
        if (f.truncate) flags |= O_TRUNC;
        if (f.exclusive) flags |= O_EXCL;
        if (f.no_follow) flags |= O_NOFOLLOW;
        int fd;
        do fd = ::open(path.c_str(), flags, 0666);
        while (fd < 0 && errno == EINTR);
        if (fd < 0 && errno == ELOOP && f.no_follow) refuse_link("open", path);
        if (fd < 0) fail("open", path);
        struct stat st {};
        if (::fstat(fd, &st) != 0) {
            int e = errno;
            ::close(fd);
            errno = e;
            fail("open", path);
        }
        if (S_ISDIR(st.st_mode)) {
            ::close(fd);
            throw_code("EISDIR", "open", path);
        }
        return {fd, static_cast<std::uint64_t>(st.st_size)};
    };
    co_return co_await blocking(ex, std::move(work));
}

coro<std::string> read(std::int64_t h, std::string path, std::uint64_t offset, std::size_t n, executor* ex) {
    auto work = [h, path, offset, n]() {
        std::string out(n, '\0');
        std::size_t got = 0;
        while (got < n) {
            ssize_t r = ::pread(static_cast<int>(h), out.data() + got, n - got, static_cast<off_t>(offset + got));
            if (r < 0 && errno == EINTR) continue;
            if (r < 0) fail("read", path);
            if (r == 0) break;
            got += static_cast<std::size_t>(r);
        }
        out.resize(got);
        return out;
    };
    co_return co_await blocking(ex, std::move(work));
}

coro<void> write(std::int64_t h, std::string path, std::optional<std::uint64_t> offset, std::string data, executor* ex) {
    auto work = [h, path, offset, data = std::move(data)]() {
        std::size_t done = 0;
        while (done < data.size()) {
            ssize_t r = offset ? ::pwrite(static_cast<int>(h), data.data() + done, data.size() - done,
                                          static_cast<off_t>(*offset + done))
                               : ::write(static_cast<int>(h), data.data() + done, data.size() - done);
            if (r < 0 && errno == EINTR) continue;
            if (r < 0) fail("write", path);
            done += static_cast<std::size_t>(r);
        }
    };
    co_await blocking(ex, std::move(work));
}

coro<void> flush(std::int64_t, std::string, executor*) { co_return; }

coro<void> sync(std::int64_t h, std::string path, executor* ex) {
    auto work = [h, path]() {
        if (::fdatasync(static_cast<int>(h)) != 0) fail("sync", path);
    };
    co_await blocking(ex, std::move(work));
}

coro<void> close(std::int64_t h, std::string path, executor*) {
    // close(2) does not block on a regular file: no thread hop needed.
    if (::close(static_cast<int>(h)) != 0 && errno != EINTR) fail("close", path);
    co_return;
}

void close_now(std::int64_t h) noexcept { ::close(static_cast<int>(h)); }

coro<files::stat_result> stat(std::string path, executor* ex) {
    auto work = [path]() {
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0) fail("stat", path);
        files::stat_result r;
        r.size = static_cast<std::uint64_t>(st.st_size);
        r.is_file = S_ISREG(st.st_mode);
        r.is_dir = S_ISDIR(st.st_mode);
        r.mtime = static_cast<double>(st.st_mtim.tv_sec) + static_cast<double>(st.st_mtim.tv_nsec) * 1e-9;
        return r;
    };
    co_return co_await blocking(ex, std::move(work));
}

coro<std::vector<files::dir_entry>> list(std::string path, executor* ex) {
    auto work = [path]() {
        DIR* d = ::opendir(path.c_str());
        if (!d) fail("list", path);
        std::vector<files::dir_entry> out;
        while (dirent* e = ::readdir(d)) {
            std::string name = e->d_name;
            if (name == "." || name == "..") continue;
            bool dir = e->d_type == DT_DIR;
            if (e->d_type == DT_UNKNOWN || e->d_type == DT_LNK) {
                struct stat st {};
                if (::fstatat(::dirfd(d), e->d_name, &st, 0) == 0) dir = S_ISDIR(st.st_mode);
            }
            out.push_back({std::move(name), dir});
        }
        ::closedir(d);
        std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
        return out;
    };
    co_return co_await blocking(ex, std::move(work));
}

coro<void> remove(std::string path, executor* ex) {
    auto work = [path]() {
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0) fail("remove", path);
        if ((S_ISDIR(st.st_mode) ? ::rmdir(path.c_str()) : ::unlink(path.c_str())) != 0) fail("remove", path);
    };
    co_await blocking(ex, std::move(work));
}

coro<void> make_dirs(std::string path, executor* ex) {
    auto work = [path]() {
        std::size_t pos = 0;
        while (pos != std::string::npos) {
            pos = path.find('/', pos + 1);
            std::string part = path.substr(0, pos);
            if (part.empty()) continue;
            if (::mkdir(part.c_str(), 0777) == 0) continue;
            if (errno != EEXIST) fail("make_dirs", path);
            struct stat st {};
            if (::stat(part.c_str(), &st) != 0) fail("make_dirs", path);
            if (!S_ISDIR(st.st_mode)) throw_code(pos == std::string::npos ? "EEXIST" : "ENOTDIR", "make_dirs", path);
        }
    };
    co_await blocking(ex, std::move(work));
}

coro<void> rename(std::string from, std::string to, executor* ex) {
    auto work = [from, to]() {
        if (::rename(from.c_str(), to.c_str()) != 0) fail("rename", from);
    };
    co_await blocking(ex, std::move(work));
}

coro<void> truncate(std::string path, std::uint64_t size, executor* ex) {
    auto work = [path, size]() {
        if (::truncate(path.c_str(), static_cast<off_t>(size)) != 0) fail("truncate", path);
    };
    co_await blocking(ex, std::move(work));
}

coro<void> sync_dir(std::string path, executor* ex) {
    auto work = [path]() {
        int fd = ::open(path.empty() ? "." : path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) fail("sync_dir", path);
        ::fsync(fd);  // best effort: some file systems refuse directory fsync (EINVAL)
        ::close(fd);
    };
    co_await blocking(ex, std::move(work));
}

coro<lock_result> lock(std::string path, executor* ex) {
    auto work = [path]() -> lock_result {
        int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
        if (fd < 0 && errno == ELOOP) refuse_link("lock", path);
        if (fd < 0) fail("lock", path);
        // flock, not fcntl: it also excludes a second open in this process, and dies with us.
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            int e = errno;
            char pid[32] = {};
            ssize_t n = ::pread(fd, pid, sizeof pid - 1, 0);
            ::close(fd);
            if (e != EWOULDBLOCK) {
                errno = e;
                fail("lock", path);
            }
            return {-1, n > 0 ? "pid " + std::string(pid, static_cast<std::size_t>(n)) : "another process"};
        }
        std::string pid = std::to_string(::getpid());
        if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
            ::close(fd);
            fail("lock", path);
        }
        return {fd, ""};
    };
    co_return co_await blocking(ex, std::move(work));
}

coro<bool> is_link(std::string path, executor* ex) {
    auto work = [path]() {
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0) {
            if (errno == ENOENT) return false;
            fail("lstat", path);
        }
        return S_ISLNK(st.st_mode);
    };
    co_return co_await blocking(ex, std::move(work));
}

void unlock(std::int64_t h) noexcept {
    if (h >= 0) ::close(static_cast<int>(h));  // releases the flock
}

}  // namespace aio::detail::fsio
