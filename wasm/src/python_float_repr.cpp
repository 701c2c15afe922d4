// Python's repr(float) (aio/detail/python_float_repr.hpp).
#include "aio/detail/python_float_repr.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace aio::detail {

namespace {
// Shortest digits that round-trip (libc++ 13 in Emscripten has no floating to_chars):
// the smallest %.*e precision whose output parses back to d. Returns digits and the exponent.
void shortest_digits(double d, std::string& digits, int& exp10) {
    char buf[40];
    for (int p = 0; p < 17; ++p) {
        std::snprintf(buf, sizeof buf, "%.*e", p, d);
        if (std::strtod(buf, nullptr) == d) break;
    }
    std::string s = buf;
    std::size_t e = s.find('e');
    exp10 = std::atoi(s.c_str() + e + 1);
    digits.clear();
    for (std::size_t i = 0; i < e; ++i)
        if (s[i] >= '0' && s[i] <= '9') digits.push_back(s[i]);
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
}
}  // namespace

std::string python_float_repr(double d) {
    if (std::isnan(d)) return "nan";
    if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
    if (d == 0.0) return std::signbit(d) ? "-0.0" : "0.0";
    std::string sign = d < 0 ? "-" : "";
    std::string digits;
    int exp10;
    shortest_digits(std::fabs(d), digits, exp10);
    int decpt = exp10 + 1;  // digits[0] sits just before position decpt
    auto n = static_cast<int>(digits.size());
    if (decpt > -4 && decpt <= 16) {  // CPython's repr switches to exponent notation outside this
        if (decpt <= 0) return sign + "0." + std::string(static_cast<std::size_t>(-decpt), '0') + digits;
        if (decpt >= n) return sign + digits + std::string(static_cast<std::size_t>(decpt - n), '0') + ".0";
        return sign + digits.substr(0, static_cast<std::size_t>(decpt)) + "." + digits.substr(static_cast<std::size_t>(decpt));
    }
    std::string out = sign + digits.substr(0, 1);
    if (n > 1) out += "." + digits.substr(1);
    char e[16];
    std::snprintf(e, sizeof e, "e%c%02d", exp10 < 0 ? '-' : '+', std::abs(exp10));
    return out + e;
}

}  // namespace aio::detail
