// `class` statements: running the body in a namespace dict, making the Type, constructing
// instances (__init__), super() attribute lookup.
#include "python/vm.hpp"

#include "python/detail.hpp"

#include <algorithm>

namespace aio::py {

namespace {

// The builtin type whose layout instances of t have, and its constructor.
Value ctor_user(Type& t, const Value* args, std::size_t nargs, const Tuple* kw);
const Value* python_method(Type& t, const char* name);

Type* layout_base(Type* t) {
    while (t && (t->ctor == nullptr || t->ctor == ctor_user)) t = t->base;
    return t;
}

// The same list, dict or set contents in an object that can take instance attributes.
Value with_attrs(const Value& made, Kind k) {
    if (k == Kind::list) return Value(new WithAttrs<List>(std::move(made.as<List>()->items)));
    if (k == Kind::dict) {
        auto* d = new WithAttrs<Dict>();
        d->table = std::move(made.as<Dict>()->table);
        return Value(d);
    }
    if (k == Kind::set) {
        auto* s = new WithAttrs<Set>();
        s->table = std::move(made.as<Set>()->table);
        return Value(s);
    }
    return made;
}

// Whether instances of t (a class statement's subclass of `builtin`) take attributes: as in
// CPython, unless every class from t down to the builtin defines __slots__ (namedtuple's classes
// do, `__slots__ = ()`; the slots themselves are not supported).
bool takes_attrs(const Type& t, const Type* builtin) {
    for (const Type* c = &t; c && c != builtin; c = c->base)
        if (!c->dict.count("__slots__")) return true;
    return false;
}

// A fresh instance of t with the layout of its builtin base (what object.__new__, int.__new__,
// ... make), built from the arguments as that base's constructor takes them.
Value new_instance(Type& t, const Value* args, std::size_t nargs, const Tuple* kw) {
    Type* b = layout_base(&t);
    Value obj;
    if (!b || b == &object_type || b->kind == Kind::instance) return Value(new Instance(&t));
    // A list, dict or set is made empty and filled by __init__ (CPython's list/dict/set.__init__):
    // when the class defines its own, what it passes to super().__init__ fills it, not the call's.
    const bool init_fills = (b->kind == Kind::list || b->kind == Kind::dict || b->kind == Kind::set) &&
                            python_method(t, "__init__");
    if (init_fills) nargs = 0, kw = nullptr;
    obj = b->ctor(t, args, nargs, b->kind == Kind::exception || b->kind == Kind::dict ? kw : nullptr);
    if (b == &t) return obj;  // int.__new__(int, 5): the builtin value itself
    // A subclass of a builtin value type: a fresh object of the builtin's layout, typed t (the
    // constructor may return its argument or a shared value: `tuple(t) is t`).
    Kind k = b->kind;
    const bool attrs = takes_attrs(t, b);
    if (k == Kind::integer || k == Kind::real) obj = Value(new BoxedNumber(&t, obj));  // numbers live inline in a Value
    else if (k == Kind::str) obj = attrs ? Value(new WithAttrs<Str>(as_str(obj)->s)) : Value(new Str(as_str(obj)->s));
    else if (k == Kind::bytes) obj = attrs ? Value(new WithAttrs<Bytes>(obj.as<Bytes>()->s)) : Value(new Bytes(obj.as<Bytes>()->s));
    else if (k == Kind::tuple) obj = attrs ? Value(new WithAttrs<Tuple>(obj.as<Tuple>()->items)) : new_tuple(obj.as<Tuple>()->items);
    else if (!obj.obj()->attr_slot()) obj = with_attrs(obj, k);
    if (k == Kind::integer || k == Kind::real || k == Kind::str || k == Kind::bytes || k == Kind::tuple ||
        k == Kind::list || k == Kind::dict || k == Kind::set || k == Kind::frozenset)
        obj.obj()->type = &t;
    return obj;
}

// A __new__ or __init__ a class statement defined (not a builtin default).
const Value* python_method(Type& t, const char* name) {
    const Value* m = t.lookup(name);
    return m && !is(*m, Kind::function) ? m : nullptr;
}

Value ctor_user(Type& t, const Value* args, std::size_t nargs, const Tuple* kw) {
    const std::size_t given = nargs + (kw ? kw->items.size() : 0);
    const Value* user_new = python_method(t, "__new__");
    Value obj;
    if (user_new) {  // __new__(cls, *args, **kw) (a static method, as type_new makes it)
        std::vector<Value> all{Value(&t)};
        all.insert(all.end(), args, args + given);
        obj = call(*user_new, all.data(), nargs + 1, kw);
        if (!isinstance(obj, t)) return obj;  // not an instance: no __init__, as CPython
    } else {
        obj = new_instance(t, args, nargs, kw);
    }
    if (const Value* init = python_method(t, "__init__")) {
        std::vector<Value> all{obj};
        all.insert(all.end(), args, args + given);
        Value r = call(*init, all.data(), nargs + 1, kw);
        if (!r.is_none())
            raise(exc::TypeError, "__init__() should return None, not '" + type_name(r) + "'");
    } else if (user_new && (is(obj, Kind::list) || is(obj, Kind::dict) || is(obj, Kind::set))) {
        std::vector<Value> all{obj};  // the builtin's __init__ fills what the class's __new__ made
        all.insert(all.end(), args, args + given);
        call(*t.lookup("__init__"), all.data(), nargs + 1, kw);
    } else if (!user_new && obj.is_object() && obj.obj()->type->kind == Kind::instance && given) {
        raise(exc::TypeError, t.name + "() takes no arguments");
    }
    return obj;
}

// T.__new__(cls, *args): an instance of cls (a subclass of T) made as T makes its instances.
template <Type* T>
Value builtin_new(const Value* a, std::size_t n, const Tuple* kw) {
    const std::string name = T->name + ".__new__";
    if (n == 0) raise(exc::TypeError, name + "(): not enough arguments");
    if (!is(a[0], Kind::type))
        raise(exc::TypeError, name + "(X): X is not a type object (" + type_name(a[0]) + ")");
    Type& cls = *a[0].as<Type>();
    if (!cls.is_subtype_of(*T))
        raise(exc::TypeError, name + "(" + cls.name + "): " + cls.name + " is not a subtype of " + T->name);
    if (T == &object_type && (n > 1 || kw))
        raise(exc::TypeError, "object.__new__() takes exactly one argument (the type to instantiate)");
    return new_instance(cls, a + 1, n - 1, kw);
}

Value exception_init(const Value* a, std::size_t n, const Tuple*) {
    a[0].as<ExceptionObject>()->args = new_tuple(std::vector<Value>(a + 1, a + n));
    return Value();
}
Value object_init(const Value*, std::size_t, const Tuple*) { return Value(); }

// list/dict/set.__init__(self, iterable=(), /): what a subclass's super().__init__(...) reaches.
// The type's own update/extend, not an override (as CPython's dict_merge).
template <Type* T>
Value container_init(const Value* a, std::size_t n, const Tuple* kw) {
    if (T != &dict_type) detail::no_kwargs(T->name.c_str(), kw);
    if (n > 2) raise(exc::TypeError, T->name + " expected at most 1 argument, got " + std::to_string(n - 1));
    if (T != &dict_type) call(*T->lookup("clear"), a, 1);  // list and set start over; dict merges
    if (n == 2 || kw) call(*T->lookup(T == &list_type ? "extend" : "update"), a, n, kw);
    return Value();
}

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
    def_method(list_type, "__init__", container_init<&list_type>);
    def_method(dict_type, "__init__", container_init<&dict_type>);
    def_method(set_type, "__init__", container_init<&set_type>);
    // The immutable builtins' __new__, which a subclass's __new__ reaches through super().
    def_method(object_type, "__new__", builtin_new<&object_type>);
    def_method(int_type, "__new__", builtin_new<&int_type>);
    def_method(float_type, "__new__", builtin_new<&float_type>);
    def_method(str_type, "__new__", builtin_new<&str_type>);
    def_method(bytes_type, "__new__", builtin_new<&bytes_type>);
    def_method(tuple_type, "__new__", builtin_new<&tuple_type>);
    def_method(frozenset_type, "__new__", builtin_new<&frozenset_type>);
}

namespace {

// C3 linearization of a class with these bases (CPython's mro_internal): the class, then the
// merge of the bases' orders and the list of bases.
std::vector<Type*> c3_order(Type* t, const std::vector<Type*>& bases) {
    std::vector<std::vector<Type*>> seqs;
    for (Type* b : bases) seqs.push_back(b->resolution_order());
    seqs.push_back(bases);
    auto in_a_tail = [&](Type* c) {
        for (auto& s : seqs)
            if (std::find(s.begin() + (s.empty() ? 0 : 1), s.end(), c) != s.end()) return true;
        return false;
    };
    std::vector<Type*> out{t};
    for (;;) {
        Type* next = nullptr;
        bool left = false;
        for (auto& s : seqs) {
            if (s.empty()) continue;
            left = true;
            if (!in_a_tail(s.front())) {
                next = s.front();
                break;
            }
        }
        if (!left) return out;
        if (!next) {
            std::vector<Type*> heads;
            for (auto& s : seqs)
                if (!s.empty() && std::find(heads.begin(), heads.end(), s.front()) == heads.end())
                    heads.push_back(s.front());
            std::string names;
            for (Type* h : heads) names += (names.empty() ? "" : ", ") + h->name;
            raise(exc::TypeError, "Cannot create a consistent method resolution\norder (MRO) for bases " + names);
        }
        out.push_back(next);
        for (auto& s : seqs)
            if (!s.empty() && s.front() == next) s.erase(s.begin());
    }
}

// The base whose builtin layout instances get (CPython's best_base): the one with the most
// derived layout; TypeError when two bases' layouts are unrelated (int and str).
Type* layout_of_bases(const std::vector<Type*>& bases) {
    Type* best = bases.front();
    Type* solid = nullptr;
    for (Type* b : bases) {
        Type* l = layout_base(b);
        if (!l || l == &object_type) continue;
        if (solid && !solid->is_subtype_of(*l) && !l->is_subtype_of(*solid))
            raise(exc::TypeError, "multiple bases have instance lay-out conflict");
        if (!solid || l->is_subtype_of(*solid)) {
            if (!solid || l != solid) best = b;
            solid = l;
        }
    }
    return best;
}

}  // namespace

Value build_class(const Value* args, std::size_t nargs, const Tuple*) {
    auto* body = args[0].as<Function>();
    std::string name = as_str(args[1])->s;
    std::vector<Type*> bases;
    for (std::size_t i = 2; i < nargs; ++i) {
        if (!is(args[i], Kind::type))
            raise(exc::TypeError, nargs == 3 ? "bases must be types"
                                             : "metaclass conflict: the metaclass of a derived class must be a "
                                               "(non-strict) subclass of the metaclasses of all its bases");
        bases.push_back(args[i].as<Type>());
    }
    if (bases.empty()) bases.push_back(&object_type);
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
    return detail::make_class(std::move(name), std::move(bases), ns);
}

Value detail::make_class(std::string name, std::vector<Type*> bases, const Value& ns) {
    for (auto b = bases.begin(); b != bases.end(); ++b)  // checked after the body, as type() does
        if (std::find(bases.begin(), b, *b) != b) raise(exc::TypeError, "duplicate base class " + (*b)->name);
    Type* base = layout_of_bases(bases);
    // A native object type (asyncio.Queue, Lock, Future, random.Random, ...) keeps its state in a
    // C++ object that instances of a subclass would not get: refuse clearly rather than let a
    // method reach into an object of the wrong layout.
    if (base != &object_type && base->kind == Kind::object)
        raise(exc::TypeError, "subclassing '" + base->name + "' is not supported by this Python (aio's front-end) yet");
    Kind kind = base->kind == Kind::object ? Kind::instance : base->kind;
    auto* t = new Type("", base, kind, ctor_user);
    classes_made().push_back(t);
    t->name = name;
    t->mro = c3_order(t, bases);
    t->bases = std::move(bases);
    Value tv(t);
    Value mod;
    if (auto* e = ns.as<Dict>()->table.find(new_str("__module__"))) mod = e->value;
    t->module = is(mod, Kind::str) ? as_str(mod)->s : "__main__";
    t->attr_hooks = std::any_of(t->mro.begin() + 1, t->mro.end(), [](Type* b) { return b->attr_hooks; });
    // A class without a docstring has __doc__ None of its own (it does not inherit its base's).
    if (!ns.as<Dict>()->table.find(new_str("__doc__"))) ns.as<Dict>()->table.insert(new_str("__doc__"), Value());
    // As type.__new__: defining __eq__ without __hash__ makes instances unhashable.
    if (ns.as<Dict>()->table.find(new_str("__eq__")) && !ns.as<Dict>()->table.find(new_str("__hash__")))
        ns.as<Dict>()->table.insert(new_str("__hash__"), Value());
    ns.as<Dict>()->table.each([&](const HashTable::Entry& e) {
        set_function_owner(e.value, t);
        class_attribute_set(*t, as_str(e.key)->s, e.value);
        record_class_attribute(*t, as_str(e.key)->s);
        t->set_attr(as_str(e.key)->s, e.value);
    });
    if (const Value* r = t->lookup("__repr__"); kind == Kind::instance && (!r || detail::builtin_method_of(r, object_type))) t->set_attr("__repr__", new_function("__repr__", instance_repr));
    // As type.__new__: each attribute whose type has __set_name__ learns its class and name.
    ns.as<Dict>()->table.each([&](const HashTable::Entry& e) {
        if (e.value.is_object() && !is(e.value, Kind::type) && !is(e.value, Kind::function))
            if (const Value* set_name = e.value.obj()->type->lookup("__set_name__"))
                call(*set_name, {e.value, tv, e.key});
    });
    return tv;
}

void record_class_attribute(Type& t, const std::string& name) {
    if (name == "__qualname__" || t.dict.count(name)) return;  // CPython keeps no __qualname__ there
    t.order.erase(std::remove(t.order.begin(), t.order.end(), name), t.order.end());  // deleted before
    t.order.push_back(name);
}

void class_attribute_set(Type& t, std::string_view name, const Value& v) {
    if (t.attr_hooks) return;
    if (!is_data_descriptor(v) && name != "__getattribute__" && name != "__getattr__" &&
        name != "__setattr__" && name != "__delattr__")
        return;
    // t and the classes derived from it leave the plain attribute path.
    for (Type* c : classes_made())
        if (c->is_subtype_of(t)) c->attr_hooks = true;
}

void release_classes() {
    auto& made = classes_made();
    // A class's dict may hold other classes and their instances: empty every dict first, then
    // delete them all, so no class is freed while something still refers to it.
    for (Type* t : made) auto attrs = t->take_attrs();
    for (Type* t : made) delete t;
    made.clear();
}

bool super_lookup(Type* owner, const Value& self, const std::string& name, Value& out) {
    ensure_builtins();  // builtin methods are filled into the dicts on first lookup
    // From a classmethod self is the class itself (CPython's supercheck).
    bool of_class = is(self, Kind::type) && self.as<Type>()->is_subtype_of(*owner);
    Type* start = of_class ? self.as<Type>() : &type_of(self);
    std::vector<Type*> order = start->resolution_order();
    auto at = std::find(order.begin(), order.end(), owner);
    if (at == order.end()) raise(exc::TypeError, "super(type, obj): obj must be an instance or subtype of type");
    for (auto p = at + 1; p != order.end(); ++p) {
        Type* t = *p;
        auto it = t->dict.find(name);
        if (it == t->dict.end()) continue;
        const Value& m = it->second;
        out = m;
        if (name == "__new__") {  // a static method: the caller passes the class
        } else if (is(m, Kind::function) && m.as<NativeFunction>()->owner) {
            out = Value(new NativeFunction(m.as<NativeFunction>()->name, m.as<NativeFunction>()->fn, self, t));
        } else if (m.is_object() && !is(m, Kind::type) && !is(m, Kind::function)) {
            // a descriptor: bound as CPython's super does (no instance when self is the class)
            if (const Value* get = m.obj()->type->lookup("__get__"))
                out = call(*get, {m, of_class ? Value() : self, Value(start)});
        }
        return true;
    }
    return false;
}

// super().name: the classes after the method's class in the MRO of self's class. `self` is
// the function's first argument (a comprehension's iterator, as in CPython 3.11).
namespace {
// The class super() names implicitly: the one whose body defined the running function.
Type* implicit_class(const Frame& f) {
    if (f.code->argcount == 0) raise(exc::RuntimeError, "super(): no arguments");
    Type* owner = f.func.is_none() ? nullptr : f.func.as<Function>()->owner;
    if (!owner) raise(exc::RuntimeError, "super(): __class__ cell not found");
    return owner;
}
}  // namespace

Value bare_super(const Frame& f, const Value& self) { return new_super(implicit_class(f), self); }

Value super_attr(const Frame& f, const Value& self, const std::string& name) {
    Type* owner = implicit_class(f);
    Value out;
    if (!super_lookup(owner, self, name, out))
        raise(exc::AttributeError, "'super' object has no attribute '" + name + "'");
    return out;
}

}  // namespace aio::py
