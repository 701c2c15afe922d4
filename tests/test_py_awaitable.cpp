// The coroutine protocol's native half (wasm/python/awaitable.hpp): awaiting a NativeAwaitable
// from C++ inside aio on the virtual clock, reuse and non-awaitable errors, CancelledError.
#include "aio/aio.hpp"
#include "python/awaitable.hpp"
#include "python/exceptions.hpp"

#include <catch2/catch.hpp>

using namespace aio::py;

TEST_CASE("a NativeAwaitable runs its start() once when awaited", "[python]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    int starts = 0;
    Value a = new_awaitable("sleep", [&]() -> aio::coro<Value> {
        ++starts;
        co_await aio::sleep(2);
        co_return Value::integer(42);
    });
    CHECK(is_awaitable(a));
    CHECK(!is_awaitable(Value::integer(1)));
    CHECK(repr(a).rfind("<coroutine object sleep at 0x", 0) == 0);
    CHECK(type_name(a) == "coroutine");
    auto main = [&]() -> aio::coro<std::string> {
        Value v = co_await await_value(a);
        std::string second;
        try {
            co_await await_value(a);
        } catch (const Error& e) {
            second = e.what();
        }
        co_return repr(v) + "|" + second;
    };
    CHECK(loop.run(main()) == "42|RuntimeError: cannot reuse already awaited coroutine");
    CHECK(loop.time() == 2.0);
    CHECK(starts == 1);
}

TEST_CASE("awaiting a non-awaitable raises TypeError", "[python]") {
    auto main = []() -> aio::coro<std::string> {
        try {
            co_await await_value(Value::integer(3));
        } catch (const Error& e) {
            co_return e.what();
        }
        co_return "no error";
    };
    CHECK(aio::run(main()) == "TypeError: object int can't be used in 'await' expression");
}

TEST_CASE("asyncio.CancelledError is a BaseException", "[python]") {
    CHECK(cancelled_error_type.is_subtype_of(exc::BaseException));
    CHECK(!cancelled_error_type.is_subtype_of(exc::Exception));
    CHECK(cancelled_error_type.name == "CancelledError");
}

namespace aio::py {
Value new_module(const std::string& name);
Value run_module_code(const Value& code, const Value& module);
void init_vm();
}

#include "python/compiler.hpp"
#include "python/parser.hpp"

namespace {

Value nap(const Value*, std::size_t, const Tuple*) {
    return new_awaitable("nap", []() -> aio::coro<Value> {
        co_await aio::sleep(1);
        co_return Value::integer(5);
    });
}

Value python_module(const char* source) {
    init_vm();
    Value m = new_module("t");
    setitem(getattr(m, "__dict__"), new_str("nap"), new_function("nap", nap));
    run_module_code(compile_module(parse_program(source, "t.py"), "t.py"), m);
    return m;
}

// Empties the module's globals when the test ends: its functions reference them, and no cycle
// collector would free either (run_source's end does the same for programs).
struct ModuleOwner {
    Value m;
    ~ModuleOwner() { getattr(m, "__dict__").as<Dict>()->table.clear(); }
};

}  // namespace

TEST_CASE("Python coroutines run as aio coroutines and await native awaitables", "[python]") {
    ModuleOwner owner{python_module(
        "async def inner():\n"
        "    x = await nap()\n"
        "    return x + 1\n"
        "async def outer():\n"
        "    a = await inner()\n"
        "    b = await inner()\n"
        "    return a * 10 + b\n"
        "async def bad():\n"
        "    await 3\n")};
    const Value& m = owner.m;
    Value c = call(getattr(m, "outer"), {});
    CHECK(repr(c).rfind("<coroutine object outer at 0x", 0) == 0);
    CHECK(is_awaitable(c));
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    CHECK(repr(loop.run(run_coroutine(c))) == "66");
    CHECK(loop.time() == 2.0);
    auto failing = [&]() -> aio::coro<std::string> {
        try {
            co_await run_coroutine(call(getattr(m, "bad"), {}));
        } catch (const Error& e) {
            co_return e.what();
        }
        co_return "no error";
    };
    CHECK(aio::run(failing()) == "TypeError: object int can't be used in 'await' expression");
}
