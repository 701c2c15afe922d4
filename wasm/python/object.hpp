// The object model: types, the builtin object layouts and the operations the VM calls.
// Every operation raises Python exceptions by throwing py::Error (python/exceptions.hpp).
#pragma once

#include "python/value.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace aio::py {

// What a builtin object's C++ layout is; subclasses inherit their base's kind.
enum class Kind : std::uint8_t {
    object, type, none, boolean, integer, real, str, bytes, list, tuple, dict, set, frozenset,
    range, slice, function, exception, dict_view, iterator,
    instance  // objects with an attribute dict: instances of classes defined in Python, modules
};

struct Tuple;

// The one calling convention for everything callable (like CPython's vectorcall): positional
// values args[0..nargs), then one value per name in kwnames (nullptr when there are none).
using NativeFn = Value (*)(const Value* args, std::size_t nargs, const Tuple* kwnames);
// Called by `T(...)`; gets the type so subclasses construct themselves.
using Constructor = Value (*)(Type& t, const Value* args, std::size_t nargs, const Tuple* kwnames);

// Hashes names as std::string_view, so a type's dict is searched without making a std::string.
struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

struct Type : Object {
    Type(const char* n, Type* b, Kind k, Constructor c = nullptr);
    std::string name;
    std::string module;  // "" for builtins; else shown in tracebacks/reprs ("__main__")
    Type* base;  // the base whose layout instances have (CPython's __base__); nullptr only for `object`
    Type* also = nullptr;  // second base of ExceptionGroup(BaseExceptionGroup, Exception) only
    // Set for classes made by `class` statements: their bases and their C3 method resolution
    // order (this first). Empty for builtin types, whose order is the base chain.
    std::vector<Type*> bases, mro;
    Kind kind;
    // Set when the type or a class it derives from has a data descriptor (property, a class with
    // __set__/__delete__) or defines __getattribute__/__getattr__/__setattr__/__delattr__: only
    // then does attribute access leave the plain path (instance dict, then the type).
    bool attr_hooks = false;
    Constructor ctor;
    // Attributes and methods. Changed only through set_attr/erase_attr/take_attrs, which make
    // every cached lookup (LookupCache) stale.
    std::unordered_map<std::string, Value, NameHash, std::equal_to<>> dict;
    // A class statement's class: its attribute names in the order it got them (its __dict__'s).
    std::vector<std::string> order;
    // next() of iterator types that are not a SeqIterator (enumerate, zip, map, ...): false when
    // exhausted. Such types use Kind::iterator so iter() returns them unchanged.
    bool (*iternext)(const Value& self, Value& out) = nullptr;
    bool is_subtype_of(const Type& t) const noexcept;
    const Value* lookup(std::string_view attr) const;  // along the MRO
    void set_attr(std::string attr, Value v);
    bool erase_attr(const std::string& attr);
    std::unordered_map<std::string, Value, NameHash, std::equal_to<>> take_attrs();
    std::vector<Type*> resolution_order();  // __mro__: mro, or the base chain
};

// Moves on whenever any type's attributes may have changed (an attribute set or deleted, a class
// made or released): lookups cached at an older epoch are redone.
inline std::uint64_t type_epoch = 1;

// One cached Type::lookup of one name, at one attribute site (CPython's inline caches): while the
// object's type and the epoch are the same, the answer is too.
struct LookupCache {
    const Type* type = nullptr;
    std::uint64_t epoch = 0;
    const Value* found = nullptr;
    const Value* lookup(const Type& t, std::string_view name) {
        if (&t != type || epoch != type_epoch) [[unlikely]] {
            found = t.lookup(name);  // may fill builtin types' dicts (moving the epoch) first
            type = &t;
            epoch = type_epoch;
        }
        return found;
    }
};

// Builtin types (immortal).
extern Type object_type, type_type, none_type, bool_type, int_type, float_type, str_type,
    bytes_type, list_type, tuple_type, dict_type, set_type, frozenset_type, range_type,
    slice_type, builtin_function_type, dict_keys_type, dict_values_type, dict_items_type,
    list_iterator_type, tuple_iterator_type, str_iterator_type, bytes_iterator_type,
    range_iterator_type, dict_keyiterator_type, dict_valueiterator_type,
    dict_itemiterator_type, set_iterator_type, not_implemented_type, ellipsis_type;

// The NotImplemented singleton: what a binary special method returns to decline an operand.
const Value& not_implemented() noexcept;
const Value& ellipsis() noexcept;  // `...`, builtins' Ellipsis
inline bool is_not_implemented(const Value& v) noexcept { return v.is(not_implemented()); }

struct Str : Object {
    explicit Str(std::string v);
    std::string s;        // UTF-8
    std::int64_t length;  // in code points
    std::int64_t hash = -1;
    bool ascii() const noexcept { return length == static_cast<std::int64_t>(s.size()); }
};
struct Bytes : Object {
    explicit Bytes(std::string v) : Object(&bytes_type), s(std::move(v)) {}
    std::string s;
};
struct List : Object {
    explicit List(std::vector<Value> v = {}) : Object(&list_type), items(std::move(v)) {}
    std::vector<Value> items;
};
struct Tuple : Object {
    explicit Tuple(std::vector<Value> v = {}) : Object(&tuple_type), items(std::move(v)) {}
    std::vector<Value> items;
};

// Insertion-ordered hash table shared by dict, set and frozenset: entries in order (dead ones
// skipped) plus an open-addressing index of entry positions.
struct HashTable {
    struct Entry {
        Value key, value;
        std::int64_t hash;
        bool live;
    };
    std::vector<Entry> entries;
    std::vector<std::int32_t> index;  // -1 empty, else position in entries
    std::size_t used = 0;
    std::uint64_t version = 0;  // bumped on every insert/remove (iterator invalidation)

    Entry* find(const Value& key, std::int64_t h);
    Entry* find(const Value& key);
    // Returns true when the key was new.
    bool insert(const Value& key, Value value);
    bool insert(const Value& key, std::int64_t h, Value value);
    bool remove(const Value& key, Value* removed_value = nullptr);
    void clear();
    template <class F> void each(F&& f) const {
        for (auto& e : entries)
            if (e.live) f(e);
    }
private:
    void rebuild(std::size_t capacity);
};

struct Dict : Object {
    Dict() : Object(&dict_type) {}
    HashTable table;
};
struct Set : Object {  // set or frozenset, by type
    explicit Set(Type* t = &set_type) : Object(t) {}
    HashTable table;
};
struct Range : Object {
    Range(std::int64_t a, std::int64_t b, std::int64_t c)
        : Object(&range_type), start(a), stop(b), step(c) {}
    std::int64_t start, stop, step;
    std::int64_t length() const noexcept;
    std::int64_t at(std::int64_t i) const noexcept { return start + i * step; }
};
struct Slice : Object {
    Slice(Value a, Value b, Value c)
        : Object(&slice_type), start(std::move(a)), stop(std::move(b)), step(std::move(c)) {}
    Value start, stop, step;
    // Clamps to a sequence of `length` like CPython's PySlice_GetIndicesEx; returns the count.
    std::int64_t indices(std::int64_t length, std::int64_t& begin, std::int64_t& end,
                         std::int64_t& stride) const;
};
// A builtin function, or a builtin method (self set when bound).
struct NativeFunction : Object {
    NativeFunction(const char* n, NativeFn f, Value bound = {}, Type* owner_type = nullptr)
        : Object(&builtin_function_type), name(n), fn(f), self(std::move(bound)), owner(owner_type) {}
    const char* name;
    NativeFn fn;
    Value self;   // None for plain functions (self of a method is never None)
    Type* owner;  // the type a method belongs to (nullptr for functions)
};
// An instance of a class defined in Python (or a module): attributes live in `dict`.
struct Instance : Object {
    explicit Instance(Type* t);
    Value dict;  // Dict
};
// An instance of a `class` statement's subclass of int or float (`class I(int)`): numbers live
// inline in a Value, so the instance is a heap object of the subclass carrying the number.
struct BoxedNumber : Object {
    BoxedNumber(Type* t, Value v) : Object(t), value(v) {}
    Value value;  // an int or a float
    Value attrs;  // instance attributes (`self.unit = "m"`): None until the first, then a dict
    Value* attr_slot() noexcept override { return &attrs; }
};
// An instance of a class statement's subclass of str, bytes, tuple, list, dict or set: the builtin's layout plus
// its instance attributes (`self.size = n` in an OrderedDict subclass).
template <class Builtin>
struct WithAttrs : Builtin {
    using Builtin::Builtin;
    Value attrs;
    Value* attr_slot() noexcept override { return &attrs; }
};
struct DictView : Object {  // dict_keys / dict_values / dict_items
    DictView(Type* t, Value d) : Object(t), dict(std::move(d)) {}
    Value dict;
};
// Iterator over a builtin container; which container by type.
struct SeqIterator : Object {
    SeqIterator(Type* t, Value s) : Object(t), source(std::move(s)) {}
    Value source;
    std::int64_t pos = 0;       // element index (entry index for dicts/sets, byte offset for str)
    std::uint64_t version = 0;  // dict/set: detect changes during iteration
    std::size_t used = 0;
};

// ---- construction ----
Value new_str(std::string s);
Value new_str(std::string_view s);
Value new_str(const char* s);
Value new_list(std::vector<Value> items = {});
Value new_tuple(std::vector<Value> items = {});
Value new_dict();
Value new_set(Type& t = set_type);
Value new_function(const char* name, NativeFn fn);

// ---- introspection ----
Type& type_of(const Value& v) noexcept;
Kind kind_of(const Value& v) noexcept;
const std::string& type_name(const Value& v) noexcept;
bool isinstance(const Value& v, const Type& t) noexcept;
inline bool is(const Value& v, Kind k) noexcept { return v.is_object() && v.obj()->type->kind == k; }
inline Str* as_str(const Value& v) { return v.as<Str>(); }
// A BoxedNumber (only they are objects of an int or float kind).
inline bool is_boxed_number(const Value& v) noexcept { return is(v, Kind::integer) || is(v, Kind::real); }
// The number a BoxedNumber carries; any other value itself. Builtin behaviour of an int or
// float subclass goes through it.
inline const Value& unboxed(const Value& v) noexcept { return is_boxed_number(v) ? v.as<BoxedNumber>()->value : v; }

// ---- attributes and calls ----
Value getattr(const Value& v, std::string_view name);
bool try_getattr(const Value& v, std::string_view name, Value& out);
// obj.name(...) without a bound method (the VM's load_method): true when getattr(obj, name)
// would bind a method found on obj's type (a def's function, or a builtin type's method):
// `method` is it and `self` what it binds (int/float subclass instances: their number; never
// None). False: ask getattr. The caller has looked in an instance's own dict first. `cache`:
// the call site's cached lookup, if it has one.
bool type_method(const Value& obj, std::string_view name, Value& method, Value& self, LookupCache* cache = nullptr);
void setattr(const Value& v, std::string_view name, Value value);
// d's type defines __set__ or __delete__: it wins over the instance's dict.
bool is_data_descriptor(const Value& d);
// A class statement's class got attribute `name` = v (class.cpp keeps attr_hooks true).
void class_attribute_set(Type& t, std::string_view name, const Value& v);
// A builtin type's method called unbound (`str.upper(x)`): x must be an instance of the type, else
// CPython's TypeError (a C++ method would read x as the wrong object).
void check_unbound_self(const NativeFunction& f, const Value* args, std::size_t nargs);
Value call(const Value& callable, const Value* args, std::size_t nargs,
           const Tuple* kwnames = nullptr);
Value call(const Value& callable, std::initializer_list<Value> args);
Value call_method(const Value& self, std::string_view name, std::initializer_list<Value> args);
// Defines a builtin method on t.
void def_method(Type& t, const char* name, NativeFn fn);
// A read-only attribute of t's instances: `obj.name` is fn(&obj, 1, nullptr).
void def_getter(Type& t, const char* name, NativeFn fn);
// A settable attribute of t's instances: `obj.name` is get(&obj, 1), `obj.name = v` is
// set({obj, v}, 2). Makes t consult data descriptors (Type::attr_hooks).
void def_member(Type& t, const char* name, NativeFn get, NativeFn set);

// ---- protocols ----
// Calls self's special method `name` when self's class is defined in Python (or is a VM type);
// false when there is none. The protocols below fall back to it.
bool dunder(const Value& self, const char* name, std::initializer_list<Value> args, Value& out);
// The special method `name` a class defined in Python gives v (nullptr for builtin types and
// inherited builtin defaults): the operators' dunder lookup, skipped at once for builtin values.
const Value* user_method(const Value& v, const char* name);
// An instance of a `class` statement's subclass of str, list, dict, ...: its dunders come first.
bool python_subclass(const Value& v);
// An instance of a class defined in Python (a subclass of a builtin included): operators try its dunders.
bool user_instance(const Value& v);
bool truthy(const Value& v);
std::int64_t hash(const Value& v);
std::int64_t len(const Value& v);
bool eq(const Value& a, const Value& b);
bool lt(const Value& a, const Value& b);  // a < b, TypeError when unordered
bool contains(const Value& container, const Value& item);
Value getitem(const Value& c, const Value& key);
void setitem(const Value& c, const Value& key, Value v);
// What len/contains/getitem do for the builtin layout, skipping a subclass's overrides (the
// builtin types' own __len__ __contains__ __getitem__, which `super()` reaches).
std::int64_t builtin_len(const Value& v);
bool builtin_contains(const Value& container, const Value& item);
Value builtin_getitem(const Value& c, const Value& key);
// C.__dict__: a read-only mappingproxy of t's attributes (mappingproxy.cpp).
Value class_dict(const Type& t);
// A class statement's class gets attribute `name` (again: it moves to the end of its order).
void record_class_attribute(Type& t, const std::string& name);
void delitem(const Value& c, const Value& key);
Value iter(const Value& v);
Value unpack_iter(const Value& v);  // iter() for `a, b = v`: CPython's "cannot unpack" TypeError
bool next(const Value& iterator, Value& out);  // false when exhausted
std::vector<Value> to_vector(const Value& iterable);
template <class F> void for_each(const Value& iterable, F&& f) {
    Value it = iter(iterable);
    Value x;
    while (next(it, x)) f(x);
}

// ---- operators ----
enum class BinOp : std::uint8_t {
    add, sub, mul, matmul, truediv, floordiv, mod, pow, lshift, rshift, and_, or_, xor_
};
enum class CmpOp : std::uint8_t { lt, le, eq, ne, gt, ge };
enum class UnOp : std::uint8_t { neg, pos, invert, not_ };
const char* symbol(BinOp op) noexcept;
const char* symbol(CmpOp op) noexcept;
Value binary_op(BinOp op, const Value& a, const Value& b);
// a.forward(b), else b.reflected(a), for user-class operands; false when neither answers.
bool binary_dunders(const char* forward, const char* reflected, const Value& a, const Value& b, Value& out);
// a op= b: list +=, set |= and friends mutate a and return it; others as binary_op.
Value inplace_op(BinOp op, const Value& a, const Value& b);
Value compare(CmpOp op, const Value& a, const Value& b);
Value unary_op(UnOp op, const Value& a);

// ---- text ----
std::string repr(const Value& v);
std::string str(const Value& v);
std::string format(const Value& v, std::string_view spec);
Value str_value(const Value& v);  // str(v) as a str object (no copy for str)

// Collects one method table per file at first use (types are globals; methods are added once).
void ensure_builtins();

}  // namespace aio::py
