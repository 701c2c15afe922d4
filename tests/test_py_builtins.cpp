// The native modules of the Python front-end (builtins, sys, random, json), checked against
// CPython 3.11's answers: the table tests/py_builtins_cases.inc (recorded by
// tests/py_builtins_cases.py) runs through the compiler and VM; a few cases call them directly.
#include "py_support.hpp"

#include "python/compiler.hpp"
#include "python/modules.hpp"
#include "python/parser.hpp"
#include "python/vm.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace aio::py {  // the VM's module entry points (as run.cpp declares them)
Value new_module(const std::string& name);
Value run_module_code(const Value& code, const Value& module);
}  // namespace aio::py

using namespace py_test;

namespace {

#include "py_builtins_cases.inc"

// A native module's namespace, initialized once.
Value module(const char* name) {
    static std::vector<std::pair<std::string, Value>> made;
    for (auto& [n, ns] : made)
        if (n == name) return ns;
    const NativeModule* nm = find_native_module(name);
    REQUIRE(nm);
    Value ns = new_dict();
    nm->init(*ns.as<Dict>());
    made.emplace_back(name, ns);
    return ns;
}
Value mod_attr(const char* mod, const char* name) { return getitem(module(mod), s(name)); }
Value b(const char* name) { return mod_attr("builtins", name); }
// builtins.name(args)
Value c(const char* name, std::vector<Value> args) { return call_kw(b(name), std::move(args), {}); }
// module.name(args)
Value mc(const char* mod, const char* name, std::vector<Value> args) {
    return call_kw(mod_attr(mod, name), std::move(args), {});
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

// Runs source as statements of module m (its globals persist from case to case).
void exec_in(const Value& m, const std::string& source) {
    run_module_code(compile_module(parse_program(source, "<case>"), "<case>"), m);
}

}  // namespace

TEST_CASE("py builtins: CPython 3.11's results and errors", "[python]") {
    init_vm();
    Value mod = new_module("__main__");
    exec_in(mod, builtins_prelude);
    Value globals = mod.as<Instance>()->dict;
    for (const PyCase& k : builtins_cases) {
        INFO(k.expr);
        if (k.mode == 'o') {
            CHECK(O([&] { exec_in(mod, k.expr); return Value(); }) == k.expected);
        } else {
            CHECK(R([&] {
                      exec_in(mod, std::string("__r = (") + k.expr + ")");
                      return getitem(globals, s("__r"));
                  }) == k.expected);
        }
    }
    // the prelude's functions and the module's globals reference each other: break the cycle
    globals.as<Dict>()->table.clear();
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
