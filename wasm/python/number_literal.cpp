#include "python/number_literal.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

namespace aio::py {

namespace {

// Digits in `base` to decimal text, through base-1e9 limbs (linear in the number of limbs per
// digit; literals are short).
std::string to_decimal(std::string_view digits, unsigned base) {
    std::vector<std::uint32_t> limbs;  // little-endian, base 1e9
    for (char c : digits) {
        const unsigned d = c <= '9' ? static_cast<unsigned>(c - '0') : static_cast<unsigned>((c | 0x20) - 'a' + 10);
        std::uint64_t carry = d;
        for (auto& limb : limbs) {
            const std::uint64_t v = static_cast<std::uint64_t>(limb) * base + carry;
            limb = static_cast<std::uint32_t>(v % 1000000000u);
            carry = v / 1000000000u;
        }
        while (carry) {
            limbs.push_back(static_cast<std::uint32_t>(carry % 1000000000u));
            carry /= 1000000000u;
        }
    }
    if (limbs.empty()) return "0";
    std::string out = std::to_string(limbs.back());
    for (std::size_t i = limbs.size() - 1; i-- > 0;) {
        const std::string part = std::to_string(limbs[i]);
        out.append(9 - part.size(), '0');
        out += part;
    }
    return out;
}

} // namespace

ast::constant number_value(std::string_view text) {
    std::string clean;
    clean.reserve(text.size());
    for (char c : text) {
        if (c != '_') clean += c;
    }
    ast::constant c;
    const bool prefixed = clean.size() > 1 && clean[0] == '0' &&
                          std::string_view("xXoObB").find(clean[1]) != std::string_view::npos;
    if (prefixed) {
        const char b = static_cast<char>(clean[1] | 0x20);
        c.k = ast::constant::kind::integer;
        c.text = to_decimal(std::string_view(clean).substr(2), b == 'x' ? 16 : b == 'o' ? 8 : 2);
        return c;
    }
    if (clean.back() == 'j' || clean.back() == 'J') {
        clean.pop_back();
        c.k = ast::constant::kind::imaginary;
        c.number = std::strtod(clean.c_str(), nullptr);
        return c;
    }
    if (clean.find_first_of(".eE") != std::string::npos) {
        c.k = ast::constant::kind::floating;
        c.number = std::strtod(clean.c_str(), nullptr);
        return c;
    }
    c.k = ast::constant::kind::integer;
    const std::size_t nz = clean.find_first_not_of('0');
    c.text = nz == std::string::npos ? "0" : clean.substr(nz);
    return c;
}

} // namespace aio::py
