// str: UTF-8 helpers and the str methods. Indexes and lengths are in code points.
#include "python/detail.hpp"

#include "aio/detail/python_repr.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace aio::py {

using namespace detail;
using aio::detail::python_printable;

namespace detail {

std::int64_t count_code_points(std::string_view s) {
    std::int64_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

std::int64_t count_occurrences(std::string_view hay, std::string_view sub) {
    std::int64_t c = 0;
    for (std::size_t f = hay.find(sub); f != std::string_view::npos; f = hay.find(sub, f + sub.size())) ++c;
    return c;
}

std::string padded(std::string_view s, std::int64_t length, std::int64_t width, std::string_view fill, int how) {
    check_size(width);
    const std::int64_t total = width - length;
    const std::int64_t left = how == 0 ? total / 2 + (total & width & 1) : how == 2 ? total : 0;  // as CPython's pad
    std::string out;
    for (std::int64_t i = 0; i < left; ++i) out += fill;
    out += s;
    for (std::int64_t i = left; i < total; ++i) out += fill;
    return out;
}

std::string zero_filled(std::string_view s, std::int64_t length, std::int64_t width) {
    check_size(width);
    std::string out(s);
    std::size_t at = !out.empty() && (out[0] == '+' || out[0] == '-') ? 1 : 0;
    out.insert(at, static_cast<std::size_t>(width - length), '0');
    return out;
}

std::int64_t tabsize_arg(const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("expandtabs", kw, {"tabsize"});
    const std::size_t total = n - 1 + (kw ? kw->items.size() : 0);
    if (total > 1) raise(exc::TypeError, "expandtabs() takes at most 1 argument (" + std::to_string(total) + " given)");
    const std::int64_t tabsize = total == 1 ? as_integer(a[1]) : 8;  // a keyword value follows the positional ones
    if (tabsize > INT32_MAX) raise(exc::OverflowError, "Python int too large to convert to C int");
    return tabsize;
}

std::string tabs_expanded(std::string_view s, std::int64_t tabsize, bool utf8) {
    std::string out;
    std::int64_t column = 0;
    for (char c : s) {
        if (c == '\t') {
            if (tabsize > 0) {
                const std::int64_t spaces = tabsize - column % tabsize;
                check_size(static_cast<std::int64_t>(out.size()) + spaces);
                out.append(static_cast<std::size_t>(spaces), ' ');
                column += spaces;
            }
            continue;
        }
        out.push_back(c);
        if (c == '\n' || c == '\r') {
            column = 0;
        } else if (!utf8 || (static_cast<unsigned char>(c) & 0xC0) != 0x80) {  // a continuation byte is no column
            ++column;
        }
    }
    return out;
}

bool affix_matches(std::string_view hay, const Value& arg, bool start,
                   const std::function<std::string_view(const Value&)>& text) {
    auto test = [&](const Value& p) {
        std::string_view x = text(p);
        return x.size() <= hay.size() && (start ? hay.substr(0, x.size()) : hay.substr(hay.size() - x.size())) == x;
    };
    if (!is(arg, Kind::tuple)) return test(arg);
    const auto& items = arg.as<Tuple>()->items;
    return std::any_of(items.begin(), items.end(), test);
}

std::size_t byte_offset(const Str& s, std::int64_t cp_index) {
    if (s.ascii()) return static_cast<std::size_t>(cp_index);
    std::size_t pos = 0;
    for (std::int64_t i = 0; i < cp_index && pos < s.s.size(); ++i) decode_utf8(s.s, pos);
    return pos;
}

}  // namespace detail

namespace {

const Str& self_str(const Value* a) { return *a[0].as<Str>(); }

const Str& arg_str(const Value& v, const char* fn) {
    if (!is(v, Kind::str))
        raise(exc::TypeError, std::string(fn) + " arg must be None or str");
    return *v.as<Str>();
}

[[noreturn]] void need_str(const Value& v) {
    raise(exc::TypeError, "must be str, not " + type_name(v));
}

std::vector<std::uint32_t> code_points(std::string_view s) {
    std::vector<std::uint32_t> out;
    for (std::size_t pos = 0; pos < s.size();) out.push_back(decode_utf8(s, pos));
    return out;
}

bool is_space(std::uint32_t c) {
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F) || c == 0x85 || c == 0xA0 ||
           c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000;
}

std::uint32_t to_upper(std::uint32_t c) {
    if (c >= 'a' && c <= 'z') return c - 32;
    if ((c >= 0xE0 && c <= 0xFE && c != 0xF7) || (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2) || (c >= 0x430 && c <= 0x44F)) return c - 32;
    if (c >= 0x450 && c <= 0x45F) return c - 0x50;
    return c;
}

std::uint32_t to_lower(std::uint32_t c) {
    if (c >= 'A' && c <= 'Z') return c + 32;
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) || (c >= 0x410 && c <= 0x42F)) return c + 32;
    if (c >= 0x400 && c <= 0x40F) return c + 0x50;
    return c;
}

bool is_lower(std::uint32_t c) { return to_upper(c) != c; }
bool is_upper(std::uint32_t c) { return to_lower(c) != c; }
bool is_digit(std::uint32_t c) { return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19) || (c >= 0x660 && c <= 0x669); }
// Letters: ASCII, and (approximately) every non-ASCII code point that is not space,
// punctuation or a digit — so CJK ideographs, kana, accented letters count.
bool is_alpha(std::uint32_t c) {
    if (c < 0x80) return (c | 32) >= 'a' && (c | 32) <= 'z';
    if (is_space(c) || is_digit(c)) return false;
    if ((c >= 0x80 && c <= 0xBF) || c == 0xD7 || c == 0xF7) return false;
    if ((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF0F) ||
        (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFE30 && c <= 0xFE4F) || c >= 0x1F000)
        return false;
    return true;
}

std::string map_cps(const Str& s, std::uint32_t (*map)(std::uint32_t)) {
    std::string out;
    out.reserve(s.s.size());
    for (std::size_t pos = 0; pos < s.s.size();) append_utf8(out, map(decode_utf8(s.s, pos)));
    return out;
}

// The is*() tests: every code point passes; '' gives `Empty` (false, but true for isascii and
// isprintable). `Name` names the method in argument errors.
constexpr char isdigit_name[] = "str.isdigit", isdecimal_name[] = "str.isdecimal", isnumeric_name[] = "str.isnumeric",
               isalpha_name[] = "str.isalpha", isalnum_name[] = "str.isalnum", isspace_name[] = "str.isspace",
               isascii_name[] = "str.isascii", isprintable_name[] = "str.isprintable";
template <bool (*Pred)(std::uint32_t), bool Empty, const char* Name>
Value all_chars(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs(Name, kw);
    check_args(Name, n - 1, 0, 0);
    auto& s = self_str(a).s;
    if (s.empty()) return Value::boolean(Empty);
    for (std::size_t pos = 0; pos < s.size();)
        if (!Pred(decode_utf8(s, pos))) return Value::boolean(false);
    return Value::boolean(true);
}

bool is_alnum(std::uint32_t c) { return is_alpha(c) || is_digit(c); }
bool is_space_pred(std::uint32_t c) { return is_space(c); }

Value cased(const Value* a, std::size_t n, const Tuple* kw, bool want_upper) {
    const char* name = want_upper ? "str.isupper" : "str.islower";
    no_kwargs(name, kw);
    check_args(name, n - 1, 0, 0);
    bool any = false;
    for (auto c : code_points(self_str(a).s)) {
        if (want_upper ? is_lower(c) : is_upper(c)) return Value::boolean(false);
        any = any || (want_upper ? is_upper(c) : is_lower(c));
    }
    return Value::boolean(any);
}
Value m_isupper(const Value* a, std::size_t n, const Tuple* kw) { return cased(a, n, kw, true); }
Value m_islower(const Value* a, std::size_t n, const Tuple* kw) { return cased(a, n, kw, false); }

bool is_ascii_cp(std::uint32_t c) { return c < 0x80; }

// Title case: an upper-case letter only after an uncased one, a lower-case one only after a
// cased one, and at least one cased letter.
Value m_istitle(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("str.istitle", kw);
    check_args("str.istitle", n - 1, 0, 0);
    bool any = false, previous_cased = false;
    for (auto c : code_points(self_str(a).s)) {
        if (is_upper(c)) {
            if (previous_cased) return Value::boolean(false);
            previous_cased = any = true;
        } else if (is_lower(c)) {
            if (!previous_cased) return Value::boolean(false);
            previous_cased = any = true;
        } else {
            previous_cased = false;
        }
    }
    return Value::boolean(any);
}

Value m_isidentifier(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("str.isidentifier", kw);
    check_args("str.isidentifier", n - 1, 0, 0);
    auto cps = code_points(self_str(a).s);
    if (cps.empty() || !(cps[0] == '_' || is_alpha(cps[0]))) return Value::boolean(false);
    return Value::boolean(std::all_of(cps.begin() + 1, cps.end(), [](std::uint32_t c) { return c == '_' || is_alnum(c); }));
}

// lower(), with the full case folding of the letters that have one here (ß -> ss).
Value m_casefold(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("str.casefold", kw);
    check_args("str.casefold", n - 1, 0, 0);
    std::string out;
    for (auto c : code_points(self_str(a).s)) {
        if (c == 0xDF) {
            out += "ss";
        } else {
            append_utf8(out, to_lower(c));
        }
    }
    return new_str(std::move(out));
}

// str.maketrans(dict) / (from, to) / (from, to, delete): {code point: code point, str or None}.
Value m_maketrans(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("maketrans", kw);
    check_args("maketrans", n, 1, 3);
    Value table = new_dict();
    if (n == 1) {
        if (!is(a[0], Kind::dict))
            raise(exc::TypeError, "if you give only one argument to maketrans it must be a dict");
        for (const Value& key : to_vector(a[0])) {
            Value k = key;
            if (is(key, Kind::str)) {
                auto cps = code_points(key.as<Str>()->s);
                if (cps.size() != 1) raise(exc::ValueError, "string keys in translate table must be of length 1");
                k = Value::integer(cps[0]);
            } else if (!key.is_intlike()) {
                raise(exc::TypeError, "keys in translate table must be strings or integers");
            }
            setitem(table, k, getitem(a[0], key));
        }
        return table;
    }
    if (!is(a[0], Kind::str)) raise(exc::TypeError, "maketrans() argument 1 must be str, not " + type_name(a[0]));
    if (!is(a[1], Kind::str)) raise(exc::TypeError, "maketrans() argument 2 must be str, not " + type_name(a[1]));
    auto from = code_points(a[0].as<Str>()->s), to = code_points(a[1].as<Str>()->s);
    if (from.size() != to.size())
        raise(exc::ValueError, "the first two maketrans arguments must have equal length");
    for (std::size_t i = 0; i < from.size(); ++i) setitem(table, Value::integer(from[i]), Value::integer(to[i]));
    if (n == 3) {
        if (!is(a[2], Kind::str)) raise(exc::TypeError, "maketrans() argument 3 must be str, not " + type_name(a[2]));
        for (auto c : code_points(a[2].as<Str>()->s)) setitem(table, Value::integer(c), Value());
    }
    return table;
}

// Each code point looked up in `table` (table[ord(c)]): missing (LookupError) keeps it, None
// deletes it, an int or str replaces it.
Value m_translate(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("str.translate", kw);
    check_args("str.translate", n - 1, 1, 1);
    std::string out;
    for (auto c : code_points(self_str(a).s)) {
        Value to;
        try {
            to = getitem(a[1], Value::integer(c));
        } catch (const Error& e) {
            if (!e.type().is_subtype_of(exc::LookupError)) throw;
            append_utf8(out, c);
            continue;
        }
        if (to.is_none()) continue;
        if (to.is_intlike()) {
            std::int64_t cp = to.as_int();
            if (cp < 0 || cp > 0x10FFFF) raise(exc::ValueError, "character mapping must be in range(0x110000)");
            append_utf8(out, static_cast<std::uint32_t>(cp));
        } else if (is(to, Kind::str)) {
            out += to.as<Str>()->s;
        } else {
            raise(exc::TypeError, "character mapping must return integer, None or str");
        }
    }
    return new_str(std::move(out));
}

Value m_upper(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("str.upper", kw);
    check_args("str.upper", n - 1, 0, 0);
    return new_str(map_cps(self_str(a), to_upper));
}

Value m_lower(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("str.lower", kw);
    check_args("str.lower", n - 1, 0, 0);
    return new_str(map_cps(self_str(a), to_lower));
}

Value m_title_like(const Value* a, std::size_t n, const Tuple* kw, bool title) {
    no_kwargs(title ? "str.title" : "str.capitalize", kw);
    check_args(title ? "str.title" : "str.capitalize", n - 1, 0, 0);
    std::string out;
    bool start = true;
    for (auto c : code_points(self_str(a).s)) {
        append_utf8(out, start ? to_upper(c) : to_lower(c));
        start = title ? !(is_alpha(c)) : false;
    }
    return new_str(std::move(out));
}
Value m_title(const Value* a, std::size_t n, const Tuple* kw) { return m_title_like(a, n, kw, true); }
Value m_capitalize(const Value* a, std::size_t n, const Tuple* kw) { return m_title_like(a, n, kw, false); }

Value m_swapcase(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("str.swapcase", kw);
    check_args("str.swapcase", n - 1, 0, 0);
    std::string out;
    for (auto c : code_points(self_str(a).s)) append_utf8(out, is_upper(c) ? to_lower(c) : to_upper(c));
    return new_str(std::move(out));
}

// strip family: where 0 = both, 1 = left, 2 = right
Value strip(const Value* a, std::size_t n, const Tuple* kw, int where, const char* name) {
    no_kwargs(name, kw);
    check_args(name, n - 1, 0, 1);
    auto cps = code_points(self_str(a).s);
    std::vector<std::uint32_t> chars;
    bool whitespace = n == 1 || a[1].is_none();
    if (!whitespace) chars = code_points(arg_str(a[1], name).s);
    auto drop = [&](std::uint32_t c) {
        return whitespace ? is_space(c) : std::find(chars.begin(), chars.end(), c) != chars.end();
    };
    std::size_t b = 0, e = cps.size();
    if (where != 2)
        while (b < e && drop(cps[b])) ++b;
    if (where != 1)
        while (e > b && drop(cps[e - 1])) --e;
    std::string out;
    for (std::size_t i = b; i < e; ++i) append_utf8(out, cps[i]);
    return new_str(std::move(out));
}
Value m_strip(const Value* a, std::size_t n, const Tuple* kw) { return strip(a, n, kw, 0, "str.strip"); }
Value m_lstrip(const Value* a, std::size_t n, const Tuple* kw) { return strip(a, n, kw, 1, "str.lstrip"); }
Value m_rstrip(const Value* a, std::size_t n, const Tuple* kw) { return strip(a, n, kw, 2, "str.rstrip"); }

// split / rsplit (sep=None, maxsplit=-1)
Value split(const Value* a, std::size_t n, const Tuple* kw, bool right) {
    const char* name = right ? "str.rsplit()" : "str.split()";
    only_kwargs(name, kw, {"sep", "maxsplit"});
    check_args(name, n - 1, 0, 2);
    const Value* sepv = n >= 2 ? &a[1] : kwarg(a, n, kw, "sep");
    const Value* maxv = n >= 3 ? &a[2] : kwarg(a, n, kw, "maxsplit");
    std::int64_t maxsplit = -1;
    if (maxv) maxsplit = as_integer(*maxv);
    const std::string& s = self_str(a).s;
    std::vector<Value> parts;
    if (!sepv || sepv->is_none()) {
        auto cps = code_points(s);
        std::vector<std::pair<std::size_t, std::size_t>> words;  // cp ranges
        if (!right) {
            std::size_t i = 0;
            while (i < cps.size()) {
                while (i < cps.size() && is_space(cps[i])) ++i;
                if (i == cps.size()) break;
                if (maxsplit >= 0 && static_cast<std::int64_t>(words.size()) == maxsplit) {
                    std::size_t e = cps.size();
                    while (e > i && is_space(cps[e - 1])) --e;
                    words.push_back({i, e});
                    break;
                }
                std::size_t b = i;
                while (i < cps.size() && !is_space(cps[i])) ++i;
                words.push_back({b, i});
            }
        } else {
            std::size_t i = cps.size();
            while (i > 0) {
                while (i > 0 && is_space(cps[i - 1])) --i;
                if (i == 0) break;
                if (maxsplit >= 0 && static_cast<std::int64_t>(words.size()) == maxsplit) {
                    std::size_t b = 0;
                    while (b < i && is_space(cps[b])) ++b;
                    words.push_back({b, i});
                    break;
                }
                std::size_t e = i;
                while (i > 0 && !is_space(cps[i - 1])) --i;
                words.push_back({i, e});
            }
            std::reverse(words.begin(), words.end());
        }
        for (auto [b, e] : words) {
            std::string w;
            for (std::size_t i = b; i < e; ++i) append_utf8(w, cps[i]);
            parts.push_back(new_str(std::move(w)));
        }
        return new_list(std::move(parts));
    }
    if (!is(*sepv, Kind::str)) need_str(*sepv);
    const std::string& sep = sepv->as<Str>()->s;
    if (sep.empty()) raise(exc::ValueError, "empty separator");
    if (!right) {
        std::size_t pos = 0;
        for (;;) {
            std::size_t f = maxsplit >= 0 && static_cast<std::int64_t>(parts.size()) >= maxsplit ? std::string::npos : s.find(sep, pos);
            if (f == std::string::npos) {
                parts.push_back(new_str(s.substr(pos)));
                break;
            }
            parts.push_back(new_str(s.substr(pos, f - pos)));
            pos = f + sep.size();
        }
    } else {
        std::size_t end = s.size();
        for (;;) {
            std::size_t f = std::string::npos;
            if (!(maxsplit >= 0 && static_cast<std::int64_t>(parts.size()) >= maxsplit) && end >= sep.size())
                f = s.rfind(sep, end - sep.size());
            if (f == std::string::npos) {
                parts.push_back(new_str(s.substr(0, end)));
                break;
            }
            parts.push_back(new_str(s.substr(f + sep.size(), end - f - sep.size())));
            end = f;
        }
        std::reverse(parts.begin(), parts.end());
    }
    return new_list(std::move(parts));
}
Value m_split(const Value* a, std::size_t n, const Tuple* kw) { return split(a, n, kw, false); }
Value m_rsplit(const Value* a, std::size_t n, const Tuple* kw) { return split(a, n, kw, true); }

Value m_splitlines(const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("splitlines", kw, {"keepends"});
    check_args("str.splitlines()", n - 1, 0, 1);
    const Value* kv = n == 2 ? &a[1] : kwarg(a, n, kw, "keepends");
    bool keep = kv && truthy(*kv);
    auto cps = code_points(self_str(a).s);
    std::vector<Value> lines;
    std::string cur;
    for (std::size_t i = 0; i < cps.size(); ++i) {
        std::uint32_t c = cps[i];
        bool brk = c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || (c >= 0x1C && c <= 0x1E) || c == 0x85 ||
                   c == 0x2028 || c == 0x2029;
        if (!brk) {
            append_utf8(cur, c);
            continue;
        }
        if (keep) append_utf8(cur, c);
        if (c == '\r' && i + 1 < cps.size() && cps[i + 1] == '\n') {
            ++i;
            if (keep) cur.push_back('\n');
        }
        lines.push_back(new_str(std::move(cur)));
        cur.clear();
    }
    if (!cur.empty()) lines.push_back(new_str(std::move(cur)));
    return new_list(std::move(lines));
}

Value m_join(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("str.join", kw);
    check_args("str.join", n - 1, 1, 1);
    const std::string& sep = self_str(a).s;
    Value items;
    try {
        items = iter(a[1]);
    } catch (const Error& e) {  // CPython's PySequence_Fast message
        if (!e.type().is_subtype_of(exc::TypeError)) throw;
        raise(exc::TypeError, "can only join an iterable");
    }
    std::string out;
    std::size_t i = 0;
    for_each(items, [&](const Value& x) {
        if (!is(x, Kind::str))
            raise(exc::TypeError, "sequence item " + std::to_string(i) + ": expected str instance, " +
                                      type_name(x) + " found");
        if (i++) out += sep;
        out += x.as<Str>()->s;
    });
    return new_str(std::move(out));
}

// Resolves optional start/end (code points, like slice bounds) to byte offsets.
void byte_range(const Str& s, const Value* a, std::size_t n, std::size_t first, std::size_t& b, std::size_t& e) {
    auto bound = [&](std::size_t k, std::int64_t dflt) {
        if (n <= k || a[k].is_none()) return dflt;
        std::int64_t i;
        if (!index_value(a[k], i))
            raise(exc::TypeError, "slice indices must be integers or None or have an __index__ method");
        if (i < 0) i = std::max<std::int64_t>(0, i + s.length);
        return std::min(i, s.length);
    };
    std::int64_t cb = bound(first, 0), ce = bound(first + 1, s.length);
    b = byte_offset(s, cb);
    e = ce < cb ? b : byte_offset(s, ce);
    if (ce < cb) b = std::string::npos;  // empty, and no match even for ""
}

std::int64_t cp_index(const Str& s, std::size_t byte) {
    return s.ascii() ? static_cast<std::int64_t>(byte) : count_code_points(std::string_view(s.s).substr(0, byte));
}

std::int64_t find_impl(const Value* a, std::size_t n, const Tuple* kw, const char* name, bool right) {
    no_kwargs(name, kw);
    check_args(name, n - 1, 1, 3);
    if (!is(a[1], Kind::str)) need_str(a[1]);
    const Str& s = self_str(a);
    const std::string& sub = a[1].as<Str>()->s;
    std::size_t b, e;
    byte_range(s, a, n, 2, b, e);
    if (b == std::string::npos || e - b < sub.size()) return -1;
    std::string_view hay = std::string_view(s.s).substr(b, e - b);
    std::size_t f = right ? hay.rfind(sub) : hay.find(sub);
    return f == std::string_view::npos ? -1 : cp_index(s, b + f);
}
Value m_find(const Value* a, std::size_t n, const Tuple* kw) { return Value::integer(find_impl(a, n, kw, "str.find()", false)); }
Value m_rfind(const Value* a, std::size_t n, const Tuple* kw) { return Value::integer(find_impl(a, n, kw, "str.rfind()", true)); }
Value m_index(const Value* a, std::size_t n, const Tuple* kw) {
    std::int64_t i = find_impl(a, n, kw, "str.index()", false);
    if (i < 0) raise(exc::ValueError, "substring not found");
    return Value::integer(i);
}
Value m_rindex(const Value* a, std::size_t n, const Tuple* kw) {
    std::int64_t i = find_impl(a, n, kw, "str.rindex()", true);
    if (i < 0) raise(exc::ValueError, "substring not found");
    return Value::integer(i);
}

Value m_count(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("str.count", kw);
    check_args("str.count()", n - 1, 1, 3);
    if (!is(a[1], Kind::str)) need_str(a[1]);
    const Str& s = self_str(a);
    const std::string& sub = a[1].as<Str>()->s;
    std::size_t b, e;
    byte_range(s, a, n, 2, b, e);
    if (b == std::string::npos) return Value::integer(0);
    std::string_view hay = std::string_view(s.s).substr(b, e - b);
    if (sub.empty()) return Value::integer(count_code_points(hay) + 1);
    return Value::integer(count_occurrences(hay, sub));
}

Value affix(const Value* a, std::size_t n, const Tuple* kw, bool start) {
    const char* name = start ? "str.startswith()" : "str.endswith()";
    no_kwargs(name, kw);
    check_args(name, n - 1, 1, 3);
    const Str& s = self_str(a);
    std::size_t b, e;
    byte_range(s, a, n, 2, b, e);
    if (b == std::string::npos) return Value::boolean(false);
    std::string_view hay = std::string_view(s.s).substr(b, e - b);
    return Value::boolean(affix_matches(hay, a[1], start, [start](const Value& p) -> std::string_view {
        if (!is(p, Kind::str))
            raise(exc::TypeError, std::string(start ? "startswith" : "endswith") +
                                      " first arg must be str or a tuple of str, not " + type_name(p));
        return p.as<Str>()->s;
    }));
}
Value m_startswith(const Value* a, std::size_t n, const Tuple* kw) { return affix(a, n, kw, true); }
Value m_endswith(const Value* a, std::size_t n, const Tuple* kw) { return affix(a, n, kw, false); }

Value m_replace(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("str.replace", kw);
    check_args("str.replace", n - 1, 2, 3);
    if (!is(a[1], Kind::str)) raise(exc::TypeError, "replace() argument 1 must be str, not " + type_name(a[1]));
    if (!is(a[2], Kind::str)) raise(exc::TypeError, "replace() argument 2 must be str, not " + type_name(a[2]));
    std::int64_t count = n == 4 ? to_index(a[3], "count") : -1;
    const std::string& s = self_str(a).s;
    const std::string& from = a[1].as<Str>()->s;
    const std::string& to = a[2].as<Str>()->s;
    std::string out;
    if (from.empty()) {
        std::size_t pos = 0;
        std::int64_t done = 0;
        while (count < 0 || done < count) {
            out += to;
            ++done;
            if (pos >= s.size()) break;
            std::size_t next = pos;
            decode_utf8(s, next);
            out.append(s, pos, next - pos);
            pos = next;
        }
        out.append(s, std::min(pos, s.size()), std::string::npos);
        return new_str(std::move(out));
    }
    std::size_t pos = 0;
    std::int64_t done = 0;
    for (std::size_t f = s.find(from); f != std::string::npos && (count < 0 || done < count); f = s.find(from, pos)) {
        out.append(s, pos, f - pos);
        out += to;
        pos = f + from.size();
        ++done;
    }
    out.append(s, pos, std::string::npos);
    return new_str(std::move(out));
}

std::uint32_t fill_char(const Value* a, std::size_t n, std::size_t k) {
    if (n <= k) return ' ';
    if (!is(a[k], Kind::str) || a[k].as<Str>()->length != 1)
        raise(exc::TypeError, "The fill character must be exactly one character long");
    std::size_t pos = 0;
    return decode_utf8(a[k].as<Str>()->s, pos);
}

Value pad(const Value* a, std::size_t n, const Tuple* kw, const char* name, int how) {
    no_kwargs(name, kw);
    check_args(name, n - 1, 1, 2);
    std::int64_t width = as_integer(a[1]);
    const Str& s = self_str(a);
    std::string fill;
    append_utf8(fill, fill_char(a, n, 2));
    if (width <= s.length) return a[0];
    return new_str(padded(s.s, s.length, width, fill, how));
}
Value m_center(const Value* a, std::size_t n, const Tuple* kw) { return pad(a, n, kw, "center", 0); }
Value m_ljust(const Value* a, std::size_t n, const Tuple* kw) { return pad(a, n, kw, "ljust", 1); }
Value m_rjust(const Value* a, std::size_t n, const Tuple* kw) { return pad(a, n, kw, "rjust", 2); }

// expandtabs(tabsize=8): each tab becomes spaces to the next multiple of tabsize (none when
// tabsize <= 0), columns counted in code points and restarted by \n and \r, as CPython.
Value m_expandtabs(const Value* a, std::size_t n, const Tuple* kw) {
    std::int64_t tabsize = tabsize_arg(a, n, kw);
    return new_str(tabs_expanded(self_str(a).s, tabsize, true));
}

Value m_zfill(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("str.zfill", kw);
    check_args("str.zfill", n - 1, 1, 1);
    const Str& s = self_str(a);
    std::int64_t width = as_integer(a[1]);
    if (width <= s.length) return a[0];
    return new_str(zero_filled(s.s, s.length, width));
}

Value m_partition(const Value* a, std::size_t n, const Tuple* kw, bool right) {
    no_kwargs(right ? "str.rpartition" : "str.partition", kw);
    check_args(right ? "str.rpartition" : "str.partition", n - 1, 1, 1);
    if (!is(a[1], Kind::str)) need_str(a[1]);
    const std::string& s = self_str(a).s;
    const std::string& sep = a[1].as<Str>()->s;
    if (sep.empty()) raise(exc::ValueError, "empty separator");
    std::size_t f = right ? s.rfind(sep) : s.find(sep);
    if (f == std::string::npos)
        return right ? new_tuple({new_str(""), new_str(""), a[0]}) : new_tuple({a[0], new_str(""), new_str("")});
    return new_tuple({new_str(s.substr(0, f)), a[1], new_str(s.substr(f + sep.size()))});
}
Value m_partition_l(const Value* a, std::size_t n, const Tuple* kw) { return m_partition(a, n, kw, false); }
Value m_partition_r(const Value* a, std::size_t n, const Tuple* kw) { return m_partition(a, n, kw, true); }

Value m_removeaffix(const Value* a, std::size_t n, const Tuple* kw, bool prefix) {
    no_kwargs(prefix ? "str.removeprefix" : "str.removesuffix", kw);
    check_args(prefix ? "str.removeprefix" : "str.removesuffix", n - 1, 1, 1);
    if (!is(a[1], Kind::str)) need_str(a[1]);
    const std::string& s = self_str(a).s;
    const std::string& x = a[1].as<Str>()->s;
    if (x.empty() || x.size() > s.size()) return a[0];
    if (prefix && s.compare(0, x.size(), x) == 0) return new_str(s.substr(x.size()));
    if (!prefix && s.compare(s.size() - x.size(), x.size(), x) == 0) return new_str(s.substr(0, s.size() - x.size()));
    return a[0];
}
Value m_removeprefix(const Value* a, std::size_t n, const Tuple* kw) { return m_removeaffix(a, n, kw, true); }
Value m_removesuffix(const Value* a, std::size_t n, const Tuple* kw) { return m_removeaffix(a, n, kw, false); }

Value m_encode(const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("encode", kw, {"encoding", "errors"});
    check_args("str.encode()", n - 1, 0, 2);
    const Value* encoding = n >= 2 ? &a[1] : kwarg(a, n, kw, "encoding");
    const Value* errors = n >= 3 ? &a[2] : kwarg(a, n, kw, "errors");
    return Value(new Bytes(encode_str(self_str(a).s, encoding, errors, "encode")));
}

Value m_format(const Value* a, std::size_t n, const Tuple* kw) {
    return new_str(format_method(self_str(a).s, a + 1, n - 1, kw));
}

}  // namespace

namespace detail {
void init_str_methods() {
    Type& t = str_type;
    def_method(t, "upper", m_upper);
    def_method(t, "lower", m_lower);
    def_method(t, "title", m_title);
    def_method(t, "capitalize", m_capitalize);
    def_method(t, "swapcase", m_swapcase);
    def_method(t, "strip", m_strip);
    def_method(t, "lstrip", m_lstrip);
    def_method(t, "rstrip", m_rstrip);
    def_method(t, "split", m_split);
    def_method(t, "rsplit", m_rsplit);
    def_method(t, "splitlines", m_splitlines);
    def_method(t, "join", m_join);
    def_method(t, "find", m_find);
    def_method(t, "rfind", m_rfind);
    def_method(t, "index", m_index);
    def_method(t, "rindex", m_rindex);
    def_method(t, "count", m_count);
    def_method(t, "startswith", m_startswith);
    def_method(t, "endswith", m_endswith);
    def_method(t, "replace", m_replace);
    def_method(t, "center", m_center);
    def_method(t, "ljust", m_ljust);
    def_method(t, "rjust", m_rjust);
    def_method(t, "zfill", m_zfill);
    def_method(t, "expandtabs", m_expandtabs);
    def_method(t, "partition", m_partition_l);
    def_method(t, "rpartition", m_partition_r);
    def_method(t, "removeprefix", m_removeprefix);
    def_method(t, "removesuffix", m_removesuffix);
    def_method(t, "encode", m_encode);
    def_method(t, "format", m_format);
    def_method(t, "isdigit", all_chars<is_digit, false, isdigit_name>);
    def_method(t, "isdecimal", all_chars<is_digit, false, isdecimal_name>);
    def_method(t, "isnumeric", all_chars<is_digit, false, isnumeric_name>);
    def_method(t, "isalpha", all_chars<is_alpha, false, isalpha_name>);
    def_method(t, "isalnum", all_chars<is_alnum, false, isalnum_name>);
    def_method(t, "isspace", all_chars<is_space_pred, false, isspace_name>);
    def_method(t, "isupper", m_isupper);
    def_method(t, "islower", m_islower);
    def_method(t, "isascii", all_chars<is_ascii_cp, true, isascii_name>);
    def_method(t, "isprintable", all_chars<python_printable, true, isprintable_name>);
    def_method(t, "istitle", m_istitle);
    def_method(t, "isidentifier", m_isidentifier);
    def_method(t, "casefold", m_casefold);
    def_method(t, "translate", m_translate);
    // A static method: str.maketrans(...) and 'x'.maketrans(...) take no self.
    t.set_attr("maketrans", Value(new NativeFunction("maketrans", m_maketrans)));
}
}  // namespace detail

}  // namespace aio::py
