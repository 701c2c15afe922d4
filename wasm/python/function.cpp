// Python function objects, bound methods and cells; binding call arguments to a frame's
// parameters with CPython's TypeError messages.
#include "python/vm.hpp"

#include "python/detail.hpp"

namespace aio::py {

Type function_type("function", &object_type, Kind::object);
Type method_type("method", &object_type, Kind::object);
Type cell_type("cell", &object_type, Kind::object);

namespace {

Value function_call(const Value* args, std::size_t nargs, const Tuple* kw) {
    return call_function(*args[0].as<Function>(), args + 1, nargs - 1, kw);
}
// Looked up on a class and found on an instance: binds (descriptor protocol).
Value function_get(const Value* args, std::size_t, const Tuple*) {
    if (args[1].is_none()) return args[0];
    return Value(new Method(args[0], args[1]));
}
Value function_repr(const Value* args, std::size_t, const Tuple*) {
    auto* f = args[0].as<Function>();
    return new_str("<function " + f->qualname + " at " + detail::hex_address(f) + ">");
}

Value method_call(const Value* args, std::size_t nargs, const Tuple* kw) {
    auto* m = args[0].as<Method>();
    std::size_t total = nargs - 1 + (kw ? kw->items.size() : 0);
    std::vector<Value> all;
    all.reserve(total + 1);
    all.push_back(m->self);
    all.insert(all.end(), args + 1, args + 1 + total);
    return call(m->func, all.data(), nargs, kw);
}
Value method_repr(const Value* args, std::size_t, const Tuple*) {
    auto* m = args[0].as<Method>();
    std::string q = is(m->func, Kind::object) && m->func.obj()->type == &function_type
                        ? m->func.as<Function>()->qualname : str(getattr(m->func, "__name__"));
    return new_str("<bound method " + q + " of " + repr(m->self) + ">");
}

Value method_self(const Value* args, std::size_t, const Tuple*) { return args[0].as<Method>()->self; }
Value method_func(const Value* args, std::size_t, const Tuple*) { return args[0].as<Method>()->func; }

}  // namespace

void register_function_methods() {
    def_method(function_type, "__call__", function_call);
    def_method(function_type, "__get__", function_get);
    def_method(function_type, "__repr__", function_repr);
    def_method(method_type, "__call__", method_call);
    def_method(method_type, "__repr__", method_repr);
    def_getter(method_type, "__self__", method_self);  // a classmethod's shows its class
    def_getter(method_type, "__func__", method_func);
}

// The attributes the program set, then the function's own (not entries of function_type's
// dict, so method calls, which look up __get__ there, do not pay for them).
bool function_attribute(const Value& v, std::string_view name, Value& out) {
    auto* f = v.as<Function>();
    if (!f->dict.is_none())
        if (auto* e = f->dict.as<Dict>()->table.find(new_str(name))) {
            out = e->value;
            return true;
        }
    if (name.size() < 4 || name[0] != '_') return false;
    if (name == "__dict__") {  // the attributes the program set (functools.update_wrapper copies them)
        if (f->dict.is_none()) f->dict = new_dict();
        out = f->dict;
    } else if (name == "__name__" || name == "__qualname__") out = new_str(name == "__name__" ? f->name : f->qualname);
    else if (name == "__doc__") out = f->co().doc;
    else if (name == "__annotations__") {  // made on first read, then the same dict
        if (f->annotations.is_none()) f->annotations = new_dict();
        out = f->annotations;
    }
    else if (name == "__module__") {
        auto* e = f->globals.as<Dict>()->table.find(new_str("__name__"));
        out = e ? e->value : Value();
    } else return false;
    return true;
}

void function_setattr(const Value& v, std::string_view name, Value value) {
    auto* f = v.as<Function>();
    if (name == "__name__" || name == "__qualname__") {
        if (!is(value, Kind::str)) raise(exc::TypeError, std::string(name) + " must be set to a string object");
        (name == "__name__" ? f->name : f->qualname) = as_str(value)->s;
        return;
    }
    if (name == "__annotations__") {
        if (!value.is_none() && !is(value, Kind::dict))
            raise(exc::TypeError, "__annotations__ must be set to a dict object");
        f->annotations = std::move(value);
        return;
    }
    if (f->dict.is_none()) f->dict = new_dict();
    f->dict.as<Dict>()->table.insert(new_str(name), std::move(value));
}

namespace {

std::string plural(std::size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string names_list(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i) out += names.size() == 2 ? " and " : (i + 1 == names.size() ? ", and " : ", ");
        out += "'" + names[i] + "'";
    }
    return out;
}

}  // namespace

FramePtr make_frame(const Function& fn, const Value* args, std::size_t nargs, const Tuple* kwnames) {
    Code& co = fn.co();
    auto f = new_frame();
    f->code_holder = fn.code;
    f->code = &co;
    f->func = Value(const_cast<Function*>(&fn));
    f->globals = fn.globals;
    f->fast.assign(co.varnames.size(), unbound());
    const std::string& name = fn.qualname;  // a renamed function is named by its new name, as CPython
    std::size_t argc = static_cast<std::size_t>(co.argcount);
    std::size_t slot_var = argc + co.kwonlyargcount;
    // positional
    std::size_t n = std::min(nargs, argc);
    for (std::size_t i = 0; i < n; ++i) f->fast[i] = args[i];
    if (co.varargs) {
        f->fast[slot_var] = new_tuple(std::vector<Value>(args + n, args + nargs));
    } else if (nargs > argc) {
        // CPython's too_many_positional: keyword-only parameters given by keyword are counted too.
        std::size_t given_kwonly = 0;
        if (kwnames)
            for (const Value& k : kwnames->items)
                for (std::size_t i = argc; i < argc + static_cast<std::size_t>(co.kwonlyargcount); ++i)
                    if (as_str(k)->s == co.varnames[i]) ++given_kwonly;
        std::size_t ndef = is(fn.defaults, Kind::tuple) ? fn.defaults.as<Tuple>()->items.size() : 0;
        std::string takes = ndef ? "from " + std::to_string(argc - ndef) + " to " + std::to_string(argc)
                                 : std::to_string(argc);
        std::string kwonly = given_kwonly ? std::string(" positional argument") + (nargs == 1 ? "" : "s") + " (and " +
                                                std::to_string(given_kwonly) + " keyword-only argument" +
                                                (given_kwonly == 1 ? "" : "s") + ")"
                                          : std::string();
        raise(exc::TypeError, name + "() takes " + takes + " positional argument" + (argc == 1 && !ndef ? "" : "s") +
                                  " but " + std::to_string(nargs) + kwonly + (nargs == 1 && !given_kwonly ? " was" : " were") +
                                  " given");
    }
    Value kwdict;
    if (co.varkw) {
        kwdict = new_dict();
        f->fast[slot_var + (co.varargs ? 1 : 0)] = kwdict;
    }
    if (kwnames) {
        for (std::size_t k = 0; k < kwnames->items.size(); ++k) {
            const std::string& kn = as_str(kwnames->items[k])->s;
            int slot = -1;
            for (std::size_t i = co.posonlyargcount; i < slot_var; ++i)
                if (co.varnames[i] == kn) slot = static_cast<int>(i);
            if (slot < 0) {
                if (!co.varkw)
                    raise(exc::TypeError, name + "() got an unexpected keyword argument '" + kn + "'");
                setitem(kwdict, kwnames->items[k], args[nargs + k]);
                continue;
            }
            if (!f->fast[slot].is(unbound()))
                raise(exc::TypeError, name + "() got multiple values for argument '" + kn + "'");
            f->fast[slot] = args[nargs + k];
        }
    }
    // defaults, then what is still missing
    if (is(fn.defaults, Kind::tuple)) {
        auto& d = fn.defaults.as<Tuple>()->items;
        std::size_t first = argc - d.size();
        for (std::size_t i = first; i < argc; ++i)
            if (f->fast[i].is(unbound())) f->fast[i] = d[i - first];
    }
    std::vector<std::string> missing;
    for (std::size_t i = 0; i < argc; ++i)
        if (f->fast[i].is(unbound())) missing.push_back(co.varnames[i]);
    if (!missing.empty())
        raise(exc::TypeError, name + "() missing " + plural(missing.size(), "required positional argument") +
                                  ": " + names_list(missing));
    for (std::size_t i = argc; i < slot_var; ++i) {
        if (!f->fast[i].is(unbound())) continue;
        if (is(fn.kwdefaults, Kind::dict))
            if (auto* e = fn.kwdefaults.as<Dict>()->table.find(new_str(co.varnames[i]))) {
                f->fast[i] = e->value;
                continue;
            }
        missing.push_back(co.varnames[i]);
    }
    if (!missing.empty())
        raise(exc::TypeError, name + "() missing " + plural(missing.size(), "required keyword-only argument") +
                                  ": " + names_list(missing));
    // cells: the function's own captured locals, then its closure
    if (!co.cellvars.empty() || !co.freevars.empty()) {
        for (std::size_t i = 0; i < co.cellvars.size(); ++i) f->cells.push_back(Value(new Cell()));
        for (std::size_t i = 0; i < co.cell_of_arg.size(); ++i) {
            int c = co.cell_of_arg[i];
            if (c >= 0 && !f->fast[i].is(unbound())) {
                auto* cell = f->cells[c].as<Cell>();
                cell->v = f->fast[i];
                cell->set = true;
            }
        }
        for (auto& c : fn.closure) f->cells.push_back(c);
    }
    return f;
}

Value call_function(const Function& fn, const Value* args, std::size_t nargs, const Tuple* kwnames) {
    auto f = make_frame(fn, args, nargs, kwnames);
    if (fn.co().is_generator || fn.co().is_coroutine) return new_generator(std::move(f), fn);
    Value result;
    run_frame(*f, result);
    return result;
}

}  // namespace aio::py
