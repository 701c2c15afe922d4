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

std::string source_line(const std::string& file, int line) {
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

void format_into(const Value& exc, std::string& out, int depth) {
    auto* e = exc.as<ExceptionObject>();
    if (depth < 100) {
        if (is(e->cause, Kind::exception)) {
            format_into(e->cause, out, depth + 1);
            out += "\nThe above exception was the direct cause of the following exception:\n\n";
        } else if (is(e->context, Kind::exception) && !e->suppress_context) {
            format_into(e->context, out, depth + 1);
            out += "\nDuring handling of the above exception, another exception occurred:\n\n";
        }
    }
    if (is(e->traceback, Kind::list) && !e->traceback.as<List>()->items.empty()) {
        out += "Traceback (most recent call last):\n";
        auto& items = e->traceback.as<List>()->items;
        for (auto it = items.rbegin(); it != items.rend(); ++it) {
            auto& t = it->as<Tuple>()->items;
            std::string file = as_str(t[0])->s;
            int line = static_cast<int>(t[1].as_int());
            out += "  File \"" + file + "\", line " + std::to_string(line) + ", in " + as_str(t[2])->s + "\n";
            std::string src = source_line(file, line);
            if (!src.empty()) out += "    " + src + "\n";
        }
    }
    out += exception_line(exc);
}

}  // namespace

void register_source(const std::string& filename, std::string source) {
    sources()[filename] = std::move(source);
}

void add_traceback(const Value& exc, const Code& code, int line) {
    auto* e = exc.as<ExceptionObject>();
    if (!is(e->traceback, Kind::list)) e->traceback = new_list();
    e->traceback.as<List>()->items.push_back(
        new_tuple({new_str(code.filename), Value::integer(line), new_str(code.name)}));
}

std::string format_exception(const Value& exc) {
    std::string out;
    format_into(exc, out, 0);
    return out;
}

}  // namespace aio::py
