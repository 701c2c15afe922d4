// `class` statements: running the body in a namespace dict, making the Type, constructing
// instances (__init__), super() attribute lookup.
#include "python/vm.hpp"

#include "python/detail.hpp"

namespace aio::py {

namespace {

// The builtin type whose layout instances of t have, and its constructor.
Value ctor_user(Type& t, const Value* args, std::size_t nargs, const Tuple* kw);

Type* layout_base(Type* t) {
    while (t && (t->ctor == nullptr || t->ctor == ctor_user)) t = t->base;
    return t;
}

Value ctor_user(Type& t, const Value* args, std::size_t nargs, const Tuple* kw) {
    Type* b = layout_base(t.base);
    Value obj;
    if (!b || b == &object_type || b->kind == Kind::instance) obj = Value(new Instance(&t));
    else obj = b->ctor(t, args, nargs, b->kind == Kind::exception ? kw : nullptr);
    const Value* init = t.lookup("__init__");
    if (init && !is(*init, Kind::function)) {  // defined in Python
        std::vector<Value> all{obj};
        all.insert(all.end(), args, args + nargs + (kw ? kw->items.size() : 0));
        Value r = call(*init, all.data(), nargs + 1, kw);
        if (!r.is_none())
            raise(exc::TypeError, "__init__() should return None, not '" + type_name(r) + "'");
    } else if (obj.is_object() && obj.obj()->type->kind == Kind::instance && (nargs || kw)) {
        raise(exc::TypeError, t.name + "() takes no arguments");
    }
    return obj;
}

Value exception_init(const Value* a, std::size_t n, const Tuple*) {
    a[0].as<ExceptionObject>()->args = new_tuple(std::vector<Value>(a + 1, a + n));
    return Value();
}
Value object_init(const Value*, std::size_t, const Tuple*) { return Value(); }

Value instance_repr(const Value* a, std::size_t, const Tuple*) {
    auto& t = type_of(a[0]);
    return new_str("<" + t.module + "." + t.name + " object at " + detail::hex_address(a[0].obj()) + ">");
}

}  // namespace

namespace {

// The classes `class` statements made (Types are immortal, so the run's end frees them).
std::vector<Type*>& classes_made() {
    static std::vector<Type*> made;
    return made;
}

}  // namespace

void register_class_methods() {
    def_method(exc::BaseException, "__init__", exception_init);
    def_method(object_type, "__init__", object_init);
}

Value build_class(const Value* args, std::size_t nargs, const Tuple*) {
    auto* body = args[0].as<Function>();
    std::string name = as_str(args[1])->s;
    Type* base = &object_type;
    if (nargs > 3) raise(exc::TypeError, "multiple inheritance is not supported yet");
    if (nargs == 3) {
        if (!is(args[2], Kind::type)) raise(exc::TypeError, "bases must be types");
        base = args[2].as<Type>();
    }
    // the body runs with the namespace as its locals
    Value ns = new_dict();
    Frame f;
    f.code_holder = body->code;
    f.code = &body->co();
    f.globals = body->globals;
    f.locals = ns;
    for (auto& c : body->closure) f.cells.push_back(c);
    Value ignored;
    run_frame(f, ignored);
    Kind kind = base->kind == Kind::object ? Kind::instance : base->kind;
    auto* t = new Type("", base, kind, ctor_user);
    classes_made().push_back(t);
    Value tv(t);
    t->name = name;
    Value mod;
    if (auto* e = ns.as<Dict>()->table.find(new_str("__module__"))) mod = e->value;
    t->module = is(mod, Kind::str) ? as_str(mod)->s : "__main__";
    ns.as<Dict>()->table.each([&](const HashTable::Entry& e) {
        if (e.value.is_object())
            if (e.value.obj()->type == &function_type) e.value.as<Function>()->owner = t;
        t->dict[as_str(e.key)->s] = e.value;
    });
    if (kind == Kind::instance && !t->lookup("__repr__")) t->dict["__repr__"] = new_function("__repr__", instance_repr);
    return tv;
}

void release_classes() {
    auto& made = classes_made();
    // A class's dict may hold other classes and their instances: empty every dict first, then
    // delete them all, so no class is freed while something still refers to it.
    for (Type* t : made) {
        auto dict = std::move(t->dict);
        t->dict.clear();
    }
    for (Type* t : made) delete t;
    made.clear();
}

Value super_attr(const Frame& f, const Value& self, const std::string& name) {
    Type* owner = f.func.is_none() ? nullptr : f.func.as<Function>()->owner;
    if (!owner) raise(exc::RuntimeError, "super(): no arguments");
    for (Type* t = owner->base; t; t = t->base) {
        auto it = t->dict.find(name);
        if (it == t->dict.end()) {
            if (t->lookup(name) && !t->base) break;
            continue;
        }
        const Value& m = it->second;
        if (is(m, Kind::function) && m.as<NativeFunction>()->owner)
            return Value(new NativeFunction(m.as<NativeFunction>()->name, m.as<NativeFunction>()->fn, self, t));
        if (m.is_object() && m.obj()->type == &function_type) return Value(new Method(m, self));
        return m;
    }
    // builtin methods are filled into the dicts on first lookup
    for (Type* t = owner->base; t; t = t->base)
        if (const Value* m = t->lookup(name)) {
            if (is(*m, Kind::function) && m->as<NativeFunction>()->owner)
                return Value(new NativeFunction(m->as<NativeFunction>()->name, m->as<NativeFunction>()->fn, self, t));
            return *m;
        }
    raise(exc::AttributeError, "'super' object has no attribute '" + name + "'");
}

}  // namespace aio::py
