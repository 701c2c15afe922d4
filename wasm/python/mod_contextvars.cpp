// The contextvars module on aio's task contexts (aio/context_var.hpp): a ContextVar's value lives
// in the running aio task's context, which every task copies from its creator, as asyncio's
// tasks copy the current context. A Context object owns one such context (copy_context, Context.run);
// a task or callback given context= runs in that very context, writing to it in place.
#include "python/detail.hpp"

#include "aio/context_var.hpp"
#include "aio/detail/context.hpp"

#include <memory>
#include <utility>
#include <vector>

namespace aio::py {

namespace {

struct ContextVarObject : Object {
    ContextVarObject(Type* t, std::string n, Value d, bool has)
        : Object(t), name(std::move(n)), default_value(std::move(d)), has_default(has) {}
    std::string name;
    Value default_value;
    bool has_default;
};
struct TokenObject : Object {
    TokenObject(Type* t, Value v, std::shared_ptr<const void> o) : Object(t), var(std::move(v)), old(std::move(o)) {}
    Value var;
    std::shared_ptr<const void> old;  // null: the variable was not set
    bool used = false;
};
// What a context holds for a ContextVar (keyed by the ContextVarObject): the variable too, so
// that it lives as long as the context names it and Context can list its keys.
struct Entry {
    Value var;
    Value value;
};
struct ContextObject : Object {
    explicit ContextObject(Type* t, aio::detail::context_data* d = nullptr) : Object(t), data(d) {}
    ~ContextObject() override { aio::detail::context_release(data); }
    aio::detail::context_data* data;  // owned; null: empty (and while the context is entered)
    bool entered = false;
};

Value ctor_var(Type&, const Value*, std::size_t, const Tuple*);
Type context_var_type("ContextVar", &object_type, Kind::object, ctor_var);
Type token_type("Token", &object_type, Kind::object);
Value ctor_context(Type&, const Value*, std::size_t, const Tuple*);
Type context_type("Context", &object_type, Kind::object, ctor_context);

Value ctor_var(Type& t, const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs("ContextVar", kwnames, {"default"});
    if (nargs != 1) raise(exc::TypeError, "ContextVar() takes exactly 1 positional argument");
    if (!is(args[0], Kind::str)) raise(exc::TypeError, "context variable name must be a str");
    const Value* d = detail::kwarg(args, nargs, kwnames, "default");
    return Value(new ContextVarObject(&t, str(args[0]), d ? *d : Value(), d != nullptr));
}

ContextVarObject& var(const Value* args, std::size_t nargs) {
    if (nargs == 0 || !isinstance(args[0], context_var_type)) raise(exc::TypeError, "a ContextVar is required");
    return *static_cast<ContextVarObject*>(args[0].obj());
}

std::string var_repr(const Value& v) {
    auto* o = static_cast<ContextVarObject*>(v.obj());
    std::string out = "<ContextVar name=" + detail::str_repr(o->name);
    if (o->has_default) out += " default=" + repr(o->default_value);
    return out + " at " + detail::hex_address(o) + ">";
}

// The key is the ContextVar object itself: its value in the current task's context.
Value m_get(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    auto& v = var(args, nargs);
    detail::no_kwargs("get", kwnames);
    detail::check_args("get()", nargs - 1, 0, 1);
    if (auto p = aio::detail::context_get(&v)) return static_cast<const Entry*>(p.get())->value;
    if (nargs > 1) return args[1];
    if (v.has_default) return v.default_value;
    raise(new_exception(exc::LookupError, {args[0]}));
}
Value m_set(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    auto& v = var(args, nargs);
    detail::no_kwargs("set", kwnames);
    detail::check_args("set()", nargs - 1, 1, 1);
    auto old = aio::detail::context_set(&v, std::make_shared<const Entry>(Entry{args[0], args[1]}));
    return Value(new TokenObject(&token_type, args[0], std::move(old)));
}
Value m_reset(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    auto& v = var(args, nargs);
    detail::no_kwargs("reset", kwnames);
    detail::check_args("reset()", nargs - 1, 1, 1);
    if (!isinstance(args[1], token_type))
        raise(exc::TypeError, "expected an instance of Token, got " + detail::str_repr(type_name(args[1])));
    auto& t = *static_cast<TokenObject*>(args[1].obj());
    std::string token_repr = "<Token var=" + var_repr(t.var) + " at " + detail::hex_address(&t) + ">";
    if (t.used) raise(exc::RuntimeError, token_repr + " has already been used once");
    if (t.var.obj() != &v) raise(exc::ValueError, token_repr + " was created by a different ContextVar");
    t.used = true;
    aio::detail::context_set(&v, std::move(t.old));
    return Value();
}
Value m_repr(const Value* args, std::size_t nargs, const Tuple*) {
    var(args, nargs);
    return new_str(var_repr(args[0]));
}

Value g_name(const Value* args, std::size_t nargs, const Tuple*) { return new_str(var(args, nargs).name); }

// --- Context: a mapping ContextVar -> value, and a place to run code in.

Value ctor_context(Type& t, const Value*, std::size_t nargs, const Tuple* kwnames) {
    if (nargs != 0 || (kwnames && !kwnames->items.empty()))
        raise(exc::TypeError, "Context() does not accept any arguments");
    return Value(new ContextObject(&t));
}

ContextObject& context(const Value* args, std::size_t nargs) {
    if (nargs == 0 || !isinstance(args[0], context_type)) raise(exc::TypeError, "a Context is required");
    return *static_cast<ContextObject*>(args[0].obj());
}

// c's context, retained. An entered one is the current context (Context.run moved it there).
aio::detail::context_data* retained_data(const ContextObject& c) {
    return c.entered ? aio::detail::context_retain_current() : aio::detail::context_retain(c.data);
}

// In the Python front-end every context entry is a ContextVar's Entry (m_set writes them all).
std::vector<Entry> entries(const ContextObject& c) {
    aio::detail::context_data* data = retained_data(c);
    std::vector<Entry> out;
    for (auto& [key, value] : aio::detail::context_entries(data))
        out.push_back(*static_cast<const Entry*>(value.get()));
    aio::detail::context_release(data);
    return out;
}

// The value for ContextVar `key` in c, or null; CPython's TypeError for another key.
const Value* lookup(const std::vector<Entry>& all, const Value& key) {
    if (!isinstance(key, context_var_type)) raise(exc::TypeError, "a ContextVar key was expected, got " + repr(key));
    for (auto& e : all)
        if (e.var.obj() == key.obj()) return &e.value;
    return nullptr;
}

Value c_getitem(const Value* args, std::size_t nargs, const Tuple*) {
    detail::check_args("__getitem__", nargs - 1, 1, 1);
    auto all = entries(context(args, nargs));
    if (const Value* v = lookup(all, args[1])) return *v;
    raise(new_exception(exc::KeyError, {args[1]}));
}
Value c_contains(const Value* args, std::size_t nargs, const Tuple*) {
    detail::check_args("__contains__", nargs - 1, 1, 1);
    auto all = entries(context(args, nargs));
    return Value::boolean(lookup(all, args[1]) != nullptr);
}
Value c_get(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("get", kwnames);
    detail::check_args("get", nargs - 1, 1, 2);
    auto all = entries(context(args, nargs));
    if (const Value* v = lookup(all, args[1])) return *v;
    return nargs > 2 ? args[2] : Value();
}
Value c_len(const Value* args, std::size_t nargs, const Tuple*) {
    return Value::integer(static_cast<std::int64_t>(entries(context(args, nargs)).size()));
}
// keys/values/items: as CPython 3.11's, one-shot iterators (types named keys, values, items)
// whose len() is the context's size.
struct ItemsIterator : Object {
    ItemsIterator(Type* t, std::vector<Value> v) : Object(t), items(std::move(v)) {}
    std::vector<Value> items;
    std::size_t next = 0;
};
Type keys_type("keys", &object_type, Kind::object);
Type values_type("values", &object_type, Kind::object);
Type items_type("items", &object_type, Kind::object);

ItemsIterator& items_iterator(const Value* args, std::size_t nargs) {
    if (nargs == 0 || !(isinstance(args[0], keys_type) || isinstance(args[0], values_type) ||
                        isinstance(args[0], items_type)))
        raise(exc::TypeError, "a Context iterator is required");
    return *static_cast<ItemsIterator*>(args[0].obj());
}
Value i_iter(const Value* args, std::size_t nargs, const Tuple*) {
    items_iterator(args, nargs);
    return args[0];
}
Value i_next(const Value* args, std::size_t nargs, const Tuple*) {
    auto& it = items_iterator(args, nargs);
    if (it.next == it.items.size()) raise(new_exception(exc::StopIteration, {}));
    return it.items[it.next++];
}
Value i_len(const Value* args, std::size_t nargs, const Tuple*) {
    return Value::integer(static_cast<std::int64_t>(items_iterator(args, nargs).items.size()));
}

template <class Pick>
Value listed(const Value* args, std::size_t nargs, Type& type, Pick pick) {
    std::vector<Value> out;
    for (auto& e : entries(context(args, nargs))) out.push_back(pick(e));
    return Value(new ItemsIterator(&type, std::move(out)));
}
Value c_keys(const Value* a, std::size_t n, const Tuple*) {
    return listed(a, n, keys_type, [](const Entry& e) { return e.var; });
}
Value c_values(const Value* a, std::size_t n, const Tuple*) {
    return listed(a, n, values_type, [](const Entry& e) { return e.value; });
}
Value c_items(const Value* a, std::size_t n, const Tuple*) {
    return listed(a, n, items_type, [](const Entry& e) { return new_tuple({e.var, e.value}); });
}
Value c_repr(const Value* args, std::size_t nargs, const Tuple*) {
    return new_str("<_contextvars.Context object at " + detail::hex_address(&context(args, nargs)) + ">");
}
Value c_iter(const Value* a, std::size_t n, const Tuple* k) { return iter(c_keys(a, n, k)); }
Value c_copy(const Value* args, std::size_t nargs, const Tuple*) {
    auto& c = context(args, nargs);
    return Value(new ContextObject(&context_type, c.entered ? aio::detail::context_retain_current()
                                                            : aio::detail::context_share(c.data)));
}

// ctx.run(fn, *args, **kwargs): fn runs with ctx current; what it sets stays in ctx.
Value c_run(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    auto& c = context(args, nargs);
    if (nargs < 2) raise(exc::TypeError, "run() missing 1 required positional argument");
    if (c.entered || aio::detail::context_is_current(c.data))  // the latter: a task's (context=)
        raise(exc::RuntimeError, "cannot enter context: " + repr(args[0]) + " is already entered");
    struct entered_scope {
        ContextObject& c;
        aio::detail::context_data* previous;
        explicit entered_scope(ContextObject& ctx)
            : c(ctx), previous(aio::detail::context_swap_current(std::exchange(ctx.data, nullptr))) {
            c.entered = true;
        }
        ~entered_scope() {
            c.data = aio::detail::context_swap_current(previous);
            c.entered = false;
        }
    } scope(c);
    return call(args[1], args + 2, nargs - 2, kwnames);
}

Value f_copy_context(const Value*, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("copy_context", kwnames);
    detail::check_args("copy_context()", nargs, 0, 0);
    return Value(new ContextObject(&context_type, aio::detail::context_retain_current()));
}

}  // namespace

namespace {
// Context's methods, once: callbacks and tasks make Context objects (context.run) in programs
// that never import contextvars.
void init_context_type() {
    static bool done = false;
    if (done) return;
    done = true;
    context_type.module = "_contextvars";
    def_method(context_type, "__getitem__", c_getitem);
    def_method(context_type, "__contains__", c_contains);
    def_method(context_type, "__len__", c_len);
    def_method(context_type, "__iter__", c_iter);
    def_method(context_type, "get", c_get);
    def_method(context_type, "keys", c_keys);
    def_method(context_type, "values", c_values);
    def_method(context_type, "items", c_items);
    def_method(context_type, "copy", c_copy);
    def_method(context_type, "run", c_run);
    def_method(context_type, "__repr__", c_repr);
    for (Type* t : {&keys_type, &values_type, &items_type}) {
        t->module = "builtins";
        def_method(*t, "__iter__", i_iter);
        def_method(*t, "__next__", i_next);
        def_method(*t, "__len__", i_len);
    }
}
}  // namespace

Value copy_current_context() {
    init_context_type();
    return Value(new ContextObject(&context_type, aio::detail::context_retain_current()));
}

Value callback_context() {
    if (!aio::detail::contexts_in_use) return Value();  // every context is empty: nothing to copy
    return copy_current_context();
}

void check_context_arg(const Value& context) {
    if (!context.is_none() && !isinstance(context, context_type))
        raise(exc::TypeError, "context must be a contextvars.Context, not " + detail::str_repr(type_name(context)));
}

void assign_context(const aio::detail::task_core& task, const Value& context) {
    if (context.is_none()) return;
    auto& c = *static_cast<ContextObject*>(context.obj());
    aio::detail::context_data* data;
    if (c.entered) {  // inside ctx.run(): the context is the current one for now
        data = aio::detail::context_by_reference(aio::detail::context_swap_current(nullptr));
        aio::detail::context_swap_current(aio::detail::context_retain(data));
    } else {
        data = c.data = aio::detail::context_by_reference(c.data);
        aio::detail::context_retain(data);
    }
    aio::detail::context_assign(task, data);
}

void init_contextvars(Dict& ns) {
    context_var_type.module = token_type.module = "_contextvars";
    def_getter(context_var_type, "name", g_name);
    def_method(context_var_type, "get", m_get);
    def_method(context_var_type, "set", m_set);
    def_method(context_var_type, "reset", m_reset);
    def_method(context_var_type, "__repr__", m_repr);
    ns.table.insert(new_str("ContextVar"), Value(&context_var_type));
    ns.table.insert(new_str("Token"), Value(&token_type));
    init_context_type();
    ns.table.insert(new_str("Context"), Value(&context_type));
    ns.table.insert(new_str("copy_context"), new_function("copy_context", f_copy_context));
}

}  // namespace aio::py
