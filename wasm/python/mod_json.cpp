// The `json` module: dumps/dump (CPython's layout, separators, indent, ensure_ascii escapes,
// Python's float repr, insertion order) and loads/load (CPython's JSONDecodeError messages and
// positions, counted in code points).
#include "python/builtins.hpp"
#include "python/detail.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace aio::py {

using namespace detail;

Type json_decode_error_type("JSONDecodeError", &exc::ValueError, Kind::exception);

namespace {

// ---- encoding ----

struct Encoder {
    bool skipkeys = false, ensure_ascii = true, check_circular = true, allow_nan = true, sort_keys = false;
    bool indented = false;
    std::string indent, item_sep = ", ", key_sep = ": ";
    Value dflt;  // default= callable, or None
    std::vector<const Object*> markers;
    std::string out;

    void string(std::string_view s) {
        out += '"';
        std::size_t pos = 0;
        char buf[16];
        while (pos < s.size()) {
            unsigned char c = static_cast<unsigned char>(s[pos]);
            switch (c) {
            case '"': out += "\\\""; ++pos; continue;
            case '\\': out += "\\\\"; ++pos; continue;
            case '\n': out += "\\n"; ++pos; continue;
            case '\r': out += "\\r"; ++pos; continue;
            case '\t': out += "\\t"; ++pos; continue;
            case '\b': out += "\\b"; ++pos; continue;
            case '\f': out += "\\f"; ++pos; continue;
            default: break;
            }
            if (c < 0x20 || (ensure_ascii && c == 0x7f)) {
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
                ++pos;
                continue;
            }
            if (c < 0x80 || !ensure_ascii) {
                out += static_cast<char>(c);
                ++pos;
                continue;
            }
            std::uint32_t cp = decode_utf8(s, pos);
            if (cp >= 0x10000) {  // a surrogate pair, as CPython
                cp -= 0x10000;
                std::snprintf(buf, sizeof buf, "\\u%04x\\u%04x", 0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
            } else {
                std::snprintf(buf, sizeof buf, "\\u%04x", cp);
            }
            out += buf;
        }
        out += '"';
    }

    std::string float_text(double d) {
        if (std::isfinite(d)) return float_repr(d);
        if (!allow_nan) raise(exc::ValueError, "Out of range float values are not JSON compliant");
        return std::isnan(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
    }

    void newline(std::size_t level) {
        out += '\n';
        for (std::size_t i = 0; i < level; ++i) out += indent;
    }

    struct Mark {  // circular reference check for one container
        Encoder& e;
        bool on;
        Mark(Encoder& enc, const Object* o) : e(enc), on(enc.check_circular) {
            if (!on) return;
            if (std::find(e.markers.begin(), e.markers.end(), o) != e.markers.end())
                raise(exc::ValueError, "Circular reference detected");
            e.markers.push_back(o);
        }
        ~Mark() {
            if (on) e.markers.pop_back();
        }
    };

    void value(const Value& v, std::size_t level) {
        if (is_boxed_number(v)) return value(unboxed(v), level);  // json writes an int subclass as int
        switch (kind_of(v)) {
        case Kind::none: out += "null"; return;
        case Kind::boolean: out += v.as_bool() ? "true" : "false"; return;
        case Kind::integer: out += std::to_string(v.as_int()); return;
        case Kind::real: out += float_text(v.as_float()); return;
        case Kind::str: string(v.as<Str>()->s); return;
        case Kind::list:
        case Kind::tuple: {
            const auto& items = is(v, Kind::list) ? v.as<List>()->items : v.as<Tuple>()->items;
            if (items.empty()) {
                out += "[]";
                return;
            }
            Mark mark(*this, v.obj());
            out += '[';
            if (indented) newline(level + 1);
            for (std::size_t i = 0; i < items.size(); ++i) {
                if (i) {
                    out += item_sep;
                    if (indented) newline(level + 1);
                }
                Value item = items[i];  // (the list may change under a default= callback)
                value(item, level + 1);
            }
            if (indented) newline(level);
            out += ']';
            return;
        }
        case Kind::dict: {
            object(v, level);
            return;
        }
        default: break;
        }
        if (dflt.is_none())
            raise(exc::TypeError, "Object of type " + type_name(v) + " is not JSON serializable");
        Mark mark(*this, v.is_object() ? v.obj() : nullptr);
        value(call(dflt, {v}), level);
    }

    // A dict key as JSON text, or false when skipkeys drops it.
    bool key_text(const Value& key, std::string& text) {
        const Value& k = unboxed(key);
        switch (kind_of(k)) {
        case Kind::str: text = k.as<Str>()->s; return true;
        case Kind::real: text = float_text(k.as_float()); return true;
        case Kind::boolean: text = k.as_bool() ? "true" : "false"; return true;
        case Kind::integer: text = std::to_string(k.as_int()); return true;
        case Kind::none: text = "null"; return true;
        default:
            if (skipkeys) return false;
            raise(exc::TypeError, "keys must be str, int, float, bool or None, not " + type_name(k));
        }
    }

    void object(const Value& d, std::size_t level) {
        auto& table = d.as<Dict>()->table;
        if (table.used == 0) {
            out += "{}";
            return;
        }
        Mark mark(*this, d.obj());
        std::vector<std::pair<Value, Value>> items;
        table.each([&](const HashTable::Entry& e) { items.emplace_back(e.key, e.value); });
        if (sort_keys) {
            std::vector<Value> keys;
            for (auto& kv : items) keys.push_back(kv.first);
            Value sorted = new_list(std::move(keys));
            call_method(sorted, "sort", {});
            items.clear();
            for (auto& k : sorted.as<List>()->items) items.emplace_back(k, table.find(k)->value);
        }
        out += '{';
        bool first = true;
        for (auto& [k, v] : items) {
            std::string text;
            if (!key_text(k, text)) continue;
            if (!first) out += item_sep;
            first = false;
            if (indented) newline(level + 1);
            string(text);
            out += key_sep;
            value(v, level + 1);
        }
        if (indented) newline(level);
        out += '}';
    }
};

bool flag(const Value* v, bool dflt) { return v ? truthy(*v) : dflt; }

std::string encode(const Value& obj, const Value* a, std::size_t n, const Tuple* kw) {
    static const std::initializer_list<std::string_view> known = {
        "skipkeys", "ensure_ascii", "check_circular", "allow_nan", "cls", "indent", "separators", "default", "sort_keys"};
    if (kw)
        for (auto& k : kw->items)
            if (std::find(known.begin(), known.end(), k.as<Str>()->s) == known.end())
                raise(exc::TypeError, "JSONEncoder.__init__() got an unexpected keyword argument '" + k.as<Str>()->s + "'");
    if (const Value* cls = kwarg(a, n, kw, "cls"); cls && !cls->is_none())
        raise(exc::TypeError, "json: cls= is not supported here");
    Encoder e;
    e.skipkeys = flag(kwarg(a, n, kw, "skipkeys"), false);
    e.ensure_ascii = flag(kwarg(a, n, kw, "ensure_ascii"), true);
    e.check_circular = flag(kwarg(a, n, kw, "check_circular"), true);
    e.allow_nan = flag(kwarg(a, n, kw, "allow_nan"), true);
    e.sort_keys = flag(kwarg(a, n, kw, "sort_keys"), false);
    if (const Value* d = kwarg(a, n, kw, "default")) e.dflt = *d;
    if (const Value* ind = kwarg(a, n, kw, "indent"); ind && !ind->is_none()) {
        e.indented = true;
        e.item_sep = ",";
        if (std::int64_t n; index_value(*ind, n)) e.indent.assign(static_cast<std::size_t>(std::max<std::int64_t>(0, n)), ' ');
        else e.indent = str(*ind);
    }
    if (const Value* sep = kwarg(a, n, kw, "separators"); sep && !sep->is_none()) {
        std::vector<Value> parts = to_vector(*sep);
        if (parts.size() != 2) raise(exc::ValueError, "too many values to unpack (expected 2)");
        e.item_sep = str(parts[0]);
        e.key_sep = str(parts[1]);
    }
    e.value(obj, 0);
    return std::move(e.out);
}

Value json_dumps(const Value* a, std::size_t n, const Tuple* kw) {
    if (n != 1) {
        if (n == 0) raise(exc::TypeError, "dumps() missing 1 required positional argument: 'obj'");
        raise(exc::TypeError, "dumps() takes 1 positional argument but " + std::to_string(n) + " were given");
    }
    return new_str(encode(a[0], a, n, kw));
}

// dump(obj, fp, **kw): fp.write(dumps(obj, **kw))
Value json_dump(const Value* a, std::size_t n, const Tuple* kw) {
    if (n != 2) raise(exc::TypeError, "dump() takes 2 positional arguments but " + std::to_string(n) + " were given");
    call_method(a[1], "write", {new_str(encode(a[0], a, n, kw))});
    return Value();
}

// ---- decoding ----

struct Decoder {
    std::string_view s;
    const Value& doc;
    Value object_hook, pairs_hook, parse_float, parse_int;
    std::size_t depth = 0;

    [[noreturn]] void fail(const std::string& msg, std::size_t byte_pos) {
        std::string_view before = s.substr(0, byte_pos);
        std::int64_t pos = count_code_points(before);
        std::int64_t lineno = std::count(before.begin(), before.end(), '\n') + 1;
        std::size_t nl = before.rfind('\n');
        std::int64_t colno = nl == std::string_view::npos ? pos + 1 : count_code_points(before.substr(nl + 1)) + 1;
        std::string text = msg + ": line " + std::to_string(lineno) + " column " + std::to_string(colno) +
                           " (char " + std::to_string(pos) + ")";
        Value e = new_exception(json_decode_error_type, {new_str(text)});
        setattr(e, "msg", new_str(msg));
        setattr(e, "doc", doc);
        setattr(e, "pos", Value::integer(pos));
        setattr(e, "lineno", Value::integer(lineno));
        setattr(e, "colno", Value::integer(colno));
        raise(e);
    }

    std::size_t skip_ws(std::size_t i) const {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
        return i;
    }

    static int hex4(std::string_view s, std::size_t i) {  // -1 when not 4 hex digits
        if (i + 4 > s.size()) return -1;
        int v = 0;
        for (std::size_t k = i; k < i + 4; ++k) {
            char c = s[k];
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) return -1;
            v = v * 16 + d;
        }
        return v;
    }

    // s[i] is the opening quote; returns the text and sets i past the closing one.
    std::string string(std::size_t& i) {
        std::size_t begin = i++;
        std::string out;
        for (;;) {
            if (i >= s.size()) fail("Unterminated string starting at", begin);
            unsigned char c = static_cast<unsigned char>(s[i]);
            if (c == '"') {
                ++i;
                return out;
            }
            if (c < 0x20) fail("Invalid control character at", i);
            if (c != '\\') {
                out += static_cast<char>(c);
                ++i;
                continue;
            }
            if (i + 1 >= s.size()) fail("Unterminated string starting at", begin);
            char esc = s[i + 1];
            switch (esc) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '/': out += '/'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                int cp = hex4(s, i + 2);
                if (cp < 0) fail("Invalid \\uXXXX escape", i + 1);
                i += 6;
                // A high surrogate followed by an escaped low one is one code point.
                if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.size() && s[i] == '\\' && s[i + 1] == 'u') {
                    int low = hex4(s, i + 2);
                    if (low < 0) fail("Invalid \\uXXXX escape", i + 1);
                    if (low >= 0xdc00 && low <= 0xdfff) {
                        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
                        i += 6;
                    }
                }
                append_utf8(out, static_cast<std::uint32_t>(cp));
                continue;
            }
            default: fail("Invalid \\escape", i);
            }
            i += 2;
        }
    }

    Value number(std::size_t& i) {
        std::size_t begin = i, k = i;
        if (k < s.size() && s[k] == '-') ++k;
        auto digit = [&](std::size_t at) { return at < s.size() && s[at] >= '0' && s[at] <= '9'; };
        if (!digit(k)) fail("Expecting value", begin);
        if (s[k] == '0') ++k;
        else
            while (digit(k)) ++k;
        bool is_float = false;
        if (k < s.size() && s[k] == '.' && digit(k + 1)) {
            is_float = true;
            k += 2;
            while (digit(k)) ++k;
        }
        if (k < s.size() && (s[k] == 'e' || s[k] == 'E')) {
            std::size_t e = k + 1;
            if (e < s.size() && (s[e] == '+' || s[e] == '-')) ++e;
            if (digit(e)) {
                is_float = true;
                k = e;
                while (digit(k)) ++k;
            }
        }
        i = k;
        std::string_view text = s.substr(begin, k - begin);
        if (is_float) {
            if (!parse_float.is_none()) return call(parse_float, {new_str(text)});
            return Value::real(std::strtod(std::string(text).c_str(), nullptr));
        }
        if (!parse_int.is_none()) return call(parse_int, {new_str(text)});
        return parse_int_text(text);
    }

    static Value parse_int_text(std::string_view text) { return detail::parse_int(text, 10); }

    bool word(std::size_t& i, std::string_view w) {
        if (s.substr(i, w.size()) != w) return false;
        i += w.size();
        return true;
    }

    Value value(std::size_t& i) {
        if (i >= s.size()) fail("Expecting value", i);
        if (++depth > 1000) raise(exc::RecursionError, "maximum recursion depth exceeded while decoding a JSON document");
        struct Leave {
            std::size_t& d;
            ~Leave() { --d; }
        } leave{depth};
        char c = s[i];
        if (c == '"') return new_str(string(i));
        if (c == '{') return object(i);
        if (c == '[') return array(i);
        if (c == '-' && word(i, "-Infinity")) return Value::real(-INFINITY);
        if (c == '-' || (c >= '0' && c <= '9')) return number(i);
        if (word(i, "null")) return Value();
        if (word(i, "true")) return Value::boolean(true);
        if (word(i, "false")) return Value::boolean(false);
        if (word(i, "NaN")) return Value::real(NAN);
        if (word(i, "Infinity")) return Value::real(INFINITY);
        fail("Expecting value", i);
    }

    Value array(std::size_t& i) {
        std::vector<Value> items;
        i = skip_ws(i + 1);
        if (i < s.size() && s[i] == ']') {
            ++i;
            return new_list();
        }
        for (;;) {
            items.push_back(value(i));
            i = skip_ws(i);
            if (i < s.size() && s[i] == ']') {
                ++i;
                return new_list(std::move(items));
            }
            if (i >= s.size() || s[i] != ',') fail("Expecting ',' delimiter", i);
            i = skip_ws(i + 1);
        }
    }

    Value object(std::size_t& i) {
        std::vector<Value> pairs;
        Value d = new_dict();
        i = skip_ws(i + 1);
        bool empty = i < s.size() && s[i] == '}';
        if (empty) ++i;
        while (!empty) {
            if (i >= s.size() || s[i] != '"') fail("Expecting property name enclosed in double quotes", i);
            Value key = new_str(string(i));
            i = skip_ws(i);
            if (i >= s.size() || s[i] != ':') fail("Expecting ':' delimiter", i);
            i = skip_ws(i + 1);
            Value v = value(i);
            if (pairs_hook.is_none()) d.as<Dict>()->table.insert(key, v);
            else pairs.push_back(new_tuple({key, v}));
            i = skip_ws(i);
            if (i < s.size() && s[i] == '}') {
                ++i;
                break;
            }
            if (i >= s.size() || s[i] != ',') fail("Expecting ',' delimiter", i);
            i = skip_ws(i + 1);
        }
        if (!pairs_hook.is_none()) return call(pairs_hook, {new_list(std::move(pairs))});
        if (!object_hook.is_none()) return call(object_hook, {d});
        return d;
    }
};

Value decode(const Value& doc, const Value* a, std::size_t n, const Tuple* kw) {
    static const std::initializer_list<std::string_view> known = {
        "cls", "object_hook", "parse_float", "parse_int", "parse_constant", "object_pairs_hook", "strict"};
    if (kw)
        for (auto& k : kw->items)
            if (std::find(known.begin(), known.end(), k.as<Str>()->s) == known.end())
                raise(exc::TypeError, "JSONDecoder.__init__() got an unexpected keyword argument '" + k.as<Str>()->s + "'");
    Value text = doc;
    if (is(doc, Kind::bytes)) text = call(Value(&str_type), {doc, new_str("utf-8")});
    else if (!is(doc, Kind::str))
        raise(exc::TypeError, "the JSON object must be str, bytes or bytearray, not " + type_name(doc));
    Decoder d{text.as<Str>()->s, text, {}, {}, {}, {}};
    auto opt = [&](const char* name) {
        const Value* v = kwarg(a, n, kw, name);
        return v ? *v : Value();
    };
    d.object_hook = opt("object_hook");
    d.pairs_hook = opt("object_pairs_hook");
    d.parse_float = opt("parse_float");
    d.parse_int = opt("parse_int");
    if (d.s.substr(0, 3) == "\xef\xbb\xbf") d.fail("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0);
    std::size_t i = d.skip_ws(0);
    Value v = d.value(i);
    i = d.skip_ws(i);
    if (i != d.s.size()) d.fail("Extra data", i);
    return v;
}

Value json_loads(const Value* a, std::size_t n, const Tuple* kw) {
    if (n != 1) {
        if (n == 0) raise(exc::TypeError, "loads() missing 1 required positional argument: 's'");
        raise(exc::TypeError, "loads() takes 1 positional argument but " + std::to_string(n) + " were given");
    }
    return decode(a[0], a, n, kw);
}

// load(fp, **kw): loads(fp.read(), **kw)
Value json_load(const Value* a, std::size_t n, const Tuple* kw) {
    if (n != 1) raise(exc::TypeError, "load() takes 1 positional argument but " + std::to_string(n) + " were given");
    return decode(call_method(a[0], "read", {}), a, n, kw);
}

}  // namespace

void init_json(Dict& ns) {
    define(ns, "dumps", json_dumps);
    define(ns, "dump", json_dump);
    define(ns, "loads", json_loads);
    define(ns, "load", json_load);
    define(ns, "JSONDecodeError", Value(&json_decode_error_type));
}

}  // namespace aio::py
