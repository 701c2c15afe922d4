// The host file layer (see aio/detail/fsio.hpp): the errors shared by every backend
// (fsio_posix.cpp natively, fsio_host.cpp in wasm).
#include "aio/detail/fsio.hpp"

namespace aio::detail::fsio {

namespace {
struct code_info {
    const char* code;
    const char* text;
};
// The usual descriptions (glibc's strerror texts), so messages read the same on every host.
constexpr code_info known_codes[] = {
    {"ENOENT", "No such file or directory"}, {"EACCES", "Permission denied"},
    {"EPERM", "Operation not permitted"},    {"EEXIST", "File exists"},
    {"EISDIR", "Is a directory"},            {"ENOTDIR", "Not a directory"},
    {"ENOTEMPTY", "Directory not empty"},    {"EBADF", "Bad file descriptor"},
    {"EINVAL", "Invalid argument"},          {"ENOSPC", "No space left on device"},
    {"EROFS", "Read-only file system"},      {"EMFILE", "Too many open files"},
    {"ENAMETOOLONG", "File name too long"},  {"EBUSY", "Device or resource busy"},
    {"EXDEV", "Invalid cross-device link"},  {"EIO", "Input/output error"},
    {"ELOOP", "Too many levels of symbolic links"},
};
}  // namespace

void refuse_link(std::string_view op, const std::string& path) {
    throw files::io_error("ELOOP", std::string(op) + " '" + path + "': is a symbolic link (not followed here) [ELOOP]", path);
}

void throw_code(std::string_view code, std::string_view op, const std::string& path, std::string_view fallback) {
    std::string text(fallback);
    for (const auto& k : known_codes)
        if (code == k.code) text = k.text;
    if (text.empty()) text = "error";
    std::string what = std::string(op) + " '" + path + "': " + text + " [" + std::string(code) + "]";
    std::string c(code);
    if (code == "ENOENT") throw files::file_not_found(c, what, path);
    if (code == "EACCES" || code == "EPERM") throw files::permission_error(c, what, path);
    if (code == "EEXIST") throw files::file_exists(c, what, path);
    if (code == "EISDIR") throw files::is_a_directory(c, what, path);
    if (code == "ENOTDIR") throw files::not_a_directory(c, what, path);
    if (code == "ENOTEMPTY") throw files::directory_not_empty(c, what, path);
    throw files::io_error(c, what, path);
}

}  // namespace aio::detail::fsio
