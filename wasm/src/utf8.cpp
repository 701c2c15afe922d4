// UTF-8 (aio/detail/utf8.hpp).
#include "aio/detail/utf8.hpp"

namespace aio::detail {

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::uint32_t decode_utf8(std::string_view s, std::size_t& pos) {
    auto c = static_cast<unsigned char>(s[pos++]);
    if (c < 0x80) return c;
    int extra = c >= 0xF0 && c < 0xF8 ? 3 : c >= 0xE0 && c < 0xF0 ? 2 : c >= 0xC2 && c < 0xE0 ? 1 : -1;
    if (extra < 0 || pos + static_cast<std::size_t>(extra) > s.size()) return invalid_utf8;
    std::uint32_t cp = c & (0x3Fu >> extra);
    for (int i = 0; i < extra; ++i) {
        auto d = static_cast<unsigned char>(s[pos + static_cast<std::size_t>(i)]);
        if ((d & 0xC0) != 0x80) return invalid_utf8;
        cp = (cp << 6) | (d & 0x3Fu);
    }
    pos += static_cast<std::size_t>(extra);
    return cp;
}

std::uint32_t decode_strict_utf8(std::string_view s, std::size_t& pos) {
    std::size_t next = pos;
    std::uint32_t cp = decode_utf8(s, next);
    static constexpr std::uint32_t shortest_from[5] = {0, 0, 0x80, 0x800, 0x10000};  // by length
    if (cp == invalid_utf8 || cp < shortest_from[next - pos] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return invalid_utf8;
    pos = next;
    return cp;
}

}  // namespace aio::detail
