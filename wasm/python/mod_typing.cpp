// The typing module, as far as code that imports it for its annotations needs: `from typing
// import List, Optional, Callable, Awaitable, ...` works, the names subscript (`Dict[str,
// List[int]]`, `Optional[X]`, `Callable[[int], str]`, `Tuple[int, ...]`) and print as CPython's,
// TypeVar, cast and TYPE_CHECKING. A module's or class's annotations are evaluated (README), so
// these are what __annotations__ and dataclasses' fields hold. Not here: Generic, Protocol,
// NamedTuple, TypedDict as base classes (AttributeError).
#include "python/detail.hpp"

namespace aio::py {

using namespace detail;

namespace {

struct TypingAlias : Object {
    TypingAlias(Type* t, std::string n, Value a, bool var) : Object(t), name(std::move(n)), args(std::move(a)), typevar(var) {}
    std::string name;  // "List", "Union", ...; a TypeVar's own name
    Value args;        // tuple when subscripted, else None
    bool typevar;
};

Type alias_type("_GenericAlias", &object_type, Kind::object);

TypingAlias& alias_of(const Value& v) { return *static_cast<TypingAlias*>(v.obj()); }
Value make_alias(std::string name, Value args = Value(), bool typevar = false) {
    return Value(new TypingAlias(&alias_type, std::move(name), std::move(args), typevar));
}

// typing._type_repr: a class by its qualified name (builtins bare), `...`, a forward reference.
std::string type_repr(const Value& v) {
    if (is(v, Kind::type)) {
        const Type& t = *v.as<Type>();
        return (t.module.empty() || t.module == "builtins" ? std::string() : t.module + ".") + t.name;
    }
    if (v.is(ellipsis())) return "...";
    if (is(v, Kind::str)) return "ForwardRef(" + repr(v) + ")";
    if (is(v, Kind::list)) {  // Callable's parameters
        std::string out = "[";
        for (const Value& x : v.as<List>()->items) out += (out.size() > 1 ? ", " : "") + type_repr(x);
        return out + "]";
    }
    return repr(v);
}

Value alias_repr(const Value* a, std::size_t, const Tuple*) {
    const TypingAlias& t = alias_of(a[0]);
    if (t.typevar) return new_str("~" + t.name);
    if (t.args.is_none()) return new_str("typing." + t.name);
    const auto& args = t.args.as<Tuple>()->items;
    if (t.name == "Union" && args.size() == 2 && (args[0].is(Value(&none_type)) || args[1].is(Value(&none_type))))
        return new_str("typing.Optional[" + type_repr(args[0].is(Value(&none_type)) ? args[1] : args[0]) + "]");
    std::string out = "typing." + t.name + "[";
    if (args.empty()) out += "()";  // Tuple[()]
    for (std::size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + type_repr(args[i]);
    return new_str(out + "]");
}

// A parameter as typing keeps it: None is NoneType.
Value parameter(const Value& v) { return v.is_none() ? Value(&none_type) : v; }

// Union[...]: nested unions flattened, duplicates dropped, one member is that member itself.
Value make_union(const std::vector<Value>& given) {
    std::vector<Value> members;
    auto add = [&](const Value& v) {
        for (const Value& m : members)
            if (m.is(v)) return;
        members.push_back(v);
    };
    for (const Value& v : given) {
        if (isinstance(v, alias_type) && alias_of(v).name == "Union" && !alias_of(v).args.is_none())
            for (const Value& m : alias_of(v).args.as<Tuple>()->items) add(m);
        else add(parameter(v));
    }
    if (members.size() == 1) return members[0];
    return make_alias("Union", new_tuple(std::move(members)));
}

Value alias_getitem(const Value* a, std::size_t n, const Tuple* kw) {
    slot_args(n - 1, 1, kw, "__getitem__");
    const TypingAlias& t = alias_of(a[0]);
    if (t.typevar || !t.args.is_none()) raise(exc::TypeError, type_repr(a[0]) + " is not a generic class");
    if (t.name == "Any") raise(exc::TypeError, "type 'Any' is not subscriptable");
    std::vector<Value> params = is(a[1], Kind::tuple) ? a[1].as<Tuple>()->items : std::vector<Value>{a[1]};
    if (t.name == "Tuple" && params.empty()) return make_alias("Tuple", new_tuple());  // Tuple[()]
    if (params.empty())
        raise(exc::TypeError, t.name == "Union" ? "Cannot take a Union of no types." : "Parameter list to " + t.name + "[...] cannot be empty");
    if (t.name == "Union") return make_union(params);
    if (t.name == "Optional") {
        if (params.size() != 1) raise(exc::TypeError, "typing.Optional requires a single type. Got " + repr(a[1]) + ".");
        return make_union({params[0], Value(&none_type)});
    }
    if (t.name == "Callable" && params.size() != 2)
        raise(exc::TypeError, "Callable must be used as Callable[[arg, ...], result].");
    for (Value& p : params) p = parameter(p);
    return make_alias(t.name, new_tuple(std::move(params)));
}

// TypeVar(name, *constraints, bound=None, covariant=False, contravariant=False)
Value type_var(const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("TypeVar", kw, {"bound", "covariant", "contravariant"});
    if (n == 0 || !is(a[0], Kind::str)) raise(exc::TypeError, "TypeVar() needs a name (a str)");
    return make_alias(as_str(a[0])->s, Value(), true);
}

Value cast(const Value* a, std::size_t n, const Tuple* kw) {  // cast(typ, val): val, unchecked
    no_kwargs("cast", kw);
    check_args("cast()", n, 2, 2);
    return a[1];
}

const char* const alias_names[] = {
    "Any", "List", "Dict", "Set", "FrozenSet", "Tuple", "Type", "Optional", "Union", "Callable", "Awaitable",
    "Coroutine", "AsyncIterator", "AsyncIterable", "AsyncGenerator", "Iterator", "Iterable", "Generator",
    "Sequence", "MutableSequence", "Mapping", "MutableMapping", "Collection", "Container", "Hashable", "Sized",
    "Deque", "DefaultDict", "NoReturn", "ClassVar", "Final", "Literal"};

}  // namespace

void init_typing(Dict& ns) {
    static bool typed = false;
    if (!typed) {
        typed = true;
        alias_type.module = "typing";
        def_method(alias_type, "__repr__", alias_repr);
        def_method(alias_type, "__getitem__", alias_getitem);
    }
    for (const char* name : alias_names) ns.table.insert(new_str(name), make_alias(name));
    ns.table.insert(new_str("TypeVar"), new_function("TypeVar", type_var));
    ns.table.insert(new_str("cast"), new_function("cast", cast));
    ns.table.insert(new_str("TYPE_CHECKING"), Value::boolean(false));
}

}  // namespace aio::py
