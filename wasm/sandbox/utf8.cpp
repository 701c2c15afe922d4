#include "utf8.hpp"

#include <cstdint>

namespace aio::sandbox::utf8 {

namespace {

// The length in bytes of the well-formed sequence at s[i], or 0 if there is none.
std::size_t sequence_at(std::string_view s, std::size_t i) {
    static constexpr std::uint32_t min_of[] = {0, 0x80, 0x800, 0x10000};
    auto lead = static_cast<unsigned char>(s[i]);
    std::size_t n;  // continuation bytes
    if (lead < 0x80) return 1;
    if ((lead >> 5) == 0x6) {
        n = 1;
    } else if ((lead >> 4) == 0xE) {
        n = 2;
    } else if ((lead >> 3) == 0x1E) {
        n = 3;
    } else {
        return 0;
    }
    if (s.size() - i <= n) return 0;
    std::uint32_t cp = lead & (0x7Fu >> n);
    for (std::size_t k = 1; k <= n; ++k) {
        auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (c & 0x3F);
    }
    if (cp < min_of[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n + 1;
}

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The code unit of a \uXXXX escape at json[i] ('\\'), or -1.
long escape_at(std::string_view json, std::size_t i) {
    if (i + 6 > json.size() || json[i] != '\\' || json[i + 1] != 'u') return -1;
    long v = 0;
    for (std::size_t k = 2; k < 6; ++k) {
        int d = hex_digit(json[i + k]);
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    return v;
}

}  // namespace

bool valid(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        std::size_t n = sequence_at(s, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

std::string well_formed(std::string_view s) {
    if (valid(s)) return std::string(s);
    std::string out;
    out.reserve(s.size() + 8);
    for (std::size_t i = 0; i < s.size();) {
        std::size_t n = sequence_at(s, i);
        if (n > 0) {
            out.append(s.substr(i, n));
            i += n;
            continue;
        }
        // One U+FFFD for a bad lead byte and the continuation bytes that follow it.
        out += "\xEF\xBF\xBD";
        ++i;
        while (i < s.size() && is_continuation(s[i])) ++i;
    }
    return out;
}

std::size_t length(std::string_view s) {
    std::size_t n = 0;
    for (char c : s) n += !is_continuation(c);
    return n;
}

std::string_view clip(std::string_view s, std::size_t max_bytes) {
    if (s.size() <= max_bytes) return s;
    while (max_bytes > 0 && is_continuation(s[max_bytes])) --max_bytes;
    return s.substr(0, max_bytes);
}

std::string json_lone_surrogates(std::string_view json) {
    if (json.find("\\u") == std::string_view::npos) return std::string(json);
    std::string out;
    out.reserve(json.size());
    bool in_string = false;
    for (std::size_t i = 0; i < json.size(); ++i) {
        char c = json[i];
        if (!in_string) {
            in_string = c == '"';
            out += c;
            continue;
        }
        if (c == '"') {
            in_string = false;
        } else if (c == '\\' && i + 1 < json.size()) {
            long unit = escape_at(json, i);
            if (unit >= 0xD800 && unit <= 0xDBFF) {
                long low = escape_at(json, i + 6);
                if (low >= 0xDC00 && low <= 0xDFFF) {  // a pair: keep both
                    out.append(json.substr(i, 12));
                    i += 11;
                } else {
                    out += "\\ufffd";
                    i += 5;
                }
            } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
                out += "\\ufffd";
                i += 5;
            } else {  // any other escape: copy its two characters
                out += c;
                out += json[++i];
            }
            continue;
        }
        out += c;
    }
    return out;
}

}  // namespace aio::sandbox::utf8
