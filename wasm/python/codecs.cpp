// Text codecs: bytes.decode, str(bytes, ...), str.encode and text files. UTF-8, ASCII and
// Latin-1, with CPython's error handlers (strict, ignore, replace, surrogateescape,
// backslashreplace, xmlcharrefreplace, surrogatepass) and its UnicodeDecodeError and
// UnicodeEncodeError messages. A str holds its code points as UTF-8, surrogates included.
#include "python/detail.hpp"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <utility>

namespace aio::py::detail {

namespace {

struct codec_info {
    codec id;
    const char* name;      // as CPython's messages spell it
    std::uint32_t limit;   // the first code point it cannot encode (UTF-8: none but surrogates)
};
const codec_info codecs[] = {{codec::utf8, "utf-8", 0x110000}, {codec::ascii, "ascii", 0x80},
                             {codec::latin1, "latin-1", 0x100}};

// CPython's normalize_encoding: lower case, runs of other than letters, digits and '.' as '_'.
std::string normalized(std::string_view name) {
    std::string key;
    for (char c : name) {
        auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '.') key.push_back(static_cast<char>(std::tolower(u)));
        else if (key.empty() || key.back() != '_') key.push_back('_');
    }
    return key;
}

bool surrogate(std::uint32_t c) { return c >= 0xD800 && c <= 0xDFFF; }

// "\xe9", "\u20ac", "\U0001f600": how the messages and backslashreplace show a code point.
void append_escaped(std::string& out, std::uint32_t c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, c < 0x100 ? "\\x%02x" : c < 0x10000 ? "\\u%04x" : "\\U%08x", static_cast<unsigned>(c));
    out += buf;
}

enum class handler { strict, ignore, replace, surrogateescape, backslashreplace, xmlcharrefreplace, surrogatepass };

// The error handler named `errors`, looked up (as CPython does) only once an error needs it.
handler find_handler(const std::string& errors) {
    static const std::pair<const char*, handler> names[] = {
        {"strict", handler::strict}, {"ignore", handler::ignore}, {"replace", handler::replace},
        {"surrogateescape", handler::surrogateescape}, {"backslashreplace", handler::backslashreplace},
        {"xmlcharrefreplace", handler::xmlcharrefreplace}, {"surrogatepass", handler::surrogatepass}};
    for (const auto& [name, h] : names)
        if (errors == name) return h;
    raise(exc::LookupError, "unknown error handler name '" + errors + "'");
}

std::string string_arg(const Value* v, const char* fname, const char* what, const char* dflt) {
    if (!v) return dflt;
    if (!is(*v, Kind::str))
        raise(exc::TypeError, std::string(fname) + "() argument '" + what + "' must be str, not " + type_name(*v));
    return v->as<Str>()->s;
}

// The length of the UTF-8 sequence starting at b[i] if it is well formed; otherwise 0, with
// `end` set to the end of the maximal ill-formed part CPython reports and `reason` its message.
std::size_t utf8_sequence(std::string_view b, std::size_t i, std::size_t& end, const char*& reason) {
    auto c = static_cast<unsigned char>(b[i]);
    if (c < 0x80) return 1;
    std::size_t n;
    unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c >= 0xE0 && c <= 0xEF) n = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4) n = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    else {
        end = i + 1;
        reason = "invalid start byte";
        return 0;
    }
    for (std::size_t k = 1; k < n; ++k) {
        if (i + k >= b.size()) {
            end = b.size();
            reason = "unexpected end of data";
            return 0;
        }
        auto d = static_cast<unsigned char>(b[i + k]);
        if (k == 1 ? d < lo || d > hi : (d & 0xC0) != 0x80) {
            end = i + k;
            reason = "invalid continuation byte";
            return 0;
        }
    }
    return n;
}

[[noreturn]] void decode_error(const codec_info& codec, std::string_view b, std::size_t start, std::size_t end,
                               const char* reason) {
    char buf[200];
    if (end - start == 1)
        std::snprintf(buf, sizeof buf, "'%s' codec can't decode byte 0x%02x in position %zu: %s", codec.name,
                      static_cast<unsigned char>(b[start]), start, reason);
    else
        std::snprintf(buf, sizeof buf, "'%s' codec can't decode bytes in position %zu-%zu: %s", codec.name, start,
                      end - 1, reason);
    raise(exc::UnicodeDecodeError, buf);
}

[[noreturn]] void encode_error(const codec_info& codec, const std::vector<std::uint32_t>& cps, std::size_t start,
                               std::size_t end) {
    std::string reason = codec.id == codec::utf8 ? "surrogates not allowed"
                                                 : "ordinal not in range(" + std::to_string(codec.limit) + ")";
    std::string where;
    if (end - start == 1) {
        where = "character '";
        append_escaped(where, cps[start]);
        where += "' in position " + std::to_string(start);
    } else {
        where = "characters in position " + std::to_string(start) + "-" + std::to_string(end - 1);
    }
    raise(exc::UnicodeEncodeError, "'" + std::string(codec.name) + "' codec can't encode " + where + ": " + reason);
}

}  // namespace

codec find_codec(const std::string& encoding) {
    const std::string key = normalized(encoding);
    static const std::pair<const char*, codec> aliases[] = {
        {"utf_8", codec::utf8}, {"utf8", codec::utf8}, {"u8", codec::utf8}, {"utf", codec::utf8},
        {"cp65001", codec::utf8}, {"ascii", codec::ascii}, {"us_ascii", codec::ascii}, {"646", codec::ascii},
        {"latin_1", codec::latin1}, {"latin1", codec::latin1}, {"latin", codec::latin1}, {"l1", codec::latin1},
        {"iso_8859_1", codec::latin1}, {"iso8859_1", codec::latin1}, {"8859", codec::latin1},
        {"cp819", codec::latin1}};
    for (const auto& [alias, id] : aliases)
        if (key == alias) return id;
    // A codec CPython has but this runtime does not is named as such, not as unknown.
    for (const char* known : {"cp1252", "gbk", "gb2312", "gb18030", "big5", "cp936", "utf_16", "utf_32", "shift_jis",
                              "euc_jp", "euc_kr", "utf_8_sig", "cp437", "koi8_r", "utf_7"})
        if (key == known)
            raise(exc::LookupError, "encoding '" + encoding +
                                        "' is not supported by aio's Python (it has UTF-8, ASCII and Latin-1)");
    raise(exc::LookupError, "unknown encoding: " + encoding);
}

std::string decode_bytes(std::string_view b, codec id, const std::string& errors) {
    const codec_info& codec = codecs[static_cast<int>(id)];
    std::string out;
    out.reserve(b.size());
    for (std::size_t i = 0; i < b.size();) {
        std::size_t n = 1, end = i + 1;
        const char* reason = "ordinal not in range(128)";
        auto c = static_cast<unsigned char>(b[i]);
        if (id == codec::latin1) {
            append_utf8(out, c);
        } else if (id == codec::ascii ? c < 0x80 : (n = utf8_sequence(b, i, end, reason)) != 0) {
            out.append(b.substr(i, n));
        } else {
            switch (find_handler(errors)) {
            case handler::strict: decode_error(codec, b, i, end, reason);
            case handler::ignore: break;
            case handler::replace: append_utf8(out, 0xFFFD); break;
            case handler::surrogateescape:
                for (std::size_t k = i; k < end; ++k) append_utf8(out, 0xDC00u | static_cast<unsigned char>(b[k]));
                break;
            case handler::backslashreplace:
                for (std::size_t k = i; k < end; ++k) append_escaped(out, static_cast<unsigned char>(b[k]));
                break;
            case handler::surrogatepass: {
                // An encoded surrogate (ED A0..BF 80..BF) decodes as itself; anything else fails.
                if (id == codec::utf8 && c == 0xED && i + 2 < b.size() &&
                    (static_cast<unsigned char>(b[i + 1]) & 0xE0) == 0xA0 &&
                    (static_cast<unsigned char>(b[i + 2]) & 0xC0) == 0x80) {
                    out.append(b.substr(i, 3));
                    end = i + 3;
                    break;
                }
                decode_error(codec, b, i, end, reason);
            }
            case handler::xmlcharrefreplace:
                raise(exc::TypeError, "don't know how to handle UnicodeDecodeError in error callback");
            }
            n = end - i;
        }
        i += n;
    }
    return out;
}

std::string encode_str(std::string_view text, codec id, const std::string& errors) {
    const codec_info& codec = codecs[static_cast<int>(id)];
    auto encodable = [&](std::uint32_t c) { return id == codec::utf8 ? !surrogate(c) : c < codec.limit; };
    std::string out;
    std::vector<std::uint32_t> cps;  // filled only once something cannot be encoded
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t at = pos;
        std::uint32_t c = decode_utf8(text, pos);
        if (encodable(c)) {
            if (id == codec::utf8) out.append(text.substr(at, pos - at));
            else out.push_back(static_cast<char>(c));
            continue;
        }
        // The run of characters it cannot encode, in code point positions, goes to the handler.
        if (cps.empty())
            for (std::size_t p = 0; p < text.size();) cps.push_back(decode_utf8(text, p));
        std::size_t start = count_code_points(text.substr(0, at)), end = start + 1;
        while (end < cps.size() && !encodable(cps[end])) ++end;
        for (std::size_t k = start + 1; k < end; ++k) decode_utf8(text, pos);
        switch (find_handler(errors)) {
        case handler::strict: encode_error(codec, cps, start, end);
        case handler::ignore: break;
        case handler::replace: out.append(end - start, '?'); break;
        case handler::backslashreplace:
            for (std::size_t k = start; k < end; ++k) append_escaped(out, cps[k]);
            break;
        case handler::xmlcharrefreplace:
            for (std::size_t k = start; k < end; ++k) out += "&#" + std::to_string(cps[k]) + ";";
            break;
        case handler::surrogateescape:
            for (std::size_t k = start; k < end; ++k)
                if (cps[k] < 0xDC80 || cps[k] > 0xDCFF) encode_error(codec, cps, start, end);
            for (std::size_t k = start; k < end; ++k) out.push_back(static_cast<char>(cps[k] & 0xFF));
            break;
        case handler::surrogatepass:
            if (id != codec::utf8) encode_error(codec, cps, start, end);
            for (std::size_t k = start; k < end; ++k) append_utf8(out, cps[k]);
            break;
        }
    }
    return out;
}

std::string decode_bytes(std::string_view b, const Value* encoding, const Value* errors, const char* fname) {
    const std::string name = string_arg(encoding, fname, "encoding", "utf-8");
    const std::string handler_name = string_arg(errors, fname, "errors", "strict");
    return decode_bytes(b, find_codec(name), handler_name);
}

std::string encode_str(std::string_view text, const Value* encoding, const Value* errors, const char* fname) {
    const std::string name = string_arg(encoding, fname, "encoding", "utf-8");
    const std::string handler_name = string_arg(errors, fname, "errors", "strict");
    return encode_str(text, find_codec(name), handler_name);
}

std::string ascii_text(std::string_view repr_text) {
    std::string out;
    for (std::size_t pos = 0; pos < repr_text.size();) {
        std::size_t at = pos;
        std::uint32_t c = decode_utf8(repr_text, pos);
        if (c < 0x80) out.push_back(repr_text[at]);
        else append_escaped(out, c);
    }
    return out;
}

}  // namespace aio::py::detail
