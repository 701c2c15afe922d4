#include "python/lexer.hpp"

#include "python/syntax_error.hpp"

#include "aio/detail/utf8.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <string>

namespace aio::py {

namespace {

struct keyword_entry {
    std::string_view word;
    tok kind;
};

constexpr std::array<keyword_entry, 35> keywords{{
    {"False", tok::kw_false}, {"None", tok::kw_none}, {"True", tok::kw_true},
    {"and", tok::kw_and}, {"as", tok::kw_as}, {"assert", tok::kw_assert},
    {"async", tok::kw_async}, {"await", tok::kw_await}, {"break", tok::kw_break},
    {"class", tok::kw_class}, {"continue", tok::kw_continue}, {"def", tok::kw_def},
    {"del", tok::kw_del}, {"elif", tok::kw_elif}, {"else", tok::kw_else},
    {"except", tok::kw_except}, {"finally", tok::kw_finally}, {"for", tok::kw_for},
    {"from", tok::kw_from}, {"global", tok::kw_global}, {"if", tok::kw_if},
    {"import", tok::kw_import}, {"in", tok::kw_in}, {"is", tok::kw_is},
    {"lambda", tok::kw_lambda}, {"nonlocal", tok::kw_nonlocal}, {"not", tok::kw_not},
    {"or", tok::kw_or}, {"pass", tok::kw_pass}, {"raise", tok::kw_raise},
    {"return", tok::kw_return}, {"try", tok::kw_try}, {"while", tok::kw_while},
    {"with", tok::kw_with}, {"yield", tok::kw_yield},
}};

struct op_entry {
    std::string_view text;
    tok kind;
};

// Longest first, so the first match is the longest.
constexpr std::array<op_entry, 47> operators{{
    {"**=", tok::double_star_equal}, {"//=", tok::double_slash_equal},
    {">>=", tok::right_shift_equal}, {"<<=", tok::left_shift_equal}, {"...", tok::ellipsis},
    {"!=", tok::not_equal}, {"%=", tok::percent_equal}, {"&=", tok::amper_equal},
    {"**", tok::double_star}, {"*=", tok::star_equal}, {"+=", tok::plus_equal},
    {"-=", tok::minus_equal}, {"->", tok::rarrow}, {"//", tok::double_slash},
    {"/=", tok::slash_equal}, {":=", tok::colon_equal}, {"<<", tok::left_shift},
    {"<=", tok::less_equal}, {"==", tok::equal_equal}, {">=", tok::greater_equal},
    {">>", tok::right_shift}, {"@=", tok::at_equal}, {"^=", tok::circumflex_equal},
    {"|=", tok::vbar_equal}, {"(", tok::lpar}, {")", tok::rpar}, {"[", tok::lsqb},
    {"]", tok::rsqb}, {"{", tok::lbrace}, {"}", tok::rbrace}, {":", tok::colon},
    {",", tok::comma}, {";", tok::semi}, {"+", tok::plus}, {"-", tok::minus},
    {"*", tok::star}, {"/", tok::slash}, {"|", tok::vbar}, {"&", tok::amper},
    {"<", tok::less}, {">", tok::greater}, {"=", tok::equal}, {".", tok::dot},
    {"%", tok::percent}, {"~", tok::tilde}, {"^", tok::circumflex}, {"@", tok::at},
}};

bool ascii_ident_start(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Non-ASCII code points that cannot be in identifiers. Without Unicode tables this covers the
// punctuation, symbol and space blocks a source file plausibly holds; letters of every script
// (CJK included) pass.
bool non_printable(long cp) {
    return (cp >= 0x80 && cp <= 0xa0) || cp == 0xad || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202f) ||
           (cp >= 0x205f && cp <= 0x206f) || cp == 0x3000 || cp == 0xfeff ||
           (cp >= 0xfff0 && cp <= 0xfffb) || (cp >= 0xe000 && cp <= 0xf8ff);
}
bool symbol_char(long cp) {
    if (cp >= 0xa1 && cp <= 0xbf) return cp != 0xaa && cp != 0xb5 && cp != 0xba;
    if (cp == 0xd7 || cp == 0xf7) return true;
    if (cp >= 0x2010 && cp <= 0x2bff) return !(cp >= 0x2070 && cp <= 0x209f) && !(cp >= 0x2100 && cp <= 0x218f);
    if (cp >= 0x3001 && cp <= 0x303f)
        return !(cp >= 0x3005 && cp <= 0x3007) && !(cp >= 0x3021 && cp <= 0x3029) &&
               !(cp >= 0x3031 && cp <= 0x3035) && !(cp >= 0x3038 && cp <= 0x303c);
    if (cp >= 0xfe30 && cp <= 0xfe4f) return true;
    if (cp >= 0xff01 && cp <= 0xff0f) return true;
    if (cp >= 0xff1a && cp <= 0xff20) return true;
    if (cp >= 0xff3b && cp <= 0xff40 && cp != 0xff3f) return true;
    if (cp >= 0xff5b && cp <= 0xff65) return true;
    if (cp >= 0x1f000 && cp <= 0x1faff) return true;
    return false;
}

std::string hex_code(long cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04lX", static_cast<unsigned long>(cp));
    return buf;
}

class lexer {
public:
    lexer(std::string_view src, const lex_options& options) : src_(src), opt_(options) {
        line_ = options.first_line;
        if (!opt_.expression && src_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = line_start_ = 3;
    }

    std::vector<token> run(std::optional<syntax_error>* deferred) {
        try {
            validate_utf8();
            while (true) {
                if (at_line_start_ && !opt_.expression) {
                    if (!indentation()) break;
                }
                if (!next()) break;
            }
            finish();
        } catch (const syntax_error& e) {
            if (!deferred) throw;
            deferred->emplace(e);
            token t;
            t.kind = tok::error;
            t.line = t.end_line = e.lineno();
            t.col = t.end_col = e.offset() > 0 ? e.offset() - 1 : 0;
            out_.push_back(t);
        }
        return std::move(out_);
    }

private:
    std::string_view src_;
    lex_options opt_;
    std::vector<token> out_;
    std::size_t pos_ = 0, line_start_ = 0;
    int line_;
    bool at_line_start_ = true, line_has_tokens_ = false;
    std::vector<int> indents_{0}, alt_indents_{0};
    struct open_bracket {
        char c;
        int line, col;
    };
    std::vector<open_bracket> brackets_;

    char peek(std::size_t ahead = 0) const {
        return pos_ + ahead < src_.size() ? src_[pos_ + ahead] : '\0';
    }
    bool at_end() const { return pos_ >= src_.size(); }
    int col_at(std::size_t p) const {
        return static_cast<int>(p - line_start_) + (line_ == opt_.first_line ? opt_.first_col : 0);
    }
    int col() const { return col_at(pos_); }

    [[noreturn]] void fail(std::string msg, int line, int col, int end_col,
                           std::string type = "SyntaxError") const {
        throw syntax_error(std::move(type), std::move(msg), line, col + 1, line, end_col + 1);
    }

    void newline_consumed() {
        line_++;
        line_start_ = pos_;
    }

    void emit(tok kind, std::size_t start, int start_line, int start_col) {
        token t;
        t.kind = kind;
        t.text = src_.substr(start, pos_ - start);
        t.line = start_line;
        t.col = start_col;
        t.end_line = line_;
        t.end_col = col();
        out_.push_back(t);
        line_has_tokens_ = true;
    }

    void validate_utf8() {
        std::size_t i = 0;
        int line = 1;
        while (i < src_.size()) {
            const unsigned char c = static_cast<unsigned char>(src_[i]);
            if (c == '\n') line++;
            if (c < 0x80) {
                i++;
                continue;
            }
            const std::size_t at = i;
            if (aio::detail::decode_strict_utf8(src_, i) == aio::detail::invalid_utf8) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
                throw syntax_error("SyntaxError",
                                   std::string("Non-UTF-8 code starting with '") + buf +
                                       "' on line " + std::to_string(line) +
                                       ", but no encoding declared",
                                   line, 0, line, 0);
            }
            (void)at;
        }
    }

    // At the start of a logical line: measure the indentation and emit INDENT/DEDENT. Blank and
    // comment-only lines are skipped whole. Returns false at the end of the input.
    bool indentation() {
        while (true) {
            int column = 0, alt = 0;
            std::size_t p = pos_;
            for (; p < src_.size(); p++) {
                const char c = src_[p];
                if (c == ' ') {
                    column++;
                    alt++;
                } else if (c == '\t') {
                    column = (column / 8 + 1) * 8;
                    alt++;
                } else if (c == '\f') {
                    column = alt = 0;
                } else {
                    break;
                }
            }
            if (p >= src_.size()) {
                pos_ = p;
                return false;
            }
            const char c = src_[p];
            if (c == '#' || c == '\n' || c == '\\') {
                if (c == '\\') break;  // a continuation line: CPython measures nothing either
                pos_ = p;
                while (!at_end() && peek() != '\n') pos_++;
                if (at_end()) return false;
                pos_++;
                newline_consumed();
                continue;
            }
            pos_ = p;
            at_line_start_ = false;
            const int here = col();
            if (column == indents_.back()) {
                if (alt != alt_indents_.back()) tab_error(here);
            } else if (column > indents_.back()) {
                if (static_cast<int>(indents_.size()) >= max_indent_depth)
                    fail("too many levels of indentation", line_, here, here + 1,
                         "IndentationError");
                if (alt <= alt_indents_.back()) tab_error(here);
                indents_.push_back(column);
                alt_indents_.push_back(alt);
                token t;
                t.kind = tok::indent;
                t.text = src_.substr(line_start_, pos_ - line_start_);
                t.line = t.end_line = line_;
                t.col = 0;
                t.end_col = here;
                out_.push_back(t);
            } else {
                while (indents_.size() > 1 && column < indents_.back()) {
                    indents_.pop_back();
                    alt_indents_.pop_back();
                    token t;
                    t.kind = tok::dedent;
                    t.line = t.end_line = line_;
                    t.col = t.end_col = here;
                    out_.push_back(t);
                }
                if (column != indents_.back()) {
                    std::size_t e = pos_;
                    while (e < src_.size() && src_[e] != '\n') e++;
                    const int end = col_at(e);
                    fail("unindent does not match any outer indentation level", line_, end, end + 1,
                         "IndentationError");
                }
                if (alt != alt_indents_.back()) tab_error(here);
            }
            return true;
        }
        at_line_start_ = false;
        return true;
    }

    [[noreturn]] void tab_error(int here) const {
        (void)here;
        // CPython reports it without a caret (offset left of the stripped text).
        throw syntax_error("TabError", "inconsistent use of tabs and spaces in indentation",
                           line_, 1, line_, 1);
    }

    // One token (or skipped whitespace/comment/newline). Returns false at the end.
    bool next() {
        while (peek() == ' ' || peek() == '\t' || peek() == '\f') pos_++;
        if (at_end()) return false;
        const std::size_t start = pos_;
        const int start_col = col();
        const char c = peek();
        if (c == '#') {
            while (!at_end() && peek() != '\n') pos_++;
            return true;
        }
        if (c == '\n') {
            if (brackets_.empty() && line_has_tokens_ && !opt_.expression) {
                pos_++;
                token t;
                t.kind = tok::newline;
                t.text = src_.substr(start, 1);
                t.line = t.end_line = line_;
                t.col = start_col;
                t.end_col = start_col + 1;
                out_.push_back(t);
                line_has_tokens_ = false;
                at_line_start_ = true;
            } else {
                pos_++;
                if (brackets_.empty() && !opt_.expression) at_line_start_ = true;
            }
            newline_consumed();
            return true;
        }
        if (c == '\\') {
            pos_++;
            if (peek() == '\n') {
                pos_++;
                newline_consumed();
                if (at_end()) fail("unexpected EOF while parsing", line_, 0, 1);
                return true;
            }
            if (at_end()) fail("unexpected EOF while parsing", line_, col(), col() + 1);
            fail("unexpected character after line continuation character", line_, col(), col() + 1);
        }
        const unsigned char uc = static_cast<unsigned char>(c);
        if (is_digit(c) || (c == '.' && is_digit(peek(1)))) {
            number(start, start_col);
            return true;
        }
        if (c == '"' || c == '\'') {
            string(start, start_col);
            return true;
        }
        if (ascii_ident_start(uc) || uc >= 0x80) {
            identifier(start, start_col);
            return true;
        }
        for (const auto& op : operators) {
            if (src_.substr(pos_, op.text.size()) == op.text) {
                pos_ += op.text.size();
                bracket(op.kind, c, start_col);
                emit(op.kind, start, line_, start_col);
                return true;
            }
        }
        fail("invalid syntax", line_, start_col, start_col + 1);
    }

    void bracket(tok kind, char c, int start_col) {
        if (kind == tok::lpar || kind == tok::lsqb || kind == tok::lbrace) {
            if (static_cast<int>(brackets_.size()) >= max_bracket_depth)
                fail("too many nested parentheses", line_, start_col, start_col + 1);
            brackets_.push_back({c, line_, start_col});
            return;
        }
        if (kind != tok::rpar && kind != tok::rsqb && kind != tok::rbrace) return;
        if (brackets_.empty())
            fail(std::string("unmatched '") + c + "'", line_, start_col, start_col + 1);
        const open_bracket open = brackets_.back();
        const char want = open.c == '(' ? ')' : open.c == '[' ? ']' : '}';
        if (c != want) {
            std::string msg = std::string("closing parenthesis '") + c +
                              "' does not match opening parenthesis '" + open.c + "'";
            if (open.line != line_) msg += " on line " + std::to_string(open.line);
            fail(msg, line_, start_col, start_col + 1);
        }
        brackets_.pop_back();
    }

    void identifier(std::size_t start, int start_col) {
        while (!at_end()) {
            const unsigned char c = static_cast<unsigned char>(peek());
            if (ascii_ident_start(c) || is_digit(static_cast<char>(c))) {
                pos_++;
                continue;
            }
            if (c < 0x80) break;
            std::size_t i = pos_;
            const std::uint32_t code = aio::detail::decode_strict_utf8(src_, i);
            if (code == aio::detail::invalid_utf8) break;  // not reached: the source was validated
            const long cp = static_cast<long>(code);
            if (non_printable(cp))
                fail("invalid non-printable character " + hex_code(cp), line_, col(), col() + 1);
            if (symbol_char(cp)) {
                if (pos_ == start) {
                    std::string msg = "invalid character '";
                    msg += src_.substr(pos_, i - pos_);
                    msg += "' (" + hex_code(cp) + ")";
                    fail(msg, line_, col(), col() + 1);
                }
                break;
            }
            pos_ = i;
        }
        const std::string_view word = src_.substr(start, pos_ - start);
        if ((peek() == '"' || peek() == '\'') && word.size() <= 2) {
            bool prefix = true;
            for (char ch : word) {
                const char l = static_cast<char>(ch | 0x20);
                if (l != 'r' && l != 'b' && l != 'f' && l != 'u') prefix = false;
            }
            if (prefix && valid_prefix(word)) {
                string(start, start_col);
                return;
            }
        }
        emit(keyword_kind(word), start, line_, start_col);
    }

    static bool valid_prefix(std::string_view p) {
        std::string l;
        for (char c : p) l += static_cast<char>(c | 0x20);
        return l == "r" || l == "b" || l == "f" || l == "u" || l == "rb" || l == "br" ||
               l == "fr" || l == "rf";
    }

    void string(std::size_t start, int start_col) {
        const int start_line = line_;
        const char quote = peek();
        const bool triple = peek(1) == quote && peek(2) == quote;
        pos_ += triple ? 3 : 1;
        while (true) {
            if (at_end()) {
                // A final newline ends the last line rather than starting another.
                const int detected = pos_ > 0 && src_[pos_ - 1] == '\n' ? line_ - 1 : line_;
                if (triple)
                    fail("unterminated triple-quoted string literal (detected at line " +
                             std::to_string(detected) + ")",
                         start_line, start_col, start_col + 1);
                fail("unterminated string literal (detected at line " + std::to_string(detected) +
                         ")",
                     start_line, start_col, start_col + 1);
            }
            const char c = peek();
            if (c == '\\') {
                pos_++;
                if (peek() == '\n') {
                    pos_++;
                    newline_consumed();
                } else if (!at_end()) {
                    pos_++;
                }
                continue;
            }
            if (c == '\n') {
                if (!triple)
                    fail("unterminated string literal (detected at line " + std::to_string(line_) +
                             ")",
                         start_line, start_col, start_col + 1);
                pos_++;
                newline_consumed();
                continue;
            }
            if (c == quote) {
                if (!triple) {
                    pos_++;
                    break;
                }
                if (peek(1) == quote && peek(2) == quote) {
                    pos_ += 3;
                    break;
                }
            }
            pos_++;
        }
        emit(tok::string, start, start_line, start_col);
    }

    // Digits of one base with single '_' between them; false if an '_' is not followed by one.
    template <class Pred>
    bool digits(Pred ok) {
        while (true) {
            while (ok(peek())) pos_++;
            if (peek() != '_') return true;
            pos_++;
            if (!ok(peek())) return false;
        }
    }

    [[noreturn]] void bad_number(const char* what) {
        // CPython puts the caret on the last character read before the offending one.
        const int here = col();
        fail(std::string("invalid ") + what + " literal", line_, here - 1, here);
    }

    void number(std::size_t start, int start_col) {
        auto dec = [](char c) { return is_digit(c); };
        if (peek() == '0' && (peek(1) == 'x' || peek(1) == 'X' || peek(1) == 'o' ||
                              peek(1) == 'O' || peek(1) == 'b' || peek(1) == 'B')) {
            const char base = static_cast<char>(peek(1) | 0x20);
            pos_ += 2;
            const char* name = base == 'x' ? "hexadecimal" : base == 'o' ? "octal" : "binary";
            auto ok = [base](char c) {
                return base == 'x' ? is_hex(c) : base == 'o' ? (c >= '0' && c <= '7') : (c == '0' || c == '1');
            };
            if (peek() == '_') pos_++;
            if (!ok(peek())) {
                if (is_digit(peek())) {
                    pos_++;
                    fail(std::string("invalid digit '") + src_[pos_ - 1] + "' in " + name + " literal",
                         line_, col() - 1, col());
                }
                bad_number(name);
            }
            if (!digits(ok)) bad_number(name);
            if (base != 'x' && is_digit(peek())) {
                pos_++;
                fail(std::string("invalid digit '") + src_[pos_ - 1] + "' in " + name + " literal",
                     line_, col() - 1, col());
            }
            end_of_number(name);
            emit(tok::number, start, line_, start_col);
            return;
        }
        bool is_float = false;
        if (peek() != '.') {
            const bool leading_zero = peek() == '0';
            if (!digits(dec)) bad_number("decimal");
            if (leading_zero && peek() != '.' && peek() != 'e' && peek() != 'E' && peek() != 'j' &&
                peek() != 'J') {
                // "0", "00", "0_0" are fine; "0777" is not.
                for (std::size_t i = start; i < pos_; i++) {
                    if (src_[i] != '0' && src_[i] != '_') {
                        std::size_t zeros_end = start;
                        while (src_[zeros_end] == '0' || src_[zeros_end] == '_') zeros_end++;
                        fail("leading zeros in decimal integer literals are not permitted; use an "
                             "0o prefix for octal integers",
                             line_, start_col, col_at(zeros_end));
                    }
                }
            }
        }
        if (peek() == '.') {
            is_float = true;
            pos_++;
            if (is_digit(peek()) && !digits(dec)) bad_number("decimal");
        }
        if (peek() == 'e' || peek() == 'E') {
            const std::size_t e = pos_;
            pos_++;
            if (peek() == '+' || peek() == '-') pos_++;
            if (!is_digit(peek())) {
                pos_ = e + 1;
                bad_number("decimal");
            }
            if (!digits(dec)) bad_number("decimal");
            is_float = true;
        }
        if (peek() == 'j' || peek() == 'J') pos_++;
        (void)is_float;
        end_of_number("decimal");
        emit(tok::number, start, line_, start_col);
    }

    // A number may be followed by a keyword with no space ("1if x else 2": CPython warns but
    // accepts); any other identifier character makes the literal invalid.
    void end_of_number(const char* name) {
        const unsigned char c = static_cast<unsigned char>(peek());
        if (!ascii_ident_start(c) && c < 0x80 && !is_digit(static_cast<char>(c))) return;
        for (std::string_view kw : {"and", "else", "for", "if", "in", "is", "not", "or"}) {
            if (src_.substr(pos_, kw.size()) == kw) return;
        }
        bad_number(name);
    }

    void finish() {
        if (!brackets_.empty()) {
            const open_bracket& open = brackets_.back();
            fail(std::string("'") + open.c + "' was never closed", open.line, open.col,
                 open.col + 1);
        }
        token t;
        if (line_has_tokens_ && !opt_.expression) {
            t.kind = tok::newline;
            t.line = t.end_line = line_;
            t.col = col();
            t.end_col = t.col + 1;
            out_.push_back(t);
        }
        t.kind = tok::dedent;
        t.line = t.end_line = line_;
        t.col = t.end_col = 0;
        for (std::size_t i = 1; i < indents_.size(); i++) out_.push_back(t);
        t.kind = tok::end_marker;
        t.col = t.end_col = col();
        out_.push_back(t);
    }
};

} // namespace

tok keyword_kind(std::string_view word) {
    if (word.empty() || word.size() > 8) return tok::name;
    for (const auto& k : keywords) {
        if (k.word == word) return k.kind;
    }
    return tok::name;
}

std::string_view token_spelling(tok kind) {
    for (const auto& op : operators) {
        if (op.kind == kind) return op.text;
    }
    for (const auto& k : keywords) {
        if (k.kind == kind) return k.word;
    }
    switch (kind) {
        case tok::newline: return "NEWLINE";
        case tok::indent: return "INDENT";
        case tok::dedent: return "DEDENT";
        case tok::name: return "NAME";
        case tok::number: return "NUMBER";
        case tok::string: return "STRING";
        case tok::error: return "ERRORTOKEN";
        default: return "ENDMARKER";
    }
}

std::vector<token> tokenize(std::string_view source, const lex_options& options,
                            std::optional<syntax_error>* deferred) {
    return lexer(source, options).run(deferred);
}

} // namespace aio::py
