// The VM: frames running Code objects, and the runtime objects it makes (functions, bound
// methods, cells, user class instances, generators/coroutines).
#pragma once

#include "python/code.hpp"
#include "python/exceptions.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace aio::py {

extern Type function_type, method_type, cell_type, generator_type, coroutine_type;

struct Cell : Object {
    Cell() : Object(&cell_type) {}
    Value v;
    bool set = false;
};

struct Function : Object {
    Function() : Object(&function_type) {}
    Value code;      // Code
    Value globals;   // Dict
    Value defaults;  // tuple or None
    Value kwdefaults;  // dict or None
    Value annotations;  // dict, or None until a def with annotations or a first read makes one
    std::vector<Value> closure;  // Cells, one per freevar
    std::string name, qualname;
    Type* owner = nullptr;  // the class whose body defined it (for super())
    Value dict;  // attributes set by the program, created on demand
    Code& co() const { return *code.as<Code>(); }
};
// A function's attributes set by the program (f.calls = 0, wrapper.__doc__ = ...): found
// before the type's (__name__, __doc__, ...); __name__/__qualname__ assignments rename it.
bool function_attribute(const Value& f, std::string_view name, Value& out);
void function_setattr(const Value& f, std::string_view name, Value value);

struct Method : Object {
    Method(Value f, Value s) : Object(&method_type), func(std::move(f)), self(std::move(s)) {}
    Value func, self;
};

struct Frame;
// Frames are recycled: releasing one clears every value it holds (objects die when CPython's
// would) and keeps it, with its vectors' capacity, for the next call (frame_pool.cpp).
struct FrameRelease {
    void operator()(Frame* f) const noexcept;
};
using FramePtr = std::unique_ptr<Frame, FrameRelease>;
// An empty frame, from the pool when it has one.
FramePtr new_frame();

// A new member must also be reset by frame_pool.cpp's release.
struct Frame {
    Value code_holder;
    Code* code;
    Value func;  // the Function running (None for module and class bodies)
    Value globals;  // Dict
    Value locals;   // Dict for module/class bodies, else None
    std::vector<Value> fast;
    std::vector<Value> cells;
    std::vector<Value> stack;
    struct Block {
        Op kind;  // setup_except / setup_finally; a handler being run is `pop_except`
        int handler;
        std::size_t depth;
    };
    std::vector<Block> blocks;
    std::vector<Value> handled;  // exceptions being handled (sys.exc_info stack)
    std::size_t pc = 0;
    int line = 0;
    bool started = false;
    bool thread_base = false;  // a green thread's function: blocking builtins it calls may suspend it
    Frame* back = nullptr;
};

// The innermost Python frame running now (the caller of a builtin being run), or null.
Frame*& running_frame();

// Why run_frame came back.
enum class Exit { returned, yielded, awaiting };

// Runs (or resumes) a frame until it returns, yields or awaits; py::Error escapes with the
// frame's traceback entry added. `sent` is pushed on resume; `thrown` is raised at the resume
// point instead when it is set.
Exit run_frame(Frame& f, Value& result, Value sent = {}, Value thrown = {});

// A new frame for calling a Python function with these arguments (binds them, CPython's
// TypeErrors on mismatch).
FramePtr make_frame(const Function& fn, const Value* args, std::size_t nargs, const Tuple* kwnames);
// Calls a Python function (runs it, or makes its generator/coroutine object).
Value call_function(const Function& fn, const Value* args, std::size_t nargs, const Tuple* kwnames);

Value new_generator(FramePtr f, const Function& fn);
bool is_python_coroutine(const Value& v);

// Classes: `class` statements call this with (body function, name, *bases).
Value build_class(const Value* args, std::size_t nargs, const Tuple* kwnames);

// super().name inside a method of the frame's class, bound to self.
Value super_attr(const Frame& f, const Value& self, const std::string& name);
// Zero-argument super() as a value: super(the function's class, self).
Value bare_super(const Frame& f, const Value& self);
// super(owner, self), checked as super(type, obj) checks it.
Value new_super(Type* owner, const Value& self);
// Attribute `name` of the classes after `owner` in the MRO of self (an instance, or a class
// for classmethods), bound to self; false when none has it.
bool super_lookup(Type* owner, const Value& self, const std::string& name, Value& out);
// Makes t the owner (super()'s class) of the Python functions v is or wraps (staticmethod,
// classmethod, property).
void set_function_owner(const Value& v, Type* t);

// Imports a module by name (native or a .py file beside the main program).
Value import_module(const std::string& name);
// Whether a dotted name is a module import_module can give (loaded, native or built-in Python).
bool find_submodule(const std::string& dotted);
// A module object named `name` (its dict holds __name__), and running compiled code as its body
// (module.cpp): what import does, and what namedtuple's generated class is compiled in.
Value new_module(const std::string& name);
Value run_module_code(const Value& code, const Value& module);
// Runs a module-level Code with these namespaces (dicts) and returns what it returns: a module
// body (globals and locals its dict), exec's and eval's code.
Value run_code(const Value& code, const Value& globals, const Value& locals);

// Tracebacks: each frame an exception passes adds (filename, line, function name).
void add_traceback(const Value& exc, const Code& code, const Instr& at);
// CPython's printout of an uncaught exc, with its __cause__/__context__ chain unless !chain,
// and `limit` frames of each traceback as the traceback module's limit= (all by default).
std::string format_exception(const Value& exc, bool chain = true, std::int64_t limit = INT64_MAX);
// The exception being handled by the running frame or the frames that called it (sys.exception()),
// or None.
Value handled_exception();

// Source lines for tracebacks, by filename (the entry point registers the program's).
void register_source(const std::string& filename, std::string source);

// Set just before re-raising an exception that already has its traceback entry.
bool& reraising();
// An exception thrown into a suspended frame that has no handler active (no try, with or except
// block): adds the frame's traceback entry, as run_frame would on its way out, and returns true,
// so the caller ends the frame without raising the exception through it (a C++ throw per frame:
// the cost of cancelling a task). False: resume the frame with the exception as usual.
bool unwinds_at_once(Frame& f, const Value& exc);
// The value of a local slot that was never assigned (or was deleted).
const Value& unbound();

// Registers the methods of the VM's types (idempotent; the entry points call it).
void init_vm();

inline constexpr int max_recursion = 1000;
// C++ stack one chain of Python calls may use: below every target's thread stack (8 MB natively,
// 5 MB for wasm's main thread, 2 MB for its pthreads).
inline constexpr std::size_t max_stack_bytes = 1536 * 1024;
int& recursion_depth();

}  // namespace aio::py
