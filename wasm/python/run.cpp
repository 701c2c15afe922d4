// run_source / run_file: parse, compile and run a program as the module __main__.
#include "python/run.hpp"

#include "python/asyncio.hpp"
#include "python/compiler.hpp"
#include "python/modules.hpp"
#include "python/parser.hpp"
#include "python/syntax_error.hpp"
#include "python/vm.hpp"

#include <fstream>
#include <sstream>

namespace aio::py {

Value new_module(const std::string& name);
Value run_module_code(const Value& code, const Value& module);
void set_module_search_dir(std::string dir);
void forget_modules();
void clear_modules();
void release_classes();

namespace {

// The end of a run, once its output is complete: as CPython's finalization, every module's
// globals are emptied. With no cycle collector that is what frees the program's functions (they
// reference their globals), then its classes (immortal Types until then).
struct Finalize {
    Value main;
    ~Finalize() {
        {
            HashTable doomed = std::move(main.as<Instance>()->dict.as<Dict>()->table);
            main.as<Instance>()->dict.as<Dict>()->table = HashTable();
        }  // the globals' values are released here, before their classes go
        clear_modules();
        forget_implicit_loop();
        release_classes();
    }
};

// SystemExit(code): None -> 0, int -> itself, anything else printed to stderr -> 1.
int exit_status(const Value& e) {
    auto& args = e.as<ExceptionObject>()->args.as<Tuple>()->items;
    if (args.empty() || args[0].is_none()) return 0;
    if (args[0].is_intlike()) return static_cast<int>(args[0].as_int());
    host().write(2, str(args[0]) + "\n");
    return 1;
}

}  // namespace

int run_source(std::string_view source, std::string filename) {
    init_vm();
    register_source(filename, std::string(source));
    forget_modules();
    recursion_depth() = 0;
    auto slash = filename.rfind('/');
    set_module_search_dir(slash == std::string::npos ? "." : filename.substr(0, slash));
    Value code;
    try {
        ast::Module tree = parse_program(source, filename);
        code = compile_module(tree, filename);
    } catch (syntax_error& e) {
        e.set_source(filename, source);
        host().write(2, e.format());
        return 1;
    } catch (const Error& e) {  // what the compiler refuses
        host().write(2, "  File \"" + filename + "\"\n" + std::string(e.what()) + "\n");
        return 1;
    }
    Finalize finalize{new_module("__main__")};
    try {
        setitem(finalize.main.as<Instance>()->dict, new_str("__file__"), new_str(filename));
        run_module_code(code, finalize.main);
    } catch (const Error& e) {  // reported before Finalize runs (it may free the exception's class)
        if (isinstance(e.exc, exc::SystemExit)) return exit_status(e.exc);
        host().write(2, format_exception(e.exc));
        return 1;
    }
    return 0;
}

int run_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        host().write(2, "aio-python: can't open file '" + path + "': [Errno 2] No such file or directory\n");
        return 2;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    return run_source(ss.str(), path);
}

}  // namespace aio::py
