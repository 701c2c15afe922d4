#include "python/string_literal.hpp"

#include "python/lexer.hpp"

#include "aio/detail/utf8.hpp"

namespace aio::py {

literal_prefix read_prefix(std::string_view text) {
    literal_prefix p;
    while (p.length < text.size() && text[p.length] != '"' && text[p.length] != '\'') {
        switch (text[p.length] | 0x20) {
            case 'r': p.raw = true; break;
            case 'b': p.bytes = true; break;
            case 'f': p.fstring = true; break;
            default: p.unicode = true; break;
        }
        p.length++;
    }
    const std::string_view rest = text.substr(p.length);
    if (rest.size() >= 6 && rest[0] == rest[1] && rest[1] == rest[2]) p.quote = 3;
    return p;
}

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string position_range(std::size_t from, std::size_t to) {
    return "position " + std::to_string(from) + "-" + std::to_string(to);
}

} // namespace

void decode_literal(std::string_view body, const literal_prefix& prefix, std::string& out) {
    if (prefix.raw) {
        if (prefix.bytes) {
            for (unsigned char c : body) {
                if (c >= 0x80) throw literal_error("bytes can only contain ASCII literal characters");
            }
        }
        out.append(body);
        return;
    }
    std::size_t i = 0;
    while (i < body.size()) {
        const char c = body[i];
        if (c != '\\') {
            if (prefix.bytes && static_cast<unsigned char>(c) >= 0x80)
                throw literal_error("bytes can only contain ASCII literal characters");
            out += c;
            i++;
            continue;
        }
        const std::size_t at = i;
        i++;
        if (i >= body.size()) {
            out += '\\';
            break;
        }
        const char e = body[i++];
        switch (e) {
            case '\n': break;
            case '\\': out += '\\'; break;
            case '\'': out += '\''; break;
            case '"': out += '"'; break;
            case 'a': out += '\a'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'v': out += '\v'; break;
            case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
                unsigned long v = static_cast<unsigned long>(e - '0');
                for (int k = 0; k < 2 && i < body.size() && body[i] >= '0' && body[i] <= '7'; k++)
                    v = v * 8 + static_cast<unsigned long>(body[i++] - '0');
                if (prefix.bytes) out += static_cast<char>(v & 0xff);
                else aio::detail::append_utf8(out, static_cast<std::uint32_t>(v));
                break;
            }
            case 'x': case 'u': case 'U': {
                if (prefix.bytes && e != 'x') {
                    out += '\\';
                    out += e;
                    break;
                }
                const int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                unsigned long v = 0;
                int n = 0;
                while (n < digits && i < body.size() && hex_value(body[i]) >= 0) {
                    v = v * 16 + static_cast<unsigned long>(hex_value(body[i++]));
                    n++;
                }
                if (n < digits) {
                    if (prefix.bytes)
                        throw literal_error("(value error) invalid \\x escape at position " +
                                            std::to_string(at));
                    const char* what = e == 'x' ? "truncated \\xXX escape"
                                       : e == 'u' ? "truncated \\uXXXX escape"
                                                  : "truncated \\UXXXXXXXX escape";
                    throw literal_error("(unicode error) 'unicodeescape' codec can't decode bytes in " +
                                        position_range(at, i - 1) + ": " + what);
                }
                if (prefix.bytes) {
                    out += static_cast<char>(v);
                } else if (v > 0x10ffff) {
                    throw literal_error("(unicode error) 'unicodeescape' codec can't decode bytes in " +
                                        position_range(at, i - 1) + ": illegal Unicode character");
                } else {
                    aio::detail::append_utf8(out, static_cast<std::uint32_t>(v));
                }
                break;
            }
            case 'N':
                if (!prefix.bytes)
                    throw literal_error("(unicode error) \\N{...} escapes are not supported here");
                out += "\\N";
                break;
            default:
                // Unknown escapes stay as written (CPython only warns).
                out += '\\';
                i--;
                break;
        }
    }
}

} // namespace aio::py
