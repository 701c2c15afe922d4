// The eval loop: one frame's instructions. Exceptions unwind the frame's block stack
// (setup_except/setup_finally push a handler address and the stack depth to restore).
#include "python/vm.hpp"

#include "python/awaitable.hpp"
#include "python/exception_groups.hpp"
#include "python/modules.hpp"
#include "python/threads.hpp"

#include <new>
#include <stdexcept>

namespace aio::py {

void register_function_methods();
void register_class_methods();
void register_generator_methods();
void register_module_methods();
void register_descriptor_methods();

// Methods of the VM's types go into their dicts once, at first use (not during static
// initialization: the types live in other files).
void init_vm() {
    static bool done = false;
    if (done) return;
    done = true;
    ensure_builtins();
    register_function_methods();
    register_class_methods();
    register_generator_methods();
    register_module_methods();
    register_descriptor_methods();
}

bool& reraising() {
    static bool flag = false;
    return flag;
}

const Value& unbound() {
    static Value marker(new Cell());
    return marker;
}

int& recursion_depth() {
    static int depth = 0;
    return depth;
}

namespace {

Value eo_traceback(const Value& e) { return e.as<ExceptionObject>()->traceback; }

Value& builtins_dict() {
    static Value d = [] {
        Value v = import_module("builtins");
        return getattr(v, "__dict__");
    }();
    return d;
}

[[noreturn]] void name_error(const std::string& n) {
    Value e = new_exception(exc::NameError, {new_str("name '" + n + "' is not defined")});
    setattr(e, "name", new_str(n));
    raise(e);
}

// names[i] as a str, made once per Code: name lookups hash a pre-built key (its hash cached).
const Value& name_key(Code& co, std::int32_t i) {
    if (co.name_keys.size() != co.names.size()) {
        co.name_keys.clear();
        for (const auto& n : co.names) co.name_keys.push_back(new_str(n));
    }
    return co.name_keys[static_cast<std::size_t>(i)];
}

// load_method's cached type lookup for names[i] (a name is mostly called on one type per Code).
LookupCache& method_cache(Code& co, std::int32_t i) {
    if (co.method_caches.size() != co.names.size()) [[unlikely]]
        co.method_caches.assign(co.names.size(), LookupCache{});
    return co.method_caches[static_cast<std::size_t>(i)];
}

Value load_global(Frame& f, std::int32_t i) {
    const Value& key = name_key(*f.code, i);
    std::int64_t h = hash(key);
    if (auto* e = f.globals.as<Dict>()->table.find(key, h)) return e->value;
    if (auto* e = builtins_dict().as<Dict>()->table.find(key, h)) return e->value;
    name_error(f.code->names[static_cast<std::size_t>(i)]);
}

// An instance's own attribute straight from its dict with the pre-built key (try_getattr looks
// there first too, when no descriptor or hook of its class comes first); anything else goes
// through getattr.
inline const Value* own_attr(Code& co, const Value& obj, std::int32_t i) {
    if (kind_of(obj) == Kind::instance && !obj.obj()->type->attr_hooks &&
        co.names[static_cast<std::size_t>(i)] != "__dict__")
        if (auto* e = obj.as<Instance>()->dict.as<Dict>()->table.find(name_key(co, i))) return &e->value;
    return nullptr;
}
Value load_attr(Code& co, const Value& obj, std::int32_t i) {
    if (const Value* v = own_attr(co, obj, i)) return *v;
    return getattr(obj, co.names[static_cast<std::size_t>(i)]);
}

Value pop(Frame& f) {
    Value v = std::move(f.stack.back());
    f.stack.pop_back();
    return v;
}

// The exception a `raise` makes of its operand: a class is instantiated.
Value exception_of(const Value& v) {
    if (is(v, Kind::type) && is_exception_type(*v.as<Type>())) return call(v, {});
    if (is(v, Kind::exception)) return v;
    raise(exc::TypeError, "exceptions must derive from BaseException");
}

bool exc_matches(const Value& e, const Value& spec) {
    if (is(spec, Kind::tuple)) {
        for (auto& s : spec.as<Tuple>()->items)
            if (exc_matches(e, s)) return true;
        return false;
    }
    if (!is(spec, Kind::type) || !is_exception_type(*spec.as<Type>()))
        raise(exc::TypeError, "catching classes that do not inherit from BaseException is not allowed");
    return isinstance(e, *spec.as<Type>());
}

// Where the outermost run_frame of the current call chain sits on the C++ stack.
const char*& chain_stack_base() {
    static const char* base = nullptr;
    return base;
}

// Each Python call nests run_frame on the C++ stack, so a call chain is bounded twice: by
// max_recursion frames (CPython's limit) and by max_stack_bytes of C++ stack, which comes first
// in Debug and sanitizer builds whose frames are several times larger (the stack grows down on
// every target here).
struct DepthGuard {
    DepthGuard() {
        const char* here = static_cast<const char*>(__builtin_frame_address(0));
        if (recursion_depth() == 0) chain_stack_base() = here;
        const auto used = static_cast<std::size_t>(chain_stack_base() - here);
        if (recursion_depth() >= max_recursion || (here < chain_stack_base() && used > max_stack_bytes))
            raise(exc::RecursionError, "maximum recursion depth exceeded");
        ++recursion_depth();
    }
    ~DepthGuard() { --recursion_depth(); }
};

}  // namespace

// The frames running now, innermost first through Frame::back: whose `handled` stacks together
// are CPython's exc_info chain (a coroutine's caller is whatever resumed it).
Frame*& running_frame() {
    static Frame* innermost = nullptr;
    return innermost;
}

namespace {

struct RunningFrame {
    Frame* outer;
    explicit RunningFrame(Frame& f) : outer(running_frame()) {
        f.back = outer;
        running_frame() = &f;
    }
    ~RunningFrame() { running_frame() = outer; }
};

}  // namespace

Value handled_exception() {
    for (Frame* f = running_frame(); f; f = f->back)
        if (!f->handled.empty()) return f->handled.back();
    return Value();
}

namespace {

// An exception reaching frame f without a context gets the exception being handled there or in
// a frame that called it (as CPython's raise does); a cycle that would make is cut, as CPython
// cuts it. One that __context__ was assigned to keeps what it was given.
void set_implicit_context(Frame& f, const Value& e) {
    auto* eo = e.as<ExceptionObject>();
    if (!eo->context.is_none() || eo->context_assigned) return;
    Frame* h = &f;
    while (h && h->handled.empty()) h = h->back;
    if (!h || h->handled.back().is(e)) return;
    const Value& context = h->handled.back();
    for (Value o = context; is(o, Kind::exception);) {
        auto* link = o.as<ExceptionObject>();
        if (link->context.is(e)) {
            link->context = Value();
            break;
        }
        o = link->context;
    }
    eo->context = context;
}

// Calls stack[base] with the npos positional (then keyword) values from stack[first] on, and
// pops them all (down to base), also when a thread's call suspends.
Value call_from_stack(Frame& f, std::size_t base, std::size_t first, std::size_t npos, const Tuple* kwnames) {
    Value fn = f.stack[base];
    Value r;
    if (f.thread_base && kind_of(fn) == Kind::function) {
        // a builtin called straight from a thread's function may suspend the thread
        try {
            r = call_direct(*fn.as<NativeFunction>(), f.stack.data() + first, npos, kwnames);
        } catch (const Suspend&) {
            f.stack.resize(base);  // resumed with the call's value pushed
            throw;
        }
    } else {
        r = call(fn, f.stack.data() + first, npos, kwnames);
    }
    f.stack.resize(base);
    return r;
}

// call(_kw): [callable, args...]; n counts the args (keyword values included).
Value do_call(Frame& f, std::size_t n, const Tuple* kwnames) {
    std::size_t base = f.stack.size() - n - 1;
    return call_from_stack(f, base, base + 1, n - (kwnames ? kwnames->items.size() : 0), kwnames);
}

// call_method(_kw): [callable, self or None, args...] (see Op::load_method); n counts the args.
Value do_call_method(Frame& f, std::size_t n, const Tuple* kwnames) {
    std::size_t base = f.stack.size() - n - 2;
    std::size_t npos = n - (kwnames ? kwnames->items.size() : 0);
    if (f.stack[base + 1].is_none()) [[unlikely]]  // an attribute, not a method: no self
        return call_from_stack(f, base, base + 2, npos, kwnames);
    // A method and its self (never in a thread's base frame: see load_method).
    const Value* args = f.stack.data() + base + 1;
    Value fn = std::move(f.stack[base]);
    Value r;
    if (kind_of(fn) == Kind::function) {
        vm_direct_call = false;  // as call() of the bound builtin
        r = fn.as<NativeFunction>()->fn(args, npos + 1, kwnames);
    } else {
        r = call(fn, args, npos + 1, kwnames);  // a def's function, self first
    }
    f.stack.resize(base);
    return r;
}

Value call_ex(const Value& fn, const Value& args, const Value& kwargs) {
    std::vector<Value> all = args.as<Tuple>()->items;
    std::size_t npos = all.size();
    std::vector<Value> names;
    kwargs.as<Dict>()->table.each([&](const HashTable::Entry& e) {
        names.push_back(e.key);
        all.push_back(e.value);
    });
    Value kw = new_tuple(std::move(names));
    return call(fn, all.data(), npos, names.empty() && kw.as<Tuple>()->items.empty() ? nullptr : kw.as<Tuple>());
}

}  // namespace

bool unwinds_at_once(Frame& f, const Value& exc) {
    if (!f.started || f.pc == 0 || !f.blocks.empty() || !f.handled.empty() || reraising()) return false;
    add_traceback(exc, *f.code, f.code->code[f.pc - 1]);  // what run_frame's unwind adds
    return true;
}

Exit run_frame(Frame& f, Value& result, Value sent, Value thrown) {
    DepthGuard guard;
    RunningFrame running(f);
    Code& co = *f.code;
    auto& st = f.stack;
    if (f.started && thrown.is_none()) st.push_back(std::move(sent));
    f.started = true;
    bool pending = !thrown.is_none();
    // An exception raised in this frame: to its innermost handler, or out of the frame.
    auto unwind = [&](Value e) {
        // A re-raise keeps the traceback it has; anything else gets this frame's line.
        if (reraising()) reraising() = false;
        else if (f.pc == 0)  // thrown into a frame not started yet: CPython names its `def` line
            add_traceback(e, co, Instr{Op::nop, 0, co.firstlineno, co.firstlineno, -1, -1});
        else add_traceback(e, co, co.code[f.pc - 1]);
        set_implicit_context(f, e);
        // leave the handlers being run on the way out
        while (!f.blocks.empty() && f.blocks.back().kind == Op::pop_except) {
            f.blocks.pop_back();
            f.handled.pop_back();
        }
        if (f.blocks.empty()) throw Error(e);
        auto b = f.blocks.back();
        f.blocks.pop_back();
        st.resize(b.depth);
        f.handled.push_back(e);
        // the handler runs inside a block that pops `handled` if it exits by exception
        f.blocks.push_back({Op::pop_except, -1, b.depth});
        st.push_back(e);
        f.pc = b.handler;
    };
    for (;;) {
        try {
            if (pending) {
                pending = false;
                raise(thrown);
            }
            for (;;) {
                const Instr in = co.code[f.pc++];
                f.line = in.line;
                switch (in.op) {
                case Op::nop: break;
                case Op::pop: st.pop_back(); break;
                case Op::dup:
                    if (in.arg == 2) {
                        st.push_back(st[st.size() - 2]);
                        st.push_back(st[st.size() - 2]);
                    } else {
                        st.push_back(st.back());
                    }
                    break;
                case Op::rot2: std::swap(st[st.size() - 1], st[st.size() - 2]); break;
                case Op::rot3: {  // a b c -> c a b
                    Value c = pop(f);
                    st.insert(st.end() - 2, std::move(c));
                    break;
                }
                case Op::load_const: st.push_back(co.consts[in.arg]); break;
                case Op::load_name: {
                    if (auto* e = f.locals.as<Dict>()->table.find(name_key(co, in.arg))) st.push_back(e->value);
                    else st.push_back(load_global(f, in.arg));
                    break;
                }
                case Op::store_name: f.locals.as<Dict>()->table.insert(name_key(co, in.arg), pop(f)); break;
                case Op::delete_name:
                    if (!f.locals.as<Dict>()->table.remove(name_key(co, in.arg))) name_error(co.names[in.arg]);
                    break;
                case Op::load_fast: {
                    const Value& v = f.fast[in.arg];
                    if (v.is(unbound()))
                        raise(exc::UnboundLocalError, "cannot access local variable '" + co.varnames[in.arg] + "' where it is not associated with a value");
                    st.push_back(v);
                    break;
                }
                case Op::store_fast: f.fast[in.arg] = pop(f); break;
                case Op::delete_fast:
                    if (f.fast[in.arg].is(unbound()))
                        raise(exc::UnboundLocalError, "cannot access local variable '" + co.varnames[in.arg] + "' where it is not associated with a value");
                    f.fast[in.arg] = unbound();
                    break;
                case Op::load_global: st.push_back(load_global(f, in.arg)); break;
                case Op::store_global: f.globals.as<Dict>()->table.insert(name_key(co, in.arg), pop(f)); break;
                case Op::delete_global:
                    if (!f.globals.as<Dict>()->table.remove(name_key(co, in.arg))) name_error(co.names[in.arg]);
                    break;
                case Op::load_deref: {
                    auto* c = f.cells[in.arg].as<Cell>();
                    if (!c->set) {
                        bool free = in.arg >= static_cast<int>(co.cellvars.size());
                        const std::string& n = free ? co.freevars[in.arg - co.cellvars.size()] : co.cellvars[in.arg];
                        if (free) raise(exc::NameError, "cannot access free variable '" + n + "' where it is not associated with a value in enclosing scope");
                        raise(exc::UnboundLocalError, "cannot access local variable '" + n + "' where it is not associated with a value");
                    }
                    st.push_back(c->v);
                    break;
                }
                case Op::store_deref: {
                    auto* c = f.cells[in.arg].as<Cell>();
                    c->v = pop(f);
                    c->set = true;
                    break;
                }
                case Op::delete_deref: {
                    auto* c = f.cells[in.arg].as<Cell>();
                    c->v = Value();
                    c->set = false;
                    break;
                }
                case Op::load_closure: st.push_back(f.cells[in.arg]); break;
                case Op::load_attr: st.back() = load_attr(co, st.back(), in.arg); break;
                case Op::load_method: {
                    Value& obj = st.back();
                    if (const Value* own = own_attr(co, obj, in.arg)) {
                        Value v = *own;
                        obj = std::move(v);
                        st.push_back(Value());  // no self
                        break;
                    }
                    // A thread's base frame calls bound builtins through call_direct (do_call).
                    Value method, self;
                    const std::string& name = co.names[static_cast<std::size_t>(in.arg)];
                    if (!f.thread_base && type_method(obj, name, method, self, &method_cache(co, in.arg))) {
                        obj = std::move(method);
                        st.push_back(std::move(self));
                    } else {
                        obj = getattr(obj, name);
                        st.push_back(Value());
                    }
                    break;
                }
                case Op::store_attr: {
                    Value obj = pop(f);
                    Value v = pop(f);
                    setattr(obj, co.names[in.arg], std::move(v));
                    break;
                }
                case Op::delete_attr: {
                    Value obj = pop(f);
                    call(*type_of(obj).lookup("__delattr__"), {obj, name_key(co, in.arg)});  // found on the type, as CPython
                    break;
                }
                case Op::load_subscr: {
                    Value k = pop(f);
                    st.back() = getitem(st.back(), k);
                    break;
                }
                case Op::store_subscr: {
                    Value k = pop(f);
                    Value c = pop(f);
                    Value v = pop(f);
                    setitem(c, k, std::move(v));
                    break;
                }
                case Op::delete_subscr: {
                    Value k = pop(f);
                    Value c = pop(f);
                    delitem(c, k);
                    break;
                }
                case Op::binary: {
                    Value b = pop(f);
                    st.back() = binary_op(static_cast<BinOp>(in.arg), st.back(), b);
                    break;
                }
                case Op::inplace: {
                    Value b = pop(f);
                    st.back() = inplace_op(static_cast<BinOp>(in.arg), st.back(), b);
                    break;
                }
                case Op::compare: {
                    Value b = pop(f);
                    st.back() = compare(static_cast<CmpOp>(in.arg), st.back(), b);
                    break;
                }
                case Op::unary: st.back() = unary_op(static_cast<UnOp>(in.arg), st.back()); break;
                case Op::is_op: {
                    Value b = pop(f);
                    st.back() = Value::boolean(st.back().is(b) != (in.arg == 1));
                    break;
                }
                case Op::contains_op: {
                    Value c = pop(f);
                    st.back() = Value::boolean(contains(c, st.back()) != (in.arg == 1));
                    break;
                }
                case Op::jump: f.pc = in.arg; break;
                case Op::jump_if_false:
                    if (!truthy(pop(f))) f.pc = in.arg;
                    break;
                case Op::jump_if_true:
                    if (truthy(pop(f))) f.pc = in.arg;
                    break;
                case Op::jump_if_false_or_pop:
                    if (!truthy(st.back())) f.pc = in.arg;
                    else st.pop_back();
                    break;
                case Op::jump_if_true_or_pop:
                    if (truthy(st.back())) f.pc = in.arg;
                    else st.pop_back();
                    break;
                case Op::get_iter: st.back() = iter(st.back()); break;
                case Op::for_iter: {
                    Value x;
                    if (next(st.back(), x)) st.push_back(std::move(x));
                    else {
                        st.pop_back();
                        f.pc = in.arg;
                    }
                    break;
                }
                case Op::build_tuple:
                case Op::build_list:
                case Op::build_set: {
                    std::vector<Value> items;
                    if (in.arg < 0) {
                        items = pop(f).as<List>()->items;
                    } else {
                        items.assign(st.end() - in.arg, st.end());
                        st.resize(st.size() - in.arg);
                    }
                    if (in.op == Op::build_tuple) st.push_back(new_tuple(std::move(items)));
                    else if (in.op == Op::build_list) st.push_back(new_list(std::move(items)));
                    else {
                        Value s = new_set();
                        for (auto& x : items) s.as<Set>()->table.insert(x, Value());
                        st.push_back(std::move(s));
                    }
                    break;
                }
                case Op::build_dict: {
                    Value d = new_dict();
                    std::size_t base = st.size() - 2 * in.arg;
                    for (std::size_t i = base; i < st.size(); i += 2) setitem(d, st[i], st[i + 1]);
                    st.resize(base);
                    st.push_back(std::move(d));
                    break;
                }
                case Op::build_slice: {
                    Value c = pop(f), b = pop(f), a = pop(f);
                    st.push_back(Value(new Slice(std::move(a), std::move(b), std::move(c))));
                    break;
                }
                case Op::build_string: {
                    std::string s;
                    for (auto it = st.end() - in.arg; it != st.end(); ++it) s += as_str(*it)->s;
                    st.resize(st.size() - in.arg);
                    st.push_back(new_str(std::move(s)));
                    break;
                }
                case Op::list_append: {
                    Value v = pop(f);
                    st[st.size() - in.arg].as<List>()->items.push_back(std::move(v));
                    break;
                }
                case Op::set_add: {
                    Value v = pop(f);
                    st[st.size() - in.arg].as<Set>()->table.insert(v, Value());
                    break;
                }
                case Op::map_add: {
                    Value v = pop(f);
                    Value k = pop(f);
                    setitem(st[st.size() - in.arg], k, std::move(v));
                    break;
                }
                case Op::list_extend: {
                    Value v = pop(f);
                    auto& items = st[st.size() - in.arg].as<List>()->items;
                    for_each(v, [&](const Value& x) { items.push_back(x); });
                    break;
                }
                case Op::dict_update: {
                    Value v = pop(f);
                    call_method(st[st.size() - in.arg], "update", {v});
                    break;
                }
                case Op::unpack: {
                    Value seq = pop(f);
                    std::vector<Value> items;
                    Value it = unpack_iter(seq);
                    Value x;
                    while (next(it, x)) {
                        if (static_cast<int>(items.size()) == in.arg)
                            raise(exc::ValueError, "too many values to unpack (expected " + std::to_string(in.arg) + ")");
                        items.push_back(x);
                    }
                    if (static_cast<int>(items.size()) < in.arg)
                        raise(exc::ValueError, "not enough values to unpack (expected " + std::to_string(in.arg) + ", got " + std::to_string(items.size()) + ")");
                    for (auto i = items.rbegin(); i != items.rend(); ++i) st.push_back(*i);
                    break;
                }
                case Op::unpack_ex: {
                    int before = in.arg & 255, after = in.arg >> 8;
                    Value seq = pop(f);
                    std::vector<Value> items = to_vector(is(seq, Kind::list) || is(seq, Kind::tuple) ? seq : unpack_iter(seq));
                    int n = static_cast<int>(items.size());
                    if (n < before + after)
                        raise(exc::ValueError, "not enough values to unpack (expected at least " + std::to_string(before + after) + ", got " + std::to_string(n) + ")");
                    for (int i = n - 1; i >= n - after; --i) st.push_back(items[i]);
                    st.push_back(new_list(std::vector<Value>(items.begin() + before, items.end() - after)));
                    for (int i = before - 1; i >= 0; --i) st.push_back(items[i]);
                    break;
                }
                case Op::format_value: {
                    Value spec = (in.arg & 256) ? pop(f) : Value();
                    Value v = pop(f);
                    int conv = in.arg & 255;
                    if (conv == 'r') v = new_str(repr(v));
                    else if (conv == 's') v = str_value(v);
                    else if (conv == 'a') v = new_str(repr(v));
                    std::string sp = spec.is_none() ? std::string() : as_str(spec)->s;
                    if (sp.empty() && is(v, Kind::str)) st.push_back(v);
                    else st.push_back(new_str(format(v, sp)));  // format() calls a user's __format__
                    break;
                }
                case Op::call: st.push_back(do_call(f, in.arg, nullptr)); break;
                case Op::call_method: {
                    std::size_t base = st.size() - static_cast<std::size_t>(in.arg) - 2;
                    // no self (a module's function): a plain call of the attribute
                    Value r = st[base + 1].is_none() ? call_from_stack(f, base, base + 2, static_cast<std::size_t>(in.arg), nullptr)
                                                     : do_call_method(f, static_cast<std::size_t>(in.arg), nullptr);
                    st.push_back(std::move(r));
                    break;
                }
                case Op::call_method_kw: {
                    Value names = pop(f);
                    st.push_back(do_call_method(f, in.arg, names.as<Tuple>()));
                    break;
                }
                case Op::call_kw: {
                    Value names = pop(f);
                    st.push_back(do_call(f, in.arg, names.as<Tuple>()));
                    break;
                }
                case Op::call_ex: {
                    Value kw = pop(f), args = pop(f), fn = pop(f);
                    if (!is(args, Kind::tuple)) args = new_tuple(to_vector(args));
                    st.push_back(call_ex(fn, args, kw));
                    break;
                }
                case Op::make_function: {
                    Value code = pop(f);
                    auto* fn = new Function();
                    Value fv(fn);
                    fn->code = code;
                    fn->globals = f.globals;
                    fn->name = code.as<Code>()->name;
                    fn->qualname = code.as<Code>()->qualname;
                    if (!f.func.is_none()) fn->owner = f.func.as<Function>()->owner;  // CPython's __class__ cell
                    if (in.arg & 4) fn->closure = pop(f).as<Tuple>()->items;
                    if (in.arg & 8) fn->annotations = pop(f);
                    if (in.arg & 2) fn->kwdefaults = pop(f);
                    if (in.arg & 1) fn->defaults = pop(f);
                    st.push_back(std::move(fv));
                    break;
                }
                case Op::return_value:
                    result = pop(f);
                    return Exit::returned;
                case Op::yield_value:
                    result = pop(f);
                    return Exit::yielded;
                case Op::get_awaitable: {
                    if (is_awaitable(st.back())) break;
                    if (in.arg == 0) raise(exc::TypeError, "object " + type_name(st.back()) + " can't be used in 'await' expression");
                    raise(exc::TypeError, std::string("'async with' received an object from ") + (in.arg == 1 ? "__aenter__" : "__aexit__") +
                                              " that does not implement __await__: " + type_name(st.back()));
                }
                case Op::before_async_with: {
                    Value mgr = pop(f);
                    Value enter, exit;
                    if (!try_getattr(mgr, "__aenter__", enter))
                        raise(exc::TypeError, "'" + type_name(mgr) + "' object does not support the asynchronous context manager protocol");
                    if (!try_getattr(mgr, "__aexit__", exit))
                        raise(exc::TypeError, "'" + type_name(mgr) + "' object does not support the asynchronous context manager protocol (missed __aexit__ method)");
                    st.push_back(exit);
                    st.push_back(call(enter, {}));
                    break;
                }
                case Op::async_exit: {
                    if (in.arg == 0) {
                        st.back() = call(st.back(), {Value(), Value(), Value()});
                        break;
                    }
                    Value e = pop(f);
                    Value exit = pop(f);
                    st.push_back(e);
                    st.push_back(call(exit, {Value(&type_of(e)), e, eo_traceback(e)}));
                    break;
                }
                case Op::async_with_end: {
                    // the handler block stayed while __aexit__ was awaited (its errors chain to e)
                    Value suppress = pop(f);
                    Value e = pop(f);
                    f.handled.pop_back();
                    f.blocks.pop_back();
                    if (!truthy(suppress)) {
                        reraising() = true;
                        throw Error(e);
                    }
                    break;
                }
                case Op::get_aiter: {
                    Value obj = st.back();
                    if (!type_of(obj).lookup("__aiter__"))
                        raise(exc::TypeError, "'async for' requires an object with __aiter__ method, got " + type_name(obj));
                    Value it = call_method(obj, "__aiter__", {});
                    if (!type_of(it).lookup("__anext__"))
                        raise(exc::TypeError, "'async for' received an object from __aiter__ that does not implement __anext__: " + type_name(it));
                    st.back() = it;
                    break;
                }
                case Op::get_anext: {
                    Value aw = call_method(st.back(), "__anext__", {});
                    if (!is_awaitable(aw))
                        raise(exc::TypeError, "'async for' received an invalid object from __anext__: " + type_name(aw));
                    st.push_back(aw);
                    break;
                }
                case Op::end_async_for: {
                    Value e = pop(f);
                    if (!isinstance(e, exc::StopAsyncIteration)) {
                        reraising() = true;
                        throw Error(e);
                    }
                    st.pop_back();  // the async iterator
                    f.handled.pop_back();
                    f.blocks.pop_back();
                    break;
                }
                case Op::await_:
                    // the driver (run_coroutine) awaits it and resumes us with the value
                    result = pop(f);
                    return Exit::awaiting;
                case Op::yield_from: {
                    Value v = pop(f);
                    Value& sub = st.back();
                    Value out;
                    bool done;
                    try {
                        // generators report their return value through StopIteration
                        if (v.is_none() && !type_of(sub).lookup("send")) done = !next(sub, out);
                        else {
                            out = call_method(sub, "send", {v});
                            done = false;
                        }
                    } catch (const Error& e) {
                        if (!isinstance(e.exc, exc::StopIteration)) throw;
                        auto& args = e.exc.as<ExceptionObject>()->args.as<Tuple>()->items;
                        out = args.empty() ? Value() : args[0];
                        done = true;
                    }
                    if (done) {
                        st.back() = out;
                        break;
                    }
                    --f.pc;  // resume here with the sent value
                    result = out;
                    return Exit::yielded;
                }
                case Op::raise_: {
                    if (in.arg == 0) {
                        if (f.handled.empty()) raise(exc::RuntimeError, "No active exception to reraise");
                        reraising() = true;
                        throw Error(f.handled.back());
                    }
                    Value cause = in.arg == 2 ? pop(f) : Value();
                    Value e = exception_of(pop(f));
                    if (in.arg == 2) {
                        if (!cause.is_none()) cause = exception_of(cause);
                        setattr(e, "__cause__", cause);
                    }
                    throw Error(e);
                }
                case Op::reraise: {
                    Value e = pop(f);
                    reraising() = true;  // keeps the traceback it has
                    throw Error(e);
                }
                case Op::star_begin: {
                    Value e = st.back();
                    st.push_back(new_list());
                    st.push_back(e);
                    break;
                }
                case Op::star_match: {
                    Value types = pop(f);
                    Value match, rest;
                    bool hit = star_match(st.back(), types, match, rest);
                    st.back() = rest;
                    if (!hit) {
                        f.pc = static_cast<std::size_t>(in.arg);
                        break;
                    }
                    // the handler runs with the match as the exception being handled (bare raise)
                    f.handled.push_back(match);
                    f.blocks.push_back({Op::pop_except, -1, st.size()});
                    st.push_back(match);
                    break;
                }
                case Op::star_add: {
                    Value e = pop(f);
                    st[st.size() - 2].as<List>()->items.push_back(e);
                    // leave the handler of e and the clause's handling of its match
                    for (int i = 0; i < 2; ++i) {
                        f.blocks.pop_back();
                        f.handled.pop_back();
                    }
                    break;
                }
                case Op::star_end: {
                    Value rest = pop(f);
                    Value list = pop(f);
                    Value orig = pop(f);
                    auto excs = list.as<List>()->items;
                    excs.push_back(rest);
                    Value out = star_reraise(orig, excs);
                    f.blocks.pop_back();  // the handling of orig ends either way
                    f.handled.pop_back();
                    if (!out.is_none()) {
                        reraising() = true;  // keeps the traceback it has
                        throw Error(out);
                    }
                    break;
                }
                case Op::setup_except:
                case Op::setup_finally: f.blocks.push_back({in.op, in.arg, st.size()}); break;
                case Op::pop_block: f.blocks.pop_back(); break;
                case Op::pop_except: f.handled.pop_back(); break;
                case Op::exc_match: {
                    Value spec = pop(f);
                    st.back() = Value::boolean(exc_matches(st.back(), spec));
                    break;
                }
                case Op::before_with: {
                    Value mgr = pop(f);
                    Value enter, exit;
                    if (!try_getattr(mgr, "__enter__", enter))
                        raise(exc::TypeError, "'" + type_name(mgr) + "' object does not support the context manager protocol");
                    if (!try_getattr(mgr, "__exit__", exit))
                        raise(exc::TypeError, "'" + type_name(mgr) + "' object does not support the context manager protocol (missed __exit__ method)");
                    st.push_back(exit);
                    st.push_back(call(enter, {}));
                    break;
                }
                case Op::exit_with: {
                    Value exit = pop(f);
                    call(exit, {Value(), Value(), Value()});
                    break;
                }
                case Op::with_except: {
                    Value e = pop(f);
                    Value exit = pop(f);
                    // The handler block stays while __exit__ runs: its errors chain to e (as async with's).
                    Value suppress = call(exit, {Value(&type_of(e)), e, eo_traceback(e)});
                    f.handled.pop_back();
                    f.blocks.pop_back();
                    if (!truthy(suppress)) {
                        reraising() = true;
                        throw Error(e);
                    }
                    break;
                }
                case Op::import_name: st.push_back(import_module(co.names[in.arg])); break;
                case Op::import_from: {
                    Value v;
                    if (!try_getattr(st.back(), co.names[in.arg], v)) {
                        Value mn;
                        try_getattr(st.back(), "__name__", mn);
                        // `from pkg import sub` imports the submodule pkg.sub when pkg has no such name.
                        if (!mn.is_none() && find_submodule(str(mn) + "." + co.names[in.arg]))
                            v = import_module(str(mn) + "." + co.names[in.arg]);
                        else
                            raise(exc::ImportError, "cannot import name '" + co.names[in.arg] + "' from '" + (mn.is_none() ? std::string("?") : str(mn)) + "'");
                    }
                    st.push_back(v);
                    break;
                }
                case Op::import_star: {
                    Value m = pop(f);
                    Value d = getattr(m, "__dict__");
                    d.as<Dict>()->table.each([&](const HashTable::Entry& e) {
                        if (as_str(e.key)->s[0] != '_') f.locals.as<Dict>()->table.insert(e.key, e.value);
                    });
                    break;
                }
                case Op::load_build_class: st.push_back(new_function("__build_class__", build_class)); break;
                case Op::setup_annotations: {
                    HashTable& names = f.locals.as<Dict>()->table;
                    const Value& key = name_key(co, in.arg);
                    if (!names.find(key)) names.insert(key, new_dict());
                    break;
                }
                case Op::load_super_attr: st.back() = super_attr(f, st.back(), co.names[in.arg]); break;
                case Op::load_super: st.back() = bare_super(f, st.back()); break;
                case Op::assert_fail: {
                    Value e = in.arg ? call(Value(&exc::AssertionError), {pop(f)}) : call(Value(&exc::AssertionError), {});
                    throw Error(e);
                }
                }
            }
        } catch (const Suspend& s) {
            result = s.awaitable;  // the thread's driver awaits it
            return Exit::awaiting;
        } catch (const Error& err) {
            unwind(err.exc);
        } catch (const std::bad_alloc&) {  // '...' * huge, bytes(10**18): CPython's MemoryError
            unwind(new_exception(exc::MemoryError, {}));
        } catch (const std::length_error&) {  // a size past the container's max_size (wasm32)
            unwind(new_exception(exc::MemoryError, {}));
        }
    }
}

}  // namespace aio::py
