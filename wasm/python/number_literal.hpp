// The value of a NUMBER token (already validated by the lexer): ints of any size as decimal
// digits, floats and imaginary numbers as doubles.
#pragma once

#include "python/ast.hpp"

#include <string_view>

namespace aio::py {

ast::constant number_value(std::string_view text);

} // namespace aio::py
