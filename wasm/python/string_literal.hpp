// Decoding of Python string and bytes literal bodies (the escapes of CPython 3.11). f-strings are
// split into fields by the parser; their literal parts come through here too.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace aio::py {

struct literal_prefix {
    bool raw = false, bytes = false, fstring = false, unicode = false;
    std::size_t length = 0;  // prefix letters
    std::size_t quote = 1;   // 1 or 3
};

// The prefix and quote length of a STRING token's text.
literal_prefix read_prefix(std::string_view token_text);

// Thrown with CPython's message when an escape is invalid (e.g. a truncated \x escape).
struct literal_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Appends the decoded body to `out` (UTF-8 for str, raw bytes for bytes). Raw bodies are copied.
void decode_literal(std::string_view body, const literal_prefix& prefix, std::string& out);

} // namespace aio::py
