// Text forms of values: float repr (shortest round-trip), str/bytes repr, the format-spec
// mini-language, `str % args` and str.format.
#include "python/detail.hpp"

#include "aio/detail/python_repr.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace aio::py::detail {

// ---- float, str and bytes repr ----

// The one implementation is the runtime's, which aio::sql prints a row's values with too.
std::string float_repr(double d) { return aio::detail::python_float_repr(d); }
std::string str_repr(std::string_view s) { return aio::detail::python_str_repr(s); }
std::string bytes_repr(std::string_view s) { return aio::detail::python_bytes_repr(s); }

// ---- format-spec mini-language ----

namespace {

struct Spec {
    std::uint32_t fill = ' ';
    char align = 0;
    char sign = 0;
    bool z = false, alt = false, zero = false;
    std::int64_t width = -1;
    char grouping = 0;
    std::int64_t precision = -1;
    char type = 0;
};

bool is_align(std::uint32_t c) { return c == '<' || c == '>' || c == '^' || c == '='; }

Spec parse_spec(std::string_view spec, const Value& v) {
    Spec s;
    std::size_t pos = 0;
    auto invalid = [&]() {
        raise(exc::ValueError, "Invalid format specifier '" + std::string(spec) + "' for object of type '" +
                                   type_name(v) + "'");
    };
    std::size_t second = 0;
    std::uint32_t first = spec.empty() ? 0 : decode_utf8(spec, second);
    if (second < spec.size() && is_align(static_cast<unsigned char>(spec[second]))) {
        s.fill = first;
        s.align = spec[second];
        pos = second + 1;
    } else if (!spec.empty() && is_align(first)) {
        s.align = spec[0];
        pos = 1;
    }
    auto peek = [&]() { return pos < spec.size() ? spec[pos] : '\0'; };
    if (peek() == '+' || peek() == '-' || peek() == ' ') s.sign = spec[pos++];
    if (peek() == 'z') { s.z = true; ++pos; }
    if (peek() == '#') { s.alt = true; ++pos; }
    if (peek() == '0') { s.zero = true; ++pos; }
    auto number = [&]() {
        std::int64_t n = 0;
        while (peek() >= '0' && peek() <= '9') {
            const int digit = spec[pos++] - '0';
            if (n > (INT64_MAX - digit) / 10)  // CPython: past Py_ssize_t
                raise(exc::ValueError, "Too many decimal digits in format string");
            n = n * 10 + digit;
        }
        return n;
    };
    if (peek() >= '0' && peek() <= '9') s.width = number();
    if (peek() == ',' || peek() == '_') s.grouping = spec[pos++];
    if (peek() == '.') {
        ++pos;
        if (!(peek() >= '0' && peek() <= '9')) raise(exc::ValueError, "Format specifier missing precision");
        s.precision = number();
    }
    if (pos < spec.size()) s.type = spec[pos++];
    if (pos < spec.size()) invalid();
    if (s.zero && !s.align) {
        s.fill = '0';
        s.align = '=';
    }
    return s;
}

[[noreturn]] void unknown_code(char type, const Value& v) {
    raise(exc::ValueError, std::string("Unknown format code '") + type + "' for object of type '" + type_name(v) + "'");
}

std::string group(const std::string& digits, char sep, std::size_t every) {
    std::string out;
    std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (i && (n - i) % every == 0) out.push_back(sep);
        out.push_back(digits[i]);
    }
    return out;
}

std::string pad(const std::string& body, std::int64_t length, const Spec& s, char dflt, std::size_t sign_len) {
    if (s.width <= length) return body;
    check_size(s.width);
    auto total = static_cast<std::size_t>(s.width - length);
    std::string fill;
    append_utf8(fill, s.fill);
    auto repeat = [&](std::size_t n) {
        std::string r;
        for (std::size_t i = 0; i < n; ++i) r += fill;
        return r;
    };
    char align = s.align ? s.align : dflt;
    switch (align) {
    case '<': return body + repeat(total);
    case '^': return repeat(total / 2) + body + repeat(total - total / 2);
    case '=': return body.substr(0, sign_len) + repeat(total) + body.substr(sign_len);
    default: return repeat(total) + body;
    }
}

// Assembles sign + prefix + grouped integer digits + rest, zero-padding through the grouping.
std::string finish_number(bool negative, const std::string& prefix, std::string intdigits, const std::string& rest,
                          const Spec& s, std::size_t every) {
    std::string sign = negative ? "-" : s.sign == '+' ? "+" : s.sign == ' ' ? " " : "";
    std::string head = sign + prefix;
    auto body_of = [&](const std::string& d) { return s.grouping ? group(d, s.grouping, every) : d; };
    if (s.grouping && s.align == '=' && s.fill == '0') {
        while (static_cast<std::int64_t>(head.size() + body_of(intdigits).size() + rest.size()) < s.width)
            intdigits.insert(0, 1, '0');
    }
    std::string body = head + body_of(intdigits) + rest;
    return pad(body, count_code_points(body), s, '>', head.size());
}

std::string format_float(double d, Spec s, const Value& v) {
    char type = s.type;
    bool neg = std::signbit(d);
    if (s.z && neg && d == 0.0) neg = false;
    double x = std::fabs(d);
    std::string text;
    if (type == 0 && s.precision < 0) {
        text = float_repr(x);
    } else {
        char conv = type == 0 ? 'g' : type == '%' ? 'f' : type == 'n' ? 'g' : type;
        std::int64_t prec = s.precision < 0 ? 6 : s.precision;
        if (prec > INT32_MAX) raise(exc::ValueError, "precision too big");  // CPython's is a C int
        check_size(prec);
        if (type == 0 && prec == 0) prec = 1;
        if (type == '%') x *= 100;
        char fmt[8] = {'%', '#', '.', '*', conv, 0};
        if (!s.alt) { fmt[1] = '.'; fmt[2] = '*'; fmt[3] = conv; fmt[4] = 0; }
        std::vector<char> buf(static_cast<std::size_t>(prec) + 400);
        std::snprintf(buf.data(), buf.size(), fmt, static_cast<int>(prec), x);
        text = buf.data();
        if (type == 0 && std::isfinite(x)) {
            std::snprintf(buf.data(), buf.size(), "%.*e", static_cast<int>(prec - 1), x);
            std::string e = buf.data();
            int decpt = std::atoi(e.c_str() + e.find('e') + 1) + 1;
            if (decpt > prec - 1 && decpt > -4) {  // CPython: exponent form, trailing zeros dropped
                std::size_t epos = e.find('e');
                std::string mant = e.substr(0, epos);
                if (mant.find('.') != std::string::npos && !s.alt) {
                    while (mant.back() == '0') mant.pop_back();
                    if (mant.back() == '.') mant.pop_back();
                }
                text = mant + e.substr(epos);
            } else if (text.find_first_of(".e") == std::string::npos) {
                text += ".0";
            }
        }
        if (type == '%') text += "%";
    }
    if (!std::isfinite(d)) {
        text = std::isnan(d) ? "nan" : "inf";
        if (type == 'F' || type == 'E' || type == 'G') text = std::isnan(d) ? "NAN" : "INF";
        if (type == '%') text += "%";
    }
    std::size_t split = text.find_first_not_of("0123456789");
    std::string intpart = text.substr(0, split == std::string::npos ? text.size() : split);
    std::string rest = split == std::string::npos ? "" : text.substr(split);
    if (!std::isfinite(d)) {
        intpart.clear();
        rest = text;
    }
    (void)v;
    return finish_number(neg, "", intpart, rest, s, 3);
}

std::string format_int(std::int64_t i, Spec s, const Value& v) {
    char type = s.type ? s.type : 'd';
    if (type == 'e' || type == 'E' || type == 'f' || type == 'F' || type == 'g' || type == 'G' || type == '%')
        return format_float(static_cast<double>(i), s, v);
    if (s.precision >= 0) raise(exc::ValueError, "Precision not allowed in integer format specifier");
    int base = 10;
    std::string prefix;
    switch (type) {
    case 'd':
    case 'n': break;
    case 'x': base = 16; prefix = "0x"; break;
    case 'X': base = 16; prefix = "0X"; break;
    case 'o': base = 8; prefix = "0o"; break;
    case 'b': base = 2; prefix = "0b"; break;
    case 'c': {
        if (s.sign) raise(exc::ValueError, "Sign not allowed with integer format specifier 'c'");
        if (i < 0 || i > 0x10FFFF) raise(exc::OverflowError, "%c arg not in range(0x110000)");
        std::string ch;
        append_utf8(ch, static_cast<std::uint32_t>(i));
        return pad(ch, 1, s, '<', 0);
    }
    default: unknown_code(type, v);
    }
    if (s.grouping == ',' && base != 10) raise(exc::ValueError, std::string("Cannot specify ',' with '") + type + "'.");
    if (!s.alt) prefix.clear();
    std::string digits = int_to_base(i, base);
    if (i < 0) digits.erase(0, 1);
    if (type == 'X')
        for (auto& c : digits) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return finish_number(i < 0, prefix, digits, "", s, base == 10 ? 3 : 4);
}

std::string format_str(const Str& str, const Spec& s, const Value& v) {
    if (s.type && s.type != 's') unknown_code(s.type, v);
    if (s.sign) raise(exc::ValueError, "Sign not allowed in string format specifier");
    if (s.alt) raise(exc::ValueError, "Alternate form (#) not allowed in string format specifier");
    if (s.align == '=') raise(exc::ValueError, "'=' alignment not allowed in string format specifier");
    std::string text = str.s;
    std::int64_t length = str.length;
    if (s.precision >= 0 && s.precision < length) {
        text = text.substr(0, byte_offset(str, s.precision));
        length = s.precision;
    }
    return pad(text, length, s, '<', 0);
}

}  // namespace

}  // namespace aio::py::detail

namespace aio::py {

std::string format(const Value& v, std::string_view spec) {
    using namespace detail;
    if (const Value* m = user_method(v, "__format__")) {
        Value r = call(*m, {v, new_str(spec)});
        if (!is(r, Kind::str)) raise(exc::TypeError, "__format__ must return a str, not " + type_name(r));
        return as_str(r)->s;
    }
    if (spec.empty()) return str(v);
    if (is_boxed_number(v)) return format(unboxed(v), spec);
    switch (kind_of(v)) {
    case Kind::integer:
    case Kind::boolean: {
        Spec s = parse_spec(spec, v);
        if (s.type == 's') unknown_code('s', v);
        return format_int(v.as_int(), s, v);
    }
    case Kind::real: {
        Spec s = parse_spec(spec, v);
        switch (s.type) {
        case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%': break;
        default: unknown_code(s.type, v);
        }
        return format_float(v.as_float(), s, v);
    }
    case Kind::str: return format_str(*v.as<Str>(), parse_spec(spec, v), v);
    default: raise(exc::TypeError, "unsupported format string passed to " + type_name(v) + ".__format__");
    }
}

}  // namespace aio::py

namespace aio::py::detail {

// ---- str % args ----

std::string percent_format(const Str& fmt, const Value& args) {
    const std::string& f = fmt.s;
    bool is_tuple = is(args, Kind::tuple);
    const std::vector<Value>* items = is_tuple ? &args.as<Tuple>()->items : nullptr;
    std::size_t next_arg = 0;
    bool used_mapping = false;
    auto take = [&]() -> Value {
        if (items) {
            if (next_arg >= items->size()) raise(exc::TypeError, "not enough arguments for format string");
            return (*items)[next_arg++];
        }
        if (next_arg++ > 0) raise(exc::TypeError, "not enough arguments for format string");
        return args;
    };
    std::string out;
    for (std::size_t i = 0; i < f.size(); ++i) {
        if (f[i] != '%') {
            out.push_back(f[i]);
            continue;
        }
        std::size_t start = i++;
        if (i >= f.size()) raise(exc::ValueError, "incomplete format");
        Value arg;
        bool have_arg = false;
        if (f[i] == '(') {
            std::size_t close = f.find(')', i);
            if (close == std::string::npos) raise(exc::ValueError, "incomplete format key");
            if (!is(args, Kind::dict)) raise(exc::TypeError, "format requires a mapping");
            arg = getitem(args, new_str(f.substr(i + 1, close - i - 1)));
            have_arg = used_mapping = true;
            i = close + 1;
        }
        Spec s;
        bool left = false;
        for (; i < f.size(); ++i) {
            char c = f[i];
            if (c == '-') left = true;
            else if (c == '+') s.sign = '+';
            else if (c == ' ') { if (s.sign != '+') s.sign = ' '; }
            else if (c == '#') s.alt = true;
            else if (c == '0') s.zero = true;
            else break;
        }
        auto number = [&](std::int64_t& dst) {
            if (i < f.size() && f[i] == '*') {
                Value w = unboxed(take());
                if (!w.is_intlike()) raise(exc::TypeError, "* wants int");
                dst = w.as_int();
                if (&dst == &s.width && dst < 0) {  // '%*s' % (-5, x): left-aligned in 5, as CPython
                    left = true;
                    dst = dst == INT64_MIN ? INT64_MAX : -dst;
                }
                ++i;
                return;
            }
            if (i < f.size() && f[i] >= '0' && f[i] <= '9') {
                dst = 0;
                while (i < f.size() && f[i] >= '0' && f[i] <= '9') {
                    const int digit = f[i++] - '0';
                    if (dst > (INT64_MAX - digit) / 10)  // CPython: past Py_ssize_t
                        raise(exc::ValueError, &dst == &s.width ? "width too big" : "precision too big");
                    dst = dst * 10 + digit;
                }
            }
        };
        number(s.width);
        if (i < f.size() && f[i] == '.') {
            ++i;
            s.precision = 0;
            number(s.precision);
        }
        while (i < f.size() && (f[i] == 'l' || f[i] == 'h' || f[i] == 'L')) ++i;
        if (i >= f.size()) raise(exc::ValueError, "incomplete format");
        char type = f[i];
        if (type == '%') {
            out.push_back('%');
            continue;
        }
        if (!have_arg) arg = take();
        if (left) s.align = '<';
        else if (s.zero) { s.align = '='; s.fill = '0'; }
        else s.align = '>';
        auto number_arg = [&](bool integer) -> Value {
            arg = unboxed(arg);  // an int or float subclass formats as its number
            if (arg.is_intlike()) return Value::integer(arg.as_int());
            if (arg.is_float()) {
                if (!integer) return arg;
                if (!std::isfinite(arg.as_float())) return call(Value(&int_type), {arg});
                return Value::integer(static_cast<std::int64_t>(std::trunc(arg.as_float())));
            }
            raise(exc::TypeError, std::string("%") + type + " format: " +
                                      (integer && type != 'd' && type != 'i' && type != 'u' ? "an integer" : "a real number") +
                                      " is required, not " + type_name(arg));
        };
        switch (type) {
        case 's':
        case 'r':
        case 'a': {
            std::string text = type == 's' ? str(arg) : repr(arg);
            Value t = new_str(text);
            Spec ss = s;
            ss.sign = 0;
            ss.alt = false;
            if (ss.align == '=') ss.align = '>', ss.fill = ' ';
            out += format_str(*t.as<Str>(), ss, t);
            break;
        }
        case 'd':
        case 'i':
        case 'u': {
            Value n = number_arg(true);
            s.type = 'd';
            std::int64_t prec = s.precision;
            s.precision = -1;
            std::string digits = int_to_base(n.as_int(), 10);
            if (prec > 0) {
                check_size(prec);
                bool neg = n.as_int() < 0;
                std::string d = neg ? digits.substr(1) : digits;
                if (static_cast<std::int64_t>(d.size()) < prec) d.insert(0, static_cast<std::size_t>(prec) - d.size(), '0');
                out += finish_number(neg, "", d, "", s, 3);
            } else {
                out += format_int(n.as_int(), s, n);
            }
            break;
        }
        case 'x':
        case 'X':
        case 'o': {
            if (is(arg, Kind::integer)) arg = unboxed(arg);  // an int subclass formats as its number
            if (!arg.is_intlike())
                raise(exc::TypeError, std::string("%") + type + " format: an integer is required, not " + type_name(arg));
            s.type = type;
            out += format_int(arg.as_int(), s, arg);
            break;
        }
        case 'c': {
            if (is(arg, Kind::integer)) arg = unboxed(arg);  // an int subclass formats as its number
            std::string ch;
            if (is(arg, Kind::str) && arg.as<Str>()->length == 1) ch = arg.as<Str>()->s;
            else if (arg.is_intlike()) append_utf8(ch, static_cast<std::uint32_t>(arg.as_int()));
            else raise(exc::TypeError, "%c requires int or char");
            Value t = new_str(ch);
            Spec ss = s;
            if (ss.align == '=') ss.align = '>', ss.fill = ' ';
            out += format_str(*t.as<Str>(), ss, t);
            break;
        }
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
            Value n = number_arg(false);
            s.type = type;
            out += format_float(to_double(n), s, n);
            break;
        }
        default: {
            char buf[96];
            std::snprintf(buf, sizeof buf, "unsupported format character '%c' (0x%x) at index %zu", type,
                          static_cast<unsigned char>(type), i);
            (void)start;
            raise(exc::ValueError, buf);
        }
        }
    }
    if (items ? next_arg < items->size() : (!used_mapping && next_arg == 0 && !is(args, Kind::dict)))
        raise(exc::TypeError, "not all arguments converted during string formatting");
    return out;
}

// ---- str.format ----

namespace {
struct FormatState {
    const Value* args;
    std::size_t nargs;
    const Tuple* kwnames;
    int auto_index = 0;  // -1 once manual numbering is used
    bool manual = false;
};

Value lookup_field(std::string_view field, FormatState& st) {
    std::size_t end = field.find_first_of(".[");
    std::string_view head = field.substr(0, end);
    Value v;
    if (head.empty() || std::isdigit(static_cast<unsigned char>(head[0]))) {
        std::size_t index;
        if (head.empty()) {
            if (st.manual)
                raise(exc::ValueError, "cannot switch from manual field specification to automatic field numbering");
            index = static_cast<std::size_t>(st.auto_index++);
        } else {
            if (st.auto_index > 0)
                raise(exc::ValueError, "cannot switch from automatic field numbering to manual field specification");
            st.manual = true;
            index = static_cast<std::size_t>(std::stoull(std::string(head)));
        }
        if (index >= st.nargs)
            raise(exc::IndexError, "Replacement index " + std::to_string(index) + " out of range for positional args tuple");
        v = st.args[index];
    } else {
        const Value* kv = kwarg(st.args, st.nargs, st.kwnames, head);
        if (!kv) raise(new_exception(exc::KeyError, {new_str(head)}));
        v = *kv;
    }
    while (end != std::string_view::npos && end < field.size()) {
        if (field[end] == '.') {
            std::size_t next = field.find_first_of(".[", end + 1);
            v = getattr(v, field.substr(end + 1, next == std::string_view::npos ? std::string_view::npos : next - end - 1));
            end = next;
        } else {
            std::size_t close = field.find(']', end);
            if (close == std::string_view::npos) raise(exc::ValueError, "Missing ']' in format string");
            std::string_view key = field.substr(end + 1, close - end - 1);
            bool numeric = !key.empty() && key.find_first_not_of("0123456789") == std::string_view::npos;
            v = getitem(v, numeric ? Value::integer(std::stoll(std::string(key))) : new_str(key));
            end = close + 1;
        }
    }
    return v;
}

std::string expand(std::string_view fmt, FormatState& st, int depth) {
    if (depth > 2) raise(exc::ValueError, "Max string recursion exceeded");
    std::string out;
    for (std::size_t i = 0; i < fmt.size(); ++i) {
        char c = fmt[i];
        if (c == '}') {
            if (i + 1 < fmt.size() && fmt[i + 1] == '}') {
                out.push_back('}');
                ++i;
                continue;
            }
            raise(exc::ValueError, "Single '}' encountered in format string");
        }
        if (c != '{') {
            out.push_back(c);
            continue;
        }
        if (i + 1 < fmt.size() && fmt[i + 1] == '{') {
            out.push_back('{');
            ++i;
            continue;
        }
        if (i + 1 >= fmt.size()) raise(exc::ValueError, "Single '{' encountered in format string");
        // find the matching close brace (specs may nest one level of {})
        std::size_t j = i + 1;
        int level = 1;
        for (; j < fmt.size(); ++j) {
            if (fmt[j] == '{') ++level;
            else if (fmt[j] == '}' && --level == 0) break;
        }
        if (j >= fmt.size()) raise(exc::ValueError, "expected '}' before end of string");
        std::string_view inner = fmt.substr(i + 1, j - i - 1);
        std::size_t colon = std::string_view::npos, bang = std::string_view::npos;
        for (std::size_t k = 0, bracket = 0; k < inner.size(); ++k) {
            if (inner[k] == '[') bracket = 1;
            else if (inner[k] == ']') bracket = 0;
            else if (!bracket && inner[k] == '!' && bang == std::string_view::npos) bang = k;
            else if (!bracket && inner[k] == ':') { colon = k; break; }
        }
        std::string_view field = inner.substr(0, std::min(colon, bang));
        char conv = 0;
        if (bang != std::string_view::npos) {
            std::size_t conv_end = colon == std::string_view::npos ? inner.size() : colon;
            if (conv_end != bang + 2) {
                if (conv_end == bang + 1) raise(exc::ValueError, "end of string while looking for conversion specifier");
                raise(exc::ValueError, "expected ':' after conversion specifier");
            }
            conv = inner[bang + 1];
            if (conv != 'r' && conv != 's' && conv != 'a')
                raise(exc::ValueError, std::string("Unknown conversion specifier ") + conv);
        }
        Value v = lookup_field(field, st);
        if (conv == 'r' || conv == 'a') v = new_str(repr(v));
        else if (conv == 's') v = str_value(v);
        std::string spec = colon == std::string_view::npos ? "" : expand(inner.substr(colon + 1), st, depth + 1);
        out += format(v, spec);
        i = j;
    }
    return out;
}
}  // namespace

std::string format_method(std::string_view fmt, const Value* args, std::size_t nargs, const Tuple* kwnames) {
    FormatState st{args, nargs, kwnames};
    return expand(fmt, st, 0);
}

}  // namespace aio::py::detail
