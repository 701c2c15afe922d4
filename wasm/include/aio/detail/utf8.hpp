// UTF-8 encoding and decoding, one implementation for the runtime's Python printing (python_repr)
// and the Python front-end (its str, lexer, json).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace aio::detail {

inline constexpr std::uint32_t invalid_utf8 = 0xFFFFFFFFu;

// Appends the UTF-8 encoding of cp (1 to 4 bytes; surrogates encode as 3 bytes, as Python's str
// holds them).
void append_utf8(std::string& out, std::uint32_t cp);

// The code point at s[pos], advancing pos past it; invalid_utf8 (pos advanced by one byte) for
// a bad lead or continuation byte or a truncated sequence. Lenient as a str's storage needs:
// encoded surrogates are accepted. strict_utf8 below is what source text must be.
std::uint32_t decode_utf8(std::string_view s, std::size_t& pos);

// As decode_utf8, but also refuses overlong forms, surrogates and code points past U+10FFFF;
// pos is left where it was on failure.
std::uint32_t decode_strict_utf8(std::string_view s, std::size_t& pos);

}  // namespace aio::detail
