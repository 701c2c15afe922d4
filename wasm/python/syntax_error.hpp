// A Python SyntaxError (or its subclasses IndentationError / TabError) raised by the lexer, the
// parser or the AST checks, with CPython 3.11's location conventions and report shape.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace aio::py {

class syntax_error : public std::runtime_error {
public:
    // `type` is "SyntaxError", "IndentationError" or "TabError". Lines are 1-based; offsets are
    // 1-based UTF-8 byte columns (CPython's printed caret counts bytes); offset 0 means "no
    // caret", end_offset is one past the last highlighted column.
    syntax_error(std::string type, std::string msg, int lineno, int offset, int end_lineno,
                 int end_offset);

    const std::string& type() const { return type_; }
    const std::string& msg() const { return msg_; }
    const std::string& filename() const { return filename_; }
    const std::string& text() const { return text_; }
    int lineno() const { return lineno_; }
    int offset() const { return offset_; }
    int end_lineno() const { return end_lineno_; }
    int end_offset() const { return end_offset_; }

    // Filled by whoever knows the file: its name and the source, from which the line is taken.
    void set_source(std::string_view filename, std::string_view source);
    // Or the line itself (a SyntaxError object's text, its newline dropped).
    void set_line(std::string_view filename, std::string_view text);

    // CPython 3.11's report: `  File "x.py", line 3`, the line, the carets, `SyntaxError: msg`.
    std::string format() const;

private:
    std::string type_, msg_, filename_ = "<unknown>", text_;
    int lineno_, offset_, end_lineno_, end_offset_;
};

} // namespace aio::py
