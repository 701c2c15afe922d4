// An expression back to source text as CPython's compiler writes it for a string annotation
// (`from __future__ import annotations`; Python/ast_unparse.c): canonical spacing, parentheses
// only where precedence needs them, constants by their repr.
#pragma once

#include "python/ast.hpp"

#include <stdexcept>
#include <string>

namespace aio::py {

// Throws unparse_unsupported (what() names the construct) for the expressions it does not
// write yet: f-strings, yield.
struct unparse_unsupported : std::runtime_error {
    using std::runtime_error::runtime_error;
};
std::string unparse_annotation(const ast::expr& e);

}  // namespace aio::py
