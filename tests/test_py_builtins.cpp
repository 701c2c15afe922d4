// The native modules of the Python front-end (builtins, sys, random, json), called through the
// object model and checked against CPython 3.11's answers (tests/py_builtins_cases.py).
#include "python/exceptions.hpp"
#include "python/modules.hpp"

#include <catch2/catch.hpp>

#include <functional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

using namespace aio::py;

namespace {

using Kw = std::vector<std::pair<const char*, Value>>;

Value none() { return Value(); }
Value boolean(bool v) { return Value::boolean(v); }
Value i(std::int64_t v) { return Value::integer(v); }
Value f(double v) { return Value::real(v); }
Value s(std::string v) { return new_str(std::move(v)); }
Value bytes_of(std::string v) { return Value(new Bytes(std::move(v))); }
Value list(std::vector<Value> v) { return new_list(std::move(v)); }
Value tup(std::vector<Value> v) { return new_tuple(std::move(v)); }
Value dict(std::vector<std::pair<Value, Value>> items) {
    Value d = new_dict();
    for (auto& [k, v] : items) setitem(d, k, v);
    return d;
}

// A native module's namespace, initialized once.
Value module(const char* name) {
    static std::vector<std::pair<std::string, Value>> made;
    for (auto& [n, ns] : made)
        if (n == name) return ns;
    const NativeModule* m = find_native_module(name);
    REQUIRE(m);
    Value ns = new_dict();
    m->init(*ns.as<Dict>());
    made.emplace_back(name, ns);
    return ns;
}
Value mod_attr(const char* mod, const char* name) { return getitem(module(mod), s(name)); }
Value b(const char* name) { return mod_attr("builtins", name); }

Value call_kw(const Value& callable, std::vector<Value> pos, const Kw& kw) {
    std::vector<Value> names;
    std::size_t npos = pos.size();
    for (auto& [name, v] : kw) {
        names.push_back(new_str(name));
        pos.push_back(v);
    }
    Value kwnames = new_tuple(std::move(names));
    return call(callable, pos.data(), npos, kw.empty() ? nullptr : kwnames.as<Tuple>());
}
// builtins.name(args, **kw)
Value c(const char* name, std::vector<Value> args, const Kw& kw = {}) { return call_kw(b(name), std::move(args), kw); }
// module.name(args, **kw)
Value mc(const char* mod, const char* name, std::vector<Value> args, const Kw& kw = {}) {
    return call_kw(mod_attr(mod, name), std::move(args), kw);
}
Value m(const Value& self, const char* name, std::vector<Value> args = {}, const Kw& kw = {}) {
    return call_kw(getattr(self, name), std::move(args), kw);
}

Value eqv(std::vector<Value> ab) { return Value::boolean(eq(ab[0], ab[1])); }
Value isv(std::vector<Value> ab) { return Value::boolean(ab[0].is(ab[1])); }

// random.seed(seed), then `count` calls of random.name(args, **kw).
Value seq(Value seed, const char* name, std::vector<Value> args, int count, const Kw& kw = {}) {
    mc("random", "seed", {std::move(seed)});
    std::vector<Value> out;
    for (int k = 0; k < count; ++k) out.push_back(mc("random", name, args, kw));
    return list(std::move(out));
}
// [round(x, 12) for x in l]
Value rounded(const Value& l) {
    std::vector<Value> out;
    for (auto& x : l.as<List>()->items) out.push_back(c("round", {x, i(12)}));
    return list(std::move(out));
}
Value shuffled(Value seed, Value x) {
    mc("random", "seed", {std::move(seed)});
    mc("random", "shuffle", {x});
    return x;
}
// The attributes of the JSONDecodeError json.loads(text) raises.
Value decode_error(const char* text) {
    try {
        mc("json", "loads", {s(text)});
    } catch (const Error& e) {
        const Value& x = e.exc;
        return list({getattr(c("type", {x}), "__name__"), c("isinstance", {x, b("ValueError")}), getattr(x, "msg"),
                     getattr(x, "pos"), getattr(x, "lineno"), getattr(x, "colno"), eqv({getattr(x, "doc"), s(text)})});
    }
    return none();
}

// json.dumps(l) where l contains itself; the cycle is broken afterwards (cycles leak otherwise).
Value dumps_self_containing_list() {
    Value l = list({});
    m(l, "append", {l});
    struct Unlink {
        Value& l;
        ~Unlink() { l.as<List>()->items.clear(); }
    } unlink{l};
    return mc("json", "dumps", {l});
}

std::string no_address(std::string s) { return std::regex_replace(s, std::regex("at 0x[0-9a-f]+"), "at 0x?"); }
std::string error_text(const Error& e) { return e.type().name + ": " + str(e.exc); }

// repr of what fn returns, or "ExceptionName: str(e)" when it raises.
std::string R(const std::function<Value()>& fn) {
    try {
        return no_address(repr(fn()));
    } catch (const Error& e) {
        return no_address(error_text(e));
    }
}

// What fn wrote to the host's stdout (then "[err]" and stderr), then the error it raised.
std::string O(const std::function<Value()>& fn) {
    std::string out, err;
    auto saved = host().write;
    host().write = [&](int fd, std::string_view t) { (fd == 2 ? err : out) += t; };
    std::string tail;
    try {
        fn();
    } catch (const Error& e) {
        tail = error_text(e);
    }
    host().write = saved;
    return no_address(out + (err.empty() ? "" : "[err]" + err) + tail);
}

}  // namespace

TEST_CASE("py builtins: CPython 3.11's results and errors", "[python]") {
    // GENERATED by `python3 tests/py_builtins_cases.py` (CPython 3.11.7); edit the cases there.
    CHECK(O([&] { return c("print", {i(1), s("a"), none()}); }) == "1 a None\n");  // print(1, 'a', None)
    CHECK(O([&] { return c("print", {}); }) == "\n");  // print()
    CHECK(O([&] { return c("print", {i(1), i(2)}, {{"sep", s("-")}, {"end", s("!")}}); }) == "1-2!");  // print(1, 2, sep='-', end='!')
    CHECK(O([&] { return c("print", {i(1), i(2)}, {{"sep", none()}, {"end", none()}}); }) == "1 2\n");  // print(1, 2, sep=None, end=None)
    CHECK(O([&] { return c("print", {s("中文"), list({i(1), s("x")}), dict({{s("k"), f(1.5)}})}); }) == "中文 [1, 'x'] {'k': 1.5}\n");  // print('中文', [1, 'x'], {'k': 1.5})
    CHECK(O([&] { return c("print", {}, {{"sep", i(1)}}); }) == "TypeError: sep must be None or a string, not int");  // print(sep=1)
    CHECK(O([&] { return c("print", {}, {{"end", list({})}}); }) == "TypeError: end must be None or a string, not list");  // print(end=[])
    CHECK(O([&] { return c("print", {i(1)}, {{"file", i(1)}}); }) == "AttributeError: 'int' object has no attribute 'write'");  // print(1, file=1)
    CHECK(O([&] { return c("print", {}, {{"foo", i(1)}}); }) == "TypeError: 'foo' is an invalid keyword argument for print()");  // print(foo=1)
    CHECK(O([&] { return c("print", {i(1)}, {{"file", none()}, {"flush", boolean(true)}}); }) == "1\n");  // print(1, file=None, flush=True)
    CHECK(R([&] { return c("len", {list({i(1), i(2)})}); }) == "2");  // len([1, 2])
    CHECK(R([&] { return c("len", {s("中文")}); }) == "2");  // len('中文')
    CHECK(R([&] { return c("len", {i(1)}); }) == "TypeError: object of type 'int' has no len()");  // len(1)
    CHECK(R([&] { return c("len", {}); }) == "TypeError: len() takes exactly one argument (0 given)");  // len()
    CHECK(R([&] { return c("len", {list({}), list({})}); }) == "TypeError: len() takes exactly one argument (2 given)");  // len([], [])
    CHECK(R([&] { return c("len", {}, {{"x", i(1)}}); }) == "TypeError: len() takes no keyword arguments");  // len(x=1)
    CHECK(R([&] { return c("repr", {s("a")}); }) == "\"'a'\"");  // repr('a')
    CHECK(R([&] { return c("repr", {}); }) == "TypeError: repr() takes exactly one argument (0 given)");  // repr()
    CHECK(R([&] { return c("isinstance", {boolean(true), b("int")}); }) == "True");  // isinstance(True, int)
    CHECK(R([&] { return c("isinstance", {i(1), tup({b("str"), tup({b("float"), b("int")})})}); }) == "True");  // isinstance(1, (str, (float, int)))
    CHECK(R([&] { return c("isinstance", {f(1.0), b("int")}); }) == "False");  // isinstance(1.0, int)
    CHECK(R([&] { return c("isinstance", {c("KeyError", {}), b("LookupError")}); }) == "True");  // isinstance(KeyError(), LookupError)
    CHECK(R([&] { return c("isinstance", {i(1), i(2)}); }) == "TypeError: isinstance() arg 2 must be a type, a tuple of types, or a union");  // isinstance(1, 2)
    CHECK(R([&] { return c("isinstance", {i(1)}); }) == "TypeError: isinstance expected 2 arguments, got 1");  // isinstance(1)
    CHECK(R([&] { return c("issubclass", {b("bool"), b("int")}); }) == "True");  // issubclass(bool, int)
    CHECK(R([&] { return c("issubclass", {b("TimeoutError"), tup({b("ValueError"), b("OSError")})}); }) == "True");  // issubclass(TimeoutError, (ValueError, OSError))
    CHECK(R([&] { return c("issubclass", {b("ExceptionGroup"), b("Exception")}); }) == "True");  // issubclass(ExceptionGroup, Exception)
    CHECK(R([&] { return c("issubclass", {i(1), b("int")}); }) == "TypeError: issubclass() arg 1 must be a class");  // issubclass(1, int)
    CHECK(R([&] { return c("issubclass", {b("int"), i(1)}); }) == "TypeError: issubclass() arg 2 must be a class, a tuple of classes, or a union");  // issubclass(int, 1)
    CHECK(R([&] { return c("abs", {i(-3)}); }) == "3");  // abs(-3)
    CHECK(R([&] { return c("abs", {f(-2.5)}); }) == "2.5");  // abs(-2.5)
    CHECK(R([&] { return c("abs", {boolean(true)}); }) == "1");  // abs(True)
    CHECK(R([&] { return c("abs", {s("a")}); }) == "TypeError: bad operand type for abs(): 'str'");  // abs('a')
    CHECK(R([&] { return c("abs", {}); }) == "TypeError: abs() takes exactly one argument (0 given)");  // abs()
    CHECK(R([&] { return list({c("round", {f(2.5)}), c("round", {f(3.5)}), c("round", {f(-0.5)}), c("round", {f(-2.5)}), c("round", {f(0.49999999999999994)})}); }) == "[2, 4, 0, -2, 0]");  // [round(2.5), round(3.5), round(-0.5), round(-2.5), round(0.49999999999999994)]
    CHECK(R([&] { return list({c("round", {f(2.675), i(2)}), c("round", {f(0.125), i(2)}), c("round", {f(0.375), i(2)}), c("round", {f(1.005), i(2)}), c("round", {f(-0.001), i(1)}), c("round", {f(123.456), i(1)})}); }) == "[2.67, 0.12, 0.38, 1.0, -0.0, 123.5]");  // [round(2.675, 2), round(0.125, 2), round(0.375, 2), round(1.005, 2), round(-0.001, 1), round(123.456, 1)]
    CHECK(R([&] { return list({c("round", {f(5.0), i(-1)}), c("round", {f(15.0), i(-1)}), c("round", {f(25.0), i(-1)}), c("round", {f(6.0), i(-1)}), c("round", {f(123.456), i(-1)}), c("round", {f(123.456), i(-5)}), c("round", {f(-150.0), i(-2)}), c("round", {f(0.5), i(0)})}); }) == "[0.0, 20.0, 20.0, 10.0, 120.0, 0.0, -200.0, 0.0]");  // [round(5.0, -1), round(15.0, -1), round(25.0, -1), round(6.0, -1), round(123.456, -1), round(123.456, -5), round(-150.0, -2), round(0.5, 0)]
    CHECK(R([&] { return list({c("round", {i(1234), i(-2)}), c("round", {i(1250), i(-2)}), c("round", {i(1350), i(-2)}), c("round", {i(-1250), i(-2)}), c("round", {i(7), i(3)}), c("round", {boolean(true)})}); }) == "[1200, 1200, 1400, -1200, 7, 1]");  // [round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2), round(7, 3), round(True)]
    CHECK(R([&] { return list({c("round", {f(1e300), i(2)}), c("round", {f(1e-300), i(2)}), c("round", {f(-0.0), i(1)}), c("round", {f(1.5), none()})}); }) == "[1e+300, 0.0, -0.0, 2]");  // [round(1e300, 2), round(1e-300, 2), round(-0.0, 1), round(1.5, None)]
    CHECK(R([&] { return c("round", {f(NAN)}); }) == "ValueError: cannot convert float NaN to integer");  // round(float('nan'))
    CHECK(R([&] { return c("round", {f(INFINITY)}); }) == "OverflowError: cannot convert float infinity to integer");  // round(float('inf'))
    CHECK(R([&] { return c("round", {f(NAN), i(2)}); }) == "nan");  // round(float('nan'), 2)
    CHECK(R([&] { return c("round", {f(1.5), f(1.0)}); }) == "TypeError: 'float' object cannot be interpreted as an integer");  // round(1.5, 1.0)
    CHECK(R([&] { return c("round", {s("a")}); }) == "TypeError: type str doesn't define __round__ method");  // round('a')
    CHECK(R([&] { return c("round", {i(1), i(2), i(3)}); }) == "TypeError: round() takes at most 2 arguments (3 given)");  // round(1, 2, 3)
    CHECK(R([&] { return c("round", {f(1.7976931348623157e308), i(-308)}); }) == "OverflowError: rounded value too large to represent");  // round(1.7976931348623157e308, -308)
    CHECK(R([&] { return list({c("divmod", {i(7), i(2)}), c("divmod", {i(-7), i(2)}), c("divmod", {f(7.5), i(2)}), c("divmod", {f(-7.5), i(2)})}); }) == "[(3, 1), (-4, 1), (3.0, 1.5), (-4.0, 0.5)]");  // [divmod(7, 2), divmod(-7, 2), divmod(7.5, 2), divmod(-7.5, 2)]
    CHECK(R([&] { return c("divmod", {i(1), i(0)}); }) == "ZeroDivisionError: integer division or modulo by zero");  // divmod(1, 0)
    CHECK(R([&] { return c("divmod", {f(1.0), i(0)}); }) == "ZeroDivisionError: float divmod()");  // divmod(1.0, 0)
    CHECK(R([&] { return c("divmod", {s("a"), i(1)}); }) == "TypeError: unsupported operand type(s) for divmod(): 'str' and 'int'");  // divmod('a', 1)
    CHECK(R([&] { return c("divmod", {i(1)}); }) == "TypeError: divmod expected 2 arguments, got 1");  // divmod(1)
    CHECK(R([&] { return list({c("pow", {i(2), i(10)}), c("pow", {i(2), i(-1)}), c("pow", {i(2), i(10), i(7)}), c("pow", {i(3), i(-1), i(7)}), c("pow", {i(2), i(3), i(-5)}), c("pow", {i(-2), i(3), i(5)}), c("pow", {i(2), f(0.5)}), c("pow", {}, {{"base", i(2)}, {"exp", i(3)}})}); }) == "[1024, 0.5, 2, 5, -2, 2, 1.4142135623730951, 8]");  // [pow(2, 10), pow(2, -1), pow(2, 10, 7), pow(3, -1, 7), pow(2, 3, -5), pow(-2, 3, 5), pow(2, 0.5), pow(base=2, exp=3)]
    CHECK(R([&] { return c("pow", {i(12345678901), i(98765), i(1000000007)}); }) == "3075418");  // pow(12345678901, 98765, 1000000007)
    CHECK(R([&] { return c("pow", {i(2), i(-1), i(4)}); }) == "ValueError: base is not invertible for the given modulus");  // pow(2, -1, 4)
    CHECK(R([&] { return c("pow", {i(2), i(3), i(0)}); }) == "ValueError: pow() 3rd argument cannot be 0");  // pow(2, 3, 0)
    CHECK(R([&] { return c("pow", {f(2.0), i(3), i(5)}); }) == "TypeError: pow() 3rd argument not allowed unless all arguments are integers");  // pow(2.0, 3, 5)
    CHECK(R([&] { return c("pow", {s("a"), i(2)}); }) == "TypeError: unsupported operand type(s) for ** or pow(): 'str' and 'int'");  // pow('a', 2)
    CHECK(R([&] { return c("pow", {}); }) == "TypeError: pow() missing required argument 'base' (pos 1)");  // pow()
    CHECK(R([&] { return list({c("sum", {list({i(1), i(2), i(3)})}), c("sum", {list({i(1), i(2)}), i(10)}), c("sum", {list({f(0.1), f(0.1), f(0.1), f(0.1), f(0.1), f(0.1), f(0.1), f(0.1), f(0.1), f(0.1)})}), c("sum", {list({list({i(1)}), list({i(2)})}), list({})}), c("sum", {list({i(1)})}, {{"start", i(5)}}), c("sum", {c("range", {i(101)})})}); }) == "[6, 13, 0.9999999999999999, [1, 2], 6, 5050]");  // [sum([1, 2, 3]), sum([1, 2], 10), sum([0.1] * 10), sum([[1], [2]], []), sum([1], start=5), sum(range(101))]
    CHECK(R([&] { return c("sum", {list({s("a")}), s("")}); }) == "TypeError: sum() can't sum strings [use ''.join(seq) instead]");  // sum(['a'], '')
    CHECK(R([&] { return c("sum", {list({i(1), s("a")})}); }) == "TypeError: unsupported operand type(s) for +: 'int' and 'str'");  // sum([1, 'a'])
    CHECK(R([&] { return c("sum", {i(1)}); }) == "TypeError: 'int' object is not iterable");  // sum(1)
    CHECK(R([&] { return c("sum", {}); }) == "TypeError: sum() takes at least 1 positional argument (0 given)");  // sum()
    CHECK(R([&] { return list({c("max", {list({i(3), i(1), i(2)})}), c("max", {i(3), i(1), i(2)}), c("min", {s("bca")}), c("max", {list({s("a"), s("bb"), s("c"), s("dd")})}, {{"key", b("len")}}), c("min", {list({s("a"), s("bb"), s("c")})}, {{"key", b("len")}}), c("max", {list({i(2), f(2.0)})}), c("max", {list({})}, {{"default", none()}}), c("min", {tup({})}, {{"key", b("len")}, {"default", s("z")}}), c("max", {c("iter", {list({})})}, {{"default", i(7)}})}); }) == "[3, 3, 'a', 'bb', 'a', 2, None, 'z', 7]");  // [max([3, 1, 2]), max(3, 1, 2), min('bca'), max(['a', 'bb', 'c', 'dd'], key=len), min(['a', 'bb', 'c'], key=len), max([2, 2.0]), max([], default=None), min((), key=len, default='z'), max(iter([]), default=7)]
    CHECK(R([&] { return c("min", {list({})}); }) == "ValueError: min() arg is an empty sequence");  // min([])
    CHECK(R([&] { return c("max", {list({})}); }) == "ValueError: max() arg is an empty sequence");  // max([])
    CHECK(R([&] { return c("max", {}); }) == "TypeError: max expected at least 1 argument, got 0");  // max()
    CHECK(R([&] { return c("max", {i(1)}); }) == "TypeError: 'int' object is not iterable");  // max(1)
    CHECK(R([&] { return c("max", {i(1), i(2)}, {{"default", i(0)}}); }) == "TypeError: Cannot specify a default for max() with multiple positional arguments");  // max(1, 2, default=0)
    CHECK(R([&] { return c("max", {list({i(1), s("a")})}); }) == "TypeError: '>' not supported between instances of 'str' and 'int'");  // max([1, 'a'])
    CHECK(R([&] { return c("min", {list({i(1), s("a")})}); }) == "TypeError: '<' not supported between instances of 'str' and 'int'");  // min([1, 'a'])
    CHECK(R([&] { return c("max", {i(1), i(2)}, {{"foo", i(3)}}); }) == "TypeError: 'foo' is an invalid keyword argument for max()");  // max(1, 2, foo=3)
    CHECK(R([&] { return c("max", {list({i(1), i(2)})}, {{"key", b("len")}}); }) == "TypeError: object of type 'int' has no len()");  // max([1, 2], key=len)
    CHECK(R([&] { return list({c("sorted", {list({i(3), i(1), i(2)})}), c("sorted", {s("cab")}, {{"reverse", boolean(true)}}), c("sorted", {dict({{s("b"), i(1)}, {s("a"), i(2)}})}), c("sorted", {list({s("bb"), s("a"), s("ccc")})}, {{"key", b("len")}}), c("sorted", {list({i(3), i(1)})}, {{"key", none()}})}); }) == "[[1, 2, 3], ['c', 'b', 'a'], ['a', 'b'], ['a', 'bb', 'ccc'], [1, 3]]");  // [sorted([3, 1, 2]), sorted('cab', reverse=True), sorted({'b': 1, 'a': 2}), sorted(['bb', 'a', 'ccc'], key=len), sorted([3, 1], key=None)]
    CHECK(R([&] { return c("sorted", {}); }) == "TypeError: sorted expected 1 argument, got 0");  // sorted()
    CHECK(R([&] { return c("sorted", {list({i(3), i(1)}), list({i(1)})}); }) == "TypeError: sorted expected 1 argument, got 2");  // sorted([3, 1], [1])
    CHECK(R([&] { return c("sorted", {i(1)}); }) == "TypeError: 'int' object is not iterable");  // sorted(1)
    CHECK(R([&] { return c("sorted", {list({i(1), s("a")})}); }) == "TypeError: '<' not supported between instances of 'str' and 'int'");  // sorted([1, 'a'])
    CHECK(R([&] { return c("sorted", {list({i(1)})}, {{"foo", i(1)}}); }) == "TypeError: 'foo' is an invalid keyword argument for sort()");  // sorted([1], foo=1)
    CHECK(R([&] { return list({c("any", {list({i(0), i(1)})}), c("any", {list({})}), c("all", {list({})}), c("all", {list({i(1), i(0)})}), c("any", {s("")})}); }) == "[True, False, True, False, False]");  // [any([0, 1]), any([]), all([]), all([1, 0]), any('')]
    CHECK(R([&] { return c("any", {i(1)}); }) == "TypeError: 'int' object is not iterable");  // any(1)
    CHECK(R([&] { return c("all", {}); }) == "TypeError: all() takes exactly one argument (0 given)");  // all()
    CHECK(R([&] { return list({c("format", {f(3.14159), s(".2f")}), c("format", {i(5)}), c("format", {s("中"), s("^5")}), c("format", {i(1234567), s(",")})}); }) == "['3.14', '5', '  中  ', '1,234,567']");  // [format(3.14159, '.2f'), format(5), format('中', '^5'), format(1234567, ',')]
    CHECK(R([&] { return c("format", {i(5), i(1)}); }) == "TypeError: format() argument 2 must be str, not int");  // format(5, 1)
    CHECK(R([&] { return c("format", {i(5), s("q")}); }) == "ValueError: Unknown format code 'q' for object of type 'int'");  // format(5, 'q')
    CHECK(R([&] { return list({c("ord", {s("a")}), c("ord", {s("中")}), c("ord", {s("😀")}), c("ord", {bytes_of("a")}), c("chr", {i(65)}), c("chr", {i(20013)}), c("chr", {i(128512)})}); }) == "[97, 20013, 128512, 97, 'A', '中', '😀']");  // [ord('a'), ord('中'), ord('😀'), ord(b'a'), chr(65), chr(20013), chr(128512)]
    CHECK(R([&] { return c("ord", {s("ab")}); }) == "TypeError: ord() expected a character, but string of length 2 found");  // ord('ab')
    CHECK(R([&] { return c("ord", {s("")}); }) == "TypeError: ord() expected a character, but string of length 0 found");  // ord('')
    CHECK(R([&] { return c("ord", {i(1)}); }) == "TypeError: ord() expected string of length 1, but int found");  // ord(1)
    CHECK(R([&] { return c("chr", {i(-1)}); }) == "ValueError: chr() arg not in range(0x110000)");  // chr(-1)
    CHECK(R([&] { return c("chr", {i(0x110000)}); }) == "ValueError: chr() arg not in range(0x110000)");  // chr(0x110000)
    CHECK(R([&] { return c("chr", {s("a")}); }) == "TypeError: 'str' object cannot be interpreted as an integer");  // chr('a')
    CHECK(R([&] { return list({c("hex", {i(255)}), c("hex", {i(-255)}), c("oct", {i(8)}), c("oct", {i(-8)}), c("bin", {i(5)}), c("bin", {i(-5)}), c("bin", {i(0)}), c("hex", {boolean(true)}), c("hex", {i(INT64_MIN)})}); }) == "['0xff', '-0xff', '0o10', '-0o10', '0b101', '-0b101', '0b0', '0x1', '-0x8000000000000000']");  // [hex(255), hex(-255), oct(8), oct(-8), bin(5), bin(-5), bin(0), hex(True), hex(-2**63)]
    CHECK(R([&] { return c("hex", {f(1.5)}); }) == "TypeError: 'float' object cannot be interpreted as an integer");  // hex(1.5)
    CHECK(R([&] { return c("hex", {}); }) == "TypeError: hex() takes exactly one argument (0 given)");  // hex()
    CHECK(R([&] { return list({eqv({c("hash", {i(1)}), c("hash", {f(1.0)})}), c("hash", {tup({i(1), i(2)})}), eqv({c("hash", {s("a")}), c("hash", {s("a")})}), eqv({c("id", {none()}), c("id", {none()})}), c("callable", {b("len")}), c("callable", {i(1)}), c("callable", {b("int")})}); }) == "[True, -3550055125485641917, True, True, True, False, True]");  // [hash(1) == hash(1.0), hash((1, 2)), hash('a') == hash('a'), id(None) == id(None), callable(len), callable(1), callable(int)]
    CHECK(R([&] { return c("hash", {list({})}); }) == "TypeError: unhashable type: 'list'");  // hash([])
    CHECK(R([&] { return c("callable", {}); }) == "TypeError: callable() takes exactly one argument (0 given)");  // callable()
    CHECK(R([&] { return c("id", {}); }) == "TypeError: id() takes exactly one argument (0 given)");  // id()
    CHECK(R([&] { return list({c("hasattr", {list({}), s("append")}), c("hasattr", {list({}), s("x")}), c("getattr", {list({}), s("x"), i(5)}), c("getattr", {c("ValueError", {s("m")}), s("args")})}); }) == "[True, False, 5, ('m',)]");  // [hasattr([], 'append'), hasattr([], 'x'), getattr([], 'x', 5), getattr(ValueError('m'), 'args')]
    CHECK(R([&] { return c("hasattr", {list({}), i(1)}); }) == "TypeError: attribute name must be string, not 'int'");  // hasattr([], 1)
    CHECK(R([&] { return c("getattr", {list({}), s("x")}); }) == "AttributeError: 'list' object has no attribute 'x'");  // getattr([], 'x')
    CHECK(R([&] { return c("getattr", {list({}), i(1)}); }) == "TypeError: attribute name must be string, not 'int'");  // getattr([], 1)
    CHECK(R([&] { return c("getattr", {list({})}); }) == "TypeError: getattr expected at least 2 arguments, got 1");  // getattr([])
    CHECK(R([&] { return c("setattr", {list({}), s("x"), i(1)}); }) == "AttributeError: 'list' object has no attribute 'x'");  // setattr([], 'x', 1)
    CHECK(R([&] { return c("setattr", {list({}), s("append"), i(1)}); }) == "AttributeError: 'list' object attribute 'append' is read-only");  // setattr([], 'append', 1)
    CHECK(R([&] { return c("setattr", {list({}), i(1), i(1)}); }) == "TypeError: attribute name must be string, not 'int'");  // setattr([], 1, 1)
    CHECK(R([&] { return c("delattr", {list({}), s("x")}); }) == "AttributeError: 'list' object has no attribute 'x'");  // delattr([], 'x')
    CHECK(R([&] { return c("delattr", {list({}), s("append")}); }) == "AttributeError: 'list' object attribute 'append' is read-only");  // delattr([], 'append')
    CHECK(R([&] { return list({c("type", {i(1)}), c("type", {s("a")}), isv({c("type", {list({})}), b("list")})}); }) == "[<class 'int'>, <class 'str'>, True]");  // [type(1), type('a'), type([]) is list]
    CHECK(R([&] { return c("type", {}); }) == "TypeError: type() takes 1 or 3 arguments");  // type()
    CHECK(R([&] { return c("enumerate", {list({})}); }) == "<enumerate object at 0x?>");  // enumerate([])
    CHECK(R([&] { return list({c("list", {c("enumerate", {s("ab")})}), c("list", {c("enumerate", {s("ab"), i(1)})}), c("list", {c("enumerate", {s("ab")}, {{"start", i(-1)}})}), c("list", {c("enumerate", {}, {{"iterable", s("x")}})})}); }) == "[[(0, 'a'), (1, 'b')], [(1, 'a'), (2, 'b')], [(-1, 'a'), (0, 'b')], [(0, 'x')]]");  // [list(enumerate('ab')), list(enumerate('ab', 1)), list(enumerate('ab', start=-1)), list(enumerate(iterable='x'))]
    CHECK(R([&] { return c("enumerate", {}); }) == "TypeError: enumerate() missing required argument 'iterable'");  // enumerate()
    CHECK(R([&] { return c("enumerate", {i(1)}); }) == "TypeError: 'int' object is not iterable");  // enumerate(1)
    CHECK(R([&] { return c("enumerate", {list({}), s("a")}); }) == "TypeError: 'str' object cannot be interpreted as an integer");  // enumerate([], 'a')
    CHECK(R([&] { return c("enumerate", {list({i(1)}), i(1), i(2)}); }) == "TypeError: enumerate() takes at most 2 arguments (3 given)");  // enumerate([1], 1, 2)
    CHECK(R([&] { return c("zip", {}); }) == "<zip object at 0x?>");  // zip()
    CHECK(R([&] { return list({c("list", {c("zip", {})}), c("list", {c("zip", {s("ab"), list({i(1), i(2), i(3)})})}), c("list", {c("zip", {list({i(1)}), list({i(2)}), list({i(3)})})}), c("list", {c("zip", {s("ab"), s("cd")}, {{"strict", boolean(true)}})})}); }) == "[[], [('a', 1), ('b', 2)], [(1, 2, 3)], [('a', 'c'), ('b', 'd')]]");  // [list(zip()), list(zip('ab', [1, 2, 3])), list(zip([1], [2], [3])), list(zip('ab', 'cd', strict=True))]
    CHECK(R([&] { return c("list", {c("zip", {list({i(1)}), list({i(2), i(3)})}, {{"strict", boolean(true)}})}); }) == "ValueError: zip() argument 2 is longer than argument 1");  // list(zip([1], [2, 3], strict=True))
    CHECK(R([&] { return c("list", {c("zip", {list({i(1), i(2)}), list({i(2)})}, {{"strict", boolean(true)}})}); }) == "ValueError: zip() argument 2 is shorter than argument 1");  // list(zip([1, 2], [2], strict=True))
    CHECK(R([&] { return c("list", {c("zip", {list({i(1), i(2)}), list({i(2), i(3)}), list({i(3)})}, {{"strict", boolean(true)}})}); }) == "ValueError: zip() argument 3 is shorter than arguments 1-2");  // list(zip([1, 2], [2, 3], [3], strict=True))
    CHECK(R([&] { return c("list", {c("zip", {list({i(1)}), list({i(2)}), list({i(3), i(4)})}, {{"strict", boolean(true)}})}); }) == "ValueError: zip() argument 3 is longer than arguments 1-2");  // list(zip([1], [2], [3, 4], strict=True))
    CHECK(R([&] { return c("zip", {i(1)}); }) == "TypeError: 'int' object is not iterable");  // zip(1)
    CHECK(R([&] { return c("zip", {}, {{"x", i(1)}}); }) == "TypeError: 'x' is an invalid keyword argument for zip()");  // zip(x=1)
    CHECK(R([&] { return c("map", {b("len"), list({})}); }) == "<map object at 0x?>");  // map(len, [])
    CHECK(R([&] { return list({c("list", {c("map", {b("len"), list({s("a"), s("bb")})})}), c("list", {c("map", {b("pow"), list({i(2), i(3)}), list({i(3), i(2), i(1)})})}), c("list", {c("map", {b("str"), c("range", {i(3)})})})}); }) == "[[1, 2], [8, 9], ['0', '1', '2']]");  // [list(map(len, ['a', 'bb'])), list(map(pow, [2, 3], [3, 2, 1])), list(map(str, range(3)))]
    CHECK(R([&] { return c("map", {b("len")}); }) == "TypeError: map() must have at least two arguments.");  // map(len)
    CHECK(R([&] { return c("list", {c("map", {i(1), list({i(1)})})}); }) == "TypeError: 'int' object is not callable");  // list(map(1, [1]))
    CHECK(R([&] { return c("list", {c("map", {b("len"), list({i(1)})})}); }) == "TypeError: object of type 'int' has no len()");  // list(map(len, [1]))
    CHECK(R([&] { return c("filter", {none(), list({})}); }) == "<filter object at 0x?>");  // filter(None, [])
    CHECK(R([&] { return list({c("list", {c("filter", {none(), list({i(0), i(1), s(""), s("a"), none(), list({i(2)})})})}), c("list", {c("filter", {b("len"), list({s(""), s("a"), list({})})})})}); }) == "[[1, 'a', [2]], ['a']]");  // [list(filter(None, [0, 1, '', 'a', None, [2]])), list(filter(len, ['', 'a', []]))]
    CHECK(R([&] { return c("filter", {b("len")}); }) == "TypeError: filter expected 2 arguments, got 1");  // filter(len)
    CHECK(R([&] { return c("filter", {none(), i(1)}); }) == "TypeError: 'int' object is not iterable");  // filter(None, 1)
    CHECK(R([&] { return list({c("reversed", {list({})}), c("reversed", {tup({})}), c("reversed", {s("")}), c("reversed", {dict({})}), c("reversed", {m(dict({}), "values")}), c("reversed", {m(dict({}), "items")}), c("reversed", {c("range", {i(0)})})}); }) == "[<list_reverseiterator object at 0x?>, <reversed object at 0x?>, <reversed object at 0x?>, <dict_reversekeyiterator object at 0x?>, <dict_reversevalueiterator object at 0x?>, <dict_reverseitemiterator object at 0x?>, <range_iterator object at 0x?>]");  // [reversed([]), reversed(()), reversed(''), reversed({}), reversed({}.values()), reversed({}.items()), reversed(range(0))]
    CHECK(R([&] { return list({c("list", {c("reversed", {list({i(1), i(2), i(3)})})}), c("list", {c("reversed", {s("中文a")})}), c("list", {c("reversed", {tup({i(1), i(2)})})}), c("list", {c("reversed", {c("range", {i(1), i(10), i(3)})})}), c("list", {c("reversed", {c("range", {i(5), i(0), i(-2)})})}), c("list", {c("reversed", {c("range", {i(0)})})}), c("list", {c("reversed", {dict({{s("a"), i(1)}, {s("b"), i(2)}})})}), c("list", {c("reversed", {m(dict({{s("a"), i(1)}, {s("b"), i(2)}}), "items")})}), c("list", {c("reversed", {bytes_of("ab")})})}); }) == "[[3, 2, 1], ['a', '文', '中'], [2, 1], [7, 4, 1], [1, 3, 5], [], ['b', 'a'], [('b', 2), ('a', 1)], [98, 97]]");  // [list(reversed([1, 2, 3])), list(reversed('中文a')), list(reversed((1, 2))), list(reversed(range(1, 10, 3))), list(reversed(range(5, 0, -2))), list(reversed(range(0))), list(reversed({'a': 1, 'b': 2})), list(reversed({'a': 1, 'b': 2}.items())), list(reversed(b'ab'))]
    CHECK(R([&] { return c("reversed", {c("set", {list({i(1)})})}); }) == "TypeError: 'set' object is not reversible");  // reversed({1})
    CHECK(R([&] { return c("reversed", {i(1)}); }) == "TypeError: 'int' object is not reversible");  // reversed(1)
    CHECK(R([&] { return c("reversed", {list({i(1)}), i(2)}); }) == "TypeError: reversed expected 1 argument, got 2");  // reversed([1], 2)
    CHECK(R([&] { return c("reversed", {}, {{"seq", list({i(1)})}}); }) == "TypeError: reversed() takes no keyword arguments");  // reversed(seq=[1])
    CHECK(R([&] { return list({c("iter", {list({})}), c("iter", {c("range", {i(3)})}), c("next", {c("iter", {s("ab")})}), c("next", {c("iter", {list({})}), i(5)}), c("list", {c("iter", {c("iter", {list({i(1), i(2)})})})})}); }) == "[<list_iterator object at 0x?>, <range_iterator object at 0x?>, 'a', 5, [1, 2]]");  // [iter([]), iter(range(3)), next(iter('ab')), next(iter([]), 5), list(iter(iter([1, 2])))]
    CHECK(R([&] { return c("iter", {i(1), i(2)}); }) == "TypeError: iter(v, w): v must be callable");  // iter(1, 2)
    CHECK(R([&] { return c("iter", {i(1)}); }) == "TypeError: 'int' object is not iterable");  // iter(1)
    CHECK(R([&] { return c("iter", {}); }) == "TypeError: iter expected at least 1 argument, got 0");  // iter()
    CHECK(R([&] { return c("next", {i(1)}); }) == "TypeError: 'int' object is not an iterator");  // next(1)
    CHECK(R([&] { return c("next", {c("iter", {list({})})}); }) == "StopIteration: ");  // next(iter([]))
    CHECK(R([&] { return c("next", {}); }) == "TypeError: next expected at least 1 argument, got 0");  // next()
    CHECK(R([&] { return [&] { Value e = c("enumerate", {s("ab")}); Value a1 = c("next", {e}), a2 = c("next", {e}); return list({a1, a2, c("next", {e, s("end")})}); }(); }) == "[(0, 'a'), (1, 'b'), 'end']");  // (lambda e: [next(e), next(e), next(e, 'end')])(enumerate('ab'))
    CHECK(R([&] { return [&] { Value x = list({i(1), i(2), i(3)}); Value r = c("reversed", {x}); Value a1 = c("next", {r}); Value p1 = m(x, "pop"); Value p2 = m(x, "pop"); return list({a1, p1, p2, c("next", {r, s("end")})}); }(); }) == "[3, 3, 2, 'end']");  // (lambda x, r: [next(r), x.pop(), x.pop(), next(r, 'end')])(*(lambda x: (x, reversed(x)))([1, 2, 3]))
    CHECK(R([&] { return b("IOError"); }) == "<class 'OSError'>");  // IOError
    CHECK(R([&] { return tup({b("int"), b("str"), b("frozenset"), b("object"), b("type")}); }) == "(<class 'int'>, <class 'str'>, <class 'frozenset'>, <class 'object'>, <class 'type'>)");  // (int, str, frozenset, object, type)
    CHECK(R([&] { return seq(i(0), "random", {}, 4); }) == "[0.8444218515250481, 0.7579544029403025, 0.420571580830845, 0.25891675029296335]");  // seq(0, 'random', (), 4)
    CHECK(R([&] { return seq(i(1), "random", {}, 4); }) == "[0.13436424411240122, 0.8474337369372327, 0.763774618976614, 0.2550690257394217]");  // seq(1, 'random', (), 4)
    CHECK(R([&] { return seq(i(42), "random", {}, 4); }) == "[0.6394267984578837, 0.025010755222666936, 0.27502931836911926, 0.22321073814882275]");  // seq(42, 'random', (), 4)
    CHECK(R([&] { return seq(i(-42), "random", {}, 4); }) == "[0.6394267984578837, 0.025010755222666936, 0.27502931836911926, 0.22321073814882275]");  // seq(-42, 'random', (), 4)
    CHECK(R([&] { return seq(i(4294967303), "random", {}, 4); }) == "[0.22550888929893187, 0.35860096918797, 0.7992331241239754, 0.9603563128657961]");  // seq(4294967303, 'random', (), 4)
    CHECK(R([&] { return seq(i(9223372036854775807), "random", {}, 4); }) == "[0.3166448820870279, 0.631259308253863, 0.8035542479972343, 0.45346382341714553]");  // seq(9223372036854775807, 'random', (), 4)
    CHECK(R([&] { return seq(i(123456789012345), "random", {}, 4); }) == "[0.6744750084019356, 0.2923275784421222, 0.22484093741322975, 0.5248293643952946]");  // seq(123456789012345, 'random', (), 4)
    CHECK(R([&] { return seq(f(3.5), "random", {}, 4); }) == "[0.3039190124834461, 0.23014450764056538, 0.9120431245165537, 0.5775594121232248]");  // seq(3.5, 'random', (), 4)
    CHECK(R([&] { return seq(f(-2.5), "random", {}, 4); }) == "[0.4779490710306722, 0.3850051423533203, 0.5030143139643183, 0.5346167493590142]");  // seq(-2.5, 'random', (), 4)
    CHECK(R([&] { return seq(boolean(true), "random", {}, 4); }) == "[0.13436424411240122, 0.8474337369372327, 0.763774618976614, 0.2550690257394217]");  // seq(True, 'random', (), 4)
    CHECK(R([&] { return seq(f(0.0), "random", {}, 4); }) == "[0.8444218515250481, 0.7579544029403025, 0.420571580830845, 0.25891675029296335]");  // seq(0.0, 'random', (), 4)
    CHECK(R([&] { return rounded(seq(i(13), "gauss", {}, 5)); }) == "[-0.08601898622, 1.518092466242, -0.782983187073, -1.7811079825, 0.284510114091]");  // [round(x, 12) for x in seq(13, 'gauss', (), 5)]
    CHECK(R([&] { return rounded(seq(i(13), "gauss", {i(10), i(2)}, 5)); }) == "[9.827962027561, 13.036184932484, 8.434033625855, 6.437784035, 10.569020228181]");  // [round(x, 12) for x in seq(13, 'gauss', (10, 2), 5)]
    CHECK(R([&] { return rounded(seq(i(13), "normalvariate", {}, 5)); }) == "[-1.313544476225, 2.096041393943, -0.700701721296, -0.781205477261, 0.461577373447]");  // [round(x, 12) for x in seq(13, 'normalvariate', (), 5)]
    CHECK(R([&] { return rounded(seq(i(13), "normalvariate", {i(5), f(0.5)}, 5)); }) == "[4.343227761888, 6.048020696971, 4.649649139352, 4.60939726137, 5.230788686724]");  // [round(x, 12) for x in seq(13, 'normalvariate', (5, 0.5), 5)]
    CHECK(R([&] { return rounded(seq(i(13), "expovariate", {f(1.5)}, 5)); }) == "[0.199844075704, 0.770668000683, 0.768181555487, 1.261802772188, 0.136970745095]");  // [round(x, 12) for x in seq(13, 'expovariate', (1.5,), 5)]
    CHECK(R([&] { return mc("random", "expovariate", {i(0)}); }) == "ZeroDivisionError: float division by zero");  // random.expovariate(0)
    CHECK(R([&] { return mc("random", "expovariate", {}); }) == "TypeError: Random.expovariate() missing 1 required positional argument: 'lambd'");  // random.expovariate()
    CHECK(R([&] { return mc("random", "gauss", {s("a")}); }) == "TypeError: can only concatenate str (not \"float\") to str");  // random.gauss('a')
    CHECK(R([&] { return seq(i(7), "getrandbits", {i(1)}, 4); }) == "[0, 1, 0, 0]");  // seq(7, 'getrandbits', (1,), 4)
    CHECK(R([&] { return seq(i(7), "getrandbits", {i(8)}, 3); }) == "[82, 242, 38]");  // seq(7, 'getrandbits', (8,), 3)
    CHECK(R([&] { return seq(i(7), "getrandbits", {i(32)}, 3); }) == "[1390851128, 4071050724, 647892279]");  // seq(7, 'getrandbits', (32,), 3)
    CHECK(R([&] { return seq(i(7), "getrandbits", {i(33)}, 3); }) == "[5685818424, 647892279, 2795742288]");  // seq(7, 'getrandbits', (33,), 3)
    CHECK(R([&] { return seq(i(7), "getrandbits", {i(52)}, 3); }) == "[4268803746083896, 1778125698370871, 217461284906064]");  // seq(7, 'getrandbits', (52,), 3)
    CHECK(R([&] { return seq(i(7), "getrandbits", {i(63)}, 3); }) == "[8742514861359412280, 3641603982383516983, 445363681616962640]");  // seq(7, 'getrandbits', (63,), 3)
    CHECK(R([&] { return seq(i(7), "getrandbits", {i(0)}, 2); }) == "[0, 0]");  // seq(7, 'getrandbits', (0,), 2)
    CHECK(R([&] { return seq(i(7), "randint", {i(1), i(6)}, 12); }) == "[3, 2, 4, 6, 1, 1, 5, 1, 3, 5, 1, 5]");  // seq(7, 'randint', (1, 6), 12)
    CHECK(R([&] { return seq(i(7), "randint", {i(-1000000000000), i(1000000000000)}, 4); }) == "[-131768713929, -894125042608, 804197375795, -791539974101]");  // seq(7, 'randint', (-1000000000000, 1000000000000), 4)
    CHECK(R([&] { return seq(i(7), "randint", {i(5), i(5)}, 2); }) == "[5, 5]");  // seq(7, 'randint', (5, 5), 2)
    CHECK(R([&] { return seq(i(7), "randrange", {i(10)}, 6); }) == "[5, 2, 6, 0, 1, 8]");  // seq(7, 'randrange', (10,), 6)
    CHECK(R([&] { return seq(i(7), "randrange", {i(0), i(100), i(7)}, 5); }) == "[35, 14, 42, 70, 0]");  // seq(7, 'randrange', (0, 100, 7), 5)
    CHECK(R([&] { return seq(i(7), "randrange", {i(100), i(0), i(-3)}, 5); }) == "[40, 73, 25, 91, 88]");  // seq(7, 'randrange', (100, 0, -3), 5)
    CHECK(R([&] { return seq(i(7), "randrange", {i(5), i(10)}, 5); }) == "[7, 6, 8, 5, 5]");  // seq(7, 'randrange', (5, 10), 5)
    CHECK(R([&] { return seq(i(7), "randrange", {i(4611686018427387904)}, 3); }) == "[3641603982383516983, 445363681616962640, 868196408185819179]");  // seq(7, 'randrange', (4611686018427387904,), 3)
    CHECK(R([&] { return seq(i(7), "randrange", {f(3.0)}, 3); }) == "[1, 0, 1]");  // seq(7, 'randrange', (3.0,), 3)
    CHECK(R([&] { return seq(i(7), "uniform", {i(1), i(3)}, 3); }) == "[1.6476655296663247, 1.3016983478490038, 2.3018689460797077]");  // seq(7, 'uniform', (1, 3), 3)
    CHECK(R([&] { return seq(i(7), "uniform", {f(1.5), i(-2)}, 3); }) == "[0.36658532308393177, 0.9720278912642433, -0.778270655639488]");  // seq(7, 'uniform', (1.5, -2), 3)
    CHECK(R([&] { return seq(i(7), "choice", {s("abcdef")}, 5); }) == "['c', 'b', 'd', 'f', 'a']");  // seq(7, 'choice', ('abcdef',), 5)
    CHECK(R([&] { return seq(i(7), "choice", {list({i(1), i(2), i(3)})}, 5); }) == "[2, 1, 2, 3, 1]");  // seq(7, 'choice', ([1, 2, 3],), 5)
    CHECK(R([&] { return seq(i(7), "choice", {c("range", {i(0), i(50), i(5)})}, 4); }) == "[25, 10, 30, 0]");  // seq(7, 'choice', (range(0, 50, 5),), 4)
    CHECK(R([&] { return seq(i(7), "sample", {c("range", {i(0), i(100), i(1)}), i(5)}, 2); }) == "[[41, 19, 50, 83, 6], [9, 68, 12, 46, 74]]");  // seq(7, 'sample', (range(0, 100), 5), 2)
    CHECK(R([&] { return seq(i(7), "sample", {list({s("a"), s("b"), s("c"), s("d"), s("e"), s("f"), s("g"), s("h")}), i(8)}, 1); }) == "[['f', 'b', 'd', 'a', 'e', 'c', 'h', 'g']]");  // seq(7, 'sample', (['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], 8), 1)
    CHECK(R([&] { return seq(i(7), "sample", {c("range", {i(0), i(1000000), i(1)}), i(3)}, 2); }) == "[[339563, 993908, 158176], [414002, 682554, 50631]]");  // seq(7, 'sample', (range(0, 1000000), 3), 2)
    CHECK(R([&] { return seq(i(7), "sample", {c("range", {i(0), i(30), i(1)}), i(10)}, 1); }) == "[[10, 4, 12, 20, 1, 2, 17, 3, 11, 18]]");  // seq(7, 'sample', (range(0, 30), 10), 1)
    CHECK(R([&] { return seq(i(7), "sample", {c("range", {i(0), i(1000), i(1)}), i(10)}, 1); }) == "[[331, 970, 154, 404, 666, 49, 74, 840, 548, 96]]");  // seq(7, 'sample', (range(0, 1000), 10), 1)
    CHECK(R([&] { return seq(i(7), "sample", {tup({i(1), i(2), i(3)}), i(0)}, 1); }) == "[[]]");  // seq(7, 'sample', ((1, 2, 3), 0), 1)
    CHECK(R([&] { return seq(i(7), "choices", {s("abc")}, 2, {{"k", i(4)}}); }) == "[['a', 'a', 'b', 'a'], ['b', 'b', 'a', 'b']]");  // seq(7, 'choices', ('abc',), 2, k=4)
    CHECK(R([&] { return seq(i(7), "choices", {s("abc"), list({i(1), i(2), i(3)})}, 2, {{"k", i(3)}}); }) == "[['b', 'a', 'c'], ['a', 'c', 'b']]");  // seq(7, 'choices', ('abc', [1, 2, 3]), 2, k=3)
    CHECK(R([&] { return seq(i(7), "choices", {s("abc")}, 2, {{"cum_weights", list({i(1), i(1), i(5)})}, {"k", i(3)}}); }) == "[['c', 'a', 'c'], ['a', 'c', 'c']]");  // seq(7, 'choices', ('abc',), 2, cum_weights=[1, 1, 5], k=3)
    CHECK(R([&] { return seq(i(7), "choices", {list({f(1.5), f(2.5)})}, 3); }) == "[[1.5], [1.5], [2.5]]");  // seq(7, 'choices', ([1.5, 2.5],), 3)
    CHECK(R([&] { return seq(i(7), "triangular", {}, 3); }) == "[0.4023883477644217, 0.27463537092343177, 0.5822288144449487]");  // seq(7, 'triangular', (), 3)
    CHECK(R([&] { return seq(i(7), "triangular", {i(1), i(10), i(2)}, 4); }) == "[3.0226050038705488, 2.180865810242424, 4.9867457733393845, 1.8074197049910814]");  // seq(7, 'triangular', (1, 10, 2), 4)
    CHECK(R([&] { return seq(i(7), "triangular", {i(2), i(2), i(2)}, 1); }) == "[2]");  // seq(7, 'triangular', (2, 2, 2), 1)
    CHECK(R([&] { return shuffled(i(1), list({i(0), i(1), i(2), i(3), i(4), i(5), i(6), i(7), i(8), i(9)})); }) == "[6, 8, 9, 7, 5, 3, 0, 4, 1, 2]");  // shuffled(1, list(range(10)))
    CHECK(R([&] { return shuffled(i(2), list({s("a"), s("b"), s("c")})); }) == "['b', 'c', 'a']");  // shuffled(2, ['a', 'b', 'c'])
    CHECK(R([&] { return shuffled(i(2), list({})); }) == "[]");  // shuffled(2, [])
    CHECK(R([&] { return [&] { Value r = mc("random", "Random", {i(5)}); Value a = m(r, "random"), b2 = m(r, "randint", {i(1), i(100)}); return list({a, b2, m(r, "choice", {s("xyz")})}); }(); }) == "[0.6229016948897019, 95, 'y']");  // (lambda r: [r.random(), r.randint(1, 100), r.choice('xyz')])(random.Random(5))
    CHECK(R([&] { return mc("random", "randrange", {i(0)}); }) == "ValueError: empty range for randrange()");  // random.randrange(0)
    CHECK(R([&] { return mc("random", "randrange", {i(5), i(5)}); }) == "ValueError: empty range for randrange() (5, 5, 0)");  // random.randrange(5, 5)
    CHECK(R([&] { return mc("random", "randrange", {i(1), i(10), i(0)}); }) == "ValueError: zero step for randrange()");  // random.randrange(1, 10, 0)
    CHECK(R([&] { return mc("random", "randrange", {i(10), i(1), i(2)}); }) == "ValueError: empty range for randrange()");  // random.randrange(10, 1, 2)
    CHECK(R([&] { return mc("random", "randrange", {f(1.5)}); }) == "ValueError: non-integer arg 1 for randrange()");  // random.randrange(1.5)
    CHECK(R([&] { return mc("random", "randrange", {i(1), f(2.5)}); }) == "ValueError: non-integer stop for randrange()");  // random.randrange(1, 2.5)
    CHECK(R([&] { return mc("random", "randrange", {s("a")}); }) == "ValueError: invalid literal for int() with base 10: 'a'");  // random.randrange('a')
    CHECK(R([&] { return mc("random", "randint", {i(1)}); }) == "TypeError: Random.randint() missing 1 required positional argument: 'b'");  // random.randint(1)
    CHECK(R([&] { return mc("random", "randint", {i(3), i(1)}); }) == "ValueError: empty range for randrange() (3, 2, -1)");  // random.randint(3, 1)
    CHECK(R([&] { return mc("random", "choice", {list({})}); }) == "IndexError: Cannot choose from an empty sequence");  // random.choice([])
    CHECK(R([&] { return mc("random", "choice", {i(5)}); }) == "TypeError: object of type 'int' has no len()");  // random.choice(5)
    CHECK(R([&] { return mc("random", "sample", {list({i(1), i(2)}), i(3)}); }) == "ValueError: Sample larger than population or is negative");  // random.sample([1, 2], 3)
    CHECK(R([&] { return mc("random", "sample", {list({i(1), i(2)}), i(-1)}); }) == "ValueError: Sample larger than population or is negative");  // random.sample([1, 2], -1)
    CHECK(R([&] { return mc("random", "sample", {c("set", {list({i(1), i(2)})}), i(1)}); }) == "TypeError: Population must be a sequence.  For dicts or sets, use sorted(d).");  // random.sample({1, 2}, 1)
    CHECK(R([&] { return mc("random", "getrandbits", {i(-1)}); }) == "ValueError: number of bits must be non-negative");  // random.getrandbits(-1)
    CHECK(R([&] { return mc("random", "getrandbits", {}); }) == "TypeError: Random.getrandbits() takes exactly one argument (0 given)");  // random.getrandbits()
    CHECK(R([&] { return mc("random", "random", {i(1)}); }) == "TypeError: Random.random() takes no arguments (1 given)");  // random.random(1)
    CHECK(R([&] { return mc("random", "seed", {list({i(1)})}); }) == "TypeError: The only supported seed types are: None,\nint, float, str, bytes, and bytearray.");  // random.seed([1])
    CHECK(R([&] { return mc("random", "choices", {s("ab"), list({i(1)})}); }) == "ValueError: The number of weights does not match the population");  // random.choices('ab', [1])
    CHECK(R([&] { return mc("random", "choices", {s("ab"), list({i(0), i(0)})}); }) == "ValueError: Total of weights must be greater than zero");  // random.choices('ab', [0, 0])
    CHECK(R([&] { return mc("random", "choices", {s("ab"), i(2)}); }) == "TypeError: The number of choices must be a keyword argument: k=2");  // random.choices('ab', 2)
    CHECK(R([&] { return list({c("type", {mc("random", "random", {})}), mc("random", "seed", {i(3)}), getattr(mod_attr("random", "Random"), "__name__")}); }) == "[<class 'float'>, None, 'Random']");  // [type(random.random()), random.seed(3), random.Random.__name__]
    CHECK(R([&] { return mc("json", "dumps", {dict({{s("a"), list({i(1), f(2.5), none(), boolean(true), s("中文😀\x01""\"\\\n\x09""\x1f""/")})}, {s("b"), dict({})}})}); }) == "'{\"a\": [1, 2.5, null, true, \"\\\\u4e2d\\\\u6587\\\\ud83d\\\\ude00\\\\u007f\\\\u0001\\\\\"\\\\\\\\\\\\n\\\\t\\\\u001f/\"], \"b\": {}}'");  // json.dumps({'a': [1, 2.5, None, True, '中文😀\x7f\x01"\\\n\t\x1f/'], 'b': {}})
    CHECK(R([&] { return mc("json", "dumps", {dict({{s("a"), list({i(1), f(2.5), none(), boolean(true), s("中文😀\x01""\"\\\n")})}})}, {{"ensure_ascii", boolean(false)}}); }) == "'{\"a\": [1, 2.5, null, true, \"中文😀\\x7f\\\\u0001\\\\\"\\\\\\\\\\\\n\"]}'");  // json.dumps({'a': [1, 2.5, None, True, '中文😀\x7f\x01"\\\n']}, ensure_ascii=False)
    CHECK(R([&] { return mc("json", "dumps", {list({f(0.1), f(1e+16), f(1e-07), f(-0.0), f(100.0), i(9223372036854775807), i(-5), f(NAN), f(INFINITY), f(-INFINITY)})}); }) == "'[0.1, 1e+16, 1e-07, -0.0, 100.0, 9223372036854775807, -5, NaN, Infinity, -Infinity]'");  // json.dumps([0.1, 1e+16, 1e-07, -0.0, 100.0, 9223372036854775807, -5, nan, inf, -inf])
    CHECK(R([&] { return mc("json", "dumps", {dict({{s("a"), list({i(1), dict({})})}, {s("b"), list({})}, {s("c"), dict({{s("d"), tup({i(1), s("x")})}})}})}, {{"indent", i(2)}}); }) == "'{\\n  \"a\": [\\n    1,\\n    {}\\n  ],\\n  \"b\": [],\\n  \"c\": {\\n    \"d\": [\\n      1,\\n      \"x\"\\n    ]\\n  }\\n}'");  // json.dumps({'a': [1, {}], 'b': [], 'c': {'d': (1, 'x')}}, indent=2)
    CHECK(R([&] { return mc("json", "dumps", {dict({{s("a"), list({i(1), dict({{s("c"), tup({})}})})}, {s("b"), list({i(3)})}})}, {{"indent", s("\x09""")}, {"separators", tup({s(","), s("= ")})}}); }) == "'{\\n\\t\"a\"= [\\n\\t\\t1,\\n\\t\\t{\\n\\t\\t\\t\"c\"= []\\n\\t\\t}\\n\\t],\\n\\t\"b\"= [\\n\\t\\t3\\n\\t]\\n}'");  // json.dumps({'a': [1, {'c': ()}], 'b': [3]}, indent='\t', separators=(',', '= '))
    CHECK(R([&] { return mc("json", "dumps", {list({i(1), list({i(2), dict({{s("k"), s("v")}})})})}, {{"indent", i(0)}}); }) == "'[\\n1,\\n[\\n2,\\n{\\n\"k\": \"v\"\\n}\\n]\\n]'");  // json.dumps([1, [2, {'k': 'v'}]], indent=0)
    CHECK(R([&] { return mc("json", "dumps", {list({i(1), list({i(2)})})}, {{"indent", i(-1)}}); }) == "'[\\n1,\\n[\\n2\\n]\\n]'");  // json.dumps([1, [2]], indent=-1)
    CHECK(R([&] { return mc("json", "dumps", {dict({{s("z"), i(1)}, {s("a"), dict({{s("y"), i(2)}, {s("b"), i(3)}})}})}, {{"sort_keys", boolean(true)}}); }) == "'{\"a\": {\"b\": 3, \"y\": 2}, \"z\": 1}'");  // json.dumps({'z': 1, 'a': {'y': 2, 'b': 3}}, sort_keys=True)
    CHECK(R([&] { return mc("json", "dumps", {dict({{s("z"), i(1)}, {s("a"), i(2)}})}, {{"sort_keys", boolean(true)}, {"indent", i(1)}}); }) == "'{\\n \"a\": 2,\\n \"z\": 1\\n}'");  // json.dumps({'z': 1, 'a': 2}, sort_keys=True, indent=1)
    CHECK(R([&] { return mc("json", "dumps", {dict({{i(2), i(1)}, {f(1.5), i(2)}, {boolean(true), i(3)}, {none(), i(4)}, {s("z"), f(NAN)}, {i(-7), i(5)}})}); }) == "'{\"2\": 1, \"1.5\": 2, \"true\": 3, \"null\": 4, \"z\": NaN, \"-7\": 5}'");  // json.dumps({2: 1, 1.5: 2, True: 3, None: 4, 'z': nan, -7: 5})
    CHECK(R([&] { return mc("json", "dumps", {list({i(1), i(2), dict({{s("a"), i(3)}})})}, {{"separators", tup({s(","), s(":")})}}); }) == "'[1,2,{\"a\":3}]'");  // json.dumps([1, 2, {'a': 3}], separators=(',', ':'))
    CHECK(R([&] { return mc("json", "dumps", {s("中文")}); }) == "'\"\\\\u4e2d\\\\u6587\"'");  // json.dumps('中文')
    CHECK(R([&] { return mc("json", "dumps", {s("")}); }) == "'\"\"'");  // json.dumps('')
    CHECK(R([&] { return mc("json", "dumps", {list({})}, {{"indent", i(4)}}); }) == "'[]'");  // json.dumps([], indent=4)
    CHECK(R([&] { return mc("json", "dumps", {dict({})}, {{"indent", i(4)}}); }) == "'{}'");  // json.dumps({}, indent=4)
    CHECK(R([&] { return mc("json", "dumps", {dict({{s("a"), list({})}})}, {{"indent", i(4)}}); }) == "'{\\n    \"a\": []\\n}'");  // json.dumps({'a': []}, indent=4)
    CHECK(R([&] { return mc("json", "dumps", {dict({{tup({i(1)}), i(2)}})}); }) == "TypeError: keys must be str, int, float, bool or None, not tuple");  // json.dumps({(1,): 2})
    CHECK(R([&] { return mc("json", "dumps", {dict({{i(1), i(2)}, {tup({i(1)}), i(3)}})}, {{"skipkeys", boolean(true)}}); }) == "'{\"1\": 2}'");  // json.dumps({1: 2, (1,): 3}, skipkeys=True)
    CHECK(R([&] { return mc("json", "dumps", {c("range", {i(3)})}); }) == "TypeError: Object of type range is not JSON serializable");  // json.dumps(range(3))
    CHECK(R([&] { return mc("json", "dumps", {c("set", {list({i(1)})})}); }) == "TypeError: Object of type set is not JSON serializable");  // json.dumps({1, 2})
    CHECK(R([&] { return mc("json", "dumps", {list({bytes_of("x")})}); }) == "TypeError: Object of type bytes is not JSON serializable");  // json.dumps([b'x'])
    CHECK(R([&] { return mc("json", "dumps", {dict({{s("a"), c("ValueError", {s("x")})}})}); }) == "TypeError: Object of type ValueError is not JSON serializable");  // json.dumps({'a': ValueError('x')})
    CHECK(R([&] { return mc("json", "dumps", {list({c("set", {list({i(2), i(1)})})})}, {{"default", b("sorted")}}); }) == "'[[1, 2]]'");  // json.dumps([{1, 2}], default=sorted)
    CHECK(R([&] { return mc("json", "dumps", {f(INFINITY)}, {{"allow_nan", boolean(false)}}); }) == "ValueError: Out of range float values are not JSON compliant");  // json.dumps(float('inf'), allow_nan=False)
    CHECK(R([&] { return mc("json", "dumps", {dict({{s("b"), i(1)}, {i(1), i(2)}})}, {{"sort_keys", boolean(true)}}); }) == "TypeError: '<' not supported between instances of 'int' and 'str'");  // json.dumps({'b': 1, 1: 2}, sort_keys=True)
    CHECK(R([&] { return mc("json", "dumps", {i(1)}, {{"foo", i(2)}}); }) == "TypeError: JSONEncoder.__init__() got an unexpected keyword argument 'foo'");  // json.dumps(1, foo=2)
    CHECK(R([&] { return mc("json", "dumps", {i(1), i(2)}); }) == "TypeError: dumps() takes 1 positional argument but 2 were given");  // json.dumps(1, 2)
    CHECK(R([&] { return mc("json", "dumps", {}); }) == "TypeError: dumps() missing 1 required positional argument: 'obj'");  // json.dumps()
    CHECK(R([&] { return dumps_self_containing_list(); }) == "ValueError: Circular reference detected");  // (lambda l: (l.append(l), json.dumps(l)))([])
    CHECK(R([&] { return mc("json", "loads", {i(1)}); }) == "TypeError: the JSON object must be str, bytes or bytearray, not int");  // json.loads(1)
    CHECK(R([&] { return mc("json", "loads", {bytes_of("[1, \"\\u4e2d\"]")}); }) == "[1, '中']");  // json.loads(b'[1, "\\u4e2d"]')
    CHECK(R([&] { return mc("json", "loads", {s("{\"a\": 1}")}, {{"object_hook", b("len")}}); }) == "1");  // json.loads('{"a": 1}', object_hook=len)
    CHECK(R([&] { return mc("json", "loads", {s("{\"a\": 1, \"b\": [2]}")}, {{"object_pairs_hook", b("list")}}); }) == "[('a', 1), ('b', [2])]");  // json.loads('{"a": 1, "b": [2]}', object_pairs_hook=list)
    CHECK(R([&] { return mc("json", "loads", {s("[1.5, 2]")}, {{"parse_float", b("str")}, {"parse_int", b("float")}}); }) == "['1.5', 2.0]");  // json.loads('[1.5, 2]', parse_float=str, parse_int=float)
    CHECK(R([&] { return mc("json", "loads", {s("1")}, {{"foo", i(1)}}); }) == "TypeError: JSONDecoder.__init__() got an unexpected keyword argument 'foo'");  // json.loads('1', foo=1)
    CHECK(R([&] { return mc("json", "loads", {mc("json", "dumps", {dict({{s("k"), list({s("中文😀"), f(1.1), i(-3), none(), dict({{s("n"), list({boolean(true), boolean(false)})}})})}})})}); }) == "{'k': ['中文😀', 1.1, -3, None, {'n': [True, False]}]}");  // json.loads(json.dumps({'k': ['中文😀', 1.1, -3, None, {'n': [True, False]}]}))
    CHECK(R([&] { return list({getattr(mod_attr("json", "JSONDecodeError"), "__name__"), c("issubclass", {mod_attr("json", "JSONDecodeError"), b("ValueError")})}); }) == "['JSONDecodeError', True]");  // [json.JSONDecodeError.__name__, issubclass(json.JSONDecodeError, ValueError)]
    CHECK(R([&] { return mc("json", "loads", {s("")}); }) == "JSONDecodeError: Expecting value: line 1 column 1 (char 0)");  // json.loads('')
    CHECK(R([&] { return mc("json", "loads", {s(" ")}); }) == "JSONDecodeError: Expecting value: line 1 column 2 (char 1)");  // json.loads(' ')
    CHECK(R([&] { return mc("json", "loads", {s("[1,]")}); }) == "JSONDecodeError: Expecting value: line 1 column 4 (char 3)");  // json.loads('[1,]')
    CHECK(R([&] { return mc("json", "loads", {s("{\"a\":1,}")}); }) == "JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 8 (char 7)");  // json.loads('{"a":1,}')
    CHECK(R([&] { return mc("json", "loads", {s("{\"a\" 1}")}); }) == "JSONDecodeError: Expecting ':' delimiter: line 1 column 6 (char 5)");  // json.loads('{"a" 1}')
    CHECK(R([&] { return mc("json", "loads", {s("{1:2}")}); }) == "JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)");  // json.loads('{1:2}')
    CHECK(R([&] { return mc("json", "loads", {s("[1 2]")}); }) == "JSONDecodeError: Expecting ',' delimiter: line 1 column 4 (char 3)");  // json.loads('[1 2]')
    CHECK(R([&] { return mc("json", "loads", {s("[1] x")}); }) == "JSONDecodeError: Extra data: line 1 column 5 (char 4)");  // json.loads('[1] x')
    CHECK(R([&] { return mc("json", "loads", {s("\"abc")}); }) == "JSONDecodeError: Unterminated string starting at: line 1 column 1 (char 0)");  // json.loads('"abc')
    CHECK(R([&] { return mc("json", "loads", {s("\"a\x01""\"")}); }) == "JSONDecodeError: Invalid control character at: line 1 column 3 (char 2)");  // json.loads('"a\x01"')
    CHECK(R([&] { return mc("json", "loads", {s("\"\\x\"")}); }) == "JSONDecodeError: Invalid \\escape: line 1 column 2 (char 1)");  // json.loads('"\\x"')
    CHECK(R([&] { return mc("json", "loads", {s("\"\\u12\"")}); }) == "JSONDecodeError: Invalid \\uXXXX escape: line 1 column 3 (char 2)");  // json.loads('"\\u12"')
    CHECK(R([&] { return mc("json", "loads", {s("\"\\ud83d\\ude00\"")}); }) == "'😀'");  // json.loads('"\\ud83d\\ude00"')
    CHECK(R([&] { return mc("json", "loads", {s("[1, 2")}); }) == "JSONDecodeError: Expecting ',' delimiter: line 1 column 6 (char 5)");  // json.loads('[1, 2')
    CHECK(R([&] { return mc("json", "loads", {s("{\"a\": [1, {\"b\": nul}]}")}); }) == "JSONDecodeError: Expecting value: line 1 column 17 (char 16)");  // json.loads('{"a": [1, {"b": nul}]}')
    CHECK(R([&] { return mc("json", "loads", {s("\n\n  [1,\n  x]")}); }) == "JSONDecodeError: Expecting value: line 4 column 3 (char 10)");  // json.loads('\n\n  [1,\n  x]')
    CHECK(R([&] { return mc("json", "loads", {s("NaN")}); }) == "nan");  // json.loads('NaN')
    CHECK(R([&] { return mc("json", "loads", {s("-Infinity")}); }) == "-inf");  // json.loads('-Infinity')
    CHECK(R([&] { return mc("json", "loads", {s("Infinity")}); }) == "inf");  // json.loads('Infinity')
    CHECK(R([&] { return mc("json", "loads", {s("1.5e3")}); }) == "1500.0");  // json.loads('1.5e3')
    CHECK(R([&] { return mc("json", "loads", {s("-0")}); }) == "0");  // json.loads('-0')
    CHECK(R([&] { return mc("json", "loads", {s("01")}); }) == "JSONDecodeError: Extra data: line 1 column 2 (char 1)");  // json.loads('01')
    CHECK(R([&] { return mc("json", "loads", {s("1.")}); }) == "JSONDecodeError: Extra data: line 1 column 2 (char 1)");  // json.loads('1.')
    CHECK(R([&] { return mc("json", "loads", {s("-")}); }) == "JSONDecodeError: Expecting value: line 1 column 1 (char 0)");  // json.loads('-')
    CHECK(R([&] { return mc("json", "loads", {s("\"中文\" x")}); }) == "JSONDecodeError: Extra data: line 1 column 6 (char 5)");  // json.loads('"中文" x')
    CHECK(R([&] { return mc("json", "loads", {s("﻿1")}); }) == "JSONDecodeError: Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)");  // json.loads('\ufeff1')
    CHECK(R([&] { return mc("json", "loads", {s("{\"a\":1, \"a\":2, \"b\":3}")}); }) == "{'a': 2, 'b': 3}");  // json.loads('{"a":1, "a":2, "b":3}')
    CHECK(R([&] { return mc("json", "loads", {s("[-1.0e-2, 0.5E+1, true, false, null]")}); }) == "[-0.01, 5.0, True, False, None]");  // json.loads('[-1.0e-2, 0.5E+1, true, false, null]')
    CHECK(R([&] { return mc("json", "loads", {s("\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"")}); }) == "'/\\x08\\x0c\\n\\r\\t\"\\\\'");  // json.loads('"\\/\\b\\f\\n\\r\\t\\"\\\\"')
    CHECK(R([&] { return mc("json", "loads", {s("{")}); }) == "JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)");  // json.loads('{')
    CHECK(R([&] { return mc("json", "loads", {s("[")}); }) == "JSONDecodeError: Expecting value: line 1 column 2 (char 1)");  // json.loads('[')
    CHECK(R([&] { return mc("json", "loads", {s("{\"a\"")}); }) == "JSONDecodeError: Expecting ':' delimiter: line 1 column 5 (char 4)");  // json.loads('{"a"')
    CHECK(R([&] { return mc("json", "loads", {s("{\"a\":")}); }) == "JSONDecodeError: Expecting value: line 1 column 6 (char 5)");  // json.loads('{"a":')
    CHECK(R([&] { return mc("json", "loads", {s("tru")}); }) == "JSONDecodeError: Expecting value: line 1 column 1 (char 0)");  // json.loads('tru')
    CHECK(R([&] { return mc("json", "loads", {s("  {\"k\" : [ ]  , \"v\":{} }  ")}); }) == "{'k': [], 'v': {}}");  // json.loads('  {"k" : [ ]  , "v":{} }  ')
    CHECK(R([&] { return mc("json", "loads", {s("9223372036854775807")}); }) == "9223372036854775807");  // json.loads('9223372036854775807')
    CHECK(R([&] { return mc("json", "loads", {s("1E2")}); }) == "100.0");  // json.loads('1E2')
    CHECK(R([&] { return mc("json", "loads", {s("2e-1x")}); }) == "JSONDecodeError: Extra data: line 1 column 5 (char 4)");  // json.loads('2e-1x')
    CHECK(R([&] { return mc("json", "loads", {s("[\"中文\", 1, \"x\" y]")}); }) == "JSONDecodeError: Expecting ',' delimiter: line 1 column 15 (char 14)");  // json.loads('["中文", 1, "x" y]')
    CHECK(R([&] { return mc("json", "loads", {s("\"\\u00e9\\u4E2D\"")}); }) == "'é中'");  // json.loads('"\\u00e9\\u4E2D"')
    CHECK(R([&] { return mc("json", "loads", {s("{\"a\": {\"b\": {\"c\": [[[]]]}}}")}); }) == "{'a': {'b': {'c': [[[]]]}}}");  // json.loads('{"a": {"b": {"c": [[[]]]}}}')
    CHECK(R([&] { return mc("json", "loads", {s("[1,\x0d""\n 2,\x09""3]")}); }) == "[1, 2, 3]");  // json.loads('[1,\r\n 2,\t3]')
    CHECK(R([&] { return decode_error("[1,]"); }) == "['JSONDecodeError', True, 'Expecting value', 3, 1, 4, True]");  // decode_error('[1,]')
    CHECK(R([&] { return decode_error("\n\n  [1,\n  x]"); }) == "['JSONDecodeError', True, 'Expecting value', 10, 4, 3, True]");  // decode_error('\n\n  [1,\n  x]')
    CHECK(R([&] { return decode_error("[\"中文\", 1, \"x\" y]"); }) == "['JSONDecodeError', True, \"Expecting ',' delimiter\", 14, 1, 15, True]");  // decode_error('["中文", 1, "x" y]')
    CHECK(R([&] { return decode_error("\"abc"); }) == "['JSONDecodeError', True, 'Unterminated string starting at', 0, 1, 1, True]");  // decode_error('"abc')
    CHECK(O([&] { return c("print", {s("x"), i(1)}, {{"file", mod_attr("sys", "stderr")}}); }) == "[err]x 1\n");  // print('x', 1, file=sys.stderr)
    CHECK(O([&] { return c("print", {s("a"), s("b")}, {{"sep", s("")}, {"end", s("|")}, {"file", mod_attr("sys", "stdout")}, {"flush", boolean(true)}}); }) == "ab|");  // print('a', 'b', sep='', end='|', file=sys.stdout, flush=True)
    CHECK(O([&] { return c("print", {m(mod_attr("sys", "stdout"), "write", {s("中文")}), m(mod_attr("sys", "stderr"), "write", {s("e")}), m(mod_attr("sys", "stdout"), "flush")}); }) == "中文2 1 None\n[err]e");  // print(sys.stdout.write('中文'), sys.stderr.write('e'), sys.stdout.flush())
    CHECK(R([&] { return m(mod_attr("sys", "stdout"), "write", {i(1)}); }) == "TypeError: write() argument must be str, not int");  // sys.__stdout__.write(1)
    CHECK(R([&] { return mc("sys", "exit", {i(3)}); }) == "SystemExit: 3");  // sys.exit(3)
    CHECK(R([&] { return mc("sys", "exit", {}); }) == "SystemExit: ");  // sys.exit()
    CHECK(R([&] { return mc("sys", "exit", {s("bye")}); }) == "SystemExit: bye");  // sys.exit('bye')
    CHECK(R([&] { return mc("sys", "exit", {i(1), i(2)}); }) == "TypeError: exit expected at most 1 argument, got 2");  // sys.exit(1, 2)
    CHECK(R([&] { return list({mod_attr("sys", "maxsize"), getitem(mod_attr("sys", "version_info"), c("slice", {i(2)})), compare(CmpOp::ge, mod_attr("sys", "version_info"), tup({i(3), i(8)})), getattr(c("type", {mod_attr("sys", "stdout")}), "__name__")}); }) == "[9223372036854775807, (3, 11), True, 'TextIOWrapper']");  // [sys.maxsize, sys.version_info[:2], sys.version_info >= (3, 8), type(sys.__stdout__).__name__]
    // END GENERATED
}

TEST_CASE("py sys: argv comes from the host; print without file= writes to host fd 1", "[python]") {
    auto saved = host().argv;
    host().argv = {"prog.py", "中文", "-x"};
    Value ns = new_dict();
    find_native_module("sys")->init(*ns.as<Dict>());
    host().argv = saved;
    CHECK(repr(getitem(ns, s("argv"))) == "['prog.py', '中文', '-x']");
    CHECK(repr(getattr(getitem(ns, s("implementation")), "name")) == "'aio'");
    CHECK(O([&] { return c("print", {s("to fd 1")}); }) == "to fd 1\n");
}

TEST_CASE("py random: unseeded generators differ; Random instances are independent of the module", "[python]") {
    Value a = mc("random", "Random", {}), b2 = mc("random", "Random", {});
    CHECK_FALSE(eq(m(a, "random"), m(b2, "random")));
    mc("random", "seed", {i(42)});
    Value first = mc("random", "random", {});
    mc("random", "seed", {i(42)});
    Value r = mc("random", "Random", {i(1)});
    m(r, "random");  // another instance's draws leave the module's sequence alone
    CHECK(eq(mc("random", "random", {}), first));
    CHECK(mc("json", "loads", {s("[1]")}).is_object());
}

TEST_CASE("py builtins: every native module is in the table", "[python]") {
    for (const char* name : {"builtins", "sys", "random", "json"}) CHECK(find_native_module(name));
    CHECK_FALSE(find_native_module("nosuchmodule"));
}
