#pragma once
// UTF-8 text from outside (recipes, share links, file contents) as the sandbox shows and measures
// it: invalid bytes become U+FFFD, lengths count characters (code points, what JSON Schema's
// maxLength counts), and text is cut only between characters.

#include <cstddef>
#include <string>
#include <string_view>

namespace aio::sandbox::utf8 {

// Well-formed UTF-8: no overlongs, surrogates, code points past U+10FFFF or cut sequences.
bool valid(std::string_view s);

// `s` with each invalid byte sequence replaced by U+FFFD (valid text is returned unchanged).
std::string well_formed(std::string_view s);

// The number of characters (code points) of valid UTF-8 text.
std::size_t length(std::string_view s);

// At most `max_bytes` of `s`, never cutting a character in two.
std::string_view clip(std::string_view s, std::size_t max_bytes);

// JSON text with each lone surrogate escape (\ud800 without its pair, or a stray \udc00) turned
// into \ufffd, so such a string reads as U+FFFD (as a JS string's lone surrogate does) instead of
// failing to parse. Everything else is unchanged.
std::string json_lone_surrogates(std::string_view json);

}  // namespace aio::sandbox::utf8
