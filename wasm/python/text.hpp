// The repr text of floats, str and bytes (text.cpp): shared by the object model and the
// parser's ast_dump, which must not see the object model's names.
#pragma once

#include <string>
#include <string_view>

namespace aio::py::detail {

std::string float_repr(double d);       // repr(float): shortest round-trip digits
std::string str_repr(std::string_view s);    // repr(str): CPython's quote choice and escapes
std::string bytes_repr(std::string_view s);  // repr(bytes)

}  // namespace aio::py::detail
