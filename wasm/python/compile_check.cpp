#include "python/compile_check.hpp"

#include "python/syntax_error.hpp"

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

namespace aio::py {

namespace {

using namespace ast;

[[noreturn]] void fail(const std::string& msg, const pos& p) {
    throw syntax_error("SyntaxError", msg, p.lineno, p.col_offset + 1, p.end_lineno, p.end_col_offset + 1);
}

struct scope {
    bool function = false, async = false, loop = false, module = false;
    // a class body, or a comprehension whose nearest enclosing non-comprehension scope is one
    // (a walrus there would bind in the class: CPython refuses it)
    bool class_body = false;
    bool comprehension_iterable = false;  // inside a comprehension's `in ...` expression
    const char* comprehension = nullptr;  // "list comprehension", ... while inside one
    bool* saw_async = nullptr;            // set by await / async for inside a comprehension
    bool annotation = false;  // a string annotation's (from __future__ import annotations)
    // the function's first `return value` and whether it yields: an async def may not have both
    struct returns {
        bool yields = false, with_value = false;
        pos at{};
    }* fn = nullptr;
};

// The `from __future__` imports a module starts with (after its docstring), the only places
// they may be.
std::vector<const ImportFrom*> leading_future_imports(const Module& m) {
    std::vector<const ImportFrom*> out;
    std::size_t i = 0;
    if (!m.body.empty())
        if (const auto* e = std::get_if<Expr>(&m.body[0]->v))
            if (const auto* c = std::get_if<Constant>(&e->value->v); c && c->value.k == constant::kind::str) i = 1;
    for (; i < m.body.size(); ++i) {
        const auto* x = std::get_if<ImportFrom>(&m.body[i]->v);
        if (!x || !x->module || *x->module != "__future__" || x->level) break;
        out.push_back(x);
    }
    return out;
}

class checker {
public:
    std::vector<const ImportFrom*> leading_futures;
    bool string_annotations = false;  // from __future__ import annotations

    void statements(const stmt_list& body, const scope& s) {
        for (const auto& st : body) statement(*st, s);
    }

private:
    void exprs(const expr_list& list, const scope& s) {
        for (const auto& e : list) {
            if (e) expression(*e, s);
        }
    }
    void opt(const expr_ptr& e, const scope& s) {
        if (e) expression(*e, s);
    }

    // An annotation: a string one may not hold a walrus, yield or await (CPython's symtable).
    void annotation(const expr_ptr& e, const scope& s) {
        if (!e) return;
        scope in = s;
        in.annotation = string_annotations;
        expression(*e, in);
    }

    void arguments_outer(const arguments& a, const scope& s) {
        exprs(a.defaults, s);
        exprs(a.kw_defaults, s);
        auto ann = [&](const arg& x) { annotation(x.annotation, s); };
        for (const auto& x : a.posonlyargs) ann(x);
        for (const auto& x : a.args) ann(x);
        for (const auto& x : a.kwonlyargs) ann(x);
        if (a.vararg) ann(*a.vararg);
        if (a.kwarg) ann(*a.kwarg);
    }

    void statement(const stmt& st, const scope& s) {
        std::visit([&](const auto& node) { visit(node, st.p, s); }, st.v);
    }

    void visit(const FunctionDef& f, const pos&, const scope& s) {
        exprs(f.decorator_list, s);
        arguments_outer(f.args, s);
        annotation(f.returns, s);
        scope inner;
        inner.function = true;
        inner.async = f.is_async;
        scope::returns r;
        inner.fn = &r;
        statements(f.body, inner);
        if (f.is_async && r.yields && r.with_value) fail("'return' with value in async generator", r.at);
    }
    void visit(const ClassDef& c, const pos&, const scope& s) {
        exprs(c.decorator_list, s);
        exprs(c.bases, s);
        for (const auto& k : c.keywords) expression(*k.value, s);
        scope body;
        body.class_body = true;
        statements(c.body, body);
    }
    void visit(const Return& r, const pos& p, const scope& s) {
        if (!s.function) fail("'return' outside function", p);
        if (r.value && s.fn && !s.fn->with_value) *s.fn = {s.fn->yields, true, p};
        opt(r.value, s);
    }
    void visit(const Delete& d, const pos&, const scope& s) { exprs(d.targets, s); }
    void visit(const Assign& a, const pos&, const scope& s) {
        exprs(a.targets, s);
        expression(*a.value, s);
    }
    void visit(const AugAssign& a, const pos&, const scope& s) {
        expression(*a.target, s);
        expression(*a.value, s);
    }
    void visit(const AnnAssign& a, const pos&, const scope& s) {
        expression(*a.target, s);
        annotation(a.annotation, s);
        opt(a.value, s);
    }
    void visit(const For& f, const pos& p, const scope& s) {
        if (f.is_async && !s.async) fail("'async for' outside async function", p);
        expression(*f.target, s);
        expression(*f.iter, s);
        scope body = s;
        body.loop = true;
        statements(f.body, body);
        statements(f.orelse, s);
    }
    void visit(const While& w, const pos&, const scope& s) {
        expression(*w.test, s);
        scope body = s;
        body.loop = true;
        statements(w.body, body);
        statements(w.orelse, s);
    }
    void visit(const If& i, const pos&, const scope& s) {
        expression(*i.test, s);
        statements(i.body, s);
        statements(i.orelse, s);
    }
    void visit(const With& w, const pos& p, const scope& s) {
        if (w.is_async && !s.async) fail("'async with' outside async function", p);
        for (const auto& item : w.items) {
            expression(*item.context_expr, s);
            opt(item.optional_vars, s);
        }
        statements(w.body, s);
    }
    void visit(const Raise& r, const pos&, const scope& s) {
        opt(r.exc, s);
        opt(r.cause, s);
    }
    void visit(const Try& t, const pos&, const scope& s) {
        statements(t.body, s);
        for (const auto& h : t.handlers) {
            opt(h.type, s);
            statements(h.body, s);
        }
        statements(t.orelse, s);
        statements(t.finalbody, s);
    }
    void visit(const Assert& a, const pos&, const scope& s) {
        expression(*a.test, s);
        opt(a.msg, s);
    }
    void visit(const Import&, const pos&, const scope&) {}
    void visit(const ImportFrom& x, const pos& p, const scope&) {
        if (!x.module || *x.module != "__future__" || x.level) return;
        if (std::find(leading_futures.begin(), leading_futures.end(), &x) == leading_futures.end())
            fail("from __future__ imports must occur at the beginning of the file", p);
        static const char* const features[] = {"nested_scopes", "generators", "division", "absolute_import",
                                               "with_statement", "print_function", "unicode_literals",
                                               "barry_as_FLUFL", "generator_stop", "annotations"};
        for (const alias& a : x.names) {
            if (a.name == "braces") fail("not a chance", p);
            if (std::find(std::begin(features), std::end(features), a.name) == std::end(features))
                fail("future feature " + a.name + " is not defined", p);
        }
    }
    void visit(const Global&, const pos&, const scope&) {}
    void visit(const Nonlocal&, const pos& p, const scope& s) {
        if (s.module) fail("nonlocal declaration not allowed at module level", p);
    }
    void visit(const Expr& e, const pos&, const scope& s) { expression(*e.value, s); }
    void visit(const Pass&, const pos&, const scope&) {}
    void visit(const Break&, const pos& p, const scope& s) {
        if (!s.loop) fail("'break' outside loop", p);
    }
    void visit(const Continue&, const pos& p, const scope& s) {
        if (!s.loop) fail("'continue' not properly in loop", p);
    }

    void expression(const expr& e, const scope& s) {
        std::visit([&](const auto& node) { visit(node, e.p, s); }, e.v);
    }

    // A comprehension: the first iterable belongs to the enclosing scope, the rest to a new
    // function scope where await is allowed only if the enclosing function is async (a
    // generator expression becomes an async generator instead).
    void comprehension_scope(const char* kind, const std::vector<comprehension>& gens,
                             std::initializer_list<const expr*> elts, const pos& p, const scope& s,
                             bool generator) {
        scope first_iterable = s;
        first_iterable.comprehension_iterable = true;
        expression(*gens.front().iter, first_iterable);
        bool saw_async = false;
        scope inner;
        inner.function = true;
        inner.async = true;
        inner.comprehension = kind;
        inner.class_body = s.class_body;
        inner.comprehension_iterable = s.comprehension_iterable;  // even nested ones (CPython)
        inner.saw_async = &saw_async;
        for (std::size_t i = 0; i < gens.size(); i++) {
            if (gens[i].is_async) saw_async = true;
            expression(*gens[i].target, inner);
            if (i > 0) {
                scope iterable = inner;
                iterable.comprehension_iterable = true;
                expression(*gens[i].iter, iterable);
            }
            exprs(gens[i].ifs, inner);
        }
        for (const expr* x : elts) expression(*x, inner);
        if (saw_async && !generator && !s.async)
            fail("asynchronous comprehension outside of an asynchronous function", p);
        if (saw_async && s.saw_async) *s.saw_async = true;
    }

    void visit(const BoolOp& b, const pos&, const scope& s) { exprs(b.values, s); }
    void visit(const NamedExpr& n, const pos& p, const scope& s) {
        if (s.annotation) fail("'named expression' can not be used within an annotation", p);
        if (s.comprehension_iterable)
            fail("assignment expression cannot be used in a comprehension iterable expression", p);
        if (s.comprehension && s.class_body)  // CPython marks only the expression's first character
            fail("assignment expression within a comprehension cannot be used in a class body",
                 pos{p.lineno, p.col_offset, p.lineno, p.col_offset + 1});
        expression(*n.value, s);
    }
    void visit(const BinOp& b, const pos&, const scope& s) {
        expression(*b.left, s);
        expression(*b.right, s);
    }
    void visit(const UnaryOp& u, const pos&, const scope& s) { expression(*u.operand, s); }
    void visit(const Lambda& l, const pos&, const scope& s) {
        arguments_outer(l.args, s);
        scope inner;
        inner.function = true;
        inner.comprehension_iterable = s.comprehension_iterable;  // CPython refuses a walrus there too
        expression(*l.body, inner);
    }
    void visit(const IfExp& i, const pos&, const scope& s) {
        expression(*i.test, s);
        expression(*i.body, s);
        expression(*i.orelse, s);
    }
    void visit(const Dict& d, const pos&, const scope& s) {
        exprs(d.keys, s);
        exprs(d.values, s);
    }
    void visit(const Set& x, const pos&, const scope& s) { exprs(x.elts, s); }
    void visit(const ListComp& c, const pos& p, const scope& s) {
        comprehension_scope("list comprehension", c.generators, {c.elt.get()}, p, s, false);
    }
    void visit(const SetComp& c, const pos& p, const scope& s) {
        comprehension_scope("set comprehension", c.generators, {c.elt.get()}, p, s, false);
    }
    void visit(const DictComp& c, const pos& p, const scope& s) {
        comprehension_scope("dict comprehension", c.generators, {c.key.get(), c.value.get()}, p, s, false);
    }
    void visit(const GeneratorExp& c, const pos& p, const scope& s) {
        comprehension_scope("generator expression", c.generators, {c.elt.get()}, p, s, true);
    }
    void visit(const Await& a, const pos& p, const scope& s) {
        if (s.annotation) fail("'await expression' can not be used within an annotation", p);
        if (!s.function) fail("'await' outside function", p);
        if (!s.async) fail("'await' outside async function", p);
        if (s.saw_async) *s.saw_async = true;
        expression(*a.value, s);
    }
    void visit(const Yield& y, const pos& p, const scope& s) {
        if (s.annotation) fail("'yield expression' can not be used within an annotation", p);
        if (s.comprehension) fail(std::string("'yield' inside ") + s.comprehension, p);
        if (!s.function) fail("'yield' outside function", p);
        if (s.fn) s.fn->yields = true;
        opt(y.value, s);
    }
    void visit(const YieldFrom& y, const pos& p, const scope& s) {
        if (s.annotation) fail("'yield expression' can not be used within an annotation", p);
        if (s.comprehension) fail(std::string("'yield' inside ") + s.comprehension, p);
        if (!s.function) fail("'yield' outside function", p);
        if (s.async) fail("'yield from' inside async function", p);
        expression(*y.value, s);
    }
    void visit(const Compare& c, const pos&, const scope& s) {
        expression(*c.left, s);
        exprs(c.comparators, s);
    }
    void visit(const Call& c, const pos&, const scope& s) {
        expression(*c.func, s);
        exprs(c.args, s);
        for (const auto& k : c.keywords) expression(*k.value, s);
    }
    void visit(const FormattedValue& f, const pos&, const scope& s) {
        expression(*f.value, s);
        opt(f.format_spec, s);
    }
    void visit(const JoinedStr& j, const pos&, const scope& s) { exprs(j.values, s); }
    void visit(const Constant&, const pos&, const scope&) {}
    void visit(const Attribute& a, const pos&, const scope& s) { expression(*a.value, s); }
    void visit(const Subscript& x, const pos&, const scope& s) {
        expression(*x.value, s);
        expression(*x.slice, s);
    }
    void visit(const Starred& x, const pos&, const scope& s) { expression(*x.value, s); }
    void visit(const Name&, const pos&, const scope&) {}
    void visit(const List& l, const pos&, const scope& s) { exprs(l.elts, s); }
    void visit(const Tuple& t, const pos&, const scope& s) { exprs(t.elts, s); }
    void visit(const Slice& x, const pos&, const scope& s) {
        opt(x.lower, s);
        opt(x.upper, s);
        opt(x.step, s);
    }
};

} // namespace

bool future_annotations(const ast::Module& module) {
    for (const ImportFrom* x : leading_future_imports(module))
        for (const alias& a : x->names)
            if (a.name == "annotations") return true;
    return false;
}

void check_program(const ast::Module& module) {
    scope top;
    top.module = true;
    checker c;
    c.leading_futures = leading_future_imports(module);
    c.string_annotations = future_annotations(module);
    c.statements(module.body, top);
}

} // namespace aio::py
