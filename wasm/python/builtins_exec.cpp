// exec(), eval(), globals(), locals() and vars(): running source text at run time, and the
// namespaces it runs in. What CPython's do, with one limit: locals must be a dict (the VM's name
// lookups read dicts), other mappings are refused plainly.
#include "python/builtins.hpp"
#include "python/compile_check.hpp"
#include "python/compiler.hpp"
#include "python/detail.hpp"
#include "python/parser.hpp"
#include "python/syntax_error.hpp"
#include "python/vm.hpp"

#include <algorithm>

namespace aio::py {

using namespace detail;

namespace {

// The caller's frame: the builtin's own call has no frame of its own.
Frame& caller(const char* name) {
    Frame* f = running_frame();
    if (!f) raise(exc::RuntimeError, std::string(name) + "(): no current frame");
    return *f;
}

// A function frame's locals as CPython's locals() gives them: a new dict of its bound names
// (parameters and locals, then cells and free variables).
Value function_locals(const Frame& f) {
    const Code& code = *f.code;
    Value d = new_dict();
    auto put = [&](const std::string& name, const Value& v) { setitem(d, new_str(name), v); };
    auto cell_value = [&](std::size_t i, Value& out) {
        if (i >= f.cells.size()) return false;
        const auto* c = f.cells[i].as<Cell>();
        if (!c->set) return false;
        out = c->v;
        return true;
    };
    Value v;
    for (std::size_t i = 0; i < code.varnames.size(); ++i) {
        const int cell = i < code.cell_of_arg.size() ? code.cell_of_arg[i] : -1;
        if (cell >= 0) {
            if (cell_value(static_cast<std::size_t>(cell), v)) put(code.varnames[i], v);
        } else if (i < f.fast.size() && !f.fast[i].is(unbound())) {
            put(code.varnames[i], f.fast[i]);
        }
    }
    const std::size_t ncell = code.cellvars.size();
    for (std::size_t i = 0; i < ncell + code.freevars.size(); ++i) {
        const std::string& name = i < ncell ? code.cellvars[i] : code.freevars[i - ncell];
        if (d.as<Dict>()->table.find(new_str(name))) continue;  // a parameter, put above
        if (cell_value(i, v)) put(name, v);
    }
    return d;
}

Value frame_locals(const Frame& f) { return f.code->is_function ? function_locals(f) : f.locals; }

// The source of exec()/eval(): a str, or bytes as UTF-8 text.
std::string source_text(const char* name, const Value& v) {
    if (is(v, Kind::str)) return v.as<Str>()->s;
    if (is(v, Kind::bytes)) return v.as<Bytes>()->s;
    raise(exc::TypeError, std::string(name) + "() arg 1 must be a string, bytes or code object");
}

// exec(source, globals=None, locals=None) / eval(...): the checks and defaults both share.
Value run_source(bool eval, const Value* a, std::size_t n, const Tuple* kw) {
    const char* name = eval ? "eval" : "exec";
    no_kwargs(name, kw);
    if (n < 1 || n > 3) {
        if (eval) check_args(name, n, 1, 3);
        raise(exc::TypeError, std::string("exec() takes ") + (n < 1 ? "at least 1 positional argument"
                                                                    : "at most 3 positional arguments") +
                                  " (" + std::to_string(n) + " given)");
    }
    Value globals = n > 1 ? a[1] : Value(), locals = n > 2 ? a[2] : Value();
    if (!globals.is_none() && !is(globals, Kind::dict))
        raise(exc::TypeError, eval ? std::string("globals must be a dict")
                                   : "exec() globals must be a dict, not " + type_name(globals));
    if (!locals.is_none() && !is(locals, Kind::dict)) {
        Value getitem;
        if (!try_getattr(locals, "__getitem__", getitem))
            raise(exc::TypeError, eval ? std::string("locals must be a mapping")
                                       : "locals must be a mapping or None, not " + type_name(locals));
        raise(exc::TypeError, std::string(name) + "() locals other than a dict are not supported yet");
    }
    if (globals.is_none()) {
        Frame& f = caller(name);
        globals = f.globals;
        if (locals.is_none()) locals = frame_locals(f);
    } else {
        Value key = new_str("__builtins__");  // as CPython's, a given globals gets the builtins
        if (!globals.as<Dict>()->table.find(key))
            setitem(globals, key, import_module("builtins").as<Instance>()->dict);
        if (locals.is_none()) locals = globals;
    }
    // (No code objects: programs cannot reach one, as there is no compile() or __code__ yet.)
    std::string source = source_text(name, a[0]);
    if (eval) source.erase(0, source.find_first_not_of(" \t"));
    ast::Module tree;
    try {
        tree = eval ? parse_eval(source, "<string>") : parse(source, "<string>");
    } catch (const syntax_error& e) {
        // exec's tokenizer sees every line end with a newline; eval's only those in the text.
        const auto lines = std::count(source.begin(), source.end(), '\n') + 1;
        raise(new_syntax_error(e, !eval || e.lineno() < lines));
    }
    Value code;
    try {
        check_program(tree);
        code = eval ? compile_eval(tree, "<string>") : compile_module(tree, "<string>");
    } catch (const syntax_error& e) {
        syntax_error at = e;  // the compiler's: no text, as CPython's for a string
        at.set_line("<string>", "");
        raise(new_syntax_error(at, false));
    }
    Value result = run_code(code, globals, locals);
    return eval ? result : Value();
}

Value b_exec(const Value* a, std::size_t n, const Tuple* kw) { return run_source(false, a, n, kw); }
Value b_eval(const Value* a, std::size_t n, const Tuple* kw) { return run_source(true, a, n, kw); }

Value b_globals(const Value*, std::size_t n, const Tuple* kw) {
    no_kwargs("globals", kw);
    check_args("globals", n, 0, 0);
    return caller("globals").globals;
}

Value b_locals(const Value*, std::size_t n, const Tuple* kw) {
    no_kwargs("locals", kw);
    check_args("locals", n, 0, 0);
    return frame_locals(caller("locals"));
}

// vars(): locals(); vars(obj): obj.__dict__.
Value b_vars(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("vars", kw);
    check_args("vars", n, 0, 1);
    if (n == 0) return frame_locals(caller("vars"));
    Value d;
    if (!try_getattr(a[0], "__dict__", d)) raise(exc::TypeError, "vars() argument must have __dict__ attribute");
    return d;
}

}  // namespace

void init_exec_builtins(Dict& ns) {
    define(ns, "exec", b_exec);
    define(ns, "eval", b_eval);
    define(ns, "globals", b_globals);
    define(ns, "locals", b_locals);
    define(ns, "vars", b_vars);
}

}  // namespace aio::py
