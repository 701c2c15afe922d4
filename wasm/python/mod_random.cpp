// The `random` module: CPython's Mersenne Twister (same seeding, same 53-bit floats) and the
// algorithms of CPython 3.11's random.py on top of it, so random.seed(n) replays CPython's
// sequences exactly. The module functions are the bound methods of one hidden Random instance.
#include "python/builtins.hpp"
#include "python/detail.hpp"

#include <chrono>
#include <cmath>
#include <cstdint>
#include <random>
#include <utility>

namespace aio::py {

using namespace detail;

namespace {

Value ctor_random(Type& t, const Value* a, std::size_t n, const Tuple* kw);

}  // namespace

Type random_type("Random", &object_type, Kind::object, ctor_random);

namespace {

struct RandomObject : Object {
    explicit RandomObject(Type* t) : Object(t) {}
    static constexpr int N = 624, M = 397;
    std::uint32_t mt[N];
    int index = N + 1;
    bool has_gauss_next = false;  // gauss() makes two values at a time
    double gauss_next = 0.0;

    void init_genrand(std::uint32_t s) {
        has_gauss_next = false;
        mt[0] = s;
        for (int i = 1; i < N; ++i)
            mt[i] = 1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + static_cast<std::uint32_t>(i);
        index = N;
    }

    void init_by_array(const std::vector<std::uint32_t>& key) {
        init_genrand(19650218u);
        int i = 1;
        std::size_t j = 0;
        for (std::size_t k = std::max<std::size_t>(N, key.size()); k; --k) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + key[j] + static_cast<std::uint32_t>(j);
            ++i;
            ++j;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.size()) j = 0;
        }
        for (int k = N - 1; k; --k) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) - static_cast<std::uint32_t>(i);
            if (++i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000u;
    }

    std::uint32_t next32() {
        static constexpr std::uint32_t mag01[2] = {0u, 0x9908b0dfu};
        if (index >= N) {
            int kk = 0;
            std::uint32_t y;
            for (; kk < N - M; ++kk) {
                y = (mt[kk] & 0x80000000u) | (mt[kk + 1] & 0x7fffffffu);
                mt[kk] = mt[kk + M] ^ (y >> 1) ^ mag01[y & 1u];
            }
            for (; kk < N - 1; ++kk) {
                y = (mt[kk] & 0x80000000u) | (mt[kk + 1] & 0x7fffffffu);
                mt[kk] = mt[kk + (M - N)] ^ (y >> 1) ^ mag01[y & 1u];
            }
            y = (mt[N - 1] & 0x80000000u) | (mt[0] & 0x7fffffffu);
            mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ mag01[y & 1u];
            index = 0;
        }
        std::uint32_t y = mt[index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    double random() {  // 53 random bits, as CPython's random_random
        std::uint32_t a = next32() >> 5, b = next32() >> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    // getrandbits(k) for k <= 64: 32-bit words, least significant first, the last one shifted.
    std::uint64_t bits(int k) {
        if (k <= 32) return k == 0 ? 0 : next32() >> (32 - k);
        std::uint64_t low = next32();
        std::uint64_t high = next32() >> (64 - k);
        return low | high << 32;
    }

    // _randbelow_with_getrandbits: uniform in [0, n), n > 0.
    std::int64_t below(std::int64_t n) {
        int k = 0;
        for (std::uint64_t v = static_cast<std::uint64_t>(n); v; v >>= 1) ++k;
        std::uint64_t r = bits(k);
        while (r >= static_cast<std::uint64_t>(n)) r = bits(k);
        return static_cast<std::int64_t>(r);
    }

    // seed(None): from the OS (time as a fallback).
    void seed_from_os() {
        std::vector<std::uint32_t> key(N);
        try {
            std::random_device dev;
            for (auto& w : key) w = dev();
        } catch (...) {
            std::uint64_t t = static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
            std::mt19937 fallback(static_cast<std::uint32_t>(t ^ (t >> 32)));
            for (auto& w : key) w = fallback();
        }
        init_by_array(key);
    }

    // seed(int) uses |n|; other seeds (float, bool) their hash as an unsigned 64-bit number.
    void seed(const Value& a) {
        std::uint64_t n;
        if (a.is_int()) n = a.as_int() < 0 ? 0 - static_cast<std::uint64_t>(a.as_int()) : static_cast<std::uint64_t>(a.as_int());
        else n = static_cast<std::uint64_t>(hash(a));
        std::vector<std::uint32_t> key{static_cast<std::uint32_t>(n)};
        if (n >> 32) key.push_back(static_cast<std::uint32_t>(n >> 32));
        init_by_array(key);
    }
};

RandomObject& self_of(const Value* a) { return *a[0].as<RandomObject>(); }

void seed_value(RandomObject& r, const Value& a) {
    if (a.is_none()) return r.seed_from_os();
    if (is(a, Kind::integer)) return r.seed(unboxed(a));  // an int subclass by its number (int.__abs__)
    if (a.is_intlike() || a.is_float() || is(a, Kind::real)) return r.seed(a);
    if (is(a, Kind::str) || is(a, Kind::bytes))
        raise(exc::TypeError, "random.seed() of a str or bytes is not supported here (aio: use an int seed)");
    raise(exc::TypeError, "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.");
}

Value ctor_random(Type& t, const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("Random", kw);
    if (n > 1) raise(exc::TypeError, "Random() takes at most 1 argument (" + std::to_string(n) + " given)");
    Value r(new RandomObject(&t));
    seed_value(*r.as<RandomObject>(), n ? a[0] : Value());
    return r;
}

// randrange's int conversion: ints, or floats with an integral value (deprecated in 3.10+).
std::int64_t range_arg(const Value& number, const char* which) {
    const Value& v = unboxed(number);
    if (v.is_intlike()) return v.as_int();
    if (v.is_float()) {
        double d = v.as_float();
        if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 9.2e18) return static_cast<std::int64_t>(d);
        if (std::isfinite(d)) raise(exc::ValueError, std::string("non-integer ") + which + " for randrange()");
    }
    Value i = call(Value(&int_type), {v});
    return i.as_int();
}

std::int64_t checked(__int128 v) {
    if (v > INT64_MAX || v < INT64_MIN)
        raise(exc::OverflowError, "integer result does not fit in 64 bits (aio's int is 64-bit)");
    return static_cast<std::int64_t>(v);
}

Value randrange(RandomObject& r, const Value& start, const Value* stop, const Value* step) {
    std::int64_t istart = range_arg(start, "arg 1");
    if (!stop || stop->is_none()) {
        if (step) raise(exc::TypeError, "Missing a non-None stop argument");
        if (istart > 0) return Value::integer(r.below(istart));
        raise(exc::ValueError, "empty range for randrange()");
    }
    std::int64_t istop = range_arg(*stop, "stop");
    std::int64_t width = checked(static_cast<__int128>(istop) - istart);
    std::int64_t istep = step ? range_arg(*step, "step") : 1;
    if (istep == 1) {
        if (width > 0) return Value::integer(istart + r.below(width));
        raise(exc::ValueError, "empty range for randrange() (" + std::to_string(istart) + ", " +
                                   std::to_string(istop) + ", " + std::to_string(width) + ")");
    }
    if (istep == 0) raise(exc::ValueError, "zero step for randrange()");
    __int128 num = istep > 0 ? static_cast<__int128>(width) + istep - 1 : static_cast<__int128>(width) + istep + 1;
    // Python's floor division
    __int128 q = num / istep;
    if ((num % istep != 0) && ((num < 0) != (istep < 0))) --q;
    if (q <= 0) raise(exc::ValueError, "empty range for randrange()");
    return Value::integer(checked(istart + static_cast<__int128>(istep) * r.below(static_cast<std::int64_t>(q))));
}

Value m_seed(const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("seed", kw, {"a", "version"});
    std::size_t total = n - 1 + (kw ? kw->items.size() : 0);
    if (total > 2) raise(exc::TypeError, "seed() takes from 1 to 3 positional arguments but " + std::to_string(total + 1) + " were given");
    const Value* s = n >= 2 ? &a[1] : kwarg(a, n, kw, "a");
    seed_value(self_of(a), s ? *s : Value());
    return Value();
}

Value m_random(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("random", kw);
    check_args("Random.random", n - 1, 0, 0);
    return Value::real(self_of(a).random());
}

Value m_getrandbits(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("getrandbits", kw);
    check_args("Random.getrandbits", n - 1, 1, 1);
    std::int64_t k = as_integer(a[1]);
    if (k < 0) raise(exc::ValueError, "number of bits must be non-negative");
    if (k > 64) raise(exc::OverflowError, "integer result does not fit in 64 bits (aio's int is 64-bit)");
    std::uint64_t v = self_of(a).bits(static_cast<int>(k));
    if (v > static_cast<std::uint64_t>(INT64_MAX))
        raise(exc::OverflowError, "integer result does not fit in 64 bits (aio's int is 64-bit)");
    return Value::integer(static_cast<std::int64_t>(v));
}

Value m_randrange(const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("randrange", kw, {"start", "stop", "step"});
    const Value* start = n >= 2 ? &a[1] : kwarg(a, n, kw, "start");
    const Value* stop = n >= 3 ? &a[2] : kwarg(a, n, kw, "stop");
    const Value* step = n >= 4 ? &a[3] : kwarg(a, n, kw, "step");
    if (n > 4) raise(exc::TypeError, "Random.randrange() takes from 2 to 4 positional arguments but " + std::to_string(n) + " were given");
    if (!start) raise(exc::TypeError, "Random.randrange() missing 1 required positional argument: 'start'");
    return randrange(self_of(a), *start, stop, step);
}

Value m_randint(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("randint", kw);
    if (n != 3) {
        if (n < 3)
            raise(exc::TypeError, std::string("Random.randint() missing ") + (n == 1 ? "2 required positional arguments: 'a' and 'b'" : "1 required positional argument: 'b'"));
        raise(exc::TypeError, "Random.randint() takes 3 positional arguments but " + std::to_string(n) + " were given");
    }
    Value stop = binary_op(BinOp::add, a[2], Value::integer(1));
    return randrange(self_of(a), a[1], &stop, nullptr);
}

Value m_uniform(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("uniform", kw);
    if (n != 3) raise(exc::TypeError, "Random.uniform() takes 3 positional arguments but " + std::to_string(n) + " were given");
    Value width = binary_op(BinOp::sub, a[2], a[1]);
    return binary_op(BinOp::add, a[1], binary_op(BinOp::mul, width, Value::real(self_of(a).random())));
}

Value m_choice(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("choice", kw);
    if (n != 2) raise(exc::TypeError, "Random.choice() takes 2 positional arguments but " + std::to_string(n) + " were given");
    std::int64_t size = len(a[1]);
    if (size == 0) raise(exc::IndexError, "Cannot choose from an empty sequence");
    return getitem(a[1], Value::integer(self_of(a).below(size)));
}

Value m_shuffle(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("shuffle", kw);
    if (n != 2) raise(exc::TypeError, "Random.shuffle() takes 2 positional arguments but " + std::to_string(n) + " were given");
    const Value& x = a[1];
    RandomObject& r = self_of(a);
    for (std::int64_t i = len(x) - 1; i >= 1; --i) {
        Value j = Value::integer(r.below(i + 1)), at_i = Value::integer(i);
        Value xi = getitem(x, at_i), xj = getitem(x, j);
        setitem(x, at_i, xj);
        setitem(x, j, xi);
    }
    return Value();
}

// sample(population, k): CPython 3.11's pool or set strategy, so the draws match.
Value m_sample(const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("sample", kw, {"population", "k", "counts"});
    const Value* pop = n >= 2 ? &a[1] : kwarg(a, n, kw, "population");
    const Value* kv = n >= 3 ? &a[2] : kwarg(a, n, kw, "k");
    if (!pop || !kv) raise(exc::TypeError, std::string("Random.sample() missing 1 required positional argument: '") + (pop ? "k" : "population") + "'");
    if (const Value* counts = kwarg(a, n, kw, "counts"); counts && !counts->is_none())
        raise(exc::TypeError, "random.sample(counts=...) is not supported here");
    Kind pk = kind_of(*pop);
    if (pk != Kind::list && pk != Kind::tuple && pk != Kind::str && pk != Kind::range && pk != Kind::bytes)
        raise(exc::TypeError, "Population must be a sequence.  For dicts or sets, use sorted(d).");
    std::int64_t size = len(*pop), k = 0;
    if (!index_value(*kv, k)) {  // 3.11 checks `0 <= k <= n`, then makes `[None] * k`: its errors, in that order
        if (!truthy(compare(CmpOp::le, Value::integer(0), *kv)) || !truthy(compare(CmpOp::le, *kv, Value::integer(size))))
            raise(exc::ValueError, "Sample larger than population or is negative");
        raise(exc::TypeError, "can't multiply sequence by non-int of type '" + type_name(*kv) + "'");
    }
    if (k < 0 || k > size) raise(exc::ValueError, "Sample larger than population or is negative");
    RandomObject& r = self_of(a);
    std::vector<Value> result;
    double setsize = 21;
    if (k > 5) setsize += std::pow(4.0, std::ceil(std::log(static_cast<double>(k * 3)) / std::log(4.0)));
    if (static_cast<double>(size) <= setsize) {
        std::vector<Value> pool = to_vector(*pop);
        for (std::int64_t i = 0; i < k; ++i) {
            std::int64_t j = r.below(size - i);
            result.push_back(pool[static_cast<std::size_t>(j)]);
            pool[static_cast<std::size_t>(j)] = pool[static_cast<std::size_t>(size - i - 1)];
        }
    } else {
        HashTable selected;
        for (std::int64_t i = 0; i < k; ++i) {
            std::int64_t j = r.below(size);
            while (selected.find(Value::integer(j))) j = r.below(size);
            selected.insert(Value::integer(j), Value());
            result.push_back(getitem(*pop, Value::integer(j)));
        }
    }
    return new_list(std::move(result));
}

// choices(population, weights=None, *, cum_weights=None, k=1)
Value m_choices(const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("choices", kw, {"population", "weights", "cum_weights", "k"});
    const Value* pop = n >= 2 ? &a[1] : kwarg(a, n, kw, "population");
    const Value* weights = n >= 3 ? &a[2] : kwarg(a, n, kw, "weights");
    const Value* cum = kwarg(a, n, kw, "cum_weights");
    const Value* kv = kwarg(a, n, kw, "k");
    if (!pop) raise(exc::TypeError, "Random.choices() missing 1 required positional argument: 'population'");
    RandomObject& r = self_of(a);
    std::int64_t size = len(*pop), k = kv ? as_integer(*kv) : 1;
    std::vector<Value> out;
    if ((!weights || weights->is_none()) && (!cum || cum->is_none())) {
        for (std::int64_t i = 0; i < k; ++i)
            out.push_back(getitem(*pop, Value::integer(static_cast<std::int64_t>(std::floor(r.random() * static_cast<double>(size))))));
        return new_list(std::move(out));
    }
    std::vector<Value> cw;
    if (!cum || cum->is_none()) {
        if (weights->is_intlike())
            raise(exc::TypeError, "The number of choices must be a keyword argument: k=" + std::to_string(weights->as_int()));
        Value total = Value::integer(0);
        for_each(*weights, [&](const Value& w) {
            total = cw.empty() ? w : binary_op(BinOp::add, total, w);
            cw.push_back(total);
        });
    } else {
        if (weights && !weights->is_none()) raise(exc::TypeError, "Cannot specify both weights and cumulative weights");
        cw = to_vector(*cum);
    }
    if (static_cast<std::int64_t>(cw.size()) != size) raise(exc::ValueError, "The number of weights does not match the population");
    double total = to_double(cw.back());
    if (total <= 0.0) raise(exc::ValueError, "Total of weights must be greater than zero");
    if (!std::isfinite(total)) raise(exc::ValueError, "Total of weights must be finite");
    for (std::int64_t i = 0; i < k; ++i) {
        Value x = Value::real(r.random() * total);
        // bisect_right(cw, x, 0, size - 1)
        std::int64_t lo = 0, hi = size - 1;
        while (lo < hi) {
            std::int64_t mid = (lo + hi) / 2;
            if (lt(x, cw[static_cast<std::size_t>(mid)])) hi = mid;
            else lo = mid + 1;
        }
        out.push_back(getitem(*pop, Value::integer(lo)));
    }
    return new_list(std::move(out));
}

// Argument `pos` (self is 0) or keyword `name`, else dflt (required when dflt is None).
Value arg(const char* fname, const Value* a, std::size_t n, const Tuple* kw, std::size_t pos, const char* name,
          Value dflt) {
    const Value* v = n > pos ? &a[pos] : kwarg(a, n, kw, name);
    if (v) return *v;
    if (dflt.is_none())
        raise(exc::TypeError, std::string("Random.") + fname + "() missing 1 required positional argument: '" + name + "'");
    return dflt;
}

// mu + z * sigma with Python's operators (so mu and sigma may be ints, and bad types fail as in CPython).
Value affine(const Value& mu, double z, const Value& sigma) {
    return binary_op(BinOp::add, mu, binary_op(BinOp::mul, Value::real(z), sigma));
}

Value m_triangular(const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("triangular", kw, {"low", "high", "mode"});
    Value low = arg("triangular", a, n, kw, 1, "low", Value::real(0.0));
    Value high = arg("triangular", a, n, kw, 2, "high", Value::real(1.0));
    const Value* mode = n > 3 ? &a[3] : kwarg(a, n, kw, "mode");
    double u = self_of(a).random();
    double c = 0.5;
    if (mode && !mode->is_none()) {
        try {
            c = to_double(binary_op(BinOp::truediv, binary_op(BinOp::sub, *mode, low), binary_op(BinOp::sub, high, low)));
        } catch (const Error& e) {
            if (!e.type().is_subtype_of(exc::ZeroDivisionError)) throw;
            return low;
        }
    }
    if (u > c) {
        u = 1.0 - u;
        c = 1.0 - c;
        std::swap(low, high);
    }
    return binary_op(BinOp::add, low, binary_op(BinOp::mul, binary_op(BinOp::sub, high, low), Value::real(std::sqrt(u * c))));
}

Value m_normalvariate(const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("normalvariate", kw, {"mu", "sigma"});
    Value mu = arg("normalvariate", a, n, kw, 1, "mu", Value::real(0.0));
    Value sigma = arg("normalvariate", a, n, kw, 2, "sigma", Value::real(1.0));
    static const double magic = 4 * std::exp(-0.5) / std::sqrt(2.0);
    RandomObject& r = self_of(a);
    double z;
    for (;;) {  // Kinderman and Monahan, as CPython
        double u1 = r.random(), u2 = 1.0 - r.random();
        z = magic * (u1 - 0.5) / u2;
        if (z * z / 4.0 <= -std::log(u2)) break;
    }
    return affine(mu, z, sigma);
}

Value m_gauss(const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("gauss", kw, {"mu", "sigma"});
    Value mu = arg("gauss", a, n, kw, 1, "mu", Value::real(0.0));
    Value sigma = arg("gauss", a, n, kw, 2, "sigma", Value::real(1.0));
    RandomObject& r = self_of(a);
    double z;
    if (r.has_gauss_next) {
        z = r.gauss_next;
        r.has_gauss_next = false;
    } else {
        double x2pi = r.random() * 6.283185307179586, g2rad = std::sqrt(-2.0 * std::log(1.0 - r.random()));
        z = std::cos(x2pi) * g2rad;
        r.gauss_next = std::sin(x2pi) * g2rad;
        r.has_gauss_next = true;
    }
    return affine(mu, z, sigma);
}

Value m_expovariate(const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("expovariate", kw, {"lambd"});
    Value lambd = arg("expovariate", a, n, kw, 1, "lambd", Value());
    double u = self_of(a).random();
    return binary_op(BinOp::truediv, Value::real(-std::log(1.0 - u)), lambd);
}

}  // namespace

void init_random(Dict& ns) {
    static const std::pair<const char*, NativeFn> methods[] = {
        {"seed", m_seed},       {"random", m_random},   {"getrandbits", m_getrandbits},
        {"randrange", m_randrange}, {"randint", m_randint}, {"uniform", m_uniform},
        {"choice", m_choice},   {"shuffle", m_shuffle}, {"sample", m_sample},
        {"choices", m_choices}, {"triangular", m_triangular}, {"normalvariate", m_normalvariate},
        {"gauss", m_gauss},     {"expovariate", m_expovariate},
    };
    if (!random_type.dict.count("seed"))
        for (auto& [name, fn] : methods) def_method(random_type, name, fn);
    define(ns, "Random", Value(&random_type));
    Value inst = call(Value(&random_type), {});
    for (auto& [name, fn] : methods) define(ns, name, getattr(inst, name));
}

}  // namespace aio::py
