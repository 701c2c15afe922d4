// Tracebacks in CPython's format. An exception's __traceback__ here is a list of
// (filename, line, function, column, end column) tuples, innermost first (each frame it leaves
// adds one).
#include "python/vm.hpp"

#include "python/modules.hpp"
#include "python/parser.hpp"
#include "python/syntax_error.hpp"

#include <algorithm>
#include <optional>

#include <unordered_map>

namespace aio::py {

namespace {

std::unordered_map<std::string, std::string>& sources() {
    static std::unordered_map<std::string, std::string> s;
    return s;
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\f'; }

// Where CPython 3.11 splits the underline of a failing binary operation (operator ^, operands
// ~) or subscript (index ^, value ~): byte offsets in the segment, found as CPython does by
// parsing the underlined segment alone.
struct Anchors {
    std::size_t left_end, right_start;
};
std::optional<Anchors> caret_anchors(const std::string& segment) {
    ast::Module m;
    try {
        m = parse(segment);
    } catch (...) {
        return std::nullopt;
    }
    if (m.body.size() != 1) return std::nullopt;
    auto* statement = std::get_if<ast::Expr>(&m.body[0]->v);
    if (!statement) return std::nullopt;
    const ast::expr& e = *statement->value;
    if (auto* sub = std::get_if<ast::Subscript>(&e.v)) {
        // from the '[' after the value to the ']' after the index, both included
        auto left = static_cast<std::size_t>(sub->value->p.end_col_offset);
        auto right = static_cast<std::size_t>(sub->slice->p.end_col_offset) + 1;
        while (left < segment.size() && segment[left] != '[') ++left;
        while (right < segment.size() && segment[right] != ']') ++right;
        return Anchors{left, std::min(right + 1, segment.size())};
    }
    auto* bin = std::get_if<ast::BinOp>(&e.v);
    if (!bin) return std::nullopt;
    // the operator: the first character after the left operand that is neither blank nor the
    // ')' closing a parenthesized left operand; one or two characters long
    auto right = static_cast<std::size_t>(bin->right->p.col_offset);
    for (auto i = static_cast<std::size_t>(bin->left->p.end_col_offset); i < right; ++i) {
        if (is_blank(segment[i]) || (segment[i] == ')' && i + 1 < right)) continue;
        return Anchors{i, i + 1 < right && !is_blank(segment[i + 1]) ? i + 2 : i + 1};
    }
    return std::nullopt;
}

// CPython 3.11's underline of the failing expression: none when it is the whole (stripped) line
// and has no anchors. An expression going on past the line is underlined to the line's end
// (end_col < 0).
std::string carets(const std::string& raw, const std::string& stripped, int col, int end_col) {
    std::size_t indent = raw.find_first_not_of(" \t\f");
    std::size_t line_end = indent + stripped.size();
    if (col < 0 || static_cast<std::size_t>(col) < indent || static_cast<std::size_t>(col) >= line_end) return {};
    auto start = static_cast<std::size_t>(col);
    std::size_t end = end_col < 0 ? line_end : static_cast<std::size_t>(end_col);
    if (end <= start || end > raw.size()) return {};
    auto anchors = end_col < 0 ? std::nullopt : caret_anchors(raw.substr(start, end - start));
    if (!anchors && start == indent && end >= line_end) return {};
    auto chars = [&](std::size_t from, std::size_t to) {  // UTF-8 bytes -> characters
        std::size_t n = 0;
        for (std::size_t i = from; i < to; ++i) n += (static_cast<unsigned char>(raw[i]) & 0xC0) != 0x80;
        return n;
    };
    std::string out(4 + chars(indent, start), ' ');
    if (!anchors) return out + std::string(chars(start, end), '^') + "\n";
    std::size_t left = start + anchors->left_end, right = std::min(start + anchors->right_start, end);
    return out + std::string(chars(start, left), '~') + std::string(chars(left, right), '^') +
           std::string(chars(right, end), '~') + "\n";
}

std::string source_line(const std::string& file, int line, std::string& raw) {
    auto it = sources().find(file);
    if (it == sources().end() || line < 1) return {};
    const std::string& s = it->second;
    std::size_t pos = 0;
    for (int i = 1; i < line; ++i) {
        pos = s.find('\n', pos);
        if (pos == std::string::npos) return {};
        ++pos;
    }
    std::size_t end = s.find('\n', pos);
    std::string l = s.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    raw = l;
    auto b = l.find_first_not_of(" \t\f\r");
    auto e = l.find_last_not_of(" \t\f\r");
    return b == std::string::npos ? std::string() : l.substr(b, e - b + 1);
}

std::string exception_line(const Value& exc) {
    Type& t = type_of(exc);
    std::string name = t.module.empty() || t.module == "__main__" || t.module == "builtins"
                           ? t.name : t.module + "." + t.name;
    if (isinstance(exc, exc::SyntaxError) && getattr(exc, "lineno").is_intlike()) {
        // CPython's block: where (file, line), the text with its carets, then "SyntaxError: msg".
        auto int_or_0 = [&](const char* attr) {
            Value v = getattr(exc, attr);
            return v.is_intlike() ? static_cast<int>(v.as_int()) : 0;
        };
        Value file = getattr(exc, "filename"), text = getattr(exc, "text");
        syntax_error e(name, str(getattr(exc, "msg")), int_or_0("lineno"), int_or_0("offset"), int_or_0("end_lineno"),
                       int_or_0("end_offset"));
        e.set_line(is(file, Kind::str) ? str(file) : "<string>", is(text, Kind::str) ? str(text) : "");
        return e.format();
    }
    std::string msg = str(exc);
    return msg.empty() ? name + "\n" : name + ": " + msg + "\n";
}

// The frames of exc's traceback, outermost first, in CPython's "  File ..." lines: the first
// `limit` of them (the last -limit when negative; all when unlimited).
constexpr std::int64_t unlimited = INT64_MAX;
std::string stack_text(const Value& exc, std::int64_t limit = unlimited) {
    std::string out;
    auto& items = exc.as<ExceptionObject>()->traceback.as<List>()->items;
    const auto count = static_cast<std::int64_t>(items.size());
    const std::int64_t first = limit >= 0 ? 0 : std::max<std::int64_t>(0, count + limit);
    const std::int64_t last = limit >= 0 ? std::min(count, limit) : count;
    for (auto it = items.rbegin() + first; it != items.rbegin() + last; ++it) {
        auto& t = it->as<Tuple>()->items;
        std::string file = as_str(t[0])->s;
        int line = static_cast<int>(t[1].as_int());
        out += "  File \"" + file + "\", line " + std::to_string(line) + ", in " + as_str(t[2])->s + "\n";
        std::string raw;
        std::string src = source_line(file, line, raw);
        if (!src.empty()) {
            out += "    " + src + "\n";
            out += carets(raw, src, static_cast<int>(t[3].as_int()), static_cast<int>(t[4].as_int()));
        }
    }
    return out;
}

// CPython 3.11's printer: exception groups draw their members in nested boxes, each line of a
// box prefixed by its depth's indent and margin.
struct Printer {
    static constexpr int max_group_width = 15, max_group_depth = 10;
    std::string out;
    int group_depth = 0;
    bool need_close = false;

    std::string indent() const { return std::string(static_cast<std::size_t>(2 * group_depth), ' '); }
    void emit(const std::string& text, char margin = '|') {
        std::string prefix = indent();
        if (group_depth) prefix += std::string(1, margin) + " ";
        std::size_t pos = 0;
        while (pos < text.size()) {
            std::size_t nl = text.find('\n', pos);
            std::size_t end = nl == std::string::npos ? text.size() : nl + 1;
            out += prefix + text.substr(pos, end - pos);
            pos = end;
        }
    }

    bool chained = true;  // the causes and contexts too (traceback's chain=)
    std::int64_t limit = unlimited;  // traceback's limit=: how many frames of each

    void exception(const Value& top) {
        // the chain, innermost cause/context first
        std::vector<std::pair<const char*, Value>> chain;
        Value exc = top;
        while (is(exc, Kind::exception) && chain.size() < 100) {
            auto* e = exc.as<ExceptionObject>();
            const char* msg = nullptr;
            Value next;
            if (!chained) {
                // this one only
            } else if (is(e->cause, Kind::exception)) {
                msg = "\nThe above exception was the direct cause of the following exception:\n\n";
                next = e->cause;
            } else if (is(e->context, Kind::exception) && !e->suppress_context) {
                msg = "\nDuring handling of the above exception, another exception occurred:\n\n";
                next = e->context;
            }
            chain.emplace_back(msg, exc);
            exc = next;
        }
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
            if (it->first) emit(it->first);
            one(it->second);
        }
    }

    void one(const Value& exc) {
        auto* e = exc.as<ExceptionObject>();
        bool has_stack = is(e->traceback, Kind::list) && !e->traceback.as<List>()->items.empty() && limit != 0;
        if (!isinstance(exc, exc::BaseExceptionGroup)) {
            if (has_stack) emit("Traceback (most recent call last):\n" + stack_text(exc, limit));
            emit(exception_line(exc));
            return;
        }
        if (group_depth > max_group_depth) {
            emit("... (max_group_depth is " + std::to_string(max_group_depth) + ")\n");
            return;
        }
        bool toplevel = group_depth == 0;
        if (toplevel) ++group_depth;
        if (has_stack) {
            emit("Exception Group Traceback (most recent call last):\n", toplevel ? '+' : '|');
            emit(stack_text(exc, limit));
        }
        emit(exception_line(exc));
        auto& members = getattr(exc, "exceptions").as<Tuple>()->items;
        const int count = static_cast<int>(members.size());
        const int n = count <= max_group_width ? count : max_group_width + 1;
        need_close = false;
        for (int i = 0; i < n; ++i) {
            bool last = i == n - 1;
            if (last) need_close = true;  // a nested box may close it instead
            bool truncated = i >= max_group_width;
            std::string title = truncated ? "..." : std::to_string(i + 1);
            out += indent() + (i == 0 ? "+-" : "  ") + "+---------------- " + title + " ----------------\n";
            ++group_depth;
            if (!truncated) {
                exception(members[static_cast<std::size_t>(i)]);
            } else {
                int remaining = count - max_group_width;
                emit("and " + std::to_string(remaining) + " more exception" + (remaining > 1 ? "s" : "") + "\n");
            }
            if (last && need_close) {
                out += indent() + "+------------------------------------\n";
                need_close = false;
            }
            --group_depth;
        }
        if (toplevel) group_depth = 0;
    }
};

}  // namespace

void register_source(const std::string& filename, std::string source) {
    sources()[filename] = std::move(source);
}

void add_traceback(const Value& exc, const Code& code, const Instr& at) {
    auto* e = exc.as<ExceptionObject>();
    if (!is(e->traceback, Kind::list)) e->traceback = new_list();
    if (code.filename[0] == '<' && traceback_hides(code.filename)) return;
    int end_col = at.end_line == at.line ? at.end_col : -1;
    e->traceback.as<List>()->items.push_back(
        new_tuple({new_str(code.filename), Value::integer(at.line), new_str(code.name),
                   Value::integer(at.col), Value::integer(end_col)}));
}

std::string format_exception(const Value& exc, bool chain, std::int64_t limit) {
    Printer p;
    p.chained = chain;
    p.limit = limit;
    p.exception(exc);
    return p.out;
}

}  // namespace aio::py
