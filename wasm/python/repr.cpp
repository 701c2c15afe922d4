// repr() and str() of every builtin type, as CPython prints them.
#include "python/detail.hpp"

namespace aio::py {

using namespace detail;

namespace {

template <class Range>
std::string join_reprs(const Range& items) {
    std::string out;
    bool first = true;
    for (auto& x : items) {
        if (!first) out += ", ";
        first = false;
        out += repr(x);
    }
    return out;
}

std::string set_body(const HashTable& t) {
    std::string out;
    bool first = true;
    t.each([&](const HashTable::Entry& e) {
        if (!first) out += ", ";
        first = false;
        out += repr(e.key);
    });
    return out;
}

std::string dict_body(const HashTable& t) {
    std::string out;
    bool first = true;
    t.each([&](const HashTable::Entry& e) {
        if (!first) out += ", ";
        first = false;
        out += repr(e.key) + ": " + repr(e.value);
    });
    return out;
}

std::string object_repr(const Value& v) {
    Kind k = v.obj()->type->kind;
    Object* o = v.obj();
    switch (k) {
    case Kind::integer:
    case Kind::real: return repr(unboxed(v));
    case Kind::str: return str_repr(v.as<Str>()->s);
    case Kind::bytes: return bytes_repr(v.as<Bytes>()->s);
    case Kind::list: {
        ReprGuard g(o);
        if (!g.active) return "[...]";
        return "[" + join_reprs(v.as<List>()->items) + "]";
    }
    case Kind::tuple: {
        if (o->type != &tuple_type && o->type->mro.empty())  // a builtin named tuple (sys.get_asyncgen_hooks())
            if (const Value* r = o->type->lookup("__repr__"); r && !builtin_method_of(r, tuple_type)) return str(call(*r, {v}));
        auto& items = v.as<Tuple>()->items;
        ReprGuard g(o);
        if (!g.active) return "(...)";
        if (items.size() == 1) return "(" + repr(items[0]) + ",)";
        return "(" + join_reprs(items) + ")";
    }
    case Kind::dict: {
        ReprGuard g(o);
        if (!g.active) return "{...}";
        return "{" + dict_body(v.as<Dict>()->table) + "}";
    }
    case Kind::set:
    case Kind::frozenset: {
        auto& t = v.as<Set>()->table;
        const std::string& name = o->type->name;
        bool plain = o->type == &set_type;
        if (t.used == 0) return name + "()";
        ReprGuard g(o);
        if (!g.active) return name + "(...)";
        return plain ? "{" + set_body(t) + "}" : name + "({" + set_body(t) + "})";
    }
    case Kind::range: {
        auto* r = v.as<Range>();
        std::string s = "range(" + std::to_string(r->start) + ", " + std::to_string(r->stop);
        if (r->step != 1) s += ", " + std::to_string(r->step);
        return s + ")";
    }
    case Kind::slice: {
        auto* s = v.as<Slice>();
        return "slice(" + repr(s->start) + ", " + repr(s->stop) + ", " + repr(s->step) + ")";
    }
    case Kind::type: {
        const Type& t = *v.as<Type>();
        bool qualified = !t.module.empty() && t.module != "builtins";  // as CPython: builtins unqualified
        return "<class '" + (qualified ? t.module + "." : std::string()) + t.name + "'>";
    }
    case Kind::function: {
        auto* f = v.as<NativeFunction>();
        if (!f->self.is_none())
            return std::string("<built-in method ") + f->name + " of " + type_name(f->self) + " object at " +
                   hex_address(f->self.is_object() ? static_cast<const void*>(f->self.obj()) : nullptr) + ">";
        if (f->owner) return std::string("<method '") + f->name + "' of '" + tp_name(*f->owner) + "' objects>";
        return std::string("<built-in function ") + f->name + ">";
    }
    case Kind::exception: {
        auto& args = v.as<ExceptionObject>()->args.as<Tuple>()->items;
        const std::string& name = o->type->name;
        if (args.size() == 1) return name + "(" + repr(args[0]) + ")";
        return name + "(" + join_reprs(args) + ")";
    }
    case Kind::dict_view: {
        auto& t = v.as<DictView>()->dict.as<Dict>()->table;
        ReprGuard g(o);
        if (!g.active) return "...";
        std::string body;
        bool first = true;
        t.each([&](const HashTable::Entry& e) {
            if (!first) body += ", ";
            first = false;
            if (o->type == &dict_keys_type) body += repr(e.key);
            else if (o->type == &dict_values_type) body += repr(e.value);
            else body += "(" + repr(e.key) + ", " + repr(e.value) + ")";
        });
        return o->type->name + "([" + body + "])";
    }
    default:
        if (o->type == &not_implemented_type) return "NotImplemented";
        if (o->type == &ellipsis_type) return "Ellipsis";
        // Types defined outside this file (coroutines, tasks, classes) say how they print.
        if (const Value* r = o->type->lookup("__repr__"); r && !builtin_method_of(r, object_type)) return str(call(*r, {v}));
        // object.__repr__, qualified by the type's module as CPython's (builtins are not).
        bool qualified = !o->type->module.empty() && o->type->module != "builtins";
        return "<" + (qualified ? o->type->module + "." : std::string()) + o->type->name + " object at " + hex_address(o) + ">";
    }
}

}  // namespace

std::string detail::builtin_repr(const Value& v) { return v.is_object() ? object_repr(v) : repr(v); }

std::string detail::tp_name(const Type& t) {
    const bool qualified = t.mro.empty() && !t.module.empty() && t.module != "builtins";
    return qualified ? t.module + "." + t.name : t.name;
}

std::string repr(const Value& v) {
    switch (v.tag()) {
    case Tag::none: return "None";
    case Tag::boolean: return v.as_bool() ? "True" : "False";
    case Tag::integer: return std::to_string(v.as_int());
    case Tag::real: return float_repr(v.as_float());
    case Tag::object: break;
    }
    Value r;
    if ((python_subclass(v) || is(v, Kind::exception)) && dunder(v, "__repr__", {}, r)) return str(r);
    if (is(v, Kind::dict) && v.obj()->type != &dict_type)  // defaultdict, or a class statement's subclass of it
        if (const Value* m = v.obj()->type->lookup("__repr__"); m && !builtin_method_of(m, dict_type)) return str(call(*m, {v}));
    return object_repr(v);
}

std::string str(const Value& v) {
    Value r;
    if ((is(v, Kind::instance) || python_subclass(v)) && dunder(v, "__str__", {}, r)) return str(r);
    if (is(v, Kind::str)) return v.as<Str>()->s;
    if (is(v, Kind::exception)) {
        if (v.obj()->type->lookup("__str__") && dunder(v, "__str__", {}, r)) return str(r);
        return exception_str(v);
    }
    if (is(v, Kind::object)) {  // a native type with its own __str__ (asyncio.Queue's)
        const Value* own = v.obj()->type->lookup("__str__");
        if (own && own != object_type.lookup("__str__") && dunder(v, "__str__", {}, r)) return str(r);
    }
    return repr(v);
}

Value str_value(const Value& v) {
    if (is(v, Kind::str) && !python_subclass(v)) return v;
    return new_str(str(v));
}

}  // namespace aio::py
