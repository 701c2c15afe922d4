// The builtin descriptors `property`, `staticmethod`, `classmethod`, and `super(type, obj)`:
// objects whose __get__/__set__/__delete__ the attribute lookup (object.cpp) calls.
#include "python/builtins.hpp"
#include "python/detail.hpp"
#include "python/vm.hpp"

namespace aio::py {

using namespace detail;

namespace {

struct Property : Object {
    explicit Property(Type* t) : Object(t) {}
    Value fget, fset, fdel, doc;
    Value name;  // set by __set_name__; the errors name it
};
// staticmethod / classmethod, by type.
struct Wrapper : Object {
    Wrapper(Type* t, Value f) : Object(t), func(std::move(f)) {}
    Value func;
};
struct Super : Object {
    Super(Type* t, Type* o, Value s) : Object(t), owner(o), self(std::move(s)) {}
    Type* owner;
    Value self;
};

Value ctor_property(Type& t, const Value* a, std::size_t n, const Tuple* kw);
Value ctor_staticmethod(Type& t, const Value* a, std::size_t n, const Tuple* kw);
Value ctor_classmethod(Type& t, const Value* a, std::size_t n, const Tuple* kw);
Value ctor_super(Type&, const Value* a, std::size_t n, const Tuple* kw);

Type property_type("property", &object_type, Kind::object, ctor_property);
Type staticmethod_type("staticmethod", &object_type, Kind::object, ctor_staticmethod);
Type classmethod_type("classmethod", &object_type, Kind::object, ctor_classmethod);
Type super_type("super", &object_type, Kind::object, ctor_super);

Property* as_property(const Value& v) { return static_cast<Property*>(v.obj()); }
Wrapper* as_wrapper(const Value& v) { return static_cast<Wrapper*>(v.obj()); }

// ---- property ----

Value ctor_property(Type& t, const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("property", kw, {"fget", "fset", "fdel", "doc"});
    if (n > 4) raise(exc::TypeError, "property() takes at most 4 arguments (" + std::to_string(n) + " given)");
    auto* p = new Property(&t);
    Value out(p);
    Value* fields[] = {&p->fget, &p->fset, &p->fdel, &p->doc};
    const char* names[] = {"fget", "fset", "fdel", "doc"};
    for (std::size_t i = 0; i < 4; ++i) {
        const Value* given = i < n ? &a[i] : kwarg(a, n, kw, names[i]);
        if (given) *fields[i] = *given;
    }
    // Without doc=, the getter's docstring (CPython's property does the same).
    if (p->doc.is_none() && !p->fget.is_none()) try_getattr(p->fget, "__doc__", p->doc);
    return out;
}

// "property 'x' of 'C' object has no setter" (without the name when it has none).
[[noreturn]] void missing_accessor(const Property& p, const Value& obj, const char* what) {
    std::string named = is(p.name, Kind::str) ? repr(p.name) + " " : "";
    raise(exc::AttributeError, "property " + named + "of '" + type_name(obj) + "' object has no " + what);
}

Value property_get(const Value* a, std::size_t n, const Tuple*) {
    check_args("__get__", n, 2, 3);
    if (a[1].is_none()) return a[0];
    auto* p = as_property(a[0]);
    if (p->fget.is_none()) missing_accessor(*p, a[1], "getter");
    return call(p->fget, {a[1]});
}
Value property_set(const Value* a, std::size_t n, const Tuple*) {
    check_args("__set__", n, 3, 3);
    auto* p = as_property(a[0]);
    if (p->fset.is_none()) missing_accessor(*p, a[1], "setter");
    call(p->fset, {a[1], a[2]});
    return Value();
}
Value property_delete(const Value* a, std::size_t n, const Tuple*) {
    check_args("__delete__", n, 2, 2);
    auto* p = as_property(a[0]);
    if (p->fdel.is_none()) missing_accessor(*p, a[1], "deleter");
    call(p->fdel, {a[1]});
    return Value();
}
Value property_set_name(const Value* a, std::size_t n, const Tuple*) {
    check_args("__set_name__", n, 3, 3);
    as_property(a[0])->name = a[2];
    return Value();
}

// getter/setter/deleter: a copy of the property with one accessor replaced.
Value property_copy(const Value& self, Value Property::*field, const Value& f) {
    auto* old = as_property(self);
    auto* p = new Property(old->type);
    Value out(p);
    p->fget = old->fget;
    p->fset = old->fset;
    p->fdel = old->fdel;
    p->doc = old->doc;
    p->name = old->name;
    p->*field = f;
    return out;
}
Value property_getter(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("getter", kw);
    check_args("getter", n, 2, 2);
    return property_copy(a[0], &Property::fget, a[1]);
}
Value property_setter(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("setter", kw);
    check_args("setter", n, 2, 2);
    return property_copy(a[0], &Property::fset, a[1]);
}
Value property_deleter(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("deleter", kw);
    check_args("deleter", n, 2, 2);
    return property_copy(a[0], &Property::fdel, a[1]);
}
Value property_fget(const Value* a, std::size_t, const Tuple*) { return as_property(a[0])->fget; }
Value property_fset(const Value* a, std::size_t, const Tuple*) { return as_property(a[0])->fset; }
Value property_fdel(const Value* a, std::size_t, const Tuple*) { return as_property(a[0])->fdel; }
Value property_doc(const Value* a, std::size_t, const Tuple*) { return as_property(a[0])->doc; }

// ---- staticmethod, classmethod ----

Value wrap(Type& t, const char* name, const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs(name, kw);
    if (n != 1) raise(exc::TypeError, std::string(name) + " expected 1 argument, got " + std::to_string(n));
    return Value(new Wrapper(&t, a[0]));
}
Value ctor_staticmethod(Type& t, const Value* a, std::size_t n, const Tuple* kw) {
    return wrap(t, "staticmethod", a, n, kw);
}
Value ctor_classmethod(Type& t, const Value* a, std::size_t n, const Tuple* kw) {
    return wrap(t, "classmethod", a, n, kw);
}

Value staticmethod_get(const Value* a, std::size_t n, const Tuple*) {
    check_args("__get__", n, 2, 3);
    return as_wrapper(a[0])->func;
}
Value staticmethod_call(const Value* a, std::size_t n, const Tuple* kw) {
    return call(as_wrapper(a[0])->func, a + 1, n - 1, kw);
}
// Bound to the class it is looked up on (the subclass, for an inherited one).
Value classmethod_get(const Value* a, std::size_t n, const Tuple*) {
    check_args("__get__", n, 2, 3);
    Value cls = n == 3 && !a[2].is_none() ? a[2] : Value(&type_of(a[1]));
    return Value(new Method(as_wrapper(a[0])->func, cls));
}
Value wrapper_func(const Value* a, std::size_t, const Tuple*) { return as_wrapper(a[0])->func; }
Value wrapper_repr(const Value* a, std::size_t, const Tuple*) {
    return new_str("<" + type_name(a[0]) + "(" + repr(as_wrapper(a[0])->func) + ")>");
}

// ---- super(type, obj) ----

Value ctor_super(Type&, const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("super", kw);
    if (n == 0) raise(exc::RuntimeError, "super(): no arguments");
    if (n == 1) raise(exc::TypeError, "super(type) without a second argument is not supported yet");
    check_args("super", n, 2, 2);
    if (!is(a[0], Kind::type)) raise(exc::TypeError, "super() argument 1 must be a type, not " + type_name(a[0]));
    return new_super(a[0].as<Type>(), a[1]);
}
// What `super(C, obj).name` finds after C in obj's MRO; the super object's own attributes else.
Value super_getattribute(const Value* a, std::size_t n, const Tuple*) {
    check_args("__getattribute__", n, 2, 2);
    auto* s = static_cast<Super*>(a[0].obj());
    std::string name = str(a[1]);
    Value out;
    if (name != "__class__" && super_lookup(s->owner, s->self, name, out)) return out;
    if (name == "__class__") return Value(&super_type);
    if (name == "__thisclass__") return Value(s->owner);
    if (name == "__self__") return s->self;
    raise(exc::AttributeError, "'super' object has no attribute '" + name + "'");
}
Value super_repr(const Value* a, std::size_t, const Tuple*) {
    auto* s = static_cast<Super*>(a[0].obj());
    std::string self = is(s->self, Kind::type) ? repr(s->self) : "<" + type_name(s->self) + " object>";
    return new_str("<super: <class '" + s->owner->name + "'>, " + self + ">");
}

}  // namespace

Value new_super(Type* owner, const Value& self) {
    if (!(is(self, Kind::type) && self.as<Type>()->is_subtype_of(*owner)) && !isinstance(self, *owner))
        raise(exc::TypeError, "super(type, obj): obj must be an instance or subtype of type");
    return Value(new Super(&super_type, owner, self));
}

void set_function_owner(const Value& v, Type* t) {
    if (!v.is_object()) return;
    Type* vt = v.obj()->type;
    if (vt == &function_type) v.as<Function>()->owner = t;
    if (vt == &staticmethod_type || vt == &classmethod_type) set_function_owner(as_wrapper(v)->func, t);
    if (vt == &property_type)
        for (auto* f : {&as_property(v)->fget, &as_property(v)->fset, &as_property(v)->fdel}) set_function_owner(*f, t);
}

void register_descriptor_methods() {
    def_method(property_type, "__get__", property_get);
    def_method(property_type, "__set__", property_set);
    def_method(property_type, "__delete__", property_delete);
    def_method(property_type, "__set_name__", property_set_name);
    def_method(property_type, "getter", property_getter);
    def_method(property_type, "setter", property_setter);
    def_method(property_type, "deleter", property_deleter);
    def_getter(property_type, "fget", property_fget);
    def_getter(property_type, "fset", property_fset);
    def_getter(property_type, "fdel", property_fdel);
    def_getter(property_type, "__doc__", property_doc);
    def_method(staticmethod_type, "__get__", staticmethod_get);
    def_method(staticmethod_type, "__call__", staticmethod_call);
    def_method(classmethod_type, "__get__", classmethod_get);
    for (Type* t : {&staticmethod_type, &classmethod_type}) {
        def_getter(*t, "__func__", wrapper_func);
        def_getter(*t, "__wrapped__", wrapper_func);
        def_method(*t, "__repr__", wrapper_repr);
    }
    super_type.attr_hooks = true;  // every lookup goes through its __getattribute__
    def_method(super_type, "__getattribute__", super_getattribute);
    def_method(super_type, "__repr__", super_repr);
}

void init_descriptor_builtins(Dict& ns) {
    for (Type* t : {&property_type, &staticmethod_type, &classmethod_type, &super_type})
        define(ns, t->name.c_str(), Value(t));
}

}  // namespace aio::py
