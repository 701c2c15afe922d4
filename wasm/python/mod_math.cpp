// The math module's common part: constants, the libm functions with CPython's errors (ValueError
// "math domain error" when a finite argument gives NaN, OverflowError "math range error" when it
// gives infinity), floor/ceil/trunc to int, factorial, gcd, isclose. Results come from the
// platform's libm, whose last bit can differ in wasm (README).
#include "python/detail.hpp"

#include <cmath>
#include <numeric>

namespace aio::py {

using namespace detail;

namespace {

// Names for the arity errors.
constexpr char n_sqrt[] = "math.sqrt";
constexpr char n_exp[] = "math.exp";
constexpr char n_log2[] = "math.log2";
constexpr char n_log10[] = "math.log10";
constexpr char n_sin[] = "math.sin";
constexpr char n_cos[] = "math.cos";
constexpr char n_tan[] = "math.tan";
constexpr char n_asin[] = "math.asin";
constexpr char n_acos[] = "math.acos";
constexpr char n_atan[] = "math.atan";
constexpr char n_fabs[] = "math.fabs";
constexpr char n_degrees[] = "math.degrees";
constexpr char n_radians[] = "math.radians";
constexpr char n_floor[] = "math.floor";
constexpr char n_ceil[] = "math.ceil";
constexpr char n_trunc[] = "math.trunc";
constexpr char n_isfinite[] = "math.isfinite";
constexpr char n_isinf[] = "math.isinf";
constexpr char n_isnan[] = "math.isnan";

double real_arg(const Value& v) {
    double d;
    if (!real_value(v, d)) raise(exc::TypeError, "must be real number, not " + type_name(v));
    return d;
}

// CPython's math_1/math_2 checks on a libm result.
double checked(double r, std::initializer_list<double> args, bool may_overflow = true) {
    bool finite_args = true, nan_args = false;
    for (double a : args) {
        finite_args = finite_args && std::isfinite(a);
        nan_args = nan_args || std::isnan(a);
    }
    if (std::isnan(r) && !nan_args) raise(exc::ValueError, "math domain error");
    if (std::isinf(r) && finite_args) {
        if (may_overflow) raise(exc::OverflowError, "math range error");
        raise(exc::ValueError, "math domain error");  // a pole: log(0)
    }
    return r;
}

// A one-argument function's arity check: "math.sqrt() takes exactly one argument (0 given)".
void one_argument(const char* name, std::size_t n, const Tuple* kw) {
    no_kwargs(name, kw);
    if (n != 1) raise(exc::TypeError, std::string(name) + "() takes exactly one argument (" + std::to_string(n) + " given)");
}

template <const char* Name, double (*F)(double), bool MayOverflow>
Value unary(const Value* a, std::size_t n, const Tuple* kw) {
    one_argument(Name, n, kw);
    double x = real_arg(a[0]);
    return Value::real(checked(F(x), {x}, MayOverflow));
}

double f_sqrt(double x) { return std::sqrt(x); }
double f_exp(double x) { return std::exp(x); }
double f_log2(double x) { return x < 0 ? NAN : std::log2(x); }
double f_log10(double x) { return x < 0 ? NAN : std::log10(x); }
double f_sin(double x) { return std::sin(x); }
double f_cos(double x) { return std::cos(x); }
double f_tan(double x) { return std::tan(x); }
double f_asin(double x) { return std::asin(x); }
double f_acos(double x) { return std::acos(x); }
double f_atan(double x) { return std::atan(x); }
double f_fabs(double x) { return std::fabs(x); }
double f_degrees(double x) { return x * (180.0 / M_PI); }
double f_radians(double x) { return x * (M_PI / 180.0); }

Value m_log(const Value* a, std::size_t n, const Tuple* kw) {  // log(x[, base])
    no_kwargs("log", kw);
    check_args("log()", n, 1, 2);
    auto ln = [](double x) { return checked(x < 0 ? NAN : std::log(x), {x}, false); };
    double num = ln(real_arg(a[0]));
    if (n == 1) return Value::real(num);
    double den = ln(real_arg(a[1]));
    if (den == 0) raise(exc::ZeroDivisionError, "float division by zero");
    return Value::real(num / den);
}

void two_reals(const char* name, const Value* a, std::size_t n, const Tuple* kw, double& x, double& y) {
    no_kwargs(name, kw);
    if (n != 2) raise(exc::TypeError, std::string(name) + " expected 2 arguments, got " + std::to_string(n));
    x = real_arg(a[0]);
    y = real_arg(a[1]);
}

Value m_pow(const Value* a, std::size_t n, const Tuple* kw) {
    double x, y;
    two_reals("pow", a, n, kw, x, y);
    double r = std::pow(x, y);
    if (std::isinf(r) && std::isfinite(x) && std::isfinite(y))
        raise(x == 0 ? exc::ValueError : exc::OverflowError, x == 0 ? "math domain error" : "math range error");
    return Value::real(checked(r, {x, y}));
}
Value m_atan2(const Value* a, std::size_t n, const Tuple* kw) {
    double x, y;
    two_reals("atan2", a, n, kw, x, y);
    return Value::real(std::atan2(x, y));
}
Value m_hypot(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("hypot", kw);
    double r = 0;
    for (std::size_t i = 0; i < n; ++i) r = std::hypot(r, real_arg(a[i]));
    return Value::real(r);
}
Value m_copysign(const Value* a, std::size_t n, const Tuple* kw) {
    double x, y;
    two_reals("copysign", a, n, kw, x, y);
    return Value::real(std::copysign(x, y));
}
Value m_fmod(const Value* a, std::size_t n, const Tuple* kw) {
    double x, y;
    two_reals("fmod", a, n, kw, x, y);
    if (std::isinf(y) && std::isfinite(x)) return Value::real(x);
    return Value::real(checked(std::fmod(x, y), {x, y}));
}

// floor/ceil/trunc: an int stays itself; a float becomes the int (int()'s errors for inf/NaN).
template <const char* Name, double (*F)(double)>
Value to_int(const Value* a, std::size_t n, const Tuple* kw) {
    one_argument(Name, n, kw);
    const Value& v = unboxed(a[0]);
    if (v.is_intlike()) return Value::integer(v.as_int());
    Value r = Value::real(F(real_arg(v)));
    return call(Value(&int_type), &r, 1);
}
double f_floor(double x) { return std::floor(x); }
double f_ceil(double x) { return std::ceil(x); }
double f_trunc(double x) { return std::trunc(x); }

Value m_factorial(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("factorial", kw);
    check_args("factorial()", n, 1, 1);
    std::int64_t k = as_integer(a[0]);
    if (k < 0) raise(exc::ValueError, "factorial() not defined for negative values");
    std::int64_t r = 1;
    for (std::int64_t i = 2; i <= k; ++i)
        if (__builtin_mul_overflow(r, i, &r))
            raise(exc::OverflowError, "integer result does not fit in 64 bits (aio's int is 64-bit)");
    return Value::integer(r);
}

Value m_gcd(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("gcd", kw);
    std::int64_t g = 0;
    for (std::size_t i = 0; i < n; ++i) g = std::gcd(g, as_integer(a[i]));
    return Value::integer(g);
}

Value m_isclose(const Value* a, std::size_t n, const Tuple* kw) {  // isclose(a, b, *, rel_tol, abs_tol)
    only_kwargs("isclose", kw, {"rel_tol", "abs_tol"});
    if (n != 2) raise(exc::TypeError, "isclose() takes exactly 2 positional arguments (" + std::to_string(n) + " given)");
    double x = real_arg(a[0]), y = real_arg(a[1]);
    const Value* rel = kwarg(a, n, kw, "rel_tol");
    const Value* abs_ = kwarg(a, n, kw, "abs_tol");
    double rel_tol = rel ? real_arg(*rel) : 1e-09, abs_tol = abs_ ? real_arg(*abs_) : 0.0;
    if (rel_tol < 0 || abs_tol < 0) raise(exc::ValueError, "tolerances must be non-negative");
    if (x == y) return Value::boolean(true);
    if (std::isinf(x) || std::isinf(y)) return Value::boolean(false);
    double diff = std::fabs(y - x);
    return Value::boolean(diff <= std::fabs(rel_tol * y) || diff <= std::fabs(rel_tol * x) || diff <= abs_tol);
}

template <const char* Name, bool (*F)(double)>
Value predicate(const Value* a, std::size_t n, const Tuple* kw) {
    one_argument(Name, n, kw);
    return Value::boolean(F(real_arg(a[0])));
}
bool p_isfinite(double x) { return std::isfinite(x); }
bool p_isinf(double x) { return std::isinf(x); }
bool p_isnan(double x) { return std::isnan(x); }

}  // namespace

void init_math(Dict& ns) {
    auto def = [&](const char* name, NativeFn fn) { ns.table.insert(new_str(name), new_function(name, fn)); };
    ns.table.insert(new_str("pi"), Value::real(M_PI));
    ns.table.insert(new_str("e"), Value::real(M_E));
    ns.table.insert(new_str("tau"), Value::real(2 * M_PI));
    ns.table.insert(new_str("inf"), Value::real(INFINITY));
    ns.table.insert(new_str("nan"), Value::real(NAN));
    def("sqrt", unary<n_sqrt, f_sqrt, false>);
    def("exp", unary<n_exp, f_exp, true>);
    def("log", m_log);
    def("log2", unary<n_log2, f_log2, false>);
    def("log10", unary<n_log10, f_log10, false>);
    def("sin", unary<n_sin, f_sin, false>);
    def("cos", unary<n_cos, f_cos, false>);
    def("tan", unary<n_tan, f_tan, false>);
    def("asin", unary<n_asin, f_asin, false>);
    def("acos", unary<n_acos, f_acos, false>);
    def("atan", unary<n_atan, f_atan, false>);
    def("fabs", unary<n_fabs, f_fabs, false>);
    def("degrees", unary<n_degrees, f_degrees, true>);
    def("radians", unary<n_radians, f_radians, true>);
    def("pow", m_pow);
    def("atan2", m_atan2);
    def("hypot", m_hypot);
    def("copysign", m_copysign);
    def("fmod", m_fmod);
    def("floor", to_int<n_floor, f_floor>);
    def("ceil", to_int<n_ceil, f_ceil>);
    def("trunc", to_int<n_trunc, f_trunc>);
    def("factorial", m_factorial);
    def("gcd", m_gcd);
    def("isclose", m_isclose);
    def("isfinite", predicate<n_isfinite, p_isfinite>);
    def("isinf", predicate<n_isinf, p_isinf>);
    def("isnan", predicate<n_isnan, p_isnan>);
}

}  // namespace aio::py
