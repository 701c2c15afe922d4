// Python's repr of floats, str and bytes (aio/detail/python_repr.hpp).
#include "aio/detail/python_repr.hpp"

#include "aio/detail/utf8.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace aio::detail {

namespace {
// Shortest digits that round-trip (libc++ 13 in Emscripten has no floating to_chars):
// the smallest %.*e precision whose output parses back to d. Returns digits and the exponent.
void shortest_digits(double d, std::string& digits, int& exp10) {
    char buf[40];
    for (int p = 0; p < 17; ++p) {
        std::snprintf(buf, sizeof buf, "%.*e", p, d);
        if (std::strtod(buf, nullptr) == d) break;
    }
    std::string s = buf;
    std::size_t e = s.find('e');
    exp10 = std::atoi(s.c_str() + e + 1);
    digits.clear();
    for (std::size_t i = 0; i < e; ++i)
        if (s[i] >= '0' && s[i] <= '9') digits.push_back(s[i]);
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
}
}  // namespace

std::string python_float_repr(double d) {
    if (std::isnan(d)) return "nan";
    if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
    if (d == 0.0) return std::signbit(d) ? "-0.0" : "0.0";
    std::string sign = d < 0 ? "-" : "";
    std::string digits;
    int exp10;
    shortest_digits(std::fabs(d), digits, exp10);
    int decpt = exp10 + 1;  // digits[0] sits just before position decpt
    auto n = static_cast<int>(digits.size());
    if (decpt > -4 && decpt <= 16) {  // CPython's repr switches to exponent notation outside this
        if (decpt <= 0) return sign + "0." + std::string(static_cast<std::size_t>(-decpt), '0') + digits;
        if (decpt >= n) return sign + digits + std::string(static_cast<std::size_t>(decpt - n), '0') + ".0";
        return sign + digits.substr(0, static_cast<std::size_t>(decpt)) + "." + digits.substr(static_cast<std::size_t>(decpt));
    }
    std::string out = sign + digits.substr(0, 1);
    if (n > 1) out += "." + digits.substr(1);
    char e[16];
    std::snprintf(e, sizeof e, "e%c%02d", exp10 < 0 ? '-' : '+', std::abs(exp10));
    return out + e;
}

namespace {
// Code points CPython's repr escapes besides ASCII controls (an approximation of
// !Py_UNICODE_ISPRINTABLE: C1 controls, separators, format chars, surrogates, private use).
bool unprintable(std::uint32_t c) {
    return (c >= 0x80 && c <= 0xA0) || c == 0xAD || (c >= 0x2000 && c <= 0x200F) ||
           (c >= 0x2028 && c <= 0x202F) || (c >= 0x205F && c <= 0x206F) || c == 0x3000 ||
           (c >= 0xD800 && c <= 0xF8FF) || c == 0xFEFF || (c >= 0xFFF0 && c <= 0xFFFB) ||
           c == 0xFFFE || c == 0xFFFF || c >= 0xF0000 || c == 0x1680 || c == 0x180E ||
           c == 0x61C || c == 0x110BD || (c >= 0xE0000 && c <= 0xE007F);
}

// Python prefers single quotes, unless the text has one and no double quote.
char quote_for(std::string_view s) {
    return s.find('\'') != std::string_view::npos && s.find('"') == std::string_view::npos ? '"' : '\'';
}

// The escapes str and bytes share; false for a character printed as itself or by the caller.
bool append_common_escape(std::string& out, std::uint32_t c, char quote) {
    if (c == static_cast<unsigned char>(quote) || c == '\\') {
        out.push_back('\\');
        out.push_back(static_cast<char>(c));
    } else if (c == '\t') {
        out += "\\t";
    } else if (c == '\n') {
        out += "\\n";
    } else if (c == '\r') {
        out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
        out += buf;
    } else {
        return false;
    }
    return true;
}
}  // namespace

bool python_printable(std::uint32_t c) { return c >= 0x20 && c != 0x7F && !unprintable(c); }

std::string python_str_repr(std::string_view s) {
    char quote = quote_for(s);
    std::string out(1, quote);
    for (std::size_t pos = 0; pos < s.size();) {
        std::size_t at = pos;
        std::uint32_t c = decode_utf8(s, pos);
        if (c == invalid_utf8) c = static_cast<unsigned char>(s[at]) | 0xDC00u;  // as surrogateescape
        if (append_common_escape(out, c, quote)) continue;
        if (c < 0x80 || !unprintable(c)) {
            append_utf8(out, c);
        } else {
            char buf[16];
            std::snprintf(buf, sizeof buf, c < 0x100 ? "\\x%02x" : c < 0x10000 ? "\\u%04x" : "\\U%08x",
                          static_cast<unsigned>(c));
            out += buf;
        }
    }
    out.push_back(quote);
    return out;
}

std::string python_bytes_repr(std::string_view s) {
    char quote = quote_for(s);
    std::string out = "b";
    out.push_back(quote);
    for (unsigned char c : s) {
        if (append_common_escape(out, c, quote)) continue;
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
        } else {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        }
    }
    out.push_back(quote);
    return out;
}

}  // namespace aio::detail
