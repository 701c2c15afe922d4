// Module objects and `import`: native modules from the modules.cpp table, and .py files found
// beside the main program (each imported once; sys.modules is `loaded_modules`).
#include "python/vm.hpp"

#include "python/compiler.hpp"
#include "python/modules.hpp"
#include "python/parser.hpp"
#include "python/syntax_error.hpp"

#include "aio/detail/read_file.hpp"

#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace aio::py {

Type module_type("module", &object_type, Kind::instance);

namespace {

Value module_repr(const Value* a, std::size_t, const Tuple*) {
    Value n;
    try_getattr(a[0], "__name__", n);
    return new_str("<module '" + str(n) + "'>");
}
}  // namespace

void register_module_methods() {
    def_method(module_type, "__repr__", module_repr);
}

namespace {

std::unordered_map<std::string, Value>& loaded() {
    static std::unordered_map<std::string, Value> m;
    return m;
}

std::string& search_dir() {
    static std::string dir;
    return dir;
}

}  // namespace

void set_module_search_dir(std::string dir) { search_dir() = std::move(dir); }

Value new_module(const std::string& name) {
    auto* m = new Instance(&module_type);
    Value v(m);
    setitem(m->dict, new_str("__name__"), new_str(name));
    return v;
}

Value run_code(const Value& code, const Value& globals, const Value& locals) {
    Frame f;
    f.code_holder = code;
    f.code = code.as<Code>();
    f.globals = globals;
    f.locals = locals;
    Value r;
    run_frame(f, r);
    return r;
}

Value run_module_code(const Value& code, const Value& module) {
    const Value& ns = module.as<Instance>()->dict;
    run_code(code, ns, ns);
    return module;
}

Value import_module(const std::string& name) {
    auto& mods = loaded();
    if (auto it = mods.find(name); it != mods.end()) return it->second;
    if (const NativeModule* nm = find_native_module(name)) {
        Value m = new_module(name);
        mods[name] = m;
        nm->init(*m.as<Instance>()->dict.as<Dict>());
        return m;
    }
    if (name == "builtins") {  // no builtins module linked: an empty namespace
        Value m = new_module(name);
        mods[name] = m;
        return m;
    }
    std::string path, source;
    if (const SourceModule* sm = find_source_module(name)) {
        path = sm->filename;
        source = sm->source;
    } else {
        path = (search_dir().empty() ? std::string() : search_dir() + "/") + name + ".py";
        std::optional<std::string> text;
        if (name.find('.') == std::string::npos) text = aio::detail::read_file(path);
        if (!text) {
            Value e = new_exception(exc::ModuleNotFoundError, {new_str("No module named '" + name + "'")});
            setattr(e, "name", new_str(name));
            raise(e);
        }
        source = std::move(*text);
    }
    // A submodule is also an attribute of its package (import a.b makes a.b reachable from a).
    Value package;
    if (auto dot = name.rfind('.'); dot != std::string::npos) package = import_module(name.substr(0, dot));
    register_source(path, source);
    Value m = new_module(name);
    setitem(m.as<Instance>()->dict, new_str("__file__"), new_str(path));
    mods[name] = m;
    try {
        ast::Module tree = parse_program(source, path);
        run_module_code(compile_module(tree, path), m);
        if (!package.is_none()) setattr(package, name.substr(name.rfind('.') + 1), m);
    } catch (const syntax_error& se) {
        mods.erase(name);
        raise(new_syntax_error(se, true));
    } catch (...) {
        mods.erase(name);
        throw;
    }
    return m;
}

bool find_submodule(const std::string& dotted) {
    return loaded().count(dotted) || find_native_module(dotted) || find_source_module(dotted);
}

void forget_modules() { loaded().clear(); }

void clear_modules() {
    // Empty the globals of each module made from a .py file, as CPython's finalization does: its
    // functions reference them (no cycle collector to break that). Native modules hold no
    // program objects, and the VM keeps the builtins namespace for every run.
    for (auto& [name, m] : loaded()) {
        if (find_native_module(name) || name == "builtins") continue;
        HashTable doomed = std::move(m.as<Instance>()->dict.as<Dict>()->table);
        m.as<Instance>()->dict.as<Dict>()->table = HashTable();
    }
    loaded().clear();
}

}  // namespace aio::py
