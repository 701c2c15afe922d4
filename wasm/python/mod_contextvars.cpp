// The contextvars module on aio's task contexts (aio/context_var.hpp): a ContextVar's value lives
// in the running aio task's context, which every task copies from its creator, as asyncio's
// tasks copy the current context.
#include "python/detail.hpp"

#include "aio/context_var.hpp"

#include <memory>

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

Value ctor_var(Type&, const Value*, std::size_t, const Tuple*);
Type context_var_type("ContextVar", &object_type, Kind::object, ctor_var);
Type token_type("Token", &object_type, Kind::object);

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
    if (auto p = aio::detail::context_get(&v)) return *static_cast<const Value*>(p.get());
    if (nargs > 1) return args[1];
    if (v.has_default) return v.default_value;
    raise(new_exception(exc::LookupError, {args[0]}));
}
Value m_set(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    auto& v = var(args, nargs);
    detail::no_kwargs("set", kwnames);
    detail::check_args("set()", nargs - 1, 1, 1);
    auto old = aio::detail::context_set(&v, std::make_shared<const Value>(args[1]));
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

}  // namespace

void init_contextvars(Dict& ns) {
    context_var_type.module = token_type.module = "_contextvars";
    def_getter(context_var_type, "name", g_name);
    def_method(context_var_type, "get", m_get);
    def_method(context_var_type, "set", m_set);
    def_method(context_var_type, "reset", m_reset);
    def_method(context_var_type, "__repr__", m_repr);
    ns.table.insert(new_str("ContextVar"), Value(&context_var_type));
    ns.table.insert(new_str("Token"), Value(&token_type));
}

}  // namespace aio::py
