// A class's __dict__: a read-only `mappingproxy` of its attributes, in the order a class
// statement's class got them (Type::order; a builtin type's in no particular order). It is a
// snapshot taken at each `C.__dict__` (CPython's proxy is live).
#include "python/detail.hpp"

namespace aio::py {

using namespace detail;

Type mappingproxy_type("mappingproxy", &object_type, Kind::object);

namespace {

struct MappingProxy : Object {
    explicit MappingProxy(Value d) : Object(&mappingproxy_type), dict(std::move(d)) {}
    Value dict;  // the snapshot
};

const Value& mapping(const Value* a, std::size_t n, const char* method) {
    if (n == 0 || !isinstance(a[0], mappingproxy_type))
        raise(exc::TypeError, std::string("descriptor '") + method + "' requires a 'mappingproxy' object");
    return static_cast<MappingProxy*>(a[0].obj())->dict;
}
// Each method is the snapshot dict's own.
Value forward(const char* method, const Value* a, std::size_t n, const Tuple* kw) {
    std::vector<Value> rest(a + 1, a + n + (kw ? kw->items.size() : 0));
    return call(getattr(mapping(a, n, method), method), rest.data(), n - 1, kw);
}
Value p_getitem(const Value* a, std::size_t n, const Tuple* kw) { return forward("__getitem__", a, n, kw); }
Value p_contains(const Value* a, std::size_t n, const Tuple* kw) { return forward("__contains__", a, n, kw); }
Value p_len(const Value* a, std::size_t n, const Tuple* kw) { return forward("__len__", a, n, kw); }
Value p_get(const Value* a, std::size_t n, const Tuple* kw) { return forward("get", a, n, kw); }
Value p_keys(const Value* a, std::size_t n, const Tuple* kw) { return forward("keys", a, n, kw); }
Value p_values(const Value* a, std::size_t n, const Tuple* kw) { return forward("values", a, n, kw); }
Value p_items(const Value* a, std::size_t n, const Tuple* kw) { return forward("items", a, n, kw); }
Value p_copy(const Value* a, std::size_t n, const Tuple* kw) { return forward("copy", a, n, kw); }
Value p_iter(const Value* a, std::size_t n, const Tuple*) { return iter(mapping(a, n, "__iter__")); }
Value p_repr(const Value* a, std::size_t n, const Tuple*) {
    return new_str("mappingproxy(" + repr(mapping(a, n, "__repr__")) + ")");
}

}  // namespace

Value class_dict(const Type& t) {
    if (!mappingproxy_type.dict.count("get")) {
        def_method(mappingproxy_type, "__getitem__", p_getitem);
        def_method(mappingproxy_type, "__contains__", p_contains);
        def_method(mappingproxy_type, "__len__", p_len);
        def_method(mappingproxy_type, "__iter__", p_iter);
        def_method(mappingproxy_type, "__repr__", p_repr);
        def_method(mappingproxy_type, "get", p_get);
        def_method(mappingproxy_type, "keys", p_keys);
        def_method(mappingproxy_type, "values", p_values);
        def_method(mappingproxy_type, "items", p_items);
        def_method(mappingproxy_type, "copy", p_copy);
    }
    Value d = new_dict();
    auto& table = d.as<Dict>()->table;
    if (t.order.empty()) {  // a builtin type
        for (const auto& [name, value] : t.dict) table.insert(new_str(name), value);
    } else {
        for (const std::string& name : t.order)
            if (auto it = t.dict.find(name); it != t.dict.end()) table.insert(new_str(name), it->second);
    }
    return Value(new MappingProxy(d));
}

}  // namespace aio::py
