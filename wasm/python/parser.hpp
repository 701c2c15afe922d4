// The parser: tokens to the AST of CPython 3.11's `ast.parse` (recursive descent following the
// PEG grammar's rules and precedence, one token of lookahead, backtracking only for the
// parenthesized `with` form). `match` statements are not supported (the soft keyword stays a
// name, so `match x:` is an "invalid syntax" error).
#pragma once

#include "python/ast.hpp"

#include <string_view>

namespace aio::py {

// Nesting limit of expressions and blocks (a parenthesis costs two levels, a unary operator or
// a link of a left-nested chain like a + b + c, a.b.c or elif one), so deep input ("-" * 100000 + "1", where CPython raises MemoryError) is a SyntaxError
// "too many nested expressions", never a stack overflow. Brackets alone stop at the tokenizer's
// limit of 200 first, with CPython's "too many nested parentheses".
inline constexpr int max_parse_depth = 1500;
// Sources larger than this are refused (a SyntaxError saying so).
inline constexpr std::size_t max_source_bytes = 8u << 20;

// What ast.parse(source) returns. Throws syntax_error with filename and line text filled in.
ast::Module parse(std::string_view source, std::string_view filename = "<unknown>");

// parse() plus the checks CPython's compiler makes before running anything ('return' outside
// function, 'await' outside async function, 'break' outside loop, ...): what `python3 file.py`
// accepts.
ast::Module parse_program(std::string_view source, std::string_view filename = "<unknown>");

// What eval() accepts (an expression list, then only newlines), as parse() parses: a module of
// one expression statement, for check_program and compile_eval.
ast::Module parse_eval(std::string_view source, std::string_view filename = "<string>");

} // namespace aio::py
