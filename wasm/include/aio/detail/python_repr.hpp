// Python's repr of floats, str and bytes, shared by aio::sql (a row's values printed as Python
// prints them) and the Python front-end (repr, json, ast dumps, format specs), which must print
// the same text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace aio::detail {

// The shortest digits that read back as the same double, laid out as CPython's repr does: fixed
// for decimal exponents -4 to 15 (0.0001, 100000.0, -0.0), d.ddde+XX otherwise (1e-05, 1e+16);
// nan, inf, -inf.
std::string python_float_repr(double d);

// repr(str) of UTF-8 text: single quotes unless the text has one and no double quote; \t \n \r
// and other controls escaped, and the code points CPython does not print (C1 controls,
// separators, format characters, surrogates, private use) as \xNN, \uNNNN or \UNNNNNNNN. A byte
// that is not UTF-8 shows as the surrogate that surrogateescape would give it (\udcNN).
std::string python_str_repr(std::string_view utf8);

// Whether repr(str) shows code point `c` as itself (str.isprintable's test): false for controls
// and the code points listed above.
bool python_printable(std::uint32_t c);

// repr(bytes): b'...', every byte outside printable ASCII as \xNN.
std::string python_bytes_repr(std::string_view bytes);

}  // namespace aio::detail
