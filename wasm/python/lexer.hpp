// The tokenizer: Python 3.11 source (UTF-8) to tokens, with CPython's INDENT/DEDENT rules (tabs to
// multiples of 8, checked against tab size 1 for TabError), implicit and explicit line joining,
// and CPython's messages for what it rejects. Comments and blank lines produce no tokens.
#pragma once

#include "python/syntax_error.hpp"
#include "python/tokens.hpp"

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace aio::py {

// Nesting limits of the tokenizer (CPython's MAXLEVEL and MAXINDENT).
inline constexpr int max_bracket_depth = 200;
inline constexpr int max_indent_depth = 100;

struct lex_options {
    // An f-string replacement field: no indentation, no NEWLINE, positions start at (line, col).
    bool expression = false;
    int first_line = 1;
    int first_col = 0;
};

// Tokenizes `source` (which must outlive the tokens: their text views it). The last token is
// end_marker. Throws syntax_error; or, with `deferred`, stores the error there and ends the
// tokens with a tok::error token where it happened, so that (as in CPython, whose parser pulls
// tokens one at a time) a parse error before that point is the one reported.
std::vector<token> tokenize(std::string_view source, const lex_options& options = {},
                            std::optional<syntax_error>* deferred = nullptr);

} // namespace aio::py
