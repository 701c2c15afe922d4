// The SyntaxErrors CPython raises after parsing, in its compiler and symtable, before a program
// runs: 'return' / 'yield' outside function, 'await' outside (async) function, 'break' outside
// loop, 'continue' not properly in loop, 'async for' / 'async with' outside async function,
// asynchronous comprehensions outside async functions, nonlocal at module level, `from
// __future__` imports after the start of the file or of an unknown feature. ast.parse() does
// not make these checks; running a file does.
#pragma once

#include "python/ast.hpp"

namespace aio::py {

// Throws syntax_error (without source text: the caller adds it) for the first violation.
void check_program(const ast::Module& module);

// Whether the module's leading `from __future__` imports (after its docstring) name
// `annotations`: its annotations are then strings, never evaluated.
bool future_annotations(const ast::Module& module);

} // namespace aio::py
