// Tokens of Python 3.11 source as the lexer hands them to the parser. Keywords and operators get
// their own kinds so the parser compares integers, never text; `text` views the source (no copy).
#pragma once

#include <cstdint>
#include <string_view>

namespace aio::py {

enum class tok : std::uint8_t {
    end_marker, newline, indent, dedent, name, number, string,
    error,  // where the tokenizer stopped on an error (see tokenize's `deferred`)
    // keywords (soft keywords `match`/`case`/`_` stay names)
    kw_false, kw_none, kw_true, kw_and, kw_as, kw_assert, kw_async, kw_await, kw_break, kw_class,
    kw_continue, kw_def, kw_del, kw_elif, kw_else, kw_except, kw_finally, kw_for, kw_from,
    kw_global, kw_if, kw_import, kw_in, kw_is, kw_lambda, kw_nonlocal, kw_not, kw_or, kw_pass,
    kw_raise, kw_return, kw_try, kw_while, kw_with, kw_yield,
    // operators and delimiters
    lpar, rpar, lsqb, rsqb, lbrace, rbrace, colon, comma, semi, plus, minus, star, slash, vbar,
    amper, less, greater, equal, dot, percent, equal_equal, not_equal, less_equal, greater_equal,
    tilde, circumflex, left_shift, right_shift, double_star, plus_equal, minus_equal, star_equal,
    slash_equal, percent_equal, amper_equal, vbar_equal, circumflex_equal, left_shift_equal,
    right_shift_equal, double_star_equal, double_slash, double_slash_equal, at, at_equal, rarrow,
    ellipsis, colon_equal,
};

// Positions follow CPython's ast: lines 1-based, columns 0-based UTF-8 byte offsets; the end is
// one past the last byte.
struct token {
    tok kind = tok::end_marker;
    std::string_view text;
    int line = 0, col = 0, end_line = 0, end_col = 0;
};

// The keyword kind for an identifier, or tok::name.
tok keyword_kind(std::string_view word);
// The operator's spelling or keyword text, for messages ("'(' was never closed").
std::string_view token_spelling(tok kind);

} // namespace aio::py
