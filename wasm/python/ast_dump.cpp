#include "python/ast_dump.hpp"

#include "python/text.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace aio::py {

namespace {

using namespace ast;

// repr of a float constant; the parts of an imaginary literal print without ".0" (1j, 1.5j).
std::string repr_float(double v, bool add_dot_0) {
    std::string out = detail::float_repr(v);
    if (!add_dot_0 && out.size() > 2 && out.compare(out.size() - 2, 2, ".0") == 0) out.resize(out.size() - 2);
    return out;
}
using detail::bytes_repr;
using detail::str_repr;

const char* name_of(expr_context c) {
    switch (c) {
        case expr_context::load: return "Load()";
        case expr_context::store: return "Store()";
        default: return "Del()";
    }
}
const char* name_of(bool_op o) { return o == bool_op::and_ ? "And()" : "Or()"; }
const char* name_of(bin_op o) {
    static const char* names[] = {"Add()", "Sub()", "Mult()", "MatMult()", "Div()", "Mod()", "Pow()",
                                  "LShift()", "RShift()", "BitOr()", "BitXor()", "BitAnd()", "FloorDiv()"};
    return names[static_cast<int>(o)];
}
const char* name_of(unary_op o) {
    static const char* names[] = {"Invert()", "Not()", "UAdd()", "USub()"};
    return names[static_cast<int>(o)];
}
const char* name_of(cmp_op o) {
    static const char* names[] = {"Eq()", "NotEq()", "Lt()", "LtE()", "Gt()", "GtE()", "Is()", "IsNot()", "In()", "NotIn()"};
    return names[static_cast<int>(o)];
}

std::string constant_repr(const constant& c) {
    switch (c.k) {
        case constant::kind::none: return "None";
        case constant::kind::boolean: return c.boolean ? "True" : "False";
        case constant::kind::ellipsis: return "Ellipsis";
        case constant::kind::integer: return c.text;
        case constant::kind::floating: return repr_float(c.number, true);
        case constant::kind::imaginary: return repr_float(c.number, false) + "j";
        case constant::kind::str: return str_repr(c.text);
        default: return bytes_repr(c.text);
    }
}

class dumper {
public:
    explicit dumper(bool attributes) : attributes_(attributes) {}
    std::string out;

    void module(const Module& m) {
        out += "Module(body=";
        list(m.body);
        out += ", type_ignores=[])";
    }

private:
    bool attributes_;
    bool first_ = true;

    // Node(field=..., ...): open, then each field, then close with the location if asked.
    void open(const char* name) {
        out += name;
        out += '(';
        first_ = true;
    }
    void field(const char* name) {
        if (!first_) out += ", ";
        first_ = false;
        out += name;
        out += '=';
    }
    void close(const pos* p) {
        if (attributes_ && p) {
            for (auto [n, v] : {std::pair{"lineno", p->lineno}, {"col_offset", p->col_offset},
                                {"end_lineno", p->end_lineno}, {"end_col_offset", p->end_col_offset}}) {
                field(n);
                out += std::to_string(v);
            }
        }
        out += ')';
        first_ = false;
    }

    void f(const char* name, const expr_ptr& e) {
        field(name);
        node(*e);
    }
    void opt(const char* name, const expr_ptr& e) {
        if (e) f(name, e);
    }
    void f(const char* name, const expr_list& l) {
        field(name);
        out += '[';
        for (std::size_t i = 0; i < l.size(); i++) {
            if (i) out += ", ";
            if (l[i]) node(*l[i]);
            else out += "None";
        }
        out += ']';
    }
    void f(const char* name, const stmt_list& l) {
        field(name);
        list(l);
    }
    void list(const stmt_list& l) {
        out += '[';
        for (std::size_t i = 0; i < l.size(); i++) {
            if (i) out += ", ";
            node(*l[i]);
        }
        out += ']';
    }
    template <class T, class Fn>
    void each(const char* name, const std::vector<T>& v, Fn fn) {
        field(name);
        out += '[';
        for (std::size_t i = 0; i < v.size(); i++) {
            if (i) out += ", ";
            fn(v[i]);
        }
        out += ']';
    }
    void f(const char* name, const std::string& id) {
        field(name);
        out += str_repr(id);
    }
    void opt(const char* name, const std::optional<std::string>& id) {
        if (id) f(name, *id);
    }
    void f(const char* name, const char* raw) {
        field(name);
        out += raw;
    }
    void f(const char* name, int v) {
        field(name);
        out += std::to_string(v);
    }

    void node(const arg& a) {
        open("arg");
        f("arg", a.name);
        opt("annotation", a.annotation);
        close(&a.p);
    }
    void node(const arguments& a) {
        open("arguments");
        each("posonlyargs", a.posonlyargs, [&](const arg& x) { node(x); });
        each("args", a.args, [&](const arg& x) { node(x); });
        if (a.vararg) {
            field("vararg");
            node(*a.vararg);
        }
        each("kwonlyargs", a.kwonlyargs, [&](const arg& x) { node(x); });
        f("kw_defaults", a.kw_defaults);
        if (a.kwarg) {
            field("kwarg");
            node(*a.kwarg);
        }
        f("defaults", a.defaults);
        close(nullptr);
    }
    void node(const keyword& k) {
        open("keyword");
        opt("arg", k.name);
        f("value", k.value);
        close(&k.p);
    }
    void node(const alias& a) {
        open("alias");
        f("name", a.name);
        opt("asname", a.asname);
        close(&a.p);
    }
    void node(const withitem& w) {
        open("withitem");
        f("context_expr", w.context_expr);
        opt("optional_vars", w.optional_vars);
        close(nullptr);
    }
    void node(const comprehension& c) {
        open("comprehension");
        f("target", c.target);
        f("iter", c.iter);
        f("ifs", c.ifs);
        f("is_async", c.is_async ? 1 : 0);
        close(nullptr);
    }
    void node(const excepthandler& h) {
        open("ExceptHandler");
        opt("type", h.type);
        opt("name", h.name);
        f("body", h.body);
        close(&h.p);
    }
    void generators(const std::vector<comprehension>& g) {
        each("generators", g, [&](const comprehension& c) { node(c); });
    }
    void names(const std::vector<identifier>& n) {
        each("names", n, [&](const identifier& s) { out += str_repr(s); });
    }

    void node(const expr& e) {
        std::visit([&](const auto& n) { expression(n); }, e.v);
        close(&e.p);
    }
    void node(const stmt& s) {
        std::visit([&](const auto& n) { statement(n); }, s.v);
        close(&s.p);
    }

    void expression(const BoolOp& n) { open("BoolOp"); f("op", name_of(n.op)); f("values", n.values); }
    void expression(const NamedExpr& n) { open("NamedExpr"); f("target", n.target); f("value", n.value); }
    void expression(const BinOp& n) { open("BinOp"); f("left", n.left); f("op", name_of(n.op)); f("right", n.right); }
    void expression(const UnaryOp& n) { open("UnaryOp"); f("op", name_of(n.op)); f("operand", n.operand); }
    void expression(const Lambda& n) {
        open("Lambda");
        field("args");
        node(n.args);
        f("body", n.body);
    }
    void expression(const IfExp& n) { open("IfExp"); f("test", n.test); f("body", n.body); f("orelse", n.orelse); }
    void expression(const Dict& n) { open("Dict"); f("keys", n.keys); f("values", n.values); }
    void expression(const Set& n) { open("Set"); f("elts", n.elts); }
    void expression(const ListComp& n) { open("ListComp"); f("elt", n.elt); generators(n.generators); }
    void expression(const SetComp& n) { open("SetComp"); f("elt", n.elt); generators(n.generators); }
    void expression(const DictComp& n) {
        open("DictComp");
        f("key", n.key);
        f("value", n.value);
        generators(n.generators);
    }
    void expression(const GeneratorExp& n) { open("GeneratorExp"); f("elt", n.elt); generators(n.generators); }
    void expression(const Await& n) { open("Await"); f("value", n.value); }
    void expression(const Yield& n) { open("Yield"); opt("value", n.value); }
    void expression(const YieldFrom& n) { open("YieldFrom"); f("value", n.value); }
    void expression(const Compare& n) {
        open("Compare");
        f("left", n.left);
        each("ops", n.ops, [&](cmp_op o) { out += name_of(o); });
        f("comparators", n.comparators);
    }
    void expression(const Call& n) {
        open("Call");
        f("func", n.func);
        f("args", n.args);
        each("keywords", n.keywords, [&](const keyword& k) { node(k); });
    }
    void expression(const FormattedValue& n) {
        open("FormattedValue");
        f("value", n.value);
        f("conversion", n.conversion);
        opt("format_spec", n.format_spec);
    }
    void expression(const JoinedStr& n) { open("JoinedStr"); f("values", n.values); }
    void expression(const Constant& n) {
        open("Constant");
        field("value");
        out += constant_repr(n.value);
        opt("kind", n.kind);
    }
    void expression(const Attribute& n) {
        open("Attribute");
        f("value", n.value);
        f("attr", n.attr);
        f("ctx", name_of(n.ctx));
    }
    void expression(const Subscript& n) {
        open("Subscript");
        f("value", n.value);
        f("slice", n.slice);
        f("ctx", name_of(n.ctx));
    }
    void expression(const Starred& n) { open("Starred"); f("value", n.value); f("ctx", name_of(n.ctx)); }
    void expression(const Name& n) { open("Name"); f("id", n.id); f("ctx", name_of(n.ctx)); }
    void expression(const List& n) { open("List"); f("elts", n.elts); f("ctx", name_of(n.ctx)); }
    void expression(const Tuple& n) { open("Tuple"); f("elts", n.elts); f("ctx", name_of(n.ctx)); }
    void expression(const Slice& n) { open("Slice"); opt("lower", n.lower); opt("upper", n.upper); opt("step", n.step); }

    void statement(const FunctionDef& n) {
        open(n.is_async ? "AsyncFunctionDef" : "FunctionDef");
        f("name", n.name);
        field("args");
        node(n.args);
        f("body", n.body);
        f("decorator_list", n.decorator_list);
        opt("returns", n.returns);
    }
    void statement(const ClassDef& n) {
        open("ClassDef");
        f("name", n.name);
        f("bases", n.bases);
        each("keywords", n.keywords, [&](const keyword& k) { node(k); });
        f("body", n.body);
        f("decorator_list", n.decorator_list);
    }
    void statement(const Return& n) { open("Return"); opt("value", n.value); }
    void statement(const Delete& n) { open("Delete"); f("targets", n.targets); }
    void statement(const Assign& n) { open("Assign"); f("targets", n.targets); f("value", n.value); }
    void statement(const AugAssign& n) {
        open("AugAssign");
        f("target", n.target);
        f("op", name_of(n.op));
        f("value", n.value);
    }
    void statement(const AnnAssign& n) {
        open("AnnAssign");
        f("target", n.target);
        f("annotation", n.annotation);
        opt("value", n.value);
        f("simple", n.simple ? 1 : 0);
    }
    void statement(const For& n) {
        open(n.is_async ? "AsyncFor" : "For");
        f("target", n.target);
        f("iter", n.iter);
        f("body", n.body);
        f("orelse", n.orelse);
    }
    void statement(const While& n) { open("While"); f("test", n.test); f("body", n.body); f("orelse", n.orelse); }
    void statement(const If& n) { open("If"); f("test", n.test); f("body", n.body); f("orelse", n.orelse); }
    void statement(const With& n) {
        open(n.is_async ? "AsyncWith" : "With");
        each("items", n.items, [&](const withitem& w) { node(w); });
        f("body", n.body);
    }
    void statement(const Raise& n) { open("Raise"); opt("exc", n.exc); opt("cause", n.cause); }
    void statement(const Try& n) {
        open(n.is_star ? "TryStar" : "Try");
        f("body", n.body);
        each("handlers", n.handlers, [&](const excepthandler& h) { node(h); });
        f("orelse", n.orelse);
        f("finalbody", n.finalbody);
    }
    void statement(const Assert& n) { open("Assert"); f("test", n.test); opt("msg", n.msg); }
    void statement(const Import& n) {
        open("Import");
        each("names", n.names, [&](const alias& a) { node(a); });
    }
    void statement(const ImportFrom& n) {
        open("ImportFrom");
        opt("module", n.module);
        each("names", n.names, [&](const alias& a) { node(a); });
        f("level", n.level);
    }
    void statement(const Global& n) { open("Global"); names(n.names); }
    void statement(const Nonlocal& n) { open("Nonlocal"); names(n.names); }
    void statement(const Expr& n) { open("Expr"); f("value", n.value); }
    void statement(const Pass&) { open("Pass"); }
    void statement(const Break&) { open("Break"); }
    void statement(const Continue&) { open("Continue"); }
};

} // namespace

std::string ast_dump(const Module& module, bool include_attributes) {
    dumper d(include_attributes);
    d.module(module);
    return std::move(d.out);
}

} // namespace aio::py
