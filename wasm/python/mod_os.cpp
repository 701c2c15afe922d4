// The `os` and `os.path` modules: what the tutorials' file demos and their cleanup use (files and
// folders, the working directory, cpu_count for executor sizing, getenv), over POSIX calls —
// the real file system natively, Emscripten's in wasm (the host's files under Node's CLI, the
// in-memory folder in a page). Errors are CPython's OSError subclasses with errno and filenames.
#include "python/builtins.hpp"
#include "python/detail.hpp"
#include "python/vm.hpp"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace aio::py {

using namespace detail;

namespace {

// A path argument: str (os.PathLike is not supported).
const std::string& path_of(const Value& v, const char* fname, const char* what = "path") {
    if (!is(v, Kind::str))
        raise(exc::TypeError, std::string(fname) + ": " + what + " should be string, bytes or os.PathLike, not " +
                                  type_name(v));
    return v.as<Str>()->s;
}

bool stat_of(const std::string& path, struct stat& st) { return ::stat(path.c_str(), &st) == 0; }

// ---- os ----

Value os_getcwd(const Value*, std::size_t n, const Tuple* kw) {
    no_kwargs("getcwd", kw);
    check_args("getcwd", n, 0, 0);
    char buf[4096];
    if (!::getcwd(buf, sizeof buf)) raise_os_error(errno, Value());
    return new_str(buf);
}

Value os_listdir(const Value* a, std::size_t n, const Tuple* kw) {
    auto args = bind_args("listdir", a, n, kw, {"path"}, 0);
    Value path = args[0].is_none() ? new_str(".") : args[0];
    DIR* dir = ::opendir(path_of(path, "listdir").c_str());
    if (!dir) raise_os_error(errno, path);
    std::vector<Value> names;
    while (dirent* e = ::readdir(dir)) {
        std::string name = e->d_name;
        if (name != "." && name != "..") names.push_back(new_str(name));
    }
    ::closedir(dir);
    return new_list(std::move(names));
}

Value os_mkdir(const Value* a, std::size_t n, const Tuple* kw) {
    auto args = bind_args("mkdir", a, n, kw, {"path", "mode"}, 1);
    mode_t mode = args[1].is_none() ? 0777 : static_cast<mode_t>(as_integer(args[1]));
    if (::mkdir(path_of(args[0], "mkdir").c_str(), mode) != 0) raise_os_error(errno, args[0]);
    return Value();
}

Value os_makedirs(const Value* a, std::size_t n, const Tuple* kw) {
    auto args = bind_args("makedirs", a, n, kw, {"name", "mode", "exist_ok"}, 1);
    const std::string& path = path_of(args[0], "makedirs");
    mode_t mode = args[1].is_none() ? 0777 : static_cast<mode_t>(as_integer(args[1]));
    bool exist_ok = truthy(args[2]);
    for (std::size_t at = path.find('/', 1); at != std::string::npos; at = path.find('/', at + 1)) {
        std::string parent = path.substr(0, at);
        struct stat st {};
        if (!stat_of(parent, st) && ::mkdir(parent.c_str(), mode) != 0 && errno != EEXIST) raise_os_error(errno, new_str(parent));
    }
    if (::mkdir(path.c_str(), mode) != 0) {
        int err = errno;
        struct stat st {};
        if (err == EEXIST && exist_ok && stat_of(path, st) && S_ISDIR(st.st_mode)) return Value();
        raise_os_error(err, args[0]);
    }
    return Value();
}

template <int (*Fn)(const char*)>
Value path_call(const char* fname, const Value* a, std::size_t n, const Tuple* kw) {
    auto args = bind_args(fname, a, n, kw, {"path"}, 1);
    if (Fn(path_of(args[0], fname).c_str()) != 0) raise_os_error(errno, args[0]);
    return Value();
}
Value os_remove(const Value* a, std::size_t n, const Tuple* kw) { return path_call<::unlink>("remove", a, n, kw); }
Value os_unlink(const Value* a, std::size_t n, const Tuple* kw) { return path_call<::unlink>("unlink", a, n, kw); }
Value os_rmdir(const Value* a, std::size_t n, const Tuple* kw) { return path_call<::rmdir>("rmdir", a, n, kw); }

Value os_rename(const Value* a, std::size_t n, const Tuple* kw) {
    auto args = bind_args("rename", a, n, kw, {"src", "dst"}, 2);
    if (std::rename(path_of(args[0], "rename", "src").c_str(), path_of(args[1], "rename", "dst").c_str()) != 0)
        raise_os_error(errno, args[0], args[1]);
    return Value();
}
Value os_replace(const Value* a, std::size_t n, const Tuple* kw) { return os_rename(a, n, kw); }

Value os_getpid(const Value*, std::size_t n, const Tuple* kw) {
    no_kwargs("getpid", kw);
    check_args("getpid", n, 0, 0);
    return Value::integer(::getpid());
}

// The machine's cores (natively hardware_concurrency; in wasm the host's, or 1 without threads).
Value os_cpu_count(const Value*, std::size_t n, const Tuple* kw) {
    no_kwargs("cpu_count", kw);
    check_args("cpu_count", n, 0, 0);
    unsigned cores = std::thread::hardware_concurrency();
    return cores ? Value::integer(cores) : Value();
}

Value os_getenv(const Value* a, std::size_t n, const Tuple* kw) {
    auto args = bind_args("getenv", a, n, kw, {"key", "default"}, 1);
    if (!is(args[0], Kind::str)) raise(exc::TypeError, "str expected, not " + type_name(args[0]));
    const char* v = std::getenv(args[0].as<Str>()->s.c_str());
    return v ? new_str(v) : args[1];
}

// ---- os.path (posixpath) ----

// The path argument of an os.path function; the ones that stat it word the TypeError as stat().
const std::string& one_path(const char* fname, const Value* a, std::size_t n, const Tuple* kw, bool stats = false) {
    no_kwargs(fname, kw);
    check_args(fname, n, 1, 1);
    if (!is(a[0], Kind::str))
        raise(exc::TypeError, (stats ? "stat: path should be string, bytes, os.PathLike or integer, not "
                                     : "expected str, bytes or os.PathLike object, not ") + type_name(a[0]));
    return a[0].as<Str>()->s;
}

Value p_exists(const Value* a, std::size_t n, const Tuple* kw) {
    struct stat st {};
    return Value::boolean(stat_of(one_path("exists", a, n, kw, true), st));
}
Value p_isfile(const Value* a, std::size_t n, const Tuple* kw) {
    struct stat st {};
    return Value::boolean(stat_of(one_path("isfile", a, n, kw, true), st) && S_ISREG(st.st_mode));
}
Value p_isdir(const Value* a, std::size_t n, const Tuple* kw) {
    struct stat st {};
    return Value::boolean(stat_of(one_path("isdir", a, n, kw, true), st) && S_ISDIR(st.st_mode));
}
Value p_getsize(const Value* a, std::size_t n, const Tuple* kw) {
    struct stat st {};
    if (!stat_of(one_path("getsize", a, n, kw, true), st)) raise_os_error(errno, a[0]);
    return Value::integer(static_cast<std::int64_t>(st.st_size));
}

Value p_join(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("join", kw);
    if (n == 0) raise(exc::TypeError, "join() missing 1 required positional argument: 'a'");
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        if (!is(a[i], Kind::str))
            raise(exc::TypeError, "join() argument must be str, bytes, or os.PathLike object, not '" + type_name(a[i]) + "'");
        const std::string& part = a[i].as<Str>()->s;
        if (!part.empty() && part[0] == '/') out = part;
        else if (out.empty() || out.back() == '/') out += part;
        else out += "/" + part;
    }
    return new_str(out);
}

std::size_t tail_start(const std::string& p) { return p.rfind('/') == std::string::npos ? 0 : p.rfind('/') + 1; }

Value p_basename(const Value* a, std::size_t n, const Tuple* kw) {
    const std::string& p = one_path("basename", a, n, kw);
    return new_str(p.substr(tail_start(p)));
}
std::string head_of(const std::string& p) {
    std::string head = p.substr(0, tail_start(p));
    if (!head.empty() && head.find_first_not_of('/') != std::string::npos)
        head.erase(head.find_last_not_of('/') + 1);
    return head;
}
Value p_dirname(const Value* a, std::size_t n, const Tuple* kw) { return new_str(head_of(one_path("dirname", a, n, kw))); }
Value p_split(const Value* a, std::size_t n, const Tuple* kw) {
    const std::string& p = one_path("split", a, n, kw);
    return new_tuple({new_str(head_of(p)), new_str(p.substr(tail_start(p)))});
}
Value p_splitext(const Value* a, std::size_t n, const Tuple* kw) {
    const std::string& p = one_path("splitext", a, n, kw);
    std::size_t tail = tail_start(p), dot = p.rfind('.');
    // A leading dot of the last part (".bashrc") starts no extension.
    if (dot == std::string::npos || dot < tail || p.find_first_not_of('.', tail) > dot)
        return new_tuple({new_str(p), new_str("")});
    return new_tuple({new_str(p.substr(0, dot)), new_str(p.substr(dot))});
}
Value p_abspath(const Value* a, std::size_t n, const Tuple* kw) {
    const std::string& p = one_path("abspath", a, n, kw);
    std::string full = p;
    if (p.empty() || p[0] != '/') {
        char buf[4096];
        if (!::getcwd(buf, sizeof buf)) raise_os_error(errno, Value());
        full = std::string(buf) + "/" + p;
    }
    // normpath: drop "." and empty parts, resolve "..".
    std::vector<std::string> parts;
    for (std::size_t at = 1; at <= full.size();) {
        std::size_t end = std::min(full.find('/', at), full.size());
        std::string part = full.substr(at, end - at);
        if (part == "..") {
            if (!parts.empty()) parts.pop_back();
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
        at = end + 1;
    }
    std::string out;
    for (auto& part : parts) out += "/" + part;
    return new_str(out.empty() ? "/" : out);
}

}  // namespace

void init_os_path(Dict& ns) {
    define(ns, "sep", new_str("/"));
    define(ns, "exists", p_exists);
    define(ns, "isfile", p_isfile);
    define(ns, "isdir", p_isdir);
    define(ns, "getsize", p_getsize);
    define(ns, "join", p_join);
    define(ns, "basename", p_basename);
    define(ns, "dirname", p_dirname);
    define(ns, "split", p_split);
    define(ns, "splitext", p_splitext);
    define(ns, "abspath", p_abspath);
}

void init_os(Dict& ns) {
    define(ns, "name", new_str("posix"));
    define(ns, "sep", new_str("/"));
    define(ns, "linesep", new_str("\n"));
    define(ns, "getcwd", os_getcwd);
    define(ns, "listdir", os_listdir);
    define(ns, "mkdir", os_mkdir);
    define(ns, "makedirs", os_makedirs);
    define(ns, "remove", os_remove);
    define(ns, "unlink", os_unlink);
    define(ns, "rmdir", os_rmdir);
    define(ns, "rename", os_rename);
    define(ns, "replace", os_replace);
    define(ns, "getpid", os_getpid);
    define(ns, "cpu_count", os_cpu_count);
    define(ns, "getenv", os_getenv);
    define(ns, "path", import_module("os.path"));
}

}  // namespace aio::py
