// Types, construction, attributes and calls.
#include "python/detail.hpp"
#include "python/threads.hpp"
#include "python/vm.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace aio::py {

using namespace detail;

namespace {
Value ctor_type(Type&, const Value* a, std::size_t n, const Tuple* kw);
Value ctor_bool(Type&, const Value* a, std::size_t n, const Tuple* kw);
Value ctor_int(Type&, const Value* a, std::size_t n, const Tuple* kw);
Value ctor_float(Type&, const Value* a, std::size_t n, const Tuple* kw);
Value ctor_str(Type&, const Value* a, std::size_t n, const Tuple* kw);
Value ctor_bytes(Type&, const Value* a, std::size_t n, const Tuple* kw);
Value ctor_list(Type&, const Value* a, std::size_t n, const Tuple* kw);
Value ctor_tuple(Type&, const Value* a, std::size_t n, const Tuple* kw);
Value ctor_dict(Type&, const Value* a, std::size_t n, const Tuple* kw);
Value ctor_set(Type&, const Value* a, std::size_t n, const Tuple* kw);
Value ctor_range(Type&, const Value* a, std::size_t n, const Tuple* kw);
Value ctor_slice(Type&, const Value* a, std::size_t n, const Tuple* kw);
}  // namespace

Type::Type(const char* n, Type* b, Kind k, Constructor c)
    : Object(&type_type), name(n), base(b), kind(k), ctor(c) {
    refs = 1u << 30;  // immortal: never deleted through a Value
}

bool Type::is_subtype_of(const Type& t) const noexcept {
    auto matches = [&](const Type* p) { return p == &t || (p->also && p->also->is_subtype_of(t)); };
    if (!mro.empty()) return std::any_of(mro.begin(), mro.end(), matches);
    for (const Type* p = this; p; p = p->base)
        if (matches(p)) return true;
    return false;
}

const Value* Type::lookup(std::string_view attr) const {
    ensure_builtins();
    auto find = [&](const Type* p) -> const Value* {
        auto it = p->dict.find(attr);
        return it != p->dict.end() ? &it->second : nullptr;
    };
    if (!mro.empty()) {
        for (const Type* p : mro)
            if (const Value* v = find(p)) return v;
        return nullptr;
    }
    for (const Type* p = this; p; p = p->base)
        if (const Value* v = find(p)) return v;
    return nullptr;
}

void Type::set_attr(std::string attr, Value v) {
    dict[std::move(attr)] = std::move(v);
    ++type_epoch;
}

bool Type::erase_attr(const std::string& attr) {
    ++type_epoch;
    return dict.erase(attr) != 0;
}

std::unordered_map<std::string, Value, NameHash, std::equal_to<>> Type::take_attrs() {
    ++type_epoch;
    return std::exchange(dict, {});
}

std::vector<Type*> Type::resolution_order() {
    if (!mro.empty()) return mro;
    std::vector<Type*> out;
    for (Type* p = this; p; p = p->base) out.push_back(p);
    return out;
}

namespace {
// object(): a bare instance (a sentinel); a type without a constructor of its own cannot be called.
Value ctor_object(Type& t, const Value*, std::size_t nargs, const Tuple* kw) {
    if (&t != &object_type) raise(exc::TypeError, "cannot create '" + t.name + "' instances");
    if (nargs > 0 || (kw && !kw->items.empty())) raise(exc::TypeError, "object() takes no arguments");
    return Value(new Instance(&object_type));
}
}  // namespace

Type object_type("object", nullptr, Kind::object, ctor_object);

namespace {
Value ctor_none(Type&, const Value*, std::size_t nargs, const Tuple* kw) {  // type(None)() is None
    if (nargs > 0 || (kw && !kw->items.empty())) raise(exc::TypeError, "NoneType takes no arguments");
    return Value();
}
}  // namespace

Instance::Instance(Type* t) : Object(t), dict(new_dict()) {}
Type type_type("type", &object_type, Kind::type, ctor_type);
Type none_type("NoneType", &object_type, Kind::none, ctor_none);
Type int_type("int", &object_type, Kind::integer, ctor_int);
Type bool_type("bool", &int_type, Kind::boolean, ctor_bool);
Type float_type("float", &object_type, Kind::real, ctor_float);
Type str_type("str", &object_type, Kind::str, ctor_str);
Type bytes_type("bytes", &object_type, Kind::bytes, ctor_bytes);
Type list_type("list", &object_type, Kind::list, ctor_list);
Type tuple_type("tuple", &object_type, Kind::tuple, ctor_tuple);
Type dict_type("dict", &object_type, Kind::dict, ctor_dict);
Type set_type("set", &object_type, Kind::set, ctor_set);
Type frozenset_type("frozenset", &object_type, Kind::frozenset, ctor_set);
Type range_type("range", &object_type, Kind::range, ctor_range);
Type slice_type("slice", &object_type, Kind::slice, ctor_slice);
Type builtin_function_type("builtin_function_or_method", &object_type, Kind::function);
Type dict_keys_type("dict_keys", &object_type, Kind::dict_view);
Type dict_values_type("dict_values", &object_type, Kind::dict_view);
Type dict_items_type("dict_items", &object_type, Kind::dict_view);
Type list_iterator_type("list_iterator", &object_type, Kind::iterator);
Type tuple_iterator_type("tuple_iterator", &object_type, Kind::iterator);
Type str_iterator_type("str_ascii_iterator", &object_type, Kind::iterator);
Type bytes_iterator_type("bytes_iterator", &object_type, Kind::iterator);
Type range_iterator_type("range_iterator", &object_type, Kind::iterator);
Type dict_keyiterator_type("dict_keyiterator", &object_type, Kind::iterator);
Type dict_valueiterator_type("dict_valueiterator", &object_type, Kind::iterator);
Type dict_itemiterator_type("dict_itemiterator", &object_type, Kind::iterator);
Type set_iterator_type("set_iterator", &object_type, Kind::iterator);
Type not_implemented_type("NotImplementedType", &object_type, Kind::object);
Type ellipsis_type("ellipsis", &object_type, Kind::object);

const Value& not_implemented() noexcept {
    static const Value singleton(new Object(&not_implemented_type));
    return singleton;
}

const Value& ellipsis() noexcept {  // `...`
    static const Value singleton(new Object(&ellipsis_type));
    return singleton;
}

Str::Str(std::string v) : Object(&str_type), s(std::move(v)), length(count_code_points(s)) {}

Value new_str(std::string s) { return new Str(std::move(s)); }
Value new_str(std::string_view s) { return new Str(std::string(s)); }
Value new_str(const char* s) { return new Str(std::string(s)); }
Value new_list(std::vector<Value> items) { return new List(std::move(items)); }
Value new_tuple(std::vector<Value> items) { return new Tuple(std::move(items)); }
Value new_dict() { return new Dict(); }
Value new_set(Type& t) { return new Set(&t); }
Value new_function(const char* name, NativeFn fn) { return new NativeFunction(name, fn); }

Type& type_of(const Value& v) noexcept {
    switch (v.tag()) {
    case Tag::none: return none_type;
    case Tag::boolean: return bool_type;
    case Tag::integer: return int_type;
    case Tag::real: return float_type;
    case Tag::object: break;
    }
    return *v.obj()->type;
}

Kind kind_of(const Value& v) noexcept {
    switch (v.tag()) {
    case Tag::none: return Kind::none;
    case Tag::boolean: return Kind::boolean;
    case Tag::integer: return Kind::integer;
    case Tag::real: return Kind::real;
    case Tag::object: break;
    }
    return v.obj()->type->kind;
}

const std::string& type_name(const Value& v) noexcept { return type_of(v).name; }

bool isinstance(const Value& v, const Type& t) noexcept { return type_of(v).is_subtype_of(t); }

void def_method(Type& t, const char* name, NativeFn fn) {
    t.set_attr(name, Value(new NativeFunction(name, fn, Value(), &t)));
}

namespace {
// A read-only attribute computed by native code (CPython's getset_descriptor): attribute lookup
// on an instance calls its __get__, which calls `fn(&instance, 1)`.
struct GetterObject : Object {
    GetterObject(Type* t, NativeFn f) : Object(t), fn(f) {}
    NativeFn fn;
};
Type getter_type("getset_descriptor", &object_type, Kind::object);
Value getter_get(const Value* args, std::size_t nargs, const Tuple*) {
    if (nargs < 2 || args[1].is_none()) return args[0];
    return static_cast<GetterObject*>(args[0].obj())->fn(&args[1], 1, nullptr);
}
}  // namespace

void def_getter(Type& t, const char* name, NativeFn fn) {
    if (getter_type.dict.empty()) def_method(getter_type, "__get__", getter_get);
    t.set_attr(name, Value(new GetterObject(&getter_type, fn)));
}

namespace {
// A settable attribute computed by native code: a data descriptor (it has __set__), so it wins
// over anything else; `obj.name = v` calls `set(&obj, v)` as fn(args, 2).
struct MemberObject : GetterObject {
    MemberObject(Type* t, NativeFn get, NativeFn set) : GetterObject(t, get), set(set) {}
    NativeFn set;
};
Type member_type("getset_descriptor", &object_type, Kind::object);
Value member_set(const Value* args, std::size_t nargs, const Tuple*) {
    check_args("__set__", nargs - 1, 2, 2);
    return static_cast<MemberObject*>(args[0].obj())->set(&args[1], 2, nullptr);
}
}  // namespace

void def_member(Type& t, const char* name, NativeFn get, NativeFn set) {
    if (member_type.dict.empty()) {
        def_method(member_type, "__get__", getter_get);
        def_method(member_type, "__set__", member_set);
    }
    t.set_attr(name, Value(new MemberObject(&member_type, get, set)));
    t.attr_hooks = true;  // attribute lookups and assignments consult data descriptors
}

void ensure_builtins() {
    static bool done = false;
    if (done) return;
    done = true;
    init_str_methods();
    init_bytes_methods();
    init_list_methods();
    init_dict_methods();
    init_container_dunders();
    init_set_methods();
    init_exception_methods();
    init_misc_methods();
    init_number_named_methods();
    init_number_methods();
    init_object_methods();
    init_object_dunders();
}

// ---- attributes ----

namespace {
Value bind(const Value& self, const Value& method) {
    if (is(method, Kind::function) && method.as<NativeFunction>()->owner) {
        auto* f = method.as<NativeFunction>();
        // int's and float's methods read self as a number: an instance of a subclass gives its own.
        // None as a NativeFunction's self means unbound: None's own methods bind as a method object.
        if (self.is_none()) return Value(new Method(method, self));
        return Value(new NativeFunction(f->name, f->fn, unboxed(self), f->owner));
    }
    // A def's function binds as function.__get__ does (without the call).
    if (method.is_object() && method.obj()->type == &function_type)
        return self.is_none() ? method : Value(new Method(method, self));
    // Other descriptors bind through __get__(obj, type).
    if (method.is_object() && !is(method, Kind::type))
        if (const Value* get = method.obj()->type->lookup("__get__"))
            return call(*get, {method, self, Value(&type_of(self))});
    return method;
}

// d's descriptor method `name` (__get__, __set__, __delete__); nullptr for plain values.
const Value* descriptor_method(const Value& d, const char* name) {
    if (!d.is_object() || is(d, Kind::type) || is(d, Kind::function)) return nullptr;
    return d.obj()->type->lookup(name);
}

// An attribute found on class t: a descriptor gives __get__(None, t) (a property itself, a
// classmethod bound to t).
Value class_attribute(Type* t, const Value& a) {
    if (const Value* get = descriptor_method(a, "__get__")) return call(*get, {a, Value(), Value(t)});
    return a;
}

bool hooked(const Value& v) { return v.is_object() && v.obj()->type->attr_hooks; }

// The attribute slot of a value of a builtin layout that takes attributes: a class statement's
// subclass of int, float, str, bytes, tuple, list, dict or set, a Counter, an OrderedDict;
// nullptr for the others.
Value* instance_attrs(const Value& v) noexcept {
    if (!v.is_object()) return nullptr;
    switch (v.obj()->type->kind) {
    case Kind::integer:
    case Kind::real:
    case Kind::str:
    case Kind::bytes:
    case Kind::tuple:
    case Kind::list:
    case Kind::dict:
    case Kind::set: return v.obj()->attr_slot();
    default: return nullptr;
    }
}

// object.__getattribute__ without the AttributeError: a data descriptor of the type (looked
// for only when the type has attr_hooks), the object's own attributes, then the type's (bound
// through __get__).
bool generic_getattr(const Value& v, std::string_view name, Value& out, bool hooks) {
    Kind k = kind_of(v);
    if (k == Kind::type) {
        auto* t = v.as<Type>();
        if (name == "__name__" || name == "__qualname__") {
            out = new_str(t->name);
            return true;
        }
        if (name == "__dict__") {
            out = class_dict(*t);
            return true;
        }
        if (name == "__base__") {
            out = t->base ? Value(t->base) : Value();
            return true;
        }
        if (name == "__module__" && t->mro.empty()) {  // a builtin type (a class statement's has it in its dict)
            out = new_str(t->module.empty() ? "builtins" : t->module);
            return true;
        }
        if (name == "__annotations__" && !t->mro.empty()) {
            // As CPython 3.10+: a class's own annotations, never a base's; an empty dict is made
            // (and kept) on first use.
            auto own = t->dict.find(name);
            if (own != t->dict.end()) {
                out = own->second;
            } else {
                out = new_dict();
                record_class_attribute(*t, std::string(name));
                t->set_attr(std::string(name), out);
            }
            return true;
        }
        if (name == "__mro__" || name == "__bases__") {
            std::vector<Type*> types = name == "__mro__" ? t->resolution_order() : t->bases;
            if (name == "__bases__" && types.empty() && t->base) types.push_back(t->base);
            out = new_tuple(std::vector<Value>(types.begin(), types.end()));
            return true;
        }
        if (const Value* m = t->lookup(name)) {
            out = class_attribute(t, *m);
            return true;
        }
        return false;
    }
    if (hooks)
        if (const Value* d = type_of(v).lookup(name); d && is_data_descriptor(*d))
            if (const Value* get = descriptor_method(*d, "__get__")) {
                out = call(*get, {*d, v, Value(&type_of(v))});
                return true;
            }
    if (k == Kind::exception && exception_attr(v, name, out)) return true;
    if (Value* attrs = instance_attrs(v)) {  // a subclass of int, float, list, dict or set
        if (name == "__dict__") {
            if (attrs->is_none()) *attrs = new_dict();
            out = *attrs;
            return true;
        }
        if (!attrs->is_none())
            if (auto* e = attrs->as<Dict>()->table.find(new_str(name))) {
                out = e->value;
                return true;
            }
    }
    if (k == Kind::instance) {
        auto& d = v.as<Instance>()->dict;
        if (name == "__dict__") {
            out = d;
            return true;
        }
        if (auto* e = d.as<Dict>()->table.find(new_str(name))) {
            out = e->value;
            return true;
        }
    }
    if (v.is_object() && v.obj()->type == &function_type && function_attribute(v, name, out)) return true;
    if (k == Kind::function) {
        auto* f = v.as<NativeFunction>();
        if (name == "__name__" || name == "__qualname__") {
            out = new_str(f->name);
            return true;
        }
        if (name == "__self__") {
            out = f->self;
            return true;
        }
    }
    if (name == "__class__") {
        out = Value(&type_of(v));
        return true;
    }
    if (const Value* m = type_of(v).lookup(name)) {
        out = bind(v, *m);
        return true;
    }
    // A bound method shows its function's attributes (m.__doc__, m.__name__, m.calls).
    if (v.is_object() && v.obj()->type == &method_type) return try_getattr(v.as<Method>()->func, name, out);
    return false;
}

[[noreturn]] void attribute_error(const Value& v, std::string_view name) {
    Value e;
    Value module_name;
    if (type_name(v) == "module" && try_getattr(v, "__name__", module_name) && is(module_name, Kind::str))
        e = new_exception(exc::AttributeError, {new_str("module '" + str(module_name) + "' has no attribute '" +
                                                        std::string(name) + "'")});
    else if (is(v, Kind::type))
        e = new_exception(exc::AttributeError,
                          {new_str("type object '" + v.as<Type>()->name + "' has no attribute '" +
                                   std::string(name) + "'")});
    else
        e = new_exception(exc::AttributeError, {new_str("'" + type_name(v) +
                                                        "' object has no attribute '" +
                                                        std::string(name) + "'")});
    setattr(e, "name", new_str(name));
    setattr(e, "obj", v);
    raise(e);
}

// The (self, name[, value]) arguments of object's attribute methods; returns the name.
std::string_view hook_args(const char* fname, const Value* a, std::size_t n, const Tuple* kw, std::size_t count) {
    no_kwargs(fname, kw);
    check_args(fname, n, count, count);
    return attr_name(a[1]);
}

Value object_getattribute(const Value* a, std::size_t n, const Tuple* kw) {
    std::string_view name = hook_args("__getattribute__", a, n, kw, 2);
    Value out;
    if (!generic_getattr(a[0], name, out, hooked(a[0]))) attribute_error(a[0], name);
    return out;
}

// A method the class overrides (not object's native one): __getattribute__, __setattr__.
const Value* override_of(const Type& t, const char* name, NativeFn native) {
    const Value* m = t.lookup(name);
    if (!m || (is(*m, Kind::function) && m->as<NativeFunction>()->fn == native)) return nullptr;
    return m;
}

// Attribute lookup of an object whose class has attr_hooks: its __getattribute__ (or
// object's), then __getattr__ when that raised AttributeError.
Value hooked_getattr(const Value& v, std::string_view name) {
    Type& t = type_of(v);
    try {
        if (const Value* m = override_of(t, "__getattribute__", object_getattribute))
            return call(*m, {v, new_str(name)});
        Value out;
        if (generic_getattr(v, name, out, true)) return out;
        attribute_error(v, name);
    } catch (const Error& e) {
        const Value* fallback = t.lookup("__getattr__");
        if (!fallback || !e.type().is_subtype_of(exc::AttributeError)) throw;
        return call(*fallback, {v, new_str(name)});
    }
}

// Assignment without descriptors: an instance's dict, a Python class's dict, exceptions'
// attributes; builtins refuse.
void plain_setattr(const Value& v, std::string_view name, Value value) {
    if (is(v, Kind::instance)) {
        v.as<Instance>()->dict.as<Dict>()->table.insert(new_str(name), std::move(value));
        return;
    }
    if (v.is_object() && v.obj()->type == &function_type) {
        function_setattr(v, name, std::move(value));
        return;
    }
    if (Value* attrs = instance_attrs(v)) {
        if (attrs->is_none()) *attrs = new_dict();
        attrs->as<Dict>()->table.insert(new_str(name), std::move(value));
        return;
    }
    if (is(v, Kind::type) && !v.as<Type>()->module.empty()) {  // a class defined in Python
        class_attribute_set(*v.as<Type>(), name, value);
        record_class_attribute(*v.as<Type>(), std::string(name));
        v.as<Type>()->set_attr(std::string(name), std::move(value));
        return;
    }
    if (is(v, Kind::exception)) {
        auto* e = v.as<ExceptionObject>();
        if (name == "__cause__") {
            if (!value.is_none() && !is(value, Kind::exception))
                raise(exc::TypeError, "exception cause must be None or derive from BaseException");
            e->cause = std::move(value);
            e->suppress_context = true;
            return;
        }
        if (name == "__context__") {
            e->context = std::move(value);
            e->context_assigned = true;
            return;
        }
        if (name == "__traceback__") {
            e->traceback = std::move(value);
            return;
        }
        if (name == "__suppress_context__") {
            e->suppress_context = truthy(value);
            return;
        }
        if (name == "args") {
            e->args = new_tuple(to_vector(value));
            return;
        }
        if (e->attrs.is_none()) e->attrs = new_dict();
        e->attrs.as<Dict>()->table.insert(new_str(name), std::move(value));
        return;
    }
    if (type_of(v).lookup(name))
        raise(exc::AttributeError, "'" + type_name(v) + "' object attribute '" + std::string(name) +
                                       "' is read-only");
    raise(exc::AttributeError,
          "'" + type_name(v) + "' object has no attribute '" + std::string(name) + "'");
}

// object.__setattr__: a data descriptor's __set__, else the plain assignment.
void generic_setattr(const Value& v, std::string_view name, Value value) {
    if (hooked(v))
        if (const Value* d = type_of(v).lookup(name))
            if (const Value* set = descriptor_method(*d, "__set__")) {
                call(*set, {*d, v, std::move(value)});
                return;
            }
    plain_setattr(v, name, std::move(value));
}

Value object_setattr(const Value* a, std::size_t n, const Tuple* kw) {
    generic_setattr(a[0], hook_args("__setattr__", a, n, kw, 3), a[2]);
    return Value();
}

// object.__delattr__: a data descriptor's __delete__, an instance's or a Python class's own
// attribute, an exception's extra one; else AttributeError.
Value object_delattr(const Value* a, std::size_t n, const Tuple* kw) {
    std::string name(hook_args("__delattr__", a, n, kw, 2));
    const Value& o = a[0];
    const Value* d = is(o, Kind::type) ? nullptr : type_of(o).lookup(name);
    if (hooked(o) && d)
        if (const Value* del = descriptor_method(*d, "__delete__")) {
            call(*del, {*d, o});
            return Value();
        }
    if (is(o, Kind::instance) && o.as<Instance>()->dict.as<Dict>()->table.remove(a[1])) return Value();
    if (Value* attrs = instance_attrs(o); attrs && !attrs->is_none() && attrs->as<Dict>()->table.remove(a[1]))
        return Value();
    if (is(o, Kind::type) && !o.as<Type>()->module.empty()) {
        if (o.as<Type>()->erase_attr(std::string(name))) return Value();
        attribute_error(o, name);
    }
    if (is(o, Kind::exception)) {
        Value& attrs = o.as<ExceptionObject>()->attrs;
        if (!attrs.is_none() && attrs.as<Dict>()->table.remove(a[1])) return Value();
    }
    if (d && !is(o, Kind::instance))
        raise(exc::AttributeError, "'" + type_name(o) + "' object attribute '" + name + "' is read-only");
    raise(exc::AttributeError, "'" + type_name(o) + "' object has no attribute '" + name + "'");
}
}  // namespace

bool type_method(const Value& obj, std::string_view name, Value& method, Value& self, LookupCache* cache) {
    // The cases generic_getattr answers before the type's attributes go the long way (and None,
    // whose methods bind as method objects, so that `self` is never None).
    if (obj.is_object()) {
        Type* t = obj.obj()->type;
        if (t->attr_hooks) return false;
        switch (t->kind) {
        case Kind::instance: break;  // its own dict: looked in by the caller
        case Kind::type:
        case Kind::exception:
        case Kind::function: return false;
        default:
            if (t == &function_type || t == &method_type) return false;
            if (Value* attrs = instance_attrs(obj); attrs && !attrs->is_none()) return false;
        }
    } else if (obj.is_none()) {
        return false;
    }
    if (name == "__class__" || name == "__dict__") return false;
    const Value* m = cache ? cache->lookup(type_of(obj), name) : type_of(obj).lookup(name);
    if (!m || !m->is_object()) return false;
    if (is(*m, Kind::function) && m->as<NativeFunction>()->owner) {
        method = *m;
        self = unboxed(obj);
        return true;
    }
    if (m->obj()->type == &function_type) {
        method = *m;
        self = obj;
        return true;
    }
    return false;
}

void detail::init_object_methods() {
    def_method(object_type, "__getattribute__", object_getattribute);
    def_method(object_type, "__setattr__", object_setattr);
    def_method(object_type, "__delattr__", object_delattr);
}

std::string_view detail::attr_name(const Value& v) {
    if (!is(v, Kind::str)) raise(exc::TypeError, "attribute name must be string, not '" + type_name(v) + "'");
    return as_str(v)->s;
}

bool is_data_descriptor(const Value& d) {
    return descriptor_method(d, "__set__") || descriptor_method(d, "__delete__");
}

bool try_getattr(const Value& v, std::string_view name, Value& out) {
    if (!hooked(v)) return generic_getattr(v, name, out, false);
    try {
        out = hooked_getattr(v, name);
        return true;
    } catch (const Error& e) {
        if (!e.type().is_subtype_of(exc::AttributeError)) throw;
        return false;
    }
}

Value getattr(const Value& v, std::string_view name) {
    if (hooked(v)) return hooked_getattr(v, name);
    Value out;
    if (generic_getattr(v, name, out, false)) return out;
    attribute_error(v, name);
}

void setattr(const Value& v, std::string_view name, Value value) {
    if (!hooked(v)) return plain_setattr(v, name, std::move(value));
    if (const Value* m = override_of(type_of(v), "__setattr__", object_setattr)) {
        call(*m, {v, new_str(name), std::move(value)});
        return;
    }
    generic_setattr(v, name, std::move(value));
}

// ---- calls ----

namespace {
// Dunders CPython defines as methods (method_descriptor), not slot wrappers: their errors read
// as a plain method's.
bool method_style(const NativeFunction& f) {
    static const std::string_view methods[] = {"__getitem__", "__contains__", "__format__", "__sizeof__",
                                               "__round__", "__dir__", "__reduce__", "__reduce_ex__",
                                               "__getnewargs__", "__trunc__", "__floor__", "__ceil__"};
    std::string_view name = f.name;
    if (!(name.size() > 4 && name.starts_with("__") && name.ends_with("__"))) return true;
    if (name == "__contains__") return f.owner->is_subtype_of(set_type) || f.owner->is_subtype_of(frozenset_type);
    if (name == "__getitem__") return f.owner == &list_type || f.owner == &dict_type;
    return std::find(std::begin(methods), std::end(methods), name) != std::end(methods);
}
}  // namespace

void check_unbound_self(const NativeFunction& f, const Value* args, std::size_t nargs) {
    if (!f.owner || std::string_view(f.name) == "__new__") return;  // __new__ is static: it takes the class
    if (nargs > 0 && type_of(args[0]).is_subtype_of(*f.owner)) return;
    const std::string& owner = f.owner->name;
    const bool method = method_style(f);
    if (nargs == 0)
        raise(exc::TypeError, method ? "unbound method " + owner + "." + f.name + "() needs an argument"
                                     : "descriptor '" + std::string(f.name) + "' of '" + owner + "' object needs an argument");
    raise(exc::TypeError, method ? "descriptor '" + std::string(f.name) + "' for '" + owner + "' objects doesn't apply to a '" +
                                       type_name(args[0]) + "' object"
                                 : "descriptor '" + std::string(f.name) + "' requires a '" + owner + "' object but received a '" +
                                       type_name(args[0]) + "'");
}

namespace {
// A bound call: fn(self, args...) with self put first (small calls on the stack).
template <class F>
Value call_self_first(const Value& self, const Value* args, std::size_t nargs, const Tuple* kwnames, F&& fn) {
    std::size_t total = nargs + (kwnames ? kwnames->items.size() : 0);
    Value small[8];
    std::vector<Value> big;
    Value* buf = small;
    if (total + 1 > 8) {
        big.resize(total + 1);
        buf = big.data();
    }
    buf[0] = self;
    std::copy(args, args + total, buf + 1);
    return fn(buf, nargs + 1, kwnames);
}
Value call_bound(const Method& m, const Value* args, std::size_t nargs, const Tuple* kwnames) {
    return call_self_first(m.self, args, nargs, kwnames,
                           [&](const Value* a, std::size_t n, const Tuple* kw) { return call(m.func, a, n, kw); });
}
}  // namespace

Value call(const Value& callable, const Value* args, std::size_t nargs, const Tuple* kwnames) {
    vm_direct_call = false;  // what C++ calls never suspends a thread (threads.hpp)
    Kind k = kind_of(callable);
    if (k == Kind::function) {
        auto* f = callable.as<NativeFunction>();
        if (f->self.is_none()) {
            if (f->owner) [[unlikely]] check_unbound_self(*f, args, nargs);  // `list.append(x, 1)`
            return f->fn(args, nargs, kwnames);
        }
        return call_self_first(f->self, args, nargs, kwnames, f->fn);  // a bound builtin
    }
    // A def's function and a bound method (exact builtin types: their __call__ cannot change)
    // are called straight, without looking __call__ up and copying the arguments for it.
    if (k == Kind::object) {
        Type* t = callable.obj()->type;
        if (t == &function_type) return call_function(*callable.as<Function>(), args, nargs, kwnames);
        if (t == &method_type) return call_bound(*callable.as<Method>(), args, nargs, kwnames);
    }
    if (k == Kind::type) {
        auto* t = callable.as<Type>();
        for (Type* p = t; p; p = p->base)
            if (p->ctor) return p->ctor(*t, args, nargs, kwnames);
        raise(exc::TypeError, "cannot create '" + t->name + "' instances");
    }
    // Objects made by the VM (functions, methods, instances) are called through __call__.
    if (const Value* c = type_of(callable).lookup("__call__")) {
        std::size_t total = nargs + (kwnames ? kwnames->items.size() : 0);
        std::vector<Value> all;
        all.reserve(total + 1);
        all.push_back(callable);
        all.insert(all.end(), args, args + total);
        return call(*c, all.data(), nargs + 1, kwnames);
    }
    raise(exc::TypeError, "'" + type_name(callable) + "' object is not callable");
}

Value call(const Value& callable, std::initializer_list<Value> args) {
    return call(callable, args.begin(), args.size());
}

Value call_method(const Value& self, std::string_view name, std::initializer_list<Value> args) {
    return call(getattr(self, name), args.begin(), args.size());
}

// ---- builtin type constructors ----

namespace {

Value ctor_type(Type&, const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("type", kw);
    if (n == 1) return Value(&type_of(a[0]));
    if (n != 3) raise(exc::TypeError, "type() takes 1 or 3 arguments");
    // type(name, bases, dict): a class made as a class statement makes it.
    const char* wanted[] = {"str", "tuple", "dict"};
    const Kind kinds[] = {Kind::str, Kind::tuple, Kind::dict};
    for (int i = 0; i < 3; ++i)
        if (!is(a[i], kinds[i]))
            raise(exc::TypeError, "type.__new__() argument " + std::to_string(i + 1) + " must be " + wanted[i] + ", not " +
                                      type_name(a[i]));
    std::vector<Type*> bases;
    for (const Value& b : a[1].as<Tuple>()->items) {
        if (!is(b, Kind::type))
            raise(exc::TypeError, "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass "
                                  "of the metaclasses of all its bases");
        bases.push_back(b.as<Type>());
    }
    if (bases.empty()) bases.push_back(&object_type);
    Value ns = new_dict();
    a[2].as<Dict>()->table.each([&](const HashTable::Entry& e) {
        if (!is(e.key, Kind::str))  // CPython keeps them; a class's dict here is keyed by name
            raise(exc::TypeError, "type(): attribute names must be str in this Python (aio's front-end), not " +
                                      type_name(e.key));
        ns.as<Dict>()->table.insert(e.key, e.value);
    });
    return detail::make_class(as_str(a[0])->s, std::move(bases), ns);
}

Value ctor_bool(Type&, const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("bool", kw);
    if (n > 1) raise(exc::TypeError, "bool expected at most 1 argument, got " + std::to_string(n));
    return Value::boolean(n == 1 && truthy(a[0]));
}

Value ctor_int(Type&, const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("int", kw, {"base"});
    std::size_t total = n + (kw ? kw->items.size() : 0);
    if (total > 2) raise(exc::TypeError, "int() takes at most 2 arguments (" + std::to_string(total) + " given)");
    if (total == 0) return Value::integer(0);
    if (total == 2) {
        std::int64_t base = to_index(a[1], "base");
        if (!is(a[0], Kind::str))
            raise(exc::TypeError, "int() can't convert non-string with explicit base");
        if (base != 0 && (base < 2 || base > 36))
            raise(exc::ValueError, "int() base must be >= 2 and <= 36, or 0");
        return parse_int(a[0].as<Str>()->s, static_cast<int>(base));
    }
    const Value& x = unboxed(a[0]);
    switch (kind_of(x)) {
    case Kind::integer: return x;
    case Kind::boolean: return Value::integer(x.as_int());
    case Kind::real: {
        double d = x.as_float();
        if (std::isnan(d)) raise(exc::ValueError, "cannot convert float NaN to integer");
        if (std::isinf(d)) raise(exc::OverflowError, "cannot convert float infinity to integer");
        double t = std::trunc(d);
        if (t >= 9223372036854775808.0 || t < -9223372036854775808.0)
            raise(exc::OverflowError, "int too large for a 64-bit int (aio's int is 64-bit)");
        return Value::integer(static_cast<std::int64_t>(t));
    }
    case Kind::str: return parse_int(x.as<Str>()->s, 10);
    case Kind::bytes: return parse_int(x.as<Bytes>()->s, 10);
    default:
        raise(exc::TypeError, "int() argument must be a string, a bytes-like object or a real number, not '" +
                                  type_name(x) + "'");
    }
}

Value ctor_float(Type&, const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("float", kw);
    if (n > 1) raise(exc::TypeError, "float expected at most 1 argument, got " + std::to_string(n));
    if (n == 0) return Value::real(0.0);
    const Value& x = unboxed(a[0]);
    switch (kind_of(x)) {
    case Kind::real: return x;
    case Kind::integer:
    case Kind::boolean: return Value::real(static_cast<double>(x.as_int()));
    case Kind::str: return parse_float(x.as<Str>()->s);
    case Kind::bytes: return parse_float(x.as<Bytes>()->s);
    default:
        raise(exc::TypeError, "float() argument must be a string or a real number, not '" +
                                  type_name(x) + "'");
    }
}

Value ctor_str(Type&, const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("str", kw, {"encoding", "errors"});
    std::size_t total = n + (kw ? kw->items.size() : 0);
    if (total == 0) return new_str("");
    if (total == 1 && n == 1) return str_value(a[0]);
    if (n > 3) raise(exc::TypeError, "str() takes at most 3 arguments (" + std::to_string(n) + " given)");
    if (is(a[0], Kind::str)) raise(exc::TypeError, "decoding str is not supported");
    if (!is(a[0], Kind::bytes))
        raise(exc::TypeError, "decoding to str: need a bytes-like object, " + type_name(a[0]) + " found");
    const Value* encoding = n >= 2 ? &a[1] : kwarg(a, n, kw, "encoding");
    const Value* errors = n >= 3 ? &a[2] : kwarg(a, n, kw, "errors");
    return new_str(decode_bytes(a[0].as<Bytes>()->s, encoding, errors, "str"));
}

Value ctor_bytes(Type&, const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("bytes", kw, {"encoding", "errors"});
    if (n == 0) return Value(new Bytes(""));
    const Value& x = a[0];
    if (is(x, Kind::str)) {
        const Value* encoding = n >= 2 ? &a[1] : kwarg(a, n, kw, "encoding");
        if (!encoding) raise(exc::TypeError, "string argument without an encoding");
        const Value* errors = n >= 3 ? &a[2] : kwarg(a, n, kw, "errors");
        return Value(new Bytes(encode_str(x.as<Str>()->s, encoding, errors, "bytes")));
    }
    if (std::int64_t count; index_value(x, count)) {  // an int, int subclass or __index__: that many zeros
        if (count < 0) raise(exc::ValueError, "negative count");
        check_size(count);  // MemoryError before asking the allocator (ASan aborts on a huge request)
        return Value(new Bytes(std::string(static_cast<std::size_t>(count), '\0')));
    }
    if (&type_of(x) == &bytes_type) return x;
    std::string out;
    for_each(x, [&](const Value& b) {
        std::int64_t v = to_index(b, "bytes");
        if (v < 0 || v > 255) raise(exc::ValueError, "bytes must be in range(0, 256)");
        out.push_back(static_cast<char>(v));
    });
    return Value(new Bytes(std::move(out)));
}

Value ctor_list(Type&, const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("list", kw);
    if (n > 1) raise(exc::TypeError, "list expected at most 1 argument, got " + std::to_string(n));
    return n == 0 ? new_list() : new_list(to_vector(a[0]));
}

Value ctor_tuple(Type&, const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("tuple", kw);
    if (n > 1) raise(exc::TypeError, "tuple expected at most 1 argument, got " + std::to_string(n));
    if (n == 1 && &type_of(a[0]) == &tuple_type) return a[0];  // a subclass's becomes a plain tuple
    return n == 0 ? new_tuple() : new_tuple(to_vector(a[0]));
}

Value ctor_dict(Type&, const Value* a, std::size_t n, const Tuple* kw) {
    if (n > 1) raise(exc::TypeError, "dict expected at most 1 argument, got " + std::to_string(n));
    Value d = new_dict();
    Value upd = getattr(d, "update");
    call(upd, a, n, kw);
    return d;
}

Value ctor_set(Type& t, const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs(t.name.c_str(), kw);
    if (n > 1) raise(exc::TypeError, t.name + " expected at most 1 argument, got " + std::to_string(n));
    if (n == 1 && &t == &frozenset_type && &type_of(a[0]) == &frozenset_type) return a[0];
    Value s = new_set(t.kind == Kind::frozenset ? frozenset_type : set_type);
    if (n == 1) {
        auto& table = s.as<Set>()->table;
        for_each(a[0], [&](const Value& x) { table.insert(x, Value()); });
    }
    return s;
}

Value ctor_range(Type&, const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("range", kw);
    if (n == 0) raise(exc::TypeError, "range expected at least 1 argument, got 0");
    if (n > 3) raise(exc::TypeError, "range expected at most 3 arguments, got " + std::to_string(n));
    auto arg = [&](std::size_t i) {
        std::int64_t v;
        if (!index_value(a[i], v))
            raise(exc::TypeError, "'" + type_name(a[i]) + "' object cannot be interpreted as an integer");
        return v;
    };
    if (n == 1) return Value(new Range(0, arg(0), 1));
    std::int64_t step = n == 3 ? arg(2) : 1;
    if (step == 0) raise(exc::ValueError, "range() arg 3 must not be zero");
    return Value(new Range(arg(0), arg(1), step));
}

Value ctor_slice(Type&, const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("slice", kw);
    if (n == 0) raise(exc::TypeError, "slice expected at least 1 argument, got 0");
    if (n > 3) raise(exc::TypeError, "slice expected at most 3 arguments, got " + std::to_string(n));
    if (n == 1) return Value(new Slice(Value(), a[0], Value()));
    return Value(new Slice(a[0], a[1], n == 3 ? a[2] : Value()));
}

}  // namespace

// ---- shared helpers ----

namespace detail {

namespace {
// Names are "type.method" (or "type.method()" for methods whose arity errors use the
// "takes at most N arguments (M given)" form); CPython prints the short name in some messages.
std::string full_name(std::string_view name) {
    if (name.size() > 2 && name.substr(name.size() - 2) == "()") name.remove_suffix(2);
    return std::string(name);
}
std::string short_name(std::string_view name) {
    std::string f = full_name(name);
    std::size_t dot = f.find('.');
    return dot == std::string::npos ? f : f.substr(dot + 1);
}
std::string plural(std::size_t n) { return n == 1 ? " argument" : " arguments"; }
}  // namespace

void no_kwargs(const char* name, const Tuple* kwnames) {
    if (kwnames && !kwnames->items.empty())
        raise(exc::TypeError, full_name(name) + "() takes no keyword arguments");
}

void check_args(const char* name, std::size_t nargs, std::size_t min, std::size_t max) {
    if (nargs >= min && nargs <= max) return;
    std::string n = std::to_string(nargs);
    std::string_view nm(name);
    if (nm.size() > 2 && nm.substr(nm.size() - 2) == "()") {
        bool few = nargs < min;
        std::size_t bound = few ? min : max;
        raise(exc::TypeError, short_name(nm) + "() takes " + (min == max ? "exactly " : few ? "at least " : "at most ") +
                                  std::to_string(bound) + plural(bound) + " (" + n + " given)");
    }
    if (min == max && max == 0) raise(exc::TypeError, full_name(nm) + "() takes no arguments (" + n + " given)");
    if (min == max && max == 1)
        raise(exc::TypeError, full_name(nm) + "() takes exactly one argument (" + n + " given)");
    if (nargs < min)
        raise(exc::TypeError, short_name(nm) + " expected " + (min == max ? "" : "at least ") + std::to_string(min) +
                                  plural(min) + ", got " + n);
    raise(exc::TypeError, short_name(nm) + " expected at most " + std::to_string(max) + plural(max) + ", got " + n);
}

const Value* kwarg(const Value* args, std::size_t nargs, const Tuple* kwnames, std::string_view name) {
    if (!kwnames) return nullptr;
    for (std::size_t i = 0; i < kwnames->items.size(); ++i)
        if (kwnames->items[i].as<Str>()->s == name) return &args[nargs + i];
    return nullptr;
}

std::vector<Value> bind_args(const char* fname, const Value* a, std::size_t n, const Tuple* kw,
                             std::initializer_list<const char*> names, std::size_t required) {
    if (n > names.size())
        raise(exc::TypeError, std::string(fname) + "() takes at most " + std::to_string(names.size()) +
                                  " arguments (" + std::to_string(n) + " given)");
    std::vector<Value> out(a, a + n);
    out.resize(names.size());
    std::vector<bool> set(names.size(), false);
    for (std::size_t i = 0; i < n; ++i) set[i] = true;
    for (std::size_t k = 0; kw && k < kw->items.size(); ++k) {
        const std::string& key = kw->items[k].as<Str>()->s;
        auto it = std::find_if(names.begin(), names.end(), [&](const char* nm) { return key == nm; });
        if (it == names.end()) raise(exc::TypeError, "'" + key + "' is an invalid keyword argument for " + fname + "()");
        std::size_t i = static_cast<std::size_t>(it - names.begin());
        if (set[i])
            raise(exc::TypeError, std::string("argument for ") + fname + "() given by name ('" + key +
                                      "') and position (" + std::to_string(i + 1) + ")");
        out[i] = a[n + k];
        set[i] = true;
    }
    for (std::size_t i = 0; i < required; ++i)
        if (!set[i])
            raise(exc::TypeError, std::string(fname) + "() missing required argument '" + *(names.begin() + i) +
                                      "' (pos " + std::to_string(i + 1) + ")");
    return out;
}

void only_kwargs(const char* fname, const Tuple* kwnames, std::initializer_list<std::string_view> names) {
    if (!kwnames) return;
    for (auto& k : kwnames->items) {
        const std::string& s = k.as<Str>()->s;
        bool ok = false;
        for (auto n : names) ok = ok || n == s;
        if (!ok)
            raise(exc::TypeError, "'" + s + "' is an invalid keyword argument for " + short_name(fname) + "()");
    }
}

bool index_value(const Value& v, std::int64_t& out) {
    if (v.is_intlike()) {
        out = v.as_int();
        return true;
    }
    if (is(v, Kind::integer)) {  // an int subclass is its number (CPython's PyNumber_Index)
        out = unboxed(v).as_int();
        return true;
    }
    const Value* m = user_method(v, "__index__");
    if (!m) return false;
    Value r = call(*m, {v});
    if (!r.is_intlike()) raise(exc::TypeError, "__index__ returned non-int (type " + type_name(r) + ")");
    out = r.as_int();
    return true;
}

std::int64_t as_integer(const Value& v) {
    std::int64_t i;
    if (!index_value(v, i))
        raise(exc::TypeError, "'" + type_name(v) + "' object cannot be interpreted as an integer");
    return i;
}

bool real_value(const Value& number, double& out) {
    const Value& v = unboxed(number);
    if (!v.is_intlike() && !v.is_float()) return false;
    out = to_double(v);
    return true;
}

std::int64_t to_index(const Value& v, const char* what) {
    std::int64_t i;
    if (index_value(v, i)) return i;
    raise(exc::TypeError, std::string(what) + " indices must be integers or slices, not " + type_name(v));
}

std::int64_t wrap_index(std::int64_t i, std::int64_t length) {
    if (i < 0) i += length;
    return i < 0 || i >= length ? -1 : i;
}

std::string hex_address(const void* p) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%016llx",
                  static_cast<unsigned long long>(reinterpret_cast<std::uintptr_t>(p)));
    return buf;
}

namespace {
thread_local std::vector<const Object*> repr_stack;
}

ReprGuard::ReprGuard(const Object* o) : active(true) {
    for (auto* p : repr_stack)
        if (p == o) {
            active = false;
            return;
        }
    repr_stack.push_back(o);
}

ReprGuard::~ReprGuard() {
    if (active) repr_stack.pop_back();
}

}  // namespace detail
}  // namespace aio::py
