#include "python/syntax_error.hpp"

#include <algorithm>

namespace aio::py {

syntax_error::syntax_error(std::string type, std::string msg, int lineno, int offset,
                           int end_lineno, int end_offset)
    : std::runtime_error(type + ": " + msg), type_(std::move(type)), msg_(std::move(msg)),
      lineno_(lineno), offset_(offset), end_lineno_(end_lineno), end_offset_(end_offset) {}

void syntax_error::set_source(std::string_view filename, std::string_view source) {
    filename_ = std::string(filename);
    text_.clear();
    int line = 1;
    std::size_t i = 0;
    while (line < lineno_ && i < source.size()) {
        if (source[i] == '\r' && i + 1 < source.size() && source[i + 1] == '\n') i++;
        if (source[i] == '\n' || source[i] == '\r') line++;
        i++;
    }
    if (line != lineno_) return;
    std::size_t end = i;
    while (end < source.size() && source[end] != '\n' && source[end] != '\r') end++;
    text_ = std::string(source.substr(i, end - i));
}

void syntax_error::set_line(std::string_view filename, std::string_view text) {
    filename_ = std::string(filename);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
    text_ = std::string(text);
}

// Mirrors print_error_text in CPython's pythonrun.c: leading blanks are stripped and the caret
// moves with them; a caret left of the text is not drawn (e.g. "unexpected indent").
std::string syntax_error::format() const {
    std::string out = "  File \"" + filename_ + "\", line " + std::to_string(lineno_) + "\n";
    if (!text_.empty() || offset_ > 0) {
        std::string_view text = text_;
        long offset = offset_ - 1;
        long end = end_offset_ - 1;
        if (end_lineno_ > lineno_) end = static_cast<long>(text.size());
        std::size_t strip = 0;
        while (strip < text.size() && (text[strip] == ' ' || text[strip] == '\t' || text[strip] == '\f'))
            strip++;
        text.remove_prefix(strip);
        offset -= static_cast<long>(strip);
        end -= static_cast<long>(strip);
        const long len = static_cast<long>(text.size());
        if (offset > len) offset = len;
        out += "    ";
        out += text;
        out += "\n";
        if (offset >= 0 && offset_ > 0) {
            out += "    " + std::string(static_cast<std::size_t>(offset), ' ');
            long carets = end > offset ? end - offset : 1;
            if (offset + carets > len + 1 && carets > 1) carets = std::max(1L, len - offset);
            out += std::string(static_cast<std::size_t>(carets), '^');
            out += "\n";
        }
    }
    out += type_ + ": " + msg_ + "\n";
    return out;
}

} // namespace aio::py
