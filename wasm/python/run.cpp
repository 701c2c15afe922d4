// run_source / run_file: parse, compile and run a program as the module __main__.
#include "python/run.hpp"

#include "python/asyncgen_hooks.hpp"
#include "python/asyncio.hpp"
#include "python/awaitable.hpp"
#include "python/hosted.hpp"
#include "python/compiler.hpp"
#include "python/modules.hpp"
#include "python/parser.hpp"
#include "python/syntax_error.hpp"
#include "python/threads.hpp"
#include "python/vm.hpp"

#include "aio/detail/context.hpp"
#include "aio/detail/read_file.hpp"

#include <optional>
#include <stdexcept>

namespace aio::py {

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
        forget_asyncgen_hooks(nullptr);
        release_classes();
    }
};

// SystemExit(code): None -> 0, int -> itself, anything else printed to stderr -> 1.
int exit_status(const Value& e) {
    auto& args = e.as<ExceptionObject>()->args.as<Tuple>()->items;
    if (args.empty() || args[0].is_none()) return 0;
    const Value& code = is(args[0], Kind::integer) ? unboxed(args[0]) : args[0];  // an int subclass too
    if (code.is_intlike()) return static_cast<int>(code.as_int());
    host().write(2, str(args[0]) + "\n");
    return 1;
}

// Parses and compiles a program as __main__'s code (the per-run state reset first); a
// SyntaxError or a construct the compiler refuses is reported as python3 reports it: None.
Value compile_program(std::string_view source, const std::string& filename) {
    init_vm();
    register_source(filename, std::string(source));
    forget_modules();
    recursion_depth() = 0;
    auto slash = filename.rfind('/');
    set_module_search_dir(slash == std::string::npos ? "." : filename.substr(0, slash));
    try {
        ast::Module tree = parse_program(source, filename);
        return compile_module(tree, filename);
    } catch (syntax_error& e) {
        e.set_source(filename, source);
        host().write(2, e.format());
    } catch (const Error& e) {  // what the compiler refuses
        host().write(2, "  File \"" + filename + "\"\n" + std::string(e.what()) + "\n");
    }
    return Value();
}

// The status of a program ended by an uncaught exception (its traceback on stderr), reported
// before Finalize runs (it may free the exception's class).
int uncaught(const Error& e) {
    if (isinstance(e.exc, exc::SystemExit)) return exit_status(e.exc);
    host().write(2, format_exception(e.exc));
    return 1;
}

Value main_module(const std::string& filename) {
    Value m = new_module("__main__");
    setitem(m.as<Instance>()->dict, new_str("__file__"), new_str(filename));
    return m;
}

HostedProgram*& hosted_slot() {
    static HostedProgram* program = nullptr;
    return program;
}

// A hosted program's claim on the front-end's process-wide state, given back at its end.
struct Hosting {
    HostedProgram program;
    Host saved_host = host();
    RunOptions saved_options = run_options();
    std::function<void(const aio::error_context&)> host_handler;
    std::optional<ProgramClockRun> clock;
    explicit Hosting(HostedIo io) {
        if (hosted_slot()) throw std::logic_error("a Python program is running already");
        program.loop = aio::detail::this_thread.running_loop;
        program.module_task = aio::detail::this_thread.current_task;
        program.io = std::move(io);
        host().write = program.io.write;
        host().argv.clear();
        hosted_slot() = &program;
        // Loops the program makes itself (asyncio.Runner, run_until_complete) go by the host's clock.
        run_options().loop.clock = program.loop->clock();
        run_options().loop.speed.reset();
        if (program.loop->clock() == aio::clock_kind::virtual_time) {
            start_program_clock();
            clock.emplace(*program.loop);
        }
        host_handler = asyncio::report_python_errors(*program.loop);
    }
    ~Hosting() {
        program.loop->set_exception_handler(std::move(host_handler));
        clock.reset();
        hosted_slot() = nullptr;
        host() = std::move(saved_host);
        run_options() = std::move(saved_options);
    }
};

}  // namespace

HostedProgram* hosted_program() { return hosted_slot(); }

int run_source(std::string_view source, std::string filename) {
    if (hosted_slot()) throw std::logic_error("a Python program is running already");
    Value code = compile_program(source, filename);
    if (code.is_none()) return 1;
    // The program's top level gets a context of its own (empty), dropped when it ends: what it
    // sets is not seen by the next program run in this process.
    aio::detail::context_carry own_context(nullptr);
    start_program_clock();
    Finalize finalize{main_module(filename)};
    try {
        run_module_code(code, finalize.main);
    } catch (const Error& e) {
        return uncaught(e);
    }
    return 0;
}

aio::coro<int> run_hosted(std::string source, std::string filename, HostedIo io) {
    Hosting hosting(std::move(io));
    host().argv = {filename};
    Value code = compile_program(source, filename);
    if (code.is_none()) co_return 1;
    Finalize finalize{main_module(filename)};
    auto frame = new_frame();
    frame->code_holder = code;
    frame->code = code.as<Code>();
    frame->globals = finalize.main.as<Instance>()->dict;
    frame->locals = frame->globals;
    try {
        co_await drive_base_frame(std::move(frame));
    } catch (const Error& e) {
        // Cancelled from outside (the sandbox's cancel, a deadlock): the run ends as cancelled,
        // not with a CancelledError traceback of the program's making.
        if (isinstance(e.exc, cancelled_error_type) && aio::detail::this_thread.current_task->cancelling())
            throw aio::cancelled_error(str(e.exc));
        co_return uncaught(e);
    }
    co_return 0;
}

int run_file(const std::string& path) {
    std::optional<std::string> source = aio::detail::read_file(path);
    if (!source) {
        host().write(2, "aio-python: can't open file '" + path + "': [Errno 2] No such file or directory\n");
        return 2;
    }
    return run_source(*source, path);
}

}  // namespace aio::py
