// AST -> bytecode. One pass per code object; a function's locals are found by a pre-scan of its
// body (assignments, defs, imports, for/with/except targets). Closures: when a function has
// nested functions, all its locals live in cells, so inner functions can capture any of them
// without a whole-program symbol table; free names of an inner function are looked up in the
// enclosing functions' locals. Comprehensions and generator expressions are functions of
// their own, as CPython 3.11's.
#include "python/compiler.hpp"

#include "python/ast_unparse.hpp"
#include "python/compile_check.hpp"
#include "python/exceptions.hpp"
#include "python/number_literal.hpp"
#include "python/syntax_error.hpp"

#include <algorithm>
#include <functional>
#include <set>

namespace aio::py {

Type code_type("code", &object_type, Kind::object);

namespace {

using namespace ast;

template <class... F> struct overloaded : F... { using F::operator()...; };
template <class... F> overloaded(F...) -> overloaded<F...>;

// ---- pre-scan: which names a function body binds ----

void scan_target(const expr& e, std::set<std::string>& out);
void scan_expr(const expr* e, std::set<std::string>& out, bool& nested);

void scan_exprs(const expr_list& l, std::set<std::string>& out, bool& nested) {
    for (auto& e : l) scan_expr(e.get(), out, nested);
}

// A comprehension is a nested function: its loop variables stay its own, but a walrus inside it
// binds in the enclosing function (CPython 3.11).
void scan_comp(const std::vector<comprehension>& gens, std::initializer_list<const expr*> parts,
               std::set<std::string>& out, bool& nested) {
    nested = true;
    for (auto& g : gens) {
        scan_expr(g.iter.get(), out, nested);
        scan_exprs(g.ifs, out, nested);
    }
    for (auto* e : parts) scan_expr(e, out, nested);
}

// Walrus targets bind in the function; lambdas and comprehensions make it a closure owner.
void scan_expr(const expr* e, std::set<std::string>& out, bool& nested) {
    if (!e) return;
    std::visit(overloaded{
        [&](const NamedExpr& x) { scan_target(*x.target, out); scan_expr(x.value.get(), out, nested); },
        [&](const Lambda&) { nested = true; },
        [&](const GeneratorExp& x) { scan_comp(x.generators, {x.elt.get()}, out, nested); },
        [&](const BoolOp& x) { scan_exprs(x.values, out, nested); },
        [&](const ast::BinOp& x) { scan_expr(x.left.get(), out, nested); scan_expr(x.right.get(), out, nested); },
        [&](const UnaryOp& x) { scan_expr(x.operand.get(), out, nested); },
        [&](const IfExp& x) { scan_expr(x.test.get(), out, nested); scan_expr(x.body.get(), out, nested); scan_expr(x.orelse.get(), out, nested); },
        [&](const ast::Dict& x) { scan_exprs(x.keys, out, nested); scan_exprs(x.values, out, nested); },
        [&](const ast::Set& x) { scan_exprs(x.elts, out, nested); },
        [&](const ListComp& x) { scan_comp(x.generators, {x.elt.get()}, out, nested); },
        [&](const SetComp& x) { scan_comp(x.generators, {x.elt.get()}, out, nested); },
        [&](const DictComp& x) { scan_comp(x.generators, {x.key.get(), x.value.get()}, out, nested); },
        [&](const Await& x) { scan_expr(x.value.get(), out, nested); },
        [&](const Yield& x) { scan_expr(x.value.get(), out, nested); },
        [&](const YieldFrom& x) { scan_expr(x.value.get(), out, nested); },
        [&](const Compare& x) { scan_expr(x.left.get(), out, nested); scan_exprs(x.comparators, out, nested); },
        [&](const Call& x) { scan_expr(x.func.get(), out, nested); scan_exprs(x.args, out, nested); for (auto& k : x.keywords) scan_expr(k.value.get(), out, nested); },
        [&](const FormattedValue& x) { scan_expr(x.value.get(), out, nested); scan_expr(x.format_spec.get(), out, nested); },
        [&](const JoinedStr& x) { scan_exprs(x.values, out, nested); },
        [&](const Attribute& x) { scan_expr(x.value.get(), out, nested); },
        [&](const Subscript& x) { scan_expr(x.value.get(), out, nested); scan_expr(x.slice.get(), out, nested); },
        [&](const Starred& x) { scan_expr(x.value.get(), out, nested); },
        [&](const ast::List& x) { scan_exprs(x.elts, out, nested); },
        [&](const ast::Tuple& x) { scan_exprs(x.elts, out, nested); },
        [&](const ast::Slice& x) { scan_expr(x.lower.get(), out, nested); scan_expr(x.upper.get(), out, nested); scan_expr(x.step.get(), out, nested); },
        [&](const auto&) {},
    }, e->v);
}

void scan_target(const expr& e, std::set<std::string>& out) {
    if (auto* n = std::get_if<Name>(&e.v)) out.insert(n->id);
    else if (auto* t = std::get_if<ast::Tuple>(&e.v)) for (auto& x : t->elts) scan_target(*x, out);
    else if (auto* l = std::get_if<ast::List>(&e.v)) for (auto& x : l->elts) scan_target(*x, out);
    else if (auto* s = std::get_if<Starred>(&e.v)) scan_target(*s->value, out);
}

struct BodyScan {
    std::set<std::string> bound, globals, nonlocals;
    bool nested = false;
    bool annotated = false;  // an annotated assignment (a module or class body then sets up __annotations__)
    void body(const stmt_list& l) { for (auto& s : l) one(*s); }
    void one(const stmt& s) {
        std::visit(overloaded{
            [&](const FunctionDef& x) { bound.insert(x.name); nested = true; scan_exprs(x.decorator_list, bound, nested); },
            [&](const ClassDef& x) { bound.insert(x.name); nested = true; scan_exprs(x.bases, bound, nested); },
            [&](const Return& x) { scan_expr(x.value.get(), bound, nested); },
            [&](const Delete& x) { for (auto& t : x.targets) scan_target(*t, bound); },
            [&](const Assign& x) { for (auto& t : x.targets) { scan_target(*t, bound); scan_expr(t.get(), bound, nested); } scan_expr(x.value.get(), bound, nested); },
            [&](const AugAssign& x) { scan_target(*x.target, bound); scan_expr(x.value.get(), bound, nested); },
            // A simple annotated name is local even without a value (CPython's symtable).
            [&](const AnnAssign& x) { annotated = true; if (x.value || x.simple) scan_target(*x.target, bound); scan_expr(x.value.get(), bound, nested); },
            [&](const For& x) { scan_target(*x.target, bound); scan_expr(x.iter.get(), bound, nested); body(x.body); body(x.orelse); },
            [&](const While& x) { scan_expr(x.test.get(), bound, nested); body(x.body); body(x.orelse); },
            [&](const If& x) { scan_expr(x.test.get(), bound, nested); body(x.body); body(x.orelse); },
            [&](const With& x) { for (auto& i : x.items) { scan_expr(i.context_expr.get(), bound, nested); if (i.optional_vars) scan_target(*i.optional_vars, bound); } body(x.body); },
            [&](const Raise& x) { scan_expr(x.exc.get(), bound, nested); scan_expr(x.cause.get(), bound, nested); },
            [&](const Try& x) { body(x.body); for (auto& h : x.handlers) { if (h.name) bound.insert(*h.name); body(h.body); } body(x.orelse); body(x.finalbody); },
            [&](const Assert& x) { scan_expr(x.test.get(), bound, nested); scan_expr(x.msg.get(), bound, nested); },
            [&](const Import& x) { for (auto& a : x.names) bound.insert(a.asname ? *a.asname : a.name.substr(0, a.name.find('.'))); },
            [&](const ImportFrom& x) { for (auto& a : x.names) bound.insert(a.asname ? *a.asname : a.name); },
            [&](const Global& x) { globals.insert(x.names.begin(), x.names.end()); },
            [&](const Nonlocal& x) { nonlocals.insert(x.names.begin(), x.names.end()); },
            [&](const Expr& x) { scan_expr(x.value.get(), bound, nested); },
            [&](const auto&) {},
        }, s.v);
    }
};

// ---- the compiler proper ----

enum class Block { loop, for_loop, try_except, finally_, handler, with, star_handler };
struct FBlock {
    FBlock(Block k = Block::loop, std::size_t s = 0) : kind(k), start(s) {}
    Block kind;
    std::size_t start = 0;                 // loop: continue target
    std::vector<std::size_t> breaks;       // loop: jumps to patch to the end
    const stmt_list* finalbody = nullptr;  // finally_
    bool async_with = false;
};

struct Scope {
    Scope(Code* c, bool fn) : code(c), function(fn) {}
    Code* code;
    Scope* parent = nullptr;
    bool function;
    bool all_cells = false;
    std::set<std::string> locals, globals, nonlocals;
    std::vector<FBlock> blocks;
    std::string qualprefix;
};


class Compiler {
public:
    explicit Compiler(std::string filename) : filename_(std::move(filename)) {}

    Value module(const ast::Module& m) {
        string_annotations_ = future_annotations(m);
        Value code = new_code("<module>", "<module>", 1);
        Scope s(code.as<Code>(), false);
        with_scope(s, [&] {
            setup_annotations(m.body);
            body(m.body);
            emit(Op::load_const, konst(Value()));
            emit(Op::return_value);
        });
        return code;
    }

    Value eval(const ast::Module& m) {
        Value code = new_code("<module>", "<module>", 1);
        Scope s(code.as<Code>(), false);
        with_scope(s, [&] {
            pos_ = m.body.at(0)->p;
            expression(*std::get<ast::Expr>(m.body.at(0)->v).value);
            emit(Op::return_value);
        });
        return code;
    }

private:
    std::string filename_;
    bool string_annotations_ = false;  // from __future__ import annotations
    Scope* sc_ = nullptr;
    ast::pos pos_{1, 0, 1, 0};

    // A construct the front-end cannot compile yet: a SyntaxError at the statement/expression being
    // compiled, reported like CPython's (file, line, carets), never a crash.
    [[noreturn]] void unsupported(const std::string& what_is) const {
        throw syntax_error("SyntaxError", what_is + " not supported yet", pos_.lineno, pos_.col_offset + 1,
                           pos_.end_lineno, pos_.end_col_offset + 1);
    }

    Value new_code(std::string name, std::string qualname, int line) {
        auto* c = new Code();
        Value v(c);
        c->name = std::move(name);
        c->qualname = std::move(qualname);
        c->filename = filename_;
        c->firstlineno = line;
        return v;
    }
    template <class F> void with_scope(Scope& s, F&& f) {
        Scope* saved = sc_;
        auto saved_pos = pos_;
        s.parent = saved;
        sc_ = &s;
        f();
        sc_ = saved;
        pos_ = saved_pos;
    }
    // Emits f's instructions at `at` (an assignment target: CPython points tracebacks at it).
    template <class F> void at_pos(const ast::pos& at, F&& f) {
        auto saved = pos_;
        pos_ = at;
        f();
        pos_ = saved;
    }
    Code& code() { return *sc_->code; }
    std::size_t emit(Op op, int arg = 0) {
        code().code.push_back({op, arg, pos_.lineno, pos_.end_lineno, pos_.col_offset, pos_.end_col_offset});
        return code().code.size() - 1;
    }
    std::size_t here() { return code().code.size(); }
    void patch(std::size_t at) { code().code[at].arg = static_cast<int>(here()); }
    int konst(Value v) {
        code().consts.push_back(std::move(v));
        return static_cast<int>(code().consts.size() - 1);
    }
    int name_index(const std::string& n) {
        auto& ns = code().names;
        auto it = std::find(ns.begin(), ns.end(), n);
        if (it != ns.end()) return static_cast<int>(it - ns.begin());
        ns.push_back(n);
        return static_cast<int>(ns.size() - 1);
    }
    static int index_in(std::vector<std::string>& v, const std::string& n) {
        auto it = std::find(v.begin(), v.end(), n);
        if (it != v.end()) return static_cast<int>(it - v.begin());
        v.push_back(n);
        return static_cast<int>(v.size() - 1);
    }

    // ---- names ----
    enum class Access { load, store, del };
    bool enclosing_has(const std::string& n) {
        for (Scope* s = sc_->parent; s; s = s->parent)
            if (s->function && (s->locals.count(n) || s->nonlocals.count(n))) return true;
        return false;
    }
    int deref_index(const std::string& n) {
        auto& c = code();
        auto it = std::find(c.cellvars.begin(), c.cellvars.end(), n);
        if (it != c.cellvars.end()) return static_cast<int>(it - c.cellvars.begin());
        return static_cast<int>(c.cellvars.size()) + index_in(c.freevars, n);
    }
    void name_op(const std::string& n, Access a) {
        Scope& s = *sc_;
        static const Op name_ops[] = {Op::load_name, Op::store_name, Op::delete_name};
        static const Op global_ops[] = {Op::load_global, Op::store_global, Op::delete_global};
        static const Op fast_ops[] = {Op::load_fast, Op::store_fast, Op::delete_fast};
        int ai = static_cast<int>(a);
        if (s.globals.count(n)) return void(emit(global_ops[ai], name_index(n)));
        if (!s.function) {
            if (a == Access::load && enclosing_has(n)) return void(emit(Op::load_deref, deref_index(n)));
            return void(emit(name_ops[ai], name_index(n)));
        }
        if (s.nonlocals.count(n) || (!s.locals.count(n) && enclosing_has(n))) {
            if (a == Access::del) unsupported("deleting a free variable is");
            return void(emit(a == Access::load ? Op::load_deref : Op::store_deref, deref_index(n)));
        }
        if (s.locals.count(n)) {
            if (s.all_cells) {
                if (a == Access::del) return void(emit(Op::delete_deref, deref_index(n)));
                return void(emit(a == Access::load ? Op::load_deref : Op::store_deref, deref_index(n)));
            }
            return void(emit(fast_ops[ai], index_in(code().varnames, n)));
        }
        emit(global_ops[ai], name_index(n));
    }

    // ---- statements ----
    void body(const stmt_list& l) {
        for (auto& s : l) statement(*s);
    }
    void statement(const stmt& s) {
        pos_ = s.p;
        std::visit([&](const auto& x) { stmt_node(x, s); }, s.v);
    }

    void stmt_node(const Expr& x, const stmt&) {
        expression(*x.value);
        emit(Op::pop);
    }
    void stmt_node(const Pass&, const stmt&) {}
    void stmt_node(const Global&, const stmt&) {}
    void stmt_node(const Nonlocal&, const stmt&) {}
    void stmt_node(const Assign& x, const stmt&) {
        expression(*x.value);
        for (std::size_t i = 0; i < x.targets.size(); ++i) {
            if (i + 1 < x.targets.size()) emit(Op::dup);
            store(*x.targets[i]);
        }
    }
    // As CPython: the assignment first; then, in a module or class body, a simple name's
    // annotation is evaluated into __annotations__, any other target's evaluated and dropped. A
    // function evaluates no annotation. Without a value, an attribute's or subscript's object
    // (and index) is still evaluated.
    void stmt_node(const AnnAssign& x, const stmt&) {
        if (x.value) {
            expression(*x.value);
            store(*x.target);
        }
        const auto* name = std::get_if<Name>(&x.target->v);
        if (name && x.simple) {
            if (sc_->function) return;
            annotation(*x.annotation);
            emit(Op::load_name, name_index("__annotations__"));
            emit(Op::load_const, konst(new_str(name->id)));
            emit(Op::store_subscr);
            return;
        }
        if (!x.value) {
            if (const auto* a = std::get_if<Attribute>(&x.target->v)) {
                evaluate_and_drop(*a->value);
            } else if (const auto* sub = std::get_if<Subscript>(&x.target->v)) {
                evaluate_and_drop(*sub->value);
                evaluate_and_drop(*sub->slice);
            }
        }
        if (!sc_->function && !string_annotations_) evaluate_and_drop(*x.annotation);
    }
    // An annotation's value: the expression's, or under `from __future__ import annotations`
    // its source text as CPython writes it back.
    void annotation(const expr& e) {
        if (!string_annotations_) {
            expression(e);
            return;
        }
        pos_ = e.p;
        try {
            emit(Op::load_const, konst(new_str(unparse_annotation(e))));
        } catch (const unparse_unsupported& what) {
            unsupported(std::string(what.what()) + " in a string annotation is");
        }
    }
    void evaluate_and_drop(const expr& e) {
        expression(e);
        emit(Op::pop);
    }
    // A module or class body with an annotated assignment anywhere in its own statements (not in
    // a nested def or class) starts with an empty __annotations__ (CPython's SETUP_ANNOTATIONS).
    void setup_annotations(const stmt_list& stmts) {
        BodyScan scan;
        scan.body(stmts);
        if (scan.annotated) emit(Op::setup_annotations, name_index("__annotations__"));
    }
    void stmt_node(const AugAssign& x, const stmt&) {
        const expr& t = *x.target;
        if (auto* n = std::get_if<Name>(&t.v)) {
            name_op(n->id, Access::load);
            expression(*x.value);
            emit(Op::inplace, static_cast<int>(binop(x.op)));
            name_op(n->id, Access::store);
        } else if (auto* a = std::get_if<Attribute>(&t.v)) {
            expression(*a->value);
            at_pos(t.p, [&] {
                emit(Op::dup);
                emit(Op::load_attr, name_index(a->attr));
            });
            expression(*x.value);
            emit(Op::inplace, static_cast<int>(binop(x.op)));
            at_pos(t.p, [&] {
                emit(Op::rot2);
                emit(Op::store_attr, name_index(a->attr));
            });
        } else if (auto* sub = std::get_if<Subscript>(&t.v)) {
            expression(*sub->value);
            expression(*sub->slice);
            at_pos(t.p, [&] {
                emit(Op::dup, 2);  // container, key, container, key
                emit(Op::load_subscr);
            });
            expression(*x.value);
            emit(Op::inplace, static_cast<int>(binop(x.op)));
            at_pos(t.p, [&] {
                emit(Op::rot3);  // value, container, key
                emit(Op::store_subscr);
            });
        }
    }
    void stmt_node(const Delete& x, const stmt&) {
        for (auto& t : x.targets) del(*t);
    }
    void del(const expr& t) {
        at_pos(t.p, [&] { del_target(t); });
    }
    void del_target(const expr& t) {
        if (auto* n = std::get_if<Name>(&t.v)) name_op(n->id, Access::del);
        else if (auto* a = std::get_if<Attribute>(&t.v)) {
            expression(*a->value);
            emit(Op::delete_attr, name_index(a->attr));
        } else if (auto* s = std::get_if<Subscript>(&t.v)) {
            expression(*s->value);
            expression(*s->slice);
            emit(Op::delete_subscr);
        } else if (auto* tu = std::get_if<ast::Tuple>(&t.v)) {
            for (auto& e : tu->elts) del(*e);
        } else if (auto* l = std::get_if<ast::List>(&t.v)) {
            for (auto& e : l->elts) del(*e);
        }
    }
    void stmt_node(const If& x, const stmt&) {
        expression(*x.test);
        auto jf = emit(Op::jump_if_false);
        body(x.body);
        if (x.orelse.empty()) return patch(jf);
        auto je = emit(Op::jump);
        patch(jf);
        body(x.orelse);
        patch(je);
    }
    // A loop's body in its block, then the jump back to `top`; returns the body's breaks (to
    // patch to the loop's end, after its else clause).
    std::vector<std::size_t> loop_body(Block kind, std::size_t top, const stmt_list& stmts) {
        sc_->blocks.push_back(FBlock(kind, top));
        body(stmts);
        emit(Op::jump, static_cast<int>(top));
        auto breaks = std::move(sc_->blocks.back().breaks);
        sc_->blocks.pop_back();
        return breaks;
    }
    void stmt_node(const While& x, const stmt&) {
        auto top = here();
        expression(*x.test);
        auto jf = emit(Op::jump_if_false);
        auto breaks = loop_body(Block::loop, top, x.body);
        patch(jf);
        body(x.orelse);
        for (auto b : breaks) patch(b);
    }
    void stmt_node(const For& x, const stmt&) {
        expression(*x.iter);
        emit(x.is_async ? Op::get_aiter : Op::get_iter);
        auto top = here();
        auto fi = x.is_async ? async_next() : emit(Op::for_iter);
        store(*x.target);
        auto breaks = loop_body(Block::for_loop, top, x.body);
        patch(fi);
        if (x.is_async) emit(Op::end_async_for);
        body(x.orelse);
        for (auto b : breaks) patch(b);
    }
    // [aiter] -> [aiter, next value]; returns the setup_except whose handler (to patch) must be
    // an end_async_for: StopAsyncIteration from awaiting __anext__() ends the loop.
    std::size_t async_next() {
        auto setup = emit(Op::setup_except);
        emit(Op::get_anext);
        emit(Op::get_awaitable);
        emit(Op::await_);
        emit(Op::pop_block);
        return setup;
    }
    // Leaves the blocks inside the innermost loop (break/continue) or all (return): runs the
    // finally bodies and __exit__ calls on the way, as CPython 3.11 does.
    void unwind(bool to_loop, bool keep_top) {
        auto& bl = sc_->blocks;
        for (std::size_t i = bl.size(); i-- > 0;) {
            FBlock b = bl[i];
            if (b.kind == Block::loop || b.kind == Block::for_loop) {
                if (to_loop) return;
                if (b.kind == Block::for_loop) {
                    if (keep_top) emit(Op::rot2);
                    emit(Op::pop);  // the iterator
                }
                continue;
            }
            emit(Op::pop_block);
            if (b.kind == Block::handler) emit(Op::pop_except);
            if (b.kind == Block::with) {
                if (keep_top) emit(Op::rot2);
                if (b.async_with) {
                    await_exit_none();
                } else {
                    emit(Op::exit_with);
                }
            }
            if (b.kind == Block::finally_) {
                // the finally body runs outside its own block
                std::vector<FBlock> saved(bl.begin() + static_cast<long>(i), bl.end());
                bl.resize(i);
                body(*b.finalbody);
                bl.insert(bl.end(), saved.begin(), saved.end());
            }
        }
    }
    // CPython 3.11 cannot leave an except* handler by a jump.
    void refuse_star_exit(bool to_loop) const {
        auto& bl = sc_->blocks;
        for (std::size_t i = bl.size(); i-- > 0;) {
            if (to_loop && (bl[i].kind == Block::loop || bl[i].kind == Block::for_loop)) return;
            if (bl[i].kind == Block::star_handler)
                throw syntax_error("SyntaxError", "'break', 'continue' and 'return' cannot appear in an except* block",
                                   pos_.lineno, pos_.col_offset + 1, pos_.end_lineno, pos_.end_col_offset + 1);
        }
    }
    void stmt_node(const Break&, const stmt&) {
        refuse_star_exit(true);
        unwind(true, false);
        auto& bl = sc_->blocks;
        for (std::size_t i = bl.size(); i-- > 0;)
            if (bl[i].kind == Block::loop || bl[i].kind == Block::for_loop) {
                if (bl[i].kind == Block::for_loop) emit(Op::pop);
                bl[i].breaks.push_back(emit(Op::jump));
                return;
            }
    }
    void stmt_node(const Continue&, const stmt&) {
        refuse_star_exit(true);
        unwind(true, false);
        auto& bl = sc_->blocks;
        for (std::size_t i = bl.size(); i-- > 0;)
            if (bl[i].kind == Block::loop || bl[i].kind == Block::for_loop)
                return void(emit(Op::jump, static_cast<int>(bl[i].start)));
    }
    void stmt_node(const Return& x, const stmt& s) {
        if (x.value) pos_ = x.value->p;  // CPython points at the value
        refuse_star_exit(false);
        pos_ = s.p;
        if (x.value) expression(*x.value);
        else emit(Op::load_const, konst(Value()));
        unwind(false, true);
        emit(Op::return_value);
    }
    void stmt_node(const Raise& x, const stmt&) {
        int n = 0;
        if (x.exc) { expression(*x.exc); n = 1; }
        if (x.cause) { expression(*x.cause); n = 2; }
        emit(Op::raise_, n);
    }
    void stmt_node(const Assert& x, const stmt&) {
        expression(*x.test);
        auto jt = emit(Op::jump_if_true);
        if (x.msg) expression(*x.msg);
        emit(Op::assert_fail, x.msg ? 1 : 0);
        patch(jt);
    }
    void stmt_node(const Try& x, const stmt&) {
        if (!x.finalbody.empty()) {
            auto setup = emit(Op::setup_finally);
            sc_->blocks.push_back(FBlock(Block::finally_));
            sc_->blocks.back().finalbody = &x.finalbody;
            try_except(x);
            sc_->blocks.pop_back();
            emit(Op::pop_block);
            body(x.finalbody);
            auto je = emit(Op::jump);
            patch(setup);  // exception: [exc]
            sc_->blocks.push_back(FBlock(Block::handler));
            body(x.finalbody);
            sc_->blocks.pop_back();
            emit(Op::reraise);
            patch(je);
        } else {
            try_except(x);
        }
    }
    void try_except(const Try& x) {
        if (x.is_star && !x.handlers.empty()) return try_star(x);
        if (x.handlers.empty()) {
            body(x.body);
            return;
        }
        auto setup = emit(Op::setup_except);
        sc_->blocks.push_back(FBlock(Block::try_except));
        body(x.body);
        sc_->blocks.pop_back();
        emit(Op::pop_block);
        body(x.orelse);
        std::vector<std::size_t> ends{emit(Op::jump)};
        patch(setup);  // [exc]; the VM pushed a handler block
        for (auto& h : x.handlers) {
            pos_ = h.p;
            std::size_t next = 0;
            if (h.type) {
                emit(Op::dup);
                expression(*h.type);
                emit(Op::exc_match);
                next = emit(Op::jump_if_false);
            }
            if (h.name) name_op(*h.name, Access::store);
            else emit(Op::pop);
            sc_->blocks.push_back(FBlock(Block::handler));
            body(h.body);
            sc_->blocks.pop_back();
            emit(Op::pop_block);
            emit(Op::pop_except);
            if (h.name) {
                emit(Op::load_const, konst(Value()));
                name_op(*h.name, Access::store);
                name_op(*h.name, Access::del);
            }
            ends.push_back(emit(Op::jump));
            if (h.type) patch(next);
        }
        emit(Op::reraise);
        for (auto e : ends) patch(e);
    }
    // try/except*: each clause takes its part of the exception (a group, or a naked exception
    // wrapped in one) and runs its handler; the parts nobody took and what the handlers raised
    // leave together at the end (CPython 3.11).
    void try_star(const Try& x) {
        auto setup = emit(Op::setup_except);
        sc_->blocks.push_back(FBlock(Block::try_except));
        body(x.body);
        sc_->blocks.pop_back();
        emit(Op::pop_block);
        body(x.orelse);
        auto end = emit(Op::jump);
        patch(setup);  // [exc]; the VM pushed a handler block
        emit(Op::star_begin);  // [exc, raised, rest]
        for (auto& h : x.handlers) {
            pos_ = h.p;
            expression(*h.type);
            auto next = emit(Op::star_match);  // [exc, raised, rest, match]
            if (h.name) name_op(*h.name, Access::store);
            else emit(Op::pop);
            auto inner = emit(Op::setup_except);
            sc_->blocks.push_back(FBlock(Block::star_handler));
            body(h.body);
            sc_->blocks.pop_back();
            pos_ = h.p;
            emit(Op::pop_block);
            emit(Op::pop_block);
            emit(Op::pop_except);
            auto done = emit(Op::jump);
            patch(inner);  // [exc, raised, rest, raised_exc]
            emit(Op::star_add);
            patch(done);
            if (h.name) {
                emit(Op::load_const, konst(Value()));
                name_op(*h.name, Access::store);
                name_op(*h.name, Access::del);
            }
            patch(next);
        }
        emit(Op::star_end);
        patch(end);
    }
    void stmt_node(const With& x, const stmt& s) { with_items(x, s, 0); }
    void with_items(const With& x, const stmt& s, std::size_t i) {
        if (i == x.items.size()) return body(x.body);
        auto& item = x.items[i];
        expression(*item.context_expr);
        if (x.is_async) {
            emit(Op::before_async_with);  // [aexit, awaitable]
            emit(Op::get_awaitable, 1);
            emit(Op::await_);
        } else {
            emit(Op::before_with);  // [exit, entered]
        }
        if (item.optional_vars) store(*item.optional_vars);
        else emit(Op::pop);
        auto setup = emit(Op::setup_except);
        sc_->blocks.push_back(FBlock(Block::with));
        sc_->blocks.back().async_with = x.is_async;
        with_items(x, s, i + 1);
        sc_->blocks.pop_back();
        pos_ = s.p;
        emit(Op::pop_block);
        if (x.is_async) await_exit_none();
        else emit(Op::exit_with);
        auto je = emit(Op::jump);
        patch(setup);  // [exit, exc]
        if (x.is_async) {
            emit(Op::async_exit, 1);  // [exc, awaitable]
            emit(Op::get_awaitable, 2);
            emit(Op::await_);
            emit(Op::async_with_end);
        } else {
            emit(Op::with_except);
        }
        patch(je);
    }
    // [aexit] -> []: awaits __aexit__(None, None, None)
    void await_exit_none() {
        emit(Op::async_exit, 0);
        emit(Op::get_awaitable, 2);
        emit(Op::await_);
        emit(Op::pop);
    }
    void stmt_node(const Import& x, const stmt&) {
        for (auto& a : x.names) {
            emit(Op::import_name, name_index(a.name));
            if (a.asname) {
                // import a.b as c binds the submodule (import_name gives the module named)
                name_op(*a.asname, Access::store);
            } else {
                emit(Op::pop);
                std::string top = a.name.substr(0, a.name.find('.'));
                emit(Op::import_name, name_index(top));
                name_op(top, Access::store);
            }
        }
    }
    void stmt_node(const ImportFrom& x, const stmt&) {
        if (x.level) unsupported("relative import is");
        emit(Op::import_name, name_index(*x.module));
        for (auto& a : x.names) {
            if (a.name == "*") {
                emit(Op::import_star);
                return;
            }
            emit(Op::import_from, name_index(a.name));
            name_op(a.asname ? *a.asname : a.name, Access::store);
        }
        emit(Op::pop);
    }
    void stmt_node(const FunctionDef& x, const stmt& s) {
        for (auto& d : x.decorator_list) expression(*d);
        pos_ = s.p;
        function(x.name, x.args, &x.body, nullptr, x.is_async, s.p.lineno, x.returns.get());
        for (std::size_t i = 0; i < x.decorator_list.size(); ++i) emit(Op::call, 1);
        name_op(x.name, Access::store);
    }
    void stmt_node(const ClassDef& x, const stmt& s) {
        for (auto& d : x.decorator_list) expression(*d);
        pos_ = s.p;
        emit(Op::load_build_class);
        // The body runs as a function whose locals are a name dict (the class namespace).
        std::string qual = sc_->qualprefix + x.name;
        Value c = new_code(x.name, qual, s.p.lineno);
        Scope inner(c.as<Code>(), false);
        inner.qualprefix = qual + ".";
        with_scope(inner, [&] {
            emit(Op::load_name, name_index("__name__"));
            emit(Op::store_name, name_index("__module__"));
            emit(Op::load_const, konst(new_str(qual)));
            emit(Op::store_name, name_index("__qualname__"));
            setup_annotations(x.body);
            if (const std::string* doc = docstring(x.body)) {
                emit(Op::load_const, konst(new_str(*doc)));
                emit(Op::store_name, name_index("__doc__"));
            }
            body(x.body);
            emit(Op::load_const, konst(Value()));
            emit(Op::return_value);
        });
        make_closure(*c.as<Code>(), 0);
        emit(Op::load_const, konst(new_str(x.name)));
        for (auto& b : x.bases) expression(*b);
        if (!x.keywords.empty()) unsupported("class keywords are");
        emit(Op::call, 2 + static_cast<int>(x.bases.size()));
        for (std::size_t i = 0; i < x.decorator_list.size(); ++i) emit(Op::call, 1);
        name_op(x.name, Access::store);
    }

    // A def's or class's docstring: its first statement when that is a str literal.
    static const std::string* docstring(const stmt_list& body) {
        if (body.empty()) return nullptr;
        const auto* e = std::get_if<Expr>(&body.front()->v);
        const auto* c = e ? std::get_if<Constant>(&e->value->v) : nullptr;
        return c && c->value.k == constant::kind::str ? &c->value.text : nullptr;
    }
    // A def's annotations, evaluated after its defaults into a dict in CPython's order (args,
    // then positional-only ones, *args, keyword-only, **kwargs, return): whether there were any.
    bool annotations(const arguments& args, const expr* returns) {
        int n = 0;
        auto add = [&](const std::string& name, const expr* annotation) {
            if (!annotation) return;
            emit(Op::load_const, konst(new_str(name)));
            this->annotation(*annotation);
            ++n;
        };
        for (auto* group : {&args.args, &args.posonlyargs})
            for (auto& a : *group) add(a.name, a.annotation.get());
        if (args.vararg) add(args.vararg->name, args.vararg->annotation.get());
        for (auto& a : args.kwonlyargs) add(a.name, a.annotation.get());
        if (args.kwarg) add(args.kwarg->name, args.kwarg->annotation.get());
        add("return", returns);
        if (n) emit(Op::build_dict, n);
        return n > 0;
    }
    // Pushes a function object for a def (with its annotations) or a lambda (body or expression).
    void function(const std::string& name, const arguments& args, const stmt_list* stmts,
                  const expr* lambda_body, bool is_async, int line, const expr* returns = nullptr) {
        int flags = 0;
        if (!args.defaults.empty()) {
            for (auto& d : args.defaults) expression(*d);
            emit(Op::build_tuple, static_cast<int>(args.defaults.size()));
            flags |= 1;
        }
        int nkw = 0;
        for (std::size_t i = 0; i < args.kwonlyargs.size(); ++i)
            if (args.kw_defaults[i]) {
                emit(Op::load_const, konst(new_str(args.kwonlyargs[i].name)));
                expression(*args.kw_defaults[i]);
                ++nkw;
            }
        if (nkw) {
            emit(Op::build_dict, nkw);
            flags |= 2;
        }
        if (stmts && annotations(args, returns)) flags |= 8;
        std::string qual = sc_->qualprefix + name;
        Value cv = new_code(name, qual, line);
        Code& c = *cv.as<Code>();
        c.is_function = true;
        c.is_coroutine = is_async;
        if (const std::string* doc = stmts ? docstring(*stmts) : nullptr) c.doc = new_str(*doc);
        Scope inner(&c, true);
        inner.qualprefix = qual + ".<locals>.";
        for (auto& a : args.posonlyargs) c.varnames.push_back(a.name);
        for (auto& a : args.args) c.varnames.push_back(a.name);
        for (auto& a : args.kwonlyargs) c.varnames.push_back(a.name);
        if (args.vararg) c.varnames.push_back(args.vararg->name);
        if (args.kwarg) c.varnames.push_back(args.kwarg->name);
        c.posonlyargcount = static_cast<int>(args.posonlyargs.size());
        c.argcount = static_cast<int>(args.posonlyargs.size() + args.args.size());
        c.kwonlyargcount = static_cast<int>(args.kwonlyargs.size());
        c.varargs = args.vararg != nullptr;
        c.varkw = args.kwarg != nullptr;
        BodyScan scan;
        if (stmts) scan.body(*stmts);
        else scan_expr(lambda_body, scan.bound, scan.nested);
        inner.locals = scan.bound;
        inner.locals.insert(c.varnames.begin(), c.varnames.end());
        inner.globals = scan.globals;
        inner.nonlocals = scan.nonlocals;
        for (auto& n : scan.globals) inner.locals.erase(n);
        for (auto& n : scan.nonlocals) inner.locals.erase(n);
        set_cells(inner, c, scan.nested);
        with_scope(inner, [&] {
            if (stmts) {
                body(*stmts);
                emit(Op::load_const, konst(Value()));
            } else {
                expression(*lambda_body);
            }
            emit(Op::return_value);
        });
        make_closure(c, flags);
    }
    // A function with nested functions keeps all its locals in cells (see the top comment).
    static void set_cells(Scope& inner, Code& c, bool nested) {
        inner.all_cells = nested;
        if (!nested) return;
        for (auto& n : inner.locals) c.cellvars.push_back(n);
        for (auto& v : c.varnames) {
            auto it = std::find(c.cellvars.begin(), c.cellvars.end(), v);
            c.cell_of_arg.push_back(it == c.cellvars.end() ? -1 : static_cast<int>(it - c.cellvars.begin()));
        }
    }
    void make_closure(Code& c, int flags) {
        if (!c.freevars.empty()) {
            for (auto& f : c.freevars) emit(Op::load_closure, deref_index(f));
            emit(Op::build_tuple, static_cast<int>(c.freevars.size()));
            flags |= 4;
        }
        emit(Op::load_const, konst(Value(&c)));
        emit(Op::make_function, flags);
    }

    // ---- stores ----
    void store(const expr& t) {
        at_pos(t.p, [&] { store_target(t); });
    }
    void store_target(const expr& t) {
        std::visit(overloaded{
            [&](const Name& n) { name_op(n.id, Access::store); },
            [&](const Attribute& a) {
                expression(*a.value);
                emit(Op::store_attr, name_index(a.attr));
            },
            [&](const Subscript& s) {
                expression(*s.value);
                expression(*s.slice);
                emit(Op::store_subscr);
            },
            [&](const ast::Tuple& tu) { store_seq(tu.elts); },
            [&](const ast::List& l) { store_seq(l.elts); },
            [&](const auto&) { unsupported("this assignment target is"); },
        }, t.v);
    }
    void store_seq(const expr_list& elts) {
        int star = -1;
        for (std::size_t i = 0; i < elts.size(); ++i)
            if (std::holds_alternative<Starred>(elts[i]->v)) star = static_cast<int>(i);
        if (star < 0) emit(Op::unpack, static_cast<int>(elts.size()));
        else emit(Op::unpack_ex, star | (static_cast<int>(elts.size()) - star - 1) << 8);
        for (auto& e : elts) {
            if (auto* s = std::get_if<Starred>(&e->v)) store(*s->value);
            else store(*e);
        }
    }

    // ---- expressions ----
    static py::BinOp binop(bin_op o) {
        switch (o) {
        case bin_op::add: return py::BinOp::add;
        case bin_op::sub: return py::BinOp::sub;
        case bin_op::mult: return py::BinOp::mul;
        case bin_op::mat_mult: return py::BinOp::matmul;
        case bin_op::div: return py::BinOp::truediv;
        case bin_op::mod: return py::BinOp::mod;
        case bin_op::pow: return py::BinOp::pow;
        case bin_op::lshift: return py::BinOp::lshift;
        case bin_op::rshift: return py::BinOp::rshift;
        case bin_op::bit_or: return py::BinOp::or_;
        case bin_op::bit_xor: return py::BinOp::xor_;
        case bin_op::bit_and: return py::BinOp::and_;
        case bin_op::floor_div: return py::BinOp::floordiv;
        }
        return py::BinOp::add;
    }
    Value constant_value(const constant& c) {
        switch (c.k) {
        case constant::kind::none: return Value();
        case constant::kind::boolean: return Value::boolean(c.boolean);
        case constant::kind::floating: return Value::real(c.number);
        case constant::kind::str: return new_str(c.text);
        case constant::kind::bytes: return Value(new Bytes(c.text));
        case constant::kind::integer: {
            Value s = new_str(c.text);
            return call(Value(&int_type), &s, 1);  // OverflowError beyond 64 bits
        }
        case constant::kind::ellipsis: return ellipsis();
        case constant::kind::imaginary: unsupported("complex is");
        }
        return Value();
    }
    void compare_op(cmp_op o) {
        switch (o) {
        case cmp_op::eq: emit(Op::compare, static_cast<int>(CmpOp::eq)); break;
        case cmp_op::not_eq_: emit(Op::compare, static_cast<int>(CmpOp::ne)); break;
        case cmp_op::lt: emit(Op::compare, static_cast<int>(CmpOp::lt)); break;
        case cmp_op::lt_e: emit(Op::compare, static_cast<int>(CmpOp::le)); break;
        case cmp_op::gt: emit(Op::compare, static_cast<int>(CmpOp::gt)); break;
        case cmp_op::gt_e: emit(Op::compare, static_cast<int>(CmpOp::ge)); break;
        case cmp_op::is: emit(Op::is_op, 0); break;
        case cmp_op::is_not: emit(Op::is_op, 1); break;
        case cmp_op::in: emit(Op::contains_op, 0); break;
        case cmp_op::not_in: emit(Op::contains_op, 1); break;
        }
    }
    // Items that may contain *x: builds a list (then a tuple/set when asked).
    void starred_items(const expr_list& elts, Op build, Op add_one) {
        bool any_star = std::any_of(elts.begin(), elts.end(), [](auto& e) { return std::holds_alternative<Starred>(e->v); });
        if (!any_star) {
            for (auto& e : elts) expression(*e);
            emit(build, static_cast<int>(elts.size()));
            return;
        }
        emit(Op::build_list, 0);
        for (auto& e : elts) {
            if (auto* s = std::get_if<Starred>(&e->v)) {
                expression(*s->value);
                emit(Op::list_extend, 1);
            } else {
                expression(*e);
                emit(Op::list_append, 1);
            }
        }
        if (build == Op::build_tuple) emit(Op::build_tuple, -1);  // list -> tuple
        else if (build == Op::build_set) emit(Op::build_set, -1);
        (void)add_one;
    }
    // The loops of a comprehension, innermost `inner`. The first iterator is the code's
    // argument `.0` (evaluated where the expression stands).
    void comprehension_loops(const std::vector<comprehension>& gens, std::size_t i,
                             const std::function<void()>& inner) {
        if (i == gens.size()) return inner();
        auto& g = gens[i];
        if (i == 0) {
            name_op(".0", Access::load);
        } else {
            expression(*g.iter);
            emit(g.is_async ? Op::get_aiter : Op::get_iter);
        }
        auto top = here();
        auto fi = g.is_async ? async_next() : emit(Op::for_iter);
        store(*g.target);
        for (auto& c : g.ifs) {
            expression(*c);
            emit(Op::jump_if_false, static_cast<int>(top));
        }
        comprehension_loops(gens, i + 1, inner);
        emit(Op::jump, static_cast<int>(top));
        patch(fi);
        if (g.is_async) emit(Op::end_async_for);
    }
    void expression(const expr& e) {
        auto saved = pos_;
        pos_ = e.p;
        std::visit([&](const auto& x) { expr_node(x, e); }, e.v);
        pos_ = saved;
    }
    void expr_node(const Constant& x, const expr&) { emit(Op::load_const, konst(constant_value(x.value))); }
    void expr_node(const Name& x, const expr&) { name_op(x.id, Access::load); }
    void expr_node(const ast::BinOp& x, const expr&) {
        expression(*x.left);
        expression(*x.right);
        emit(Op::binary, static_cast<int>(binop(x.op)));
    }
    void expr_node(const UnaryOp& x, const expr&) {
        expression(*x.operand);
        UnOp u = x.op == unary_op::invert ? UnOp::invert : x.op == unary_op::not_ ? UnOp::not_
                 : x.op == unary_op::uadd ? UnOp::pos : UnOp::neg;
        emit(Op::unary, static_cast<int>(u));
    }
    void expr_node(const BoolOp& x, const expr&) {
        std::vector<std::size_t> jumps;
        for (std::size_t i = 0; i < x.values.size(); ++i) {
            expression(*x.values[i]);
            if (i + 1 < x.values.size())
                jumps.push_back(emit(x.op == bool_op::and_ ? Op::jump_if_false_or_pop : Op::jump_if_true_or_pop));
        }
        for (auto j : jumps) patch(j);
    }
    void expr_node(const Compare& x, const expr&) {
        expression(*x.left);
        std::vector<std::size_t> cleanup;
        for (std::size_t i = 0; i < x.ops.size(); ++i) {
            expression(*x.comparators[i]);
            if (i + 1 < x.ops.size()) {
                emit(Op::dup);
                emit(Op::rot3);  // b, a, b
                compare_op(x.ops[i]);
                cleanup.push_back(emit(Op::jump_if_false_or_pop));
            } else {
                compare_op(x.ops[i]);
            }
        }
        if (!cleanup.empty()) {
            auto je = emit(Op::jump);
            for (auto c : cleanup) patch(c);  // [b, False]
            emit(Op::rot2);
            emit(Op::pop);
            patch(je);
        }
    }
    void expr_node(const IfExp& x, const expr&) {
        expression(*x.test);
        auto jf = emit(Op::jump_if_false);
        expression(*x.body);
        auto je = emit(Op::jump);
        patch(jf);
        expression(*x.orelse);
        patch(je);
    }
    void expr_node(const NamedExpr& x, const expr&) {
        expression(*x.value);
        emit(Op::dup);
        store(*x.target);
    }
    void expr_node(const Attribute& x, const expr&) {
        // super().name: the method's class and first argument are implicit (CPython's
        // __class__ cell); self is loaded here (None without arguments: the VM raises),
        // the VM knows the class from the function.
        if (auto* c = std::get_if<Call>(&x.value->v); c && c->args.empty() && c->keywords.empty() && sc_->function)
            if (auto* n = std::get_if<Name>(&c->func->v); n && n->id == "super") {
                if (code().argcount > 0) name_op(code().varnames[0], Access::load);
                else emit(Op::load_const, konst(Value()));
                emit(Op::load_super_attr, name_index(x.attr));
                return;
            }
        expression(*x.value);
        emit(Op::load_attr, name_index(x.attr));
    }
    // obj.name(args) without * or **: load_method + call_method(_kw), so calling a method makes
    // no bound method. super().name(...) keeps load_super_attr (false: compiled as a plain call).
    bool method_call(const Call& x) {
        auto* a = std::get_if<Attribute>(&x.func->v);
        if (!a) return false;
        if (auto* c = std::get_if<Call>(&a->value->v); c && c->args.empty() && c->keywords.empty() && sc_->function)
            if (auto* n = std::get_if<Name>(&c->func->v); n && n->id == "super") return false;
        {
            auto saved = pos_;
            pos_ = x.func->p;  // the attribute's range, as load_attr has it
            expression(*a->value);
            emit(Op::load_method, name_index(a->attr));
            pos_ = saved;
        }
        call_arguments(x, Op::call_method, Op::call_method_kw);
        return true;
    }
    // The arguments of a call without * or ** and the call: `plain` n, or (keywords) their names'
    // tuple and `with_kw` n.
    void call_arguments(const Call& x, Op plain, Op with_kw) {
        for (auto& arg : x.args) expression(*arg);
        if (x.keywords.empty()) return void(emit(plain, static_cast<int>(x.args.size())));
        std::vector<Value> names;
        for (auto& k : x.keywords) {
            expression(*k.value);
            names.push_back(new_str(*k.name));
        }
        emit(Op::load_const, konst(new_tuple(std::move(names))));
        emit(with_kw, static_cast<int>(x.args.size() + x.keywords.size()));
    }
    // The implicit class and first argument of super(); false when this is not a bare super()
    // inside a function (a module-level super() is an ordinary call that fails).
    bool bare_super(const Call& x) {
        auto* n = std::get_if<Name>(&x.func->v);
        if (!n || n->id != "super" || !x.args.empty() || !x.keywords.empty() || !sc_->function) return false;
        if (code().argcount > 0) name_op(code().varnames[0], Access::load);
        else emit(Op::load_const, konst(Value()));
        emit(Op::load_super);
        return true;
    }
    void expr_node(const Subscript& x, const expr&) {
        expression(*x.value);
        expression(*x.slice);
        emit(Op::load_subscr);
    }
    void expr_node(const ast::Slice& x, const expr&) {
        for (auto* p : {x.lower.get(), x.upper.get(), x.step.get()}) {
            if (p) expression(*p);
            else emit(Op::load_const, konst(Value()));
        }
        emit(Op::build_slice);
    }
    void expr_node(const ast::Tuple& x, const expr&) { starred_items(x.elts, Op::build_tuple, Op::nop); }
    void expr_node(const ast::List& x, const expr&) { starred_items(x.elts, Op::build_list, Op::nop); }
    void expr_node(const ast::Set& x, const expr&) { starred_items(x.elts, Op::build_set, Op::nop); }
    void expr_node(const ast::Dict& x, const expr&) {
        emit(Op::build_dict, 0);
        for (std::size_t i = 0; i < x.keys.size(); ++i) {
            if (!x.keys[i]) {
                expression(*x.values[i]);
                emit(Op::dict_update, 1);
                continue;
            }
            expression(*x.keys[i]);
            expression(*x.values[i]);
            emit(Op::map_add, 1);
        }
    }
    void expr_node(const ListComp& x, const expr& e) {
        int d = static_cast<int>(x.generators.size()) + 1;
        comprehension_call("<listcomp>", x.generators, {x.elt.get()}, e, Op::build_list,
                           [&] { expression(*x.elt); emit(Op::list_append, d); });
    }
    void expr_node(const SetComp& x, const expr& e) {
        int d = static_cast<int>(x.generators.size()) + 1;
        comprehension_call("<setcomp>", x.generators, {x.elt.get()}, e, Op::build_set,
                           [&] { expression(*x.elt); emit(Op::set_add, d); });
    }
    void expr_node(const DictComp& x, const expr& e) {
        int d = static_cast<int>(x.generators.size()) + 1;
        comprehension_call("<dictcomp>", x.generators, {x.key.get(), x.value.get()}, e, Op::build_dict,
                           [&] { expression(*x.key); expression(*x.value); emit(Op::map_add, d); });
    }
    void expr_node(const GeneratorExp& x, const expr& e) {
        comprehension_call("<genexpr>", x.generators, {x.elt.get()}, e, Op::nop,
                           [&] { expression(*x.elt); emit(Op::yield_value); emit(Op::pop); });
    }
    // A comprehension is its own function, as in CPython 3.11: called with the first iterator,
    // which is evaluated where the expression stands (so a class body's comprehension sees the
    // class's names only there). A list/set/dict comprehension (`build` makes its container)
    // returns the container; a generator expression (`build` nop) is a generator. `await` or
    // `async for` inside makes it a coroutine, awaited here, or an async generator. One call
    // (one frame) per comprehension, not per item.
    void comprehension_call(const char* name, const std::vector<comprehension>& gens,
                            std::initializer_list<const expr*> parts, const expr& e, Op build,
                            const std::function<void()>& element) {
        std::string qual = sc_->qualprefix + name;
        Value cv = new_code(name, qual, e.p.lineno);
        Code& c = *cv.as<Code>();
        c.is_function = true;
        c.is_generator = build == Op::nop;
        c.varnames.push_back(".0");
        c.argcount = 1;
        Scope inner(&c, true);
        inner.qualprefix = qual + ".<locals>.";
        std::set<std::string> bound{".0"}, ignored;  // walrus targets belong to the enclosing scope
        bool nested = false;
        for (std::size_t i = 0; i < gens.size(); ++i) {
            scan_target(*gens[i].target, bound);
            if (i > 0) scan_expr(gens[i].iter.get(), ignored, nested);
            scan_exprs(gens[i].ifs, ignored, nested);
        }
        for (auto* p : parts) scan_expr(p, ignored, nested);
        inner.locals = bound;
        set_cells(inner, c, nested);
        with_scope(inner, [&] {
            if (build != Op::nop) emit(build, 0);
            comprehension_loops(gens, 0, element);
            if (build == Op::nop) emit(Op::load_const, konst(Value()));
            emit(Op::return_value);
        });
        c.is_coroutine = std::any_of(c.code.begin(), c.code.end(), [](const Instr& in) { return in.op == Op::await_; });
        make_closure(c, 0);
        expression(*gens[0].iter);
        emit(gens[0].is_async ? Op::get_aiter : Op::get_iter);
        emit(Op::call, 1);
        if (c.is_coroutine && !c.is_generator) {
            emit(Op::get_awaitable);
            emit(Op::await_);
        }
    }
    void expr_node(const Lambda& x, const expr& e) { function("<lambda>", x.args, nullptr, x.body.get(), false, e.p.lineno); }
    void expr_node(const Await& x, const expr&) {
        expression(*x.value);
        emit(Op::get_awaitable);
        emit(Op::await_);
    }
    void expr_node(const Yield& x, const expr&) {
        code().is_generator = true;
        if (x.value) expression(*x.value);
        else emit(Op::load_const, konst(Value()));
        emit(Op::yield_value);
    }
    void expr_node(const YieldFrom& x, const expr&) {
        code().is_generator = true;
        expression(*x.value);
        emit(Op::get_iter);
        emit(Op::load_const, konst(Value()));
        emit(Op::yield_from);
    }
    void expr_node(const JoinedStr& x, const expr&) {
        for (auto& v : x.values) expression(*v);
        emit(Op::build_string, static_cast<int>(x.values.size()));
    }
    void expr_node(const FormattedValue& x, const expr&) {
        expression(*x.value);
        if (x.format_spec) expression(*x.format_spec);
        emit(Op::format_value, (x.conversion < 0 ? 0 : x.conversion) | (x.format_spec ? 256 : 0));
    }
    void expr_node(const Starred&, const expr&) { unsupported("starred expression here is"); }
    void expr_node(const Call& x, const expr&) {
        if (bare_super(x)) return;
        bool star = std::any_of(x.args.begin(), x.args.end(), [](auto& a) { return std::holds_alternative<Starred>(a->v); });
        bool dstar = std::any_of(x.keywords.begin(), x.keywords.end(), [](auto& k) { return !k.name; });
        if (!star && !dstar && method_call(x)) return;
        expression(*x.func);
        if (star || dstar) {
            starred_items(x.args, Op::build_tuple, Op::nop);
            emit(Op::build_dict, 0);
            for (auto& k : x.keywords) {
                if (k.name) {
                    emit(Op::load_const, konst(new_str(*k.name)));
                    expression(*k.value);
                    emit(Op::map_add, 1);
                } else {
                    expression(*k.value);
                    emit(Op::dict_update, 1);
                }
            }
            emit(Op::call_ex);
            return;
        }
        call_arguments(x, Op::call, Op::call_kw);
    }
};

}  // namespace

Value compile_module(const ast::Module& m, const std::string& filename) {
    return Compiler(filename).module(m);
}

Value compile_eval(const ast::Module& m, const std::string& filename) {
    return Compiler(filename).eval(m);
}

}  // namespace aio::py
