// The text of CPython 3.11's ast.dump(tree) with its default arguments (annotate_fields=True,
// include_attributes=False, indent=None): the parser's test oracle. With `include_attributes`,
// every located node also shows lineno, col_offset, end_lineno and end_col_offset as
// ast.dump(tree, include_attributes=True) does.
#pragma once

#include "python/ast.hpp"

#include <string>

namespace aio::py {

std::string ast_dump(const ast::Module& module, bool include_attributes = false);

} // namespace aio::py
