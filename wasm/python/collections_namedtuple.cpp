// collections.namedtuple: as CPython 3.11's, a tuple subclass whose methods are Python code
// generated for its fields and compiled here (CPython exec()s the same text), with native
// _tuplegetter descriptors for the fields (p.x; `p.x = 1` is "can't set attribute").
#include "python/builtins.hpp"
#include "python/compiler.hpp"
#include "python/detail.hpp"
#include "python/parser.hpp"
#include "python/tokens.hpp"
#include "python/vm.hpp"

#include <algorithm>

namespace aio::py {

using namespace detail;

namespace {

// ---- _tuplegetter: field number `index` of a tuple ----

struct TupleGetter : Object {
    TupleGetter(Type* t, std::size_t i, Value d) : Object(t), index(i), doc(std::move(d)) {}
    std::size_t index;
    Value doc;
};

Type tuplegetter_type("_tuplegetter", &object_type, Kind::object);

TupleGetter& getter_of(const Value& v) { return *static_cast<TupleGetter*>(v.obj()); }

Value tg_get(const Value* a, std::size_t n, const Tuple*) {
    check_args("__get__", n, 2, 3);
    if (a[1].is_none()) return a[0];  // looked up on the class
    const TupleGetter& g = getter_of(a[0]);
    if (!is(a[1], Kind::tuple))
        raise(exc::TypeError, "descriptor for index '" + std::to_string(g.index) +
                                  "' for tuple subclasses doesn't apply to '" + type_name(a[1]) + "' object");
    const auto& items = a[1].as<Tuple>()->items;
    if (g.index >= items.size()) raise(exc::IndexError, "tuple index out of range");
    return items[g.index];
}
Value tg_set(const Value*, std::size_t, const Tuple*) { raise(exc::AttributeError, "can't set attribute"); }
Value tg_delete(const Value*, std::size_t, const Tuple*) { raise(exc::AttributeError, "can't delete attribute"); }
Value tg_doc(const Value* a, std::size_t, const Tuple*) { return getter_of(a[0]).doc; }

// ---- namedtuple(typename, field_names, *, rename=False, defaults=None, module=None) ----

// str.isidentifier, for the names a program gives: ASCII letters, digits and _, not a digit
// first; non-ASCII letters accepted as they come.
bool is_identifier(const std::string& s) {
    if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
    for (unsigned char c : s)
        if (!(c >= 0x80 || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            return false;
    return true;
}
bool is_keyword(const std::string& s) { return keyword_kind(s) != tok::name; }

std::vector<std::string> field_names_of(const Value& spec, bool rename) {
    std::vector<std::string> names;
    if (is(spec, Kind::str)) {
        std::string text = as_str(spec)->s;
        for (char& c : text)
            if (c == ',') c = ' ';
        for (const Value& word : to_vector(call_method(new_str(text), "split", {}))) names.push_back(as_str(word)->s);
    } else {
        for (const Value& v : to_vector(spec)) names.push_back(str(v));
    }
    if (rename) {
        std::vector<std::string> seen;
        for (std::size_t i = 0; i < names.size(); ++i) {
            const std::string name = names[i];
            if (!is_identifier(name) || is_keyword(name) || name[0] == '_' ||
                std::find(seen.begin(), seen.end(), name) != seen.end())
                names[i] = "_" + std::to_string(i);
            seen.push_back(name);
        }
    }
    return names;
}

void check_names(const std::string& type_name_, const std::vector<std::string>& fields, bool rename) {
    std::vector<std::string> all{type_name_};
    all.insert(all.end(), fields.begin(), fields.end());
    for (const std::string& name : all) {
        if (!is_identifier(name))
            raise(exc::ValueError, "Type names and field names must be valid identifiers: " + repr(new_str(name)));
        if (is_keyword(name))
            raise(exc::ValueError, "Type names and field names cannot be a keyword: " + repr(new_str(name)));
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i][0] == '_' && !rename)
            raise(exc::ValueError, "Field names cannot start with an underscore: " + repr(new_str(fields[i])));
        if (std::find(fields.begin(), fields.begin() + static_cast<std::ptrdiff_t>(i), fields[i]) != fields.begin() + static_cast<std::ptrdiff_t>(i))
            raise(exc::ValueError, "Encountered duplicate field name: " + repr(new_str(fields[i])));
    }
}

std::string join(const std::vector<std::string>& parts, const char* sep) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
    return out;
}

// The class statement CPython's namedtuple builds (Lib/collections/__init__.py), for these
// fields; the last `ndefaults` parameters of __new__ default to _d0, _d1, ...
std::string class_source(const std::string& name, const std::vector<std::string>& fields, std::size_t ndefaults) {
    std::vector<std::string> params, formats;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const std::size_t first_default = fields.size() - ndefaults;
        params.push_back(i >= first_default ? fields[i] + "=_d" + std::to_string(i - first_default) : fields[i]);
        formats.push_back(fields[i] + "=%r");
    }
    const std::string args = join(fields, ", "), count = std::to_string(fields.size());
    return "class " + name + "(tuple):\n"
           "    " + repr(new_str(name + "(" + args + ")")) + "\n"
           "    __slots__ = ()\n"
           "    _fields = _fields\n"
           "    _field_defaults = _field_defaults\n"
           "    __match_args__ = _fields\n"
           "    def __new__(_cls" + (params.empty() ? "" : ", " + join(params, ", ")) + "):\n"
           "        return _tuple_new(_cls, (" + args + (fields.size() == 1 ? "," : "") + "))\n"
           "    @classmethod\n"
           "    def _make(cls, iterable):\n"
           "        result = _tuple_new(cls, iterable)\n"
           "        if _len(result) != " + count + ":\n"
           "            raise TypeError('Expected " + count + " arguments, got ' + str(_len(result)))\n"
           "        return result\n"
           "    def _replace(self, /, **kwds):\n"
           "        result = self._make(_map(kwds.pop, _fields, self))\n"
           "        if kwds:\n"
           "            raise ValueError('Got unexpected field names: ' + repr(list(kwds)))\n"
           "        return result\n"
           "    def __repr__(self):\n"
           "        return self.__class__.__name__ + " + repr(new_str("(" + join(formats, ", ") + ")")) + " % self\n"
           "    def _asdict(self):\n"
           "        return _dict(_zip(self._fields, self))\n"
           "    def __getnewargs__(self):\n"
           "        return _tuple(self)\n";
}

Value namedtuple(const Value* a, std::size_t n, const Tuple* kw) {
    only_kwargs("namedtuple", kw, {"typename", "field_names", "rename", "defaults", "module"});
    if (n > 2) raise(exc::TypeError, "namedtuple() takes 2 positional arguments but " + std::to_string(n) + " were given");
    const Value* name_arg = n > 0 ? &a[0] : kwarg(a, n, kw, "typename");
    const Value* fields_arg = n > 1 ? &a[1] : kwarg(a, n, kw, "field_names");
    if (!name_arg || !fields_arg)
        raise(exc::TypeError, std::string("namedtuple() missing ") +
                                  (!name_arg && !fields_arg ? "2 required positional arguments: 'typename' and 'field_names'"
                                                            : !name_arg ? "1 required positional argument: 'typename'"
                                                                        : "1 required positional argument: 'field_names'"));
    const Value* rename_arg = kwarg(a, n, kw, "rename");
    const Value* defaults_arg = kwarg(a, n, kw, "defaults");
    const Value* module_arg = kwarg(a, n, kw, "module");
    const bool rename = rename_arg && truthy(*rename_arg);
    const std::string name = str(*name_arg);
    std::vector<std::string> fields = field_names_of(*fields_arg, rename);
    check_names(name, fields, rename);
    std::vector<Value> defaults;
    if (defaults_arg && !defaults_arg->is_none()) defaults = to_vector(*defaults_arg);
    if (defaults.size() > fields.size()) raise(exc::TypeError, "Got more default values than field names");

    // The namespace the generated class is compiled in: the helpers its methods use.
    Value ns_module = new_module(module_arg && !module_arg->is_none() ? str(*module_arg) : "__main__");
    Dict& ns = *ns_module.as<Instance>()->dict.as<Dict>();
    std::vector<Value> field_values;
    for (const std::string& f : fields) field_values.push_back(new_str(f));
    Value field_defaults = new_dict();
    for (std::size_t i = 0; i < defaults.size(); ++i) {
        field_defaults.as<Dict>()->table.insert(field_values[fields.size() - defaults.size() + i], defaults[i]);
        define(ns, ("_d" + std::to_string(i)).c_str(), defaults[i]);
    }
    define(ns, "_fields", new_tuple(field_values));
    define(ns, "_field_defaults", field_defaults);
    define(ns, "_tuple_new", *tuple_type.lookup("__new__"));
    for (const char* builtin : {"len", "map", "dict", "zip", "tuple"})
        define(ns, (std::string("_") + builtin).c_str(), getattr(import_module("builtins"), builtin));
    const std::string source = class_source(name, fields, defaults.size());
    run_module_code(compile_module(parse_program(source, "<string>"), "<string>"), ns_module);
    Value cls = getattr(ns_module, name);
    for (std::size_t i = 0; i < fields.size(); ++i)
        setattr(cls, fields[i], Value(new TupleGetter(&tuplegetter_type, i, new_str("Alias for field number " + std::to_string(i)))));
    return cls;
}

}  // namespace

void init_namedtuple(Dict& ns) {
    static bool typed = false;
    if (!typed) {
        typed = true;
        tuplegetter_type.module = "_collections";
        def_method(tuplegetter_type, "__get__", tg_get);
        def_method(tuplegetter_type, "__set__", tg_set);
        def_method(tuplegetter_type, "__delete__", tg_delete);
        def_getter(tuplegetter_type, "__doc__", tg_doc);
    }
    define(ns, "namedtuple", namedtuple);
}

}  // namespace aio::py
