// Python's repr(float), shared by aio::sql (a row's REAL values printed as Python prints them)
// and the Python front-end (repr, json, ast dumps, format specs), which must print the same text.
#pragma once

#include <string>

namespace aio::detail {

// The shortest digits that read back as the same double, laid out as CPython's repr does: fixed
// for decimal exponents -4 to 15 (0.0001, 100000.0, -0.0), d.ddde+XX otherwise (1e-05, 1e+16);
// nan, inf, -inf.
std::string python_float_repr(double d);

}  // namespace aio::detail
