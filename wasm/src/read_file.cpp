#include "aio/detail/read_file.hpp"

#include <cstdio>
#include <memory>

namespace aio::detail {

std::optional<std::string> read_file(const std::string& path) {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!f) return std::nullopt;
    std::string text;
    char chunk[8192];
    while (std::size_t n = std::fread(chunk, 1, sizeof chunk, f.get())) text.append(chunk, n);
    if (std::ferror(f.get())) return std::nullopt;
    return text;
}

}  // namespace aio::detail
