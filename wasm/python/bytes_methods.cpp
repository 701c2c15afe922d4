// bytes methods: decoding, hex, searching, splitting, stripping, case and class
// tests. bytes are byte strings with ASCII semantics: only ASCII letters change case, only ASCII
// whitespace splits and strips, and indexes are byte offsets.
#include "python/detail.hpp"

#include <algorithm>
#include <string>
#include <string_view>

namespace aio::py {

using namespace detail;

namespace {

const std::string& self_bytes(const Value* a) { return a[0].as<Bytes>()->s; }

const std::string& need_bytes(const Value& v) {
    if (!is(v, Kind::bytes)) raise(exc::TypeError, "a bytes-like object is required, not '" + type_name(v) + "'");
    return v.as<Bytes>()->s;
}

Value new_bytes(std::string s) { return Value(new Bytes(std::move(s))); }

bool ascii_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool ascii_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
bool ascii_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool ascii_alpha(unsigned char c) { return ascii_lower(c) || ascii_upper(c); }
bool ascii_alnum(unsigned char c) { return ascii_alpha(c) || ascii_digit(c); }

// [start, end) of a search as CPython's ADJUST_INDICES: None or missing is the whole string,
// negatives count from the end, both clamped. start > size: nothing to search.
void search_range(const std::string& s, const Value* a, std::size_t n, std::size_t first, std::size_t& b, std::size_t& e) {
    const auto size = static_cast<std::int64_t>(s.size());
    std::int64_t start = 0, end = size;
    if (n > first && !a[first].is_none()) start = to_index(a[first], "slice indices");
    if (n > first + 1 && !a[first + 1].is_none()) end = to_index(a[first + 1], "slice indices");
    if (end > size) end = size;
    if (end < 0) end = std::max<std::int64_t>(end + size, 0);
    if (start < 0) start = std::max<std::int64_t>(start + size, 0);
    b = static_cast<std::size_t>(start);
    e = static_cast<std::size_t>(std::max(start, end));
}

// find/count's needle: bytes, or an int naming one byte.
std::string needle(const Value& v) {
    if (is(v, Kind::bytes)) return v.as<Bytes>()->s;
    if (kind_of(v) == Kind::integer || kind_of(v) == Kind::boolean) {
        std::int64_t c = to_index(v, "byte");
        if (c < 0 || c > 255) raise(exc::ValueError, "byte must be in range(0, 256)");
        return std::string(1, static_cast<char>(c));
    }
    raise(exc::TypeError, "argument should be integer or bytes-like object, not '" + type_name(v) + "'");
}

// find/rfind/index/rindex: the byte offset, or -1.
std::int64_t search(const Value* a, std::size_t n, const Tuple* kw, const char* name, bool reverse) {
    no_kwargs(name, kw);
    check_args(name, n - 1, 1, 3);
    const std::string& s = self_bytes(a);
    std::string sub = needle(a[1]);
    std::size_t b, e;
    search_range(s, a, n, 2, b, e);
    if (b > s.size() || e - b < sub.size()) return -1;
    std::string_view hay = std::string_view(s).substr(b, e - b);
    std::size_t at = reverse ? hay.rfind(sub) : hay.find(sub);
    return at == std::string_view::npos ? -1 : static_cast<std::int64_t>(b + at);
}
Value m_find(const Value* a, std::size_t n, const Tuple* kw) { return Value::integer(search(a, n, kw, "find", false)); }
Value m_rfind(const Value* a, std::size_t n, const Tuple* kw) { return Value::integer(search(a, n, kw, "rfind", true)); }
Value found_or_raise(std::int64_t at) {
    if (at < 0) raise(exc::ValueError, "subsection not found");
    return Value::integer(at);
}
Value m_index(const Value* a, std::size_t n, const Tuple* kw) { return found_or_raise(search(a, n, kw, "index", false)); }
Value m_rindex(const Value* a, std::size_t n, const Tuple* kw) { return found_or_raise(search(a, n, kw, "rindex", true)); }

Value m_count(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("count", kw);
    check_args("count", n - 1, 1, 3);
    const std::string& s = self_bytes(a);
    std::string sub = needle(a[1]);
    std::size_t b, e;
    search_range(s, a, n, 2, b, e);
    if (b > s.size()) return Value::integer(0);
    std::string_view hay = std::string_view(s).substr(b, e - b);
    if (sub.empty()) return Value::integer(static_cast<std::int64_t>(hay.size()) + 1);
    return Value::integer(count_occurrences(hay, sub));
}

Value affix(const Value* a, std::size_t n, const Tuple* kw, bool start) {
    const char* name = start ? "startswith" : "endswith";
    no_kwargs(name, kw);
    check_args(name, n - 1, 1, 3);
    const std::string& s = self_bytes(a);
    std::size_t b, e;
    search_range(s, a, n, 2, b, e);
    if (b > s.size()) return Value::boolean(false);
    std::string_view hay = std::string_view(s).substr(b, e - b);
    return Value::boolean(affix_matches(hay, a[1], start, [name](const Value& p) -> std::string_view {
        if (!is(p, Kind::bytes))
            raise(exc::TypeError, std::string(name) + " first arg must be bytes or a tuple of bytes, not " + type_name(p));
        return p.as<Bytes>()->s;
    }));
}
Value m_startswith(const Value* a, std::size_t n, const Tuple* kw) { return affix(a, n, kw, true); }
Value m_endswith(const Value* a, std::size_t n, const Tuple* kw) { return affix(a, n, kw, false); }

Value m_replace(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("replace", kw);
    check_args("replace", n - 1, 2, 3);
    const std::string& s = self_bytes(a);
    const std::string& from = need_bytes(a[1]);
    const std::string& to = need_bytes(a[2]);
    std::int64_t count = n == 4 ? to_index(a[3], "count") : -1;
    std::string out;
    std::size_t pos = 0;
    for (std::int64_t done = 0; count < 0 || done < count; ++done) {
        if (from.empty()) {  // between every byte, and at both ends
            out += to;
            if (pos >= s.size()) break;
            out += s[pos++];
            continue;
        }
        std::size_t at = s.find(from, pos);
        if (at == std::string::npos) break;
        out.append(s, pos, at - pos);
        out += to;
        pos = at + from.size();
    }
    if (pos < s.size()) out.append(s, pos);
    return new_bytes(std::move(out));
}

// split/rsplit's optional sep (None: runs of ASCII whitespace) and maxsplit.
struct split_args {
    const std::string* sep = nullptr;
    std::int64_t maxsplit = -1;
};
split_args parse_split(const Value* a, std::size_t n, const Tuple* kw, const char* name) {
    only_kwargs(name, kw, {"sep", "maxsplit"});
    check_args(name, n - 1, 0, 2);
    const Value* sep = n >= 2 ? &a[1] : kwarg(a, n, kw, "sep");
    const Value* maxsplit = n >= 3 ? &a[2] : kwarg(a, n, kw, "maxsplit");
    split_args out;
    if (sep && !sep->is_none()) {
        out.sep = &need_bytes(*sep);
        if (out.sep->empty()) raise(exc::ValueError, "empty separator");
    }
    if (maxsplit) out.maxsplit = to_index(*maxsplit, "maxsplit");
    return out;
}

Value m_split(const Value* a, std::size_t n, const Tuple* kw) {
    split_args p = parse_split(a, n, kw, "split");
    const std::string& s = self_bytes(a);
    std::vector<Value> parts;
    std::size_t pos = 0;
    if (p.sep) {
        for (std::int64_t done = 0; p.maxsplit < 0 || done < p.maxsplit; ++done) {
            std::size_t at = s.find(*p.sep, pos);
            if (at == std::string::npos) break;
            parts.push_back(new_bytes(s.substr(pos, at - pos)));
            pos = at + p.sep->size();
        }
        parts.push_back(new_bytes(s.substr(pos)));
        return new_list(std::move(parts));
    }
    for (std::int64_t done = 0;; ++done) {
        while (pos < s.size() && ascii_space(static_cast<unsigned char>(s[pos]))) ++pos;
        if (pos == s.size()) break;
        if (p.maxsplit >= 0 && done == p.maxsplit) {
            parts.push_back(new_bytes(s.substr(pos)));  // the rest, trailing whitespace kept
            break;
        }
        std::size_t end = pos;
        while (end < s.size() && !ascii_space(static_cast<unsigned char>(s[end]))) ++end;
        parts.push_back(new_bytes(s.substr(pos, end - pos)));
        pos = end;
    }
    return new_list(std::move(parts));
}

Value m_rsplit(const Value* a, std::size_t n, const Tuple* kw) {
    split_args p = parse_split(a, n, kw, "rsplit");
    const std::string& s = self_bytes(a);
    std::vector<Value> parts;  // last first, reversed at the end
    std::size_t end = s.size();
    if (p.sep) {
        for (std::int64_t done = 0; p.maxsplit < 0 || done < p.maxsplit; ++done) {
            if (end < p.sep->size()) break;
            std::size_t at = s.rfind(*p.sep, end - p.sep->size());
            if (at == std::string::npos) break;
            parts.push_back(new_bytes(s.substr(at + p.sep->size(), end - at - p.sep->size())));
            end = at;
        }
        parts.push_back(new_bytes(s.substr(0, end)));
    } else {
        for (std::int64_t done = 0;; ++done) {
            while (end > 0 && ascii_space(static_cast<unsigned char>(s[end - 1]))) --end;
            if (end == 0) break;
            if (p.maxsplit >= 0 && done == p.maxsplit) {
                parts.push_back(new_bytes(s.substr(0, end)));
                break;
            }
            std::size_t begin = end;
            while (begin > 0 && !ascii_space(static_cast<unsigned char>(s[begin - 1]))) --begin;
            parts.push_back(new_bytes(s.substr(begin, end - begin)));
            end = begin;
        }
    }
    std::reverse(parts.begin(), parts.end());
    return new_list(std::move(parts));
}

Value m_splitlines(const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("splitlines", kw, {"keepends"});
    check_args("splitlines", n - 1, 0, 1);
    const Value* keep = n >= 2 ? &a[1] : kwarg(a, n, kw, "keepends");
    bool keepends = keep && truthy(*keep);
    const std::string& s = self_bytes(a);
    std::vector<Value> lines;
    std::size_t pos = 0;
    while (pos < s.size()) {
        std::size_t end = s.find_first_of("\r\n", pos);
        if (end == std::string::npos) {
            lines.push_back(new_bytes(s.substr(pos)));
            break;
        }
        std::size_t next = end + (s[end] == '\r' && end + 1 < s.size() && s[end + 1] == '\n' ? 2 : 1);
        lines.push_back(new_bytes(s.substr(pos, (keepends ? next : end) - pos)));
        pos = next;
    }
    return new_list(std::move(lines));
}

// strip/lstrip/rstrip: `chars` bytes (None or missing: ASCII whitespace).
Value strip(const Value* a, std::size_t n, const Tuple* kw, const char* name, bool left, bool right) {
    no_kwargs(name, kw);
    check_args(name, n - 1, 0, 1);
    const std::string* chars = n >= 2 && !a[1].is_none() ? &need_bytes(a[1]) : nullptr;
    auto strips = [&](char c) {
        return chars ? chars->find(c) != std::string::npos : ascii_space(static_cast<unsigned char>(c));
    };
    const std::string& s = self_bytes(a);
    std::size_t b = 0, e = s.size();
    if (left)
        while (b < e && strips(s[b])) ++b;
    if (right)
        while (e > b && strips(s[e - 1])) --e;
    return new_bytes(s.substr(b, e - b));
}
Value m_strip(const Value* a, std::size_t n, const Tuple* kw) { return strip(a, n, kw, "strip", true, true); }
Value m_lstrip(const Value* a, std::size_t n, const Tuple* kw) { return strip(a, n, kw, "lstrip", true, false); }
Value m_rstrip(const Value* a, std::size_t n, const Tuple* kw) { return strip(a, n, kw, "rstrip", false, true); }

Value m_join(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("bytes.join", kw);
    check_args("bytes.join", n - 1, 1, 1);
    const std::string& sep = self_bytes(a);
    std::vector<Value> items = to_vector(a[1]);
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (!is(items[i], Kind::bytes))
            raise(exc::TypeError, "sequence item " + std::to_string(i) + ": expected a bytes-like object, " +
                                      type_name(items[i]) + " found");
        if (i) out += sep;
        out += items[i].as<Bytes>()->s;
    }
    return new_bytes(std::move(out));
}

Value partition(const Value* a, std::size_t n, const Tuple* kw, const char* name, bool reverse) {
    no_kwargs(name, kw);
    check_args(name, n - 1, 1, 1);
    const std::string& s = self_bytes(a);
    const std::string& sep = need_bytes(a[1]);
    if (sep.empty()) raise(exc::ValueError, "empty separator");
    std::size_t at = reverse ? s.rfind(sep) : s.find(sep);
    if (at == std::string::npos)
        return reverse ? new_tuple({new_bytes(""), new_bytes(""), a[0]}) : new_tuple({a[0], new_bytes(""), new_bytes("")});
    return new_tuple({new_bytes(s.substr(0, at)), new_bytes(sep), new_bytes(s.substr(at + sep.size()))});
}
Value m_partition(const Value* a, std::size_t n, const Tuple* kw) { return partition(a, n, kw, "bytes.partition", false); }
Value m_rpartition(const Value* a, std::size_t n, const Tuple* kw) { return partition(a, n, kw, "bytes.rpartition", true); }

Value m_removeprefix(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("bytes.removeprefix", kw);
    check_args("bytes.removeprefix", n - 1, 1, 1);
    const std::string& s = self_bytes(a);
    const std::string& p = need_bytes(a[1]);
    return s.compare(0, p.size(), p) == 0 && p.size() <= s.size() ? new_bytes(s.substr(p.size())) : a[0];
}
Value m_removesuffix(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("bytes.removesuffix", kw);
    check_args("bytes.removesuffix", n - 1, 1, 1);
    const std::string& s = self_bytes(a);
    const std::string& p = need_bytes(a[1]);
    bool ends = !p.empty() && p.size() <= s.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
    return ends ? new_bytes(s.substr(0, s.size() - p.size())) : a[0];
}

// The methods below that take no arguments are templates over their test or mapping; `Name`
// is the method's name for the argument errors ("bytes.upper() takes no arguments (1 given)").
constexpr char upper_name[] = "bytes.upper", lower_name[] = "bytes.lower", swapcase_name[] = "bytes.swapcase",
               isdigit_name[] = "bytes.isdigit", isalpha_name[] = "bytes.isalpha", isalnum_name[] = "bytes.isalnum",
               isspace_name[] = "bytes.isspace", isupper_name[] = "bytes.isupper", islower_name[] = "bytes.islower";

template <char (*Map)(char), const char* Name>
Value mapped(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs(Name, kw);
    check_args(Name, n - 1, 0, 0);
    std::string s = self_bytes(a);
    for (char& c : s) c = Map(c);
    return new_bytes(std::move(s));
}
char upper(char c) { return ascii_lower(static_cast<unsigned char>(c)) ? static_cast<char>(c - 32) : c; }
char lower(char c) { return ascii_upper(static_cast<unsigned char>(c)) ? static_cast<char>(c + 32) : c; }

// isdigit/isalpha/isalnum/isspace: non-empty, every byte in the class.
template <bool (*Test)(unsigned char), const char* Name>
Value all_bytes(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs(Name, kw);
    check_args(Name, n - 1, 0, 0);
    const std::string& s = self_bytes(a);
    return Value::boolean(!s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return Test(static_cast<unsigned char>(c)); }));
}
// isupper/islower: some cased byte, and none of the other case.
template <bool (*Cased)(unsigned char), bool (*Other)(unsigned char), const char* Name>
Value cased(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs(Name, kw);
    check_args(Name, n - 1, 0, 0);
    const std::string& s = self_bytes(a);
    auto has = [&s](bool (*f)(unsigned char)) {
        return std::any_of(s.begin(), s.end(), [f](char c) { return f(static_cast<unsigned char>(c)); });
    };
    return Value::boolean(has(Cased) && !has(Other));
}
Value m_isascii(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("bytes.isascii", kw);
    check_args("bytes.isascii", n - 1, 0, 0);
    const std::string& s = self_bytes(a);
    return Value::boolean(std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }));
}

// center/ljust/rjust(width[, fillbyte]); how: 0 center, 1 left-justify, 2 right-justify.
Value pad(const Value* a, std::size_t n, const Tuple* kw, const char* name, int how) {
    no_kwargs(name, kw);
    check_args(name, n - 1, 1, 2);
    std::int64_t width = as_integer(a[1]);
    char fill = ' ';
    if (n == 3) {
        if (!is(a[2], Kind::bytes) || a[2].as<Bytes>()->s.size() != 1)
            raise(exc::TypeError, std::string(name) + "() argument 2 must be a byte string of length 1, not " + type_name(a[2]));
        fill = a[2].as<Bytes>()->s[0];
    }
    const std::string& s = self_bytes(a);
    const auto size = static_cast<std::int64_t>(s.size());
    if (width <= size) return a[0];
    return new_bytes(padded(s, size, width, std::string_view(&fill, 1), how));
}
Value m_center(const Value* a, std::size_t n, const Tuple* kw) { return pad(a, n, kw, "center", 0); }
Value m_ljust(const Value* a, std::size_t n, const Tuple* kw) { return pad(a, n, kw, "ljust", 1); }
Value m_rjust(const Value* a, std::size_t n, const Tuple* kw) { return pad(a, n, kw, "rjust", 2); }

Value m_zfill(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("bytes.zfill", kw);
    check_args("bytes.zfill", n - 1, 1, 1);
    const std::string& s = self_bytes(a);
    std::int64_t width = as_integer(a[1]);
    const auto size = static_cast<std::int64_t>(s.size());
    if (width <= size) return a[0];
    return new_bytes(zero_filled(s, size, width));
}

// title: a letter after a non-letter upper-cased, any other lower-cased; capitalize: the first
// byte upper-cased, the rest lower-cased; swapcase. ASCII letters only.
Value m_title(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("bytes.title", kw);
    check_args("bytes.title", n - 1, 0, 0);
    std::string s = self_bytes(a);
    bool start = true;
    for (char& c : s) {
        c = start ? upper(c) : lower(c);
        start = !ascii_alpha(static_cast<unsigned char>(c));
    }
    return new_bytes(std::move(s));
}
Value m_capitalize(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("bytes.capitalize", kw);
    check_args("bytes.capitalize", n - 1, 0, 0);
    std::string s = self_bytes(a);
    for (std::size_t i = 0; i < s.size(); ++i) s[i] = i == 0 ? upper(s[i]) : lower(s[i]);
    return new_bytes(std::move(s));
}
char swapped(char c) { return ascii_lower(static_cast<unsigned char>(c)) ? upper(c) : lower(c); }

// Title case, as str.istitle with ASCII letters.
Value m_istitle(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("bytes.istitle", kw);
    check_args("bytes.istitle", n - 1, 0, 0);
    bool any = false, previous_cased = false;
    for (char ch : self_bytes(a)) {
        auto c = static_cast<unsigned char>(ch);
        if (ascii_alpha(c) && (ascii_upper(c) == previous_cased)) return Value::boolean(false);
        previous_cased = ascii_alpha(c);
        any = any || previous_cased;
    }
    return Value::boolean(any);
}

// expandtabs(tabsize=8), columns counted in bytes.
Value m_expandtabs(const Value* a, std::size_t n, const Tuple* kw) {
    std::int64_t tabsize = tabsize_arg(a, n, kw);
    return new_bytes(tabs_expanded(self_bytes(a), tabsize, false));
}

Value m_decode(const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("decode", kw, {"encoding", "errors"});
    check_args("bytes.decode()", n - 1, 0, 2);
    const Value* encoding = n >= 2 ? &a[1] : kwarg(a, n, kw, "encoding");
    const Value* errors = n >= 3 ? &a[2] : kwarg(a, n, kw, "errors");
    return new_str(decode_bytes(a[0].as<Bytes>()->s, encoding, errors, "decode"));
}

Value m_hex(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("bytes.hex", kw);
    check_args("bytes.hex", n - 1, 0, 0);
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : a[0].as<Bytes>()->s) {
        out.push_back(digits[c >> 4]);
        out.push_back(digits[c & 15]);
    }
    return new_str(std::move(out));
}

// bytes.fromhex(string): pairs of hex digits, ASCII whitespace between pairs.
Value m_fromhex(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("fromhex", kw);
    check_args("fromhex", n, 1, 1);
    if (!is(a[0], Kind::str)) raise(exc::TypeError, "fromhex() argument must be str, not " + type_name(a[0]));
    const std::string& s = a[0].as<Str>()->s;
    auto digit = [](char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    };
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        if (ascii_space(static_cast<unsigned char>(s[i]))) {
            ++i;
            continue;
        }
        int hi = digit(s[i]);
        int lo = i + 1 < s.size() ? digit(s[i + 1]) : -1;
        if (hi < 0 || lo < 0)
            raise(exc::ValueError, "non-hexadecimal number found in fromhex() arg at position " +
                                       std::to_string(hi < 0 ? i : i + 1));
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
    }
    return new_bytes(std::move(out));
}

}  // namespace

namespace detail {
void init_bytes_methods() {
    Type& t = bytes_type;
    def_method(t, "decode", m_decode);
    def_method(t, "hex", m_hex);
    def_method(t, "find", m_find);
    def_method(t, "rfind", m_rfind);
    def_method(t, "index", m_index);
    def_method(t, "rindex", m_rindex);
    def_method(t, "count", m_count);
    def_method(t, "startswith", m_startswith);
    def_method(t, "endswith", m_endswith);
    def_method(t, "replace", m_replace);
    def_method(t, "split", m_split);
    def_method(t, "rsplit", m_rsplit);
    def_method(t, "splitlines", m_splitlines);
    def_method(t, "strip", m_strip);
    def_method(t, "lstrip", m_lstrip);
    def_method(t, "rstrip", m_rstrip);
    def_method(t, "join", m_join);
    def_method(t, "partition", m_partition);
    def_method(t, "rpartition", m_rpartition);
    def_method(t, "removeprefix", m_removeprefix);
    def_method(t, "removesuffix", m_removesuffix);
    def_method(t, "upper", mapped<upper, upper_name>);
    def_method(t, "lower", mapped<lower, lower_name>);
    def_method(t, "swapcase", mapped<swapped, swapcase_name>);
    def_method(t, "title", m_title);
    def_method(t, "capitalize", m_capitalize);
    def_method(t, "istitle", m_istitle);
    def_method(t, "center", m_center);
    def_method(t, "ljust", m_ljust);
    def_method(t, "rjust", m_rjust);
    def_method(t, "zfill", m_zfill);
    def_method(t, "expandtabs", m_expandtabs);
    def_method(t, "isdigit", all_bytes<ascii_digit, isdigit_name>);
    def_method(t, "isalpha", all_bytes<ascii_alpha, isalpha_name>);
    def_method(t, "isalnum", all_bytes<ascii_alnum, isalnum_name>);
    def_method(t, "isspace", all_bytes<ascii_space, isspace_name>);
    def_method(t, "isupper", cased<ascii_upper, ascii_lower, isupper_name>);
    def_method(t, "islower", cased<ascii_lower, ascii_upper, islower_name>);
    def_method(t, "isascii", m_isascii);
    // A class method: bytes.fromhex(...) must not bind the type as self.
    t.set_attr("fromhex", Value(new NativeFunction("fromhex", m_fromhex)));
}
}  // namespace detail

}  // namespace aio::py
