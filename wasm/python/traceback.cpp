// Tracebacks in CPython's format. An exception's __traceback__ here is a list of
// (filename, line, function) tuples, innermost first (each frame it leaves adds one).
#include "python/vm.hpp"

#include <unordered_map>

namespace aio::py {

namespace {

std::unordered_map<std::string, std::string>& sources() {
    static std::unordered_map<std::string, std::string> s;
    return s;
}

// CPython 3.11 underlines the failing expression when it is not the whole (stripped) line.
std::string carets(const std::string& raw, const std::string& stripped, int col, int end_col) {
    if (end_col < 0 || col < 0 || end_col <= col || static_cast<std::size_t>(end_col) > raw.size()) return {};
    std::size_t indent = raw.find_first_not_of(" \t\f");
    if (static_cast<std::size_t>(col) < indent) return {};
    if (static_cast<std::size_t>(col) == indent && static_cast<std::size_t>(end_col) - indent >= stripped.size()) return {};
    auto chars = [&](std::size_t from, std::size_t to) {  // UTF-8 bytes -> characters
        std::size_t n = 0;
        for (std::size_t i = from; i < to; ++i) n += (static_cast<unsigned char>(raw[i]) & 0xC0) != 0x80;
        return n;
    };
    return std::string(4 + chars(indent, static_cast<std::size_t>(col)), ' ') +
           std::string(chars(static_cast<std::size_t>(col), static_cast<std::size_t>(end_col)), '^') + "\n";
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
    std::string msg = str(exc);
    return msg.empty() ? name + "\n" : name + ": " + msg + "\n";
}

// The frames of exc's traceback, outermost first, in CPython's "  File ..." lines.
std::string stack_text(const Value& exc) {
    std::string out;
    auto& items = exc.as<ExceptionObject>()->traceback.as<List>()->items;
    for (auto it = items.rbegin(); it != items.rend(); ++it) {
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

    void exception(const Value& top) {
        // the chain, innermost cause/context first
        std::vector<std::pair<const char*, Value>> chain;
        Value exc = top;
        while (is(exc, Kind::exception) && chain.size() < 100) {
            auto* e = exc.as<ExceptionObject>();
            const char* msg = nullptr;
            Value next;
            if (is(e->cause, Kind::exception)) {
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
        bool has_stack = is(e->traceback, Kind::list) && !e->traceback.as<List>()->items.empty();
        if (!isinstance(exc, exc::BaseExceptionGroup)) {
            if (has_stack) emit("Traceback (most recent call last):\n" + stack_text(exc));
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
            emit(stack_text(exc));
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
    int end_col = at.end_line == at.line ? at.end_col : -1;
    e->traceback.as<List>()->items.push_back(
        new_tuple({new_str(code.filename), Value::integer(at.line), new_str(code.name),
                   Value::integer(at.col), Value::integer(end_col)}));
}

std::string format_exception(const Value& exc) {
    Printer p;
    p.exception(exc);
    return p.out;
}

}  // namespace aio::py
