#include "python/parser.hpp"

#include "python/compile_check.hpp"
#include "python/lexer.hpp"
#include "python/number_literal.hpp"
#include "python/string_literal.hpp"
#include "python/syntax_error.hpp"

#include <optional>
#include <string>
#include <utility>

namespace aio::py {

namespace {

using namespace ast;

template <class T>
expr_ptr make_expr(pos p, T&& node) {
    auto e = std::make_unique<expr>();
    e->p = p;
    e->v = std::forward<T>(node);
    return e;
}

template <class T>
stmt_ptr make_stmt(pos p, T&& node) {
    auto s = std::make_unique<stmt>();
    s->p = p;
    s->v = std::forward<T>(node);
    return s;
}

// What CPython's messages call an expression ("cannot assign to function call").
std::string expr_name(const expr& e) {
    struct namer {
        std::string operator()(const BoolOp&) const { return "expression"; }
        std::string operator()(const NamedExpr&) const { return "named expression"; }
        std::string operator()(const BinOp&) const { return "expression"; }
        std::string operator()(const UnaryOp&) const { return "expression"; }
        std::string operator()(const Lambda&) const { return "lambda"; }
        std::string operator()(const IfExp&) const { return "conditional expression"; }
        std::string operator()(const Dict&) const { return "dict literal"; }
        std::string operator()(const Set&) const { return "set display"; }
        std::string operator()(const ListComp&) const { return "list comprehension"; }
        std::string operator()(const SetComp&) const { return "set comprehension"; }
        std::string operator()(const DictComp&) const { return "dict comprehension"; }
        std::string operator()(const GeneratorExp&) const { return "generator expression"; }
        std::string operator()(const Await&) const { return "await expression"; }
        std::string operator()(const Yield&) const { return "yield expression"; }
        std::string operator()(const YieldFrom&) const { return "yield expression"; }
        std::string operator()(const Compare&) const { return "comparison"; }
        std::string operator()(const Call&) const { return "function call"; }
        std::string operator()(const FormattedValue&) const { return "f-string expression"; }
        std::string operator()(const JoinedStr&) const { return "f-string expression"; }
        std::string operator()(const Constant& c) const {
            switch (c.value.k) {
                case constant::kind::none: return "None";
                case constant::kind::boolean: return c.value.boolean ? "True" : "False";
                case constant::kind::ellipsis: return "ellipsis";
                default: return "literal";
            }
        }
        std::string operator()(const Attribute&) const { return "attribute"; }
        std::string operator()(const Subscript&) const { return "subscript"; }
        std::string operator()(const Starred&) const { return "starred"; }
        std::string operator()(const Name&) const { return "name"; }
        std::string operator()(const List&) const { return "list"; }
        std::string operator()(const Tuple&) const { return "tuple"; }
        std::string operator()(const Slice&) const { return "slice"; }
    };
    return std::visit(namer{}, e.v);
}

[[noreturn]] void fail_at(const std::string& msg, const pos& p, const char* type = "SyntaxError") {
    throw syntax_error(type, msg, p.lineno, p.col_offset + 1, p.end_lineno, p.end_col_offset + 1);
}

// Sets ctx on a target and everything inside it; returns the first part that cannot be one.
expr* bad_target(expr& e, expr_context ctx) {
    if (auto* n = std::get_if<Name>(&e.v)) {
        n->ctx = ctx;
        return nullptr;
    }
    if (auto* a = std::get_if<Attribute>(&e.v)) {
        a->ctx = ctx;
        return nullptr;
    }
    if (auto* s = std::get_if<Subscript>(&e.v)) {
        s->ctx = ctx;
        return nullptr;
    }
    if (auto* s = std::get_if<Starred>(&e.v)) {
        if (ctx == expr_context::del) return &e;
        s->ctx = ctx;
        return bad_target(*s->value, ctx);
    }
    expr_list* elts = nullptr;
    if (auto* t = std::get_if<Tuple>(&e.v)) {
        t->ctx = ctx;
        elts = &t->elts;
    } else if (auto* l = std::get_if<List>(&e.v)) {
        l->ctx = ctx;
        elts = &l->elts;
    } else {
        return &e;
    }
    for (auto& x : *elts) {
        if (expr* bad = bad_target(*x, ctx)) return bad;
    }
    return nullptr;
}

void store_target(expr& e) {
    if (expr* bad = bad_target(e, expr_context::store)) fail_at("cannot assign to " + expr_name(*bad), bad->p);
}

bool is_bitwise_or_level(const expr& e) {
    if (std::holds_alternative<List>(e.v) || std::holds_alternative<Tuple>(e.v) ||
        std::holds_alternative<GeneratorExp>(e.v) || std::holds_alternative<Compare>(e.v) ||
        std::holds_alternative<BoolOp>(e.v) || std::holds_alternative<IfExp>(e.v) ||
        std::holds_alternative<Lambda>(e.v) || std::holds_alternative<NamedExpr>(e.v) ||
        std::holds_alternative<Starred>(e.v))
        return false;
    if (auto* u = std::get_if<UnaryOp>(&e.v)) return u->op != unary_op::not_;
    if (auto* c = std::get_if<Constant>(&e.v)) {
        return c->value.k != constant::kind::none && c->value.k != constant::kind::boolean;
    }
    return true;
}

class parser {
public:
    parser(std::vector<token> tokens, int depth) : t_(std::move(tokens)), depth_(depth) {}

    Module file() {
        Module m;
        statements(m.body);
        if (!at(tok::end_marker)) fail_here();
        return m;
    }

    // eval()'s input: expressions NEWLINE* ENDMARKER, as one expression statement.
    Module eval_input() {
        const token& start = cur();
        expr_ptr e = star_expressions();
        Module m;
        m.body.push_back(make_stmt(from(start), Expr{std::move(e)}));
        while (accept(tok::newline)) {}
        if (!at(tok::end_marker)) fail_here();
        return m;
    }

    // Whether parsing got to the last token (the error token of a deferred tokenizer error).
    bool reached_end() const { return i_ + 1 >= t_.size(); }

    // The expression of an f-string replacement field.
    expr_ptr field_expression() {
        expr_ptr e = at(tok::kw_yield) ? yield_expr() : star_expressions();
        if (!at(tok::end_marker)) fail_here();
        return e;
    }

private:
    std::vector<token> t_;
    std::size_t i_ = 0;
    int depth_;
    int end_line_ = 1, end_col_ = 0;  // end of the last consumed token (not NEWLINE/INDENT/DEDENT)

    [[noreturn]] void too_deep() const {
        const token& t = cur();
        throw syntax_error("SyntaxError", "too many nested expressions", t.line, t.col + 1, t.line, t.col + 2);
    }

    // One level of recursion (or of a left-nested chain such as a + b + c or a.b.c, which the
    // tree walkers recurse into), counted against max_parse_depth while in scope.
    struct depth_guard {
        parser& p;
        int levels = 0;
        explicit depth_guard(parser& owner) : p(owner) { add(); }
        void add() {
            if (p.depth_ >= max_parse_depth) p.too_deep();
            p.depth_++;
            levels++;
        }
        ~depth_guard() { p.depth_ -= levels; }
        depth_guard(const depth_guard&) = delete;
        depth_guard& operator=(const depth_guard&) = delete;
    };

    const token& cur() const { return t_[i_]; }
    const token& ahead(std::size_t n) const { return t_[std::min(i_ + n, t_.size() - 1)]; }
    bool at(tok k) const { return cur().kind == k; }
    const token& take() {
        const token& t = t_[i_];
        if (i_ + 1 < t_.size()) i_++;
        if (t.kind != tok::newline && t.kind != tok::indent && t.kind != tok::dedent) {
            end_line_ = t.end_line;
            end_col_ = t.end_col;
        }
        return t;
    }
    bool accept(tok k) {
        if (!at(k)) return false;
        take();
        return true;
    }
    void expect(tok k) {
        if (!accept(k)) fail_here();
    }
    pos from(const token& t) const { return {t.line, t.col, end_line_, end_col_}; }
    pos from(const pos& p) const { return {p.lineno, p.col_offset, end_line_, end_col_}; }

    [[noreturn]] void fail_here() const {
        const token& t = cur();
        if (t.kind == tok::indent)  // CPython's offset is the indent's width, its end_offset -1
            throw syntax_error("IndentationError", "unexpected indent", t.line, t.end_col, t.line, -1);
        // CPython's NEWLINE token has no width (end_offset == offset).
        const int end = t.kind == tok::newline                          ? t.col
                        : t.end_line == t.line && t.end_col > t.col ? t.end_col
                                                                    : t.col + 1;
        throw syntax_error("SyntaxError", "invalid syntax", t.line, t.col + 1, t.line, end + 1);
    }

    [[noreturn]] void fail_token(const std::string& msg, const token& t) const {
        throw syntax_error("SyntaxError", msg, t.line, t.col + 1, t.line, t.col + 2);
    }

    bool starts_expression() const {
        switch (cur().kind) {
            case tok::name: case tok::number: case tok::string: case tok::lpar: case tok::lsqb:
            case tok::lbrace: case tok::minus: case tok::plus: case tok::tilde: case tok::kw_not:
            case tok::kw_lambda: case tok::kw_await: case tok::kw_none: case tok::kw_true:
            case tok::kw_false: case tok::ellipsis:
                return true;
            default:
                return false;
        }
    }

    // Inside brackets, two expressions in a row: CPython suggests the missing comma.
    [[noreturn]] void fail_in_brackets(const pos& previous) {
        if (starts_expression() && !(ahead(0).kind == tok::name && previous.end_col_offset == 0)) {
            const std::size_t save = i_;
            try {
                expr_ptr next = expression();
                fail_at("invalid syntax. Perhaps you forgot a comma?",
                        {previous.lineno, previous.col_offset, next->p.end_lineno, next->p.end_col_offset});
            } catch (const syntax_error& e) {
                if (e.msg() == "invalid syntax. Perhaps you forgot a comma?") throw;
            }
            i_ = save;
        }
        fail_here();
    }

    // ---- statements ----

    void statements(stmt_list& out) {
        while (!at(tok::end_marker) && !at(tok::dedent)) statement(out);
    }

    void statement(stmt_list& out) {
        switch (cur().kind) {
            case tok::indent: fail_here();
            case tok::kw_def: case tok::kw_class: case tok::at: case tok::kw_if: case tok::kw_while:
            case tok::kw_for: case tok::kw_try: case tok::kw_with:
                out.push_back(compound());
                return;
            case tok::kw_async:
                if (ahead(1).kind == tok::kw_def || ahead(1).kind == tok::kw_for ||
                    ahead(1).kind == tok::kw_with) {
                    out.push_back(compound());
                    return;
                }
                fail_here();
            default:
                simple_statements(out);
        }
    }

    void simple_statements(stmt_list& out) {
        while (true) {
            out.push_back(simple_statement());
            if (accept(tok::semi)) {
                if (at(tok::newline)) break;
                continue;
            }
            break;
        }
        if (!accept(tok::newline)) fail_here();
    }

    bool at_statement_end() const { return at(tok::newline) || at(tok::semi); }

    stmt_ptr simple_statement() {
        const token& start = cur();
        switch (start.kind) {
            case tok::kw_pass: take(); return make_stmt(from(start), Pass{});
            case tok::kw_break: take(); return make_stmt(from(start), Break{});
            case tok::kw_continue: take(); return make_stmt(from(start), Continue{});
            case tok::kw_return: {
                take();
                Return r;
                if (!at_statement_end()) r.value = star_expressions();
                return make_stmt(from(start), std::move(r));
            }
            case tok::kw_raise: {
                take();
                Raise r;
                if (!at_statement_end()) {
                    r.exc = expression();
                    if (accept(tok::kw_from)) r.cause = expression();
                }
                return make_stmt(from(start), std::move(r));
            }
            case tok::kw_global:
            case tok::kw_nonlocal: {
                take();
                std::vector<identifier> names;
                do {
                    if (!at(tok::name)) fail_here();
                    names.emplace_back(take().text);
                } while (accept(tok::comma));
                if (start.kind == tok::kw_global) return make_stmt(from(start), Global{std::move(names)});
                return make_stmt(from(start), Nonlocal{std::move(names)});
            }
            case tok::kw_del: return del_statement();
            case tok::kw_assert: {
                take();
                Assert a;
                a.test = expression();
                if (accept(tok::comma)) a.msg = expression();
                return make_stmt(from(start), std::move(a));
            }
            case tok::kw_import: return import_statement();
            case tok::kw_from: return from_import_statement();
            default: return expression_statement();
        }
    }

    stmt_ptr del_statement() {
        const token& start = take();
        Delete d;
        do {
            if (at_statement_end()) break;
            expr_ptr target = bitwise_or();
            if (expr* bad = bad_target(*target, expr_context::del))
                fail_at("cannot delete " + expr_name(*bad), bad->p);
            d.targets.push_back(std::move(target));
        } while (accept(tok::comma));
        if (d.targets.empty()) fail_here();
        return make_stmt(from(start), std::move(d));
    }

    std::string dotted_name() {
        if (!at(tok::name)) fail_here();
        std::string name(take().text);
        while (at(tok::dot)) {
            take();
            if (!at(tok::name)) fail_here();
            name += '.';
            name += take().text;
        }
        return name;
    }

    stmt_ptr import_statement() {
        const token& start = take();
        Import imp;
        do {
            const token& first = cur();
            alias a;
            a.name = dotted_name();
            if (accept(tok::kw_as)) {
                if (!at(tok::name)) fail_here();
                a.asname = std::string(take().text);
            }
            a.p = from(first);
            imp.names.push_back(std::move(a));
        } while (accept(tok::comma));
        return make_stmt(from(start), std::move(imp));
    }

    stmt_ptr from_import_statement() {
        const token& start = take();
        ImportFrom f;
        while (at(tok::dot) || at(tok::ellipsis)) f.level += take().kind == tok::dot ? 1 : 3;
        if (at(tok::name)) f.module = dotted_name();
        else if (f.level == 0) fail_here();
        expect(tok::kw_import);
        if (at(tok::star)) {
            const token& star = take();
            f.names.push_back(alias{from(star), "*", std::nullopt});
            return make_stmt(from(start), std::move(f));
        }
        const bool parens = accept(tok::lpar);
        do {
            if (parens && at(tok::rpar)) break;
            if (!at(tok::name)) fail_here();
            const token& name = take();
            alias a;
            a.name = std::string(name.text);
            if (accept(tok::kw_as)) {
                if (!at(tok::name)) fail_here();
                a.asname = std::string(take().text);
            }
            a.p = from(name);
            f.names.push_back(std::move(a));
            if (!parens && at(tok::comma) && ahead(1).kind == tok::newline) {
                fail_token("trailing comma not allowed without surrounding parentheses", cur());
            }
        } while (accept(tok::comma));
        if (f.names.empty()) fail_here();
        if (parens) expect(tok::rpar);
        return make_stmt(from(start), std::move(f));
    }

    static bool aug_op(tok k, bin_op& op) {
        switch (k) {
            case tok::plus_equal: op = bin_op::add; return true;
            case tok::minus_equal: op = bin_op::sub; return true;
            case tok::star_equal: op = bin_op::mult; return true;
            case tok::at_equal: op = bin_op::mat_mult; return true;
            case tok::slash_equal: op = bin_op::div; return true;
            case tok::percent_equal: op = bin_op::mod; return true;
            case tok::amper_equal: op = bin_op::bit_and; return true;
            case tok::vbar_equal: op = bin_op::bit_or; return true;
            case tok::circumflex_equal: op = bin_op::bit_xor; return true;
            case tok::left_shift_equal: op = bin_op::lshift; return true;
            case tok::right_shift_equal: op = bin_op::rshift; return true;
            case tok::double_star_equal: op = bin_op::pow; return true;
            case tok::double_slash_equal: op = bin_op::floor_div; return true;
            default: return false;
        }
    }

    expr_ptr assignment_value() { return at(tok::kw_yield) ? yield_expr() : star_expressions(); }

    static bool single_target(const expr& e) {
        return std::holds_alternative<Name>(e.v) || std::holds_alternative<Attribute>(e.v) ||
               std::holds_alternative<Subscript>(e.v);
    }

    stmt_ptr expression_statement() {
        const token& start = cur();
        expr_ptr first = assignment_value();
        if (at(tok::colon)) {
            if (!single_target(*first)) {
                const char* msg = std::holds_alternative<Tuple>(first->v)
                                      ? "only single target (not tuple) can be annotated"
                                  : std::holds_alternative<List>(first->v)
                                      ? "only single target (not list) can be annotated"
                                      : "illegal target for annotation";
                fail_at(msg, first->p);
            }
            take();
            AnnAssign a;
            a.simple = std::holds_alternative<Name>(first->v) && start.kind != tok::lpar;
            store_target(*first);
            a.target = std::move(first);
            a.annotation = expression();
            if (accept(tok::equal)) a.value = assignment_value();
            return make_stmt(from(start), std::move(a));
        }
        bin_op op{};
        if (aug_op(cur().kind, op)) {
            if (!single_target(*first))
                fail_at("'" + expr_name(*first) + "' is an illegal expression for augmented assignment",
                        first->p);
            take();
            store_target(*first);
            AugAssign a{std::move(first), op, assignment_value()};
            return make_stmt(from(start), std::move(a));
        }
        if (at(tok::equal)) {
            expr_list targets;
            targets.push_back(std::move(first));
            while (accept(tok::equal)) targets.push_back(assignment_value());
            expr_ptr value = std::move(targets.back());
            targets.pop_back();
            for (auto& t : targets) {
                if (std::holds_alternative<Yield>(t->v) || std::holds_alternative<YieldFrom>(t->v)) {
                    if (start.kind != tok::lpar) fail_at("assignment to yield expression not possible", t->p);
                }
                expr* bad = bad_target(*t, expr_context::store);
                if (!bad) continue;
                std::string msg = "cannot assign to " + expr_name(*bad);
                const bool last_of_target = bad->p.end_lineno == t->p.end_lineno &&
                                            bad->p.end_col_offset == t->p.end_col_offset;
                if (targets.size() == 1 && last_of_target && is_bitwise_or_level(*bad))
                    msg += " here. Maybe you meant '==' instead of '='?";
                fail_at(msg, bad->p);
            }
            Assign a{std::move(targets), std::move(value)};
            return make_stmt(from(start), std::move(a));
        }
        if (!at_statement_end()) {
            // `print "x"`: Python 2's statement.
            if (auto* n = std::get_if<Name>(&first->v);
                n && (n->id == "print" || n->id == "exec") && starts_expression()) {
                const std::size_t save = i_;
                try {
                    expr_ptr rest = star_expressions();
                    fail_at("Missing parentheses in call to '" + n->id + "'. Did you mean " + n->id +
                                "(...)?",
                            {first->p.lineno, first->p.col_offset, rest->p.end_lineno, rest->p.end_col_offset});
                } catch (const syntax_error& e) {
                    if (e.msg().rfind("Missing parentheses", 0) == 0) throw;
                }
                i_ = save;
            }
            fail_here();
        }
        return make_stmt(from(start), Expr{std::move(first)});
    }

    // ---- compound statements ----

    void block(stmt_list& body, const std::string& what, int line) {
        if (!at(tok::colon)) {
            if (at(tok::newline)) fail_token("expected ':'", cur());
            fail_here();
        }
        take();
        if (accept(tok::newline)) {
            if (!at(tok::indent)) {
                const token& t = cur();
                throw syntax_error("IndentationError",
                                   "expected an indented block after " + what + " on line " +
                                       std::to_string(line),
                                   t.line, t.col + 1, t.line, t.col + 2);
            }
            take();
            depth_guard guard(*this);
            statements(body);
            expect(tok::dedent);
        } else {
            simple_statements(body);
        }
    }

    stmt_ptr compound() {
        depth_guard guard(*this);
        switch (cur().kind) {
            case tok::at: case tok::kw_def: case tok::kw_class: return definition();
            case tok::kw_if: return if_statement(tok::kw_if);
            case tok::kw_while: return while_statement();
            case tok::kw_try: return try_statement();
            default: break;
        }
        const token& start = cur();
        const bool is_async = accept(tok::kw_async);
        if (at(tok::kw_def)) return function(start, is_async, {});
        if (at(tok::kw_for)) return for_statement(start, is_async);
        return with_statement(start, is_async);
    }

    stmt_ptr definition() {
        expr_list decorators;
        while (accept(tok::at)) {
            decorators.push_back(named_expression());
            if (!accept(tok::newline)) fail_here();
        }
        const token& start = cur();
        if (accept(tok::kw_async)) {
            if (!at(tok::kw_def)) fail_here();
            return function(start, true, std::move(decorators));
        }
        if (at(tok::kw_def)) return function(start, false, std::move(decorators));
        if (!at(tok::kw_class)) fail_here();
        const token& kw = take();
        if (!at(tok::name)) fail_here();
        ClassDef c;
        c.name = std::string(take().text);
        c.decorator_list = std::move(decorators);
        if (accept(tok::lpar)) call_arguments(c.bases, c.keywords, nullptr);
        block(c.body, "class definition", kw.line);
        return make_stmt(from(start), std::move(c));
    }

    stmt_ptr function(const token& start, bool is_async, expr_list decorators) {
        const token& kw = take();  // def
        if (!at(tok::name)) fail_here();
        FunctionDef f;
        f.is_async = is_async;
        f.name = std::string(take().text);
        f.decorator_list = std::move(decorators);
        expect(tok::lpar);
        f.args = parameters(true, tok::rpar);
        expect(tok::rpar);
        if (accept(tok::rarrow)) f.returns = expression();
        block(f.body, "function definition", kw.line);
        return make_stmt(from(start), std::move(f));
    }

    stmt_ptr if_statement(tok keyword) {
        depth_guard guard(*this);  // each elif nests an If
        const token& start = take();
        If s;
        s.test = named_expression();
        block(s.body, keyword == tok::kw_if ? "'if' statement" : "'elif' statement", start.line);
        if (at(tok::kw_elif)) {
            s.orelse.push_back(if_statement(tok::kw_elif));
        } else if (at(tok::kw_else)) {
            const token& e = take();
            block(s.orelse, "'else' statement", e.line);
        }
        return make_stmt(from(start), std::move(s));
    }

    stmt_ptr while_statement() {
        const token& start = take();
        While s;
        s.test = named_expression();
        block(s.body, "'while' statement", start.line);
        if (at(tok::kw_else)) {
            const token& e = take();
            block(s.orelse, "'else' statement", e.line);
        }
        return make_stmt(from(start), std::move(s));
    }

    stmt_ptr for_statement(const token& start, bool is_async) {
        const token& kw = take();
        For s;
        s.is_async = is_async;
        s.target = star_targets();
        expect(tok::kw_in);
        s.iter = star_expressions();
        block(s.body, "'for' statement", kw.line);
        if (at(tok::kw_else)) {
            const token& e = take();
            block(s.orelse, "'else' statement", e.line);
        }
        return make_stmt(from(start), std::move(s));
    }

    withitem with_item() {
        withitem item;
        item.context_expr = expression();
        if (accept(tok::kw_as)) {
            item.optional_vars = star_target();
            if (!at(tok::comma) && !at(tok::colon) && !at(tok::rpar)) fail_here();
            store_target(*item.optional_vars);
        }
        return item;
    }

    stmt_ptr with_statement(const token& start, bool is_async) {
        const token& kw = take();
        With s;
        s.is_async = is_async;
        bool done = false;
        if (at(tok::lpar)) {
            // `with (a as b, c):` — else the parenthesis belongs to the first expression.
            const std::size_t save = i_;
            const int save_line = end_line_, save_col = end_col_;
            try {
                take();
                do {
                    if (at(tok::rpar)) break;
                    s.items.push_back(with_item());
                } while (accept(tok::comma));
                expect(tok::rpar);
                if (!at(tok::colon)) fail_here();
                done = true;
            } catch (const syntax_error&) {
                i_ = save;
                end_line_ = save_line;
                end_col_ = save_col;
                s.items.clear();
            }
        }
        if (!done) {
            do {
                s.items.push_back(with_item());
            } while (accept(tok::comma));
        }
        block(s.body, "'with' statement", kw.line);
        return make_stmt(from(start), std::move(s));
    }

    stmt_ptr try_statement() {
        const token& start = take();
        Try s;
        block(s.body, "'try' statement", start.line);
        bool plain = false;
        while (at(tok::kw_except)) {
            const token& kw = take();
            const bool star = accept(tok::star);
            if (star) s.is_star = true;
            else plain = true;
            if (s.is_star && plain)
                fail_at("cannot have both 'except' and 'except*' on the same 'try'",
                        {kw.line, kw.col, kw.end_line, kw.end_col});
            excepthandler h;
            if (!at(tok::colon)) {
                h.type = expression();
                if (at(tok::comma)) {
                    const std::size_t save = i_;
                    take();
                    expr_ptr next = expression();
                    (void)save;
                    fail_at("multiple exception types must be parenthesized",
                            {h.type->p.lineno, h.type->p.col_offset, next->p.end_lineno, next->p.end_col_offset});
                }
                if (accept(tok::kw_as)) {
                    if (!at(tok::name)) fail_here();
                    h.name = std::string(take().text);
                }
            } else if (star) {
                fail_token("expected one or more exception types", cur());
            }
            block(h.body, star ? "'except*' statement" : "'except' statement", kw.line);
            h.p = from(kw);
            s.handlers.push_back(std::move(h));
        }
        if (!s.handlers.empty() && at(tok::kw_else)) {
            const token& e = take();
            block(s.orelse, "'else' statement", e.line);
        }
        if (at(tok::kw_finally)) {
            const token& f = take();
            block(s.finalbody, "'finally' statement", f.line);
        }
        if (s.handlers.empty() && s.finalbody.empty()) fail_token("expected 'except' or 'finally' block", cur());
        return make_stmt(from(start), std::move(s));
    }

    // ---- parameters and arguments ----

    arg parameter(bool annotations) {
        if (!at(tok::name)) fail_here();
        const token& name = take();
        arg a;
        a.name = std::string(name.text);
        if (annotations && accept(tok::colon)) a.annotation = expression();
        a.p = from(name);
        return a;
    }

    arguments parameters(bool annotations, tok closer) {
        arguments a;
        bool star = false, slash = false, default_seen = false;
        while (!at(closer)) {
            const token& t = cur();
            if (at(tok::slash)) {
                take();
                if (slash) fail_token("/ may appear only once", t);
                if (star) fail_token("/ must be ahead of *", t);
                if (a.args.empty()) fail_token("at least one argument must precede /", t);
                a.posonlyargs = std::move(a.args);
                a.args.clear();
                slash = true;
            } else if (at(tok::star)) {
                take();
                if (star) fail_token("* argument may appear only once", t);
                star = true;
                if (at(tok::name)) {
                    a.vararg = std::make_unique<arg>(parameter(annotations));
                } else if (at(closer) || (at(tok::comma) && ahead(1).kind == closer)) {
                    fail_token("named arguments must follow bare *", t);
                }
            } else if (at(tok::double_star)) {
                take();
                a.kwarg = std::make_unique<arg>(parameter(annotations));
                accept(tok::comma);
                if (!at(closer)) fail_token("arguments cannot follow var-keyword argument", cur());
                break;
            } else {
                arg p = parameter(annotations);
                expr_ptr def;
                if (accept(tok::equal)) def = expression();
                if (star) {
                    a.kw_defaults.push_back(std::move(def));
                    a.kwonlyargs.push_back(std::move(p));
                } else {
                    if (def) {
                        default_seen = true;
                        a.defaults.push_back(std::move(def));
                    } else if (default_seen) {
                        fail_at("non-default argument follows default argument", p.p);
                    }
                    a.args.push_back(std::move(p));
                }
            }
            if (!accept(tok::comma)) break;
        }
        return a;
    }

    // After '(' of a call or class: positional and keyword arguments up to and with ')'.
    // `call_start` is set for calls: a lone generator expression spans the call's parentheses.
    void call_arguments(expr_list& args, std::vector<keyword>& keywords, const token* call_start) {
        const token& open = t_[i_ - 1];
        bool seen_keyword = false, seen_unpack = false;
        while (!at(tok::rpar)) {
            const token& t = cur();
            if (accept(tok::star)) {
                expr_ptr v = expression();
                if (seen_unpack) fail_token("iterable argument unpacking follows keyword argument unpacking", t);
                args.push_back(make_expr(from(t), Starred{std::move(v), expr_context::load}));
            } else if (accept(tok::double_star)) {
                expr_ptr v = expression();
                keywords.push_back(keyword{from(t), std::nullopt, std::move(v)});
                seen_unpack = true;
            } else if (at(tok::name) && ahead(1).kind == tok::equal) {
                take();
                take();
                expr_ptr v = expression();
                keywords.push_back(keyword{from(t), std::string(t.text), std::move(v)});
                seen_keyword = true;
            } else {
                expr_ptr e = named_expression();
                if (at(tok::kw_for) || (at(tok::kw_async) && ahead(1).kind == tok::kw_for)) {
                    auto gens = comprehensions();
                    const bool alone = args.empty() && keywords.empty() && at(tok::rpar);
                    if (!alone || !call_start) {
                        if (at(tok::rpar)) take();
                        fail_at("Generator expression must be parenthesized",
                                {e->p.lineno, e->p.col_offset, end_line_, end_col_});
                    }
                    take();  // ')'
                    args.push_back(make_expr(from(open), GeneratorExp{std::move(e), std::move(gens)}));
                    return;
                }
                if (at(tok::equal))
                    fail_at("expression cannot contain assignment, perhaps you meant \"==\"?",
                            {e->p.lineno, e->p.col_offset, cur().end_line, cur().end_col});
                if (seen_unpack) fail_token("positional argument follows keyword argument unpacking", cur());
                if (seen_keyword) fail_token("positional argument follows keyword argument", cur());
                args.push_back(std::move(e));
            }
            if (!accept(tok::comma)) {
                if (!at(tok::rpar)) fail_in_brackets(args.empty() ? keywords.back().p : args.back()->p);
                break;
            }
        }
        take();  // ')'
    }

    // ---- targets ----

    expr_ptr star_target() {
        depth_guard guard(*this);
        const token& start = cur();
        if (accept(tok::star)) {
            expr_ptr v = star_target();
            return make_expr(from(start), Starred{std::move(v), expr_context::store});
        }
        return bitwise_or();
    }

    // `for` and comprehension targets: a, *b, (c, d) — stops before 'in'.
    expr_ptr star_targets() {
        const token& start = cur();
        expr_ptr first = star_target();
        if (!at(tok::comma)) {
            store_target(*first);
            return first;
        }
        expr_list elts;
        elts.push_back(std::move(first));
        while (accept(tok::comma)) {
            if (at(tok::kw_in) || at(tok::equal)) break;
            elts.push_back(star_target());
        }
        expr_ptr t = make_expr(from(start), Tuple{std::move(elts), expr_context::store});
        store_target(*t);
        return t;
    }

    // ---- expressions ----

    expr_ptr star_expressions() {
        const token& start = cur();
        expr_ptr first = star_expression();
        if (!at(tok::comma)) return first;
        expr_list elts;
        elts.push_back(std::move(first));
        while (accept(tok::comma)) {
            if (!starts_expression() && !at(tok::star)) break;
            elts.push_back(star_expression());
        }
        return make_expr(from(start), Tuple{std::move(elts), expr_context::load});
    }

    expr_ptr star_expression() {
        const token& start = cur();
        if (accept(tok::star)) {
            expr_ptr v = bitwise_or();
            return make_expr(from(start), Starred{std::move(v), expr_context::load});
        }
        return expression();
    }

    expr_ptr star_named_expression() {
        const token& start = cur();
        if (accept(tok::star)) {
            expr_ptr v = bitwise_or();
            return make_expr(from(start), Starred{std::move(v), expr_context::load});
        }
        return named_expression();
    }

    expr_ptr named_expression() {
        const token& start = cur();
        if (at(tok::name) && ahead(1).kind == tok::colon_equal) {
            take();
            expr_ptr target = make_expr(from(start), Name{std::string(start.text), expr_context::store});
            take();
            expr_ptr value = expression();
            return make_expr(from(start), NamedExpr{std::move(target), std::move(value)});
        }
        expr_ptr e = expression();
        if (at(tok::colon_equal))
            fail_at("cannot use assignment expressions with " + expr_name(*e), e->p);
        return e;
    }

    expr_ptr yield_expr() {
        const token& start = take();
        if (accept(tok::kw_from)) {
            expr_ptr v = expression();
            return make_expr(from(start), YieldFrom{std::move(v)});
        }
        Yield y;
        if (starts_expression() || at(tok::star)) y.value = star_expressions();
        return make_expr(from(start), std::move(y));
    }

    expr_ptr expression() {
        depth_guard guard(*this);
        if (at(tok::kw_lambda)) return lambda();
        const token& start = cur();
        expr_ptr body = disjunction();
        if (!accept(tok::kw_if)) return body;
        expr_ptr test = disjunction();
        if (!accept(tok::kw_else))
            fail_at("expected 'else' after 'if' expression",
                    {body->p.lineno, body->p.col_offset, test->p.end_lineno, test->p.end_col_offset});
        expr_ptr orelse = expression();
        const pos p = from(start);
        return make_expr(p, IfExp{std::move(test), std::move(body), std::move(orelse)});
    }

    expr_ptr lambda() {
        const token& start = take();
        Lambda l;
        l.args = parameters(false, tok::colon);
        expect(tok::colon);
        l.body = expression();
        return make_expr(from(start), std::move(l));
    }

    expr_ptr bool_chain(tok k, bool_op op, expr_ptr (parser::*operand)()) {
        const token& start = cur();
        expr_ptr first = (this->*operand)();
        if (!at(k)) return first;
        expr_list values;
        values.push_back(std::move(first));
        while (accept(k)) values.push_back((this->*operand)());
        return make_expr(from(start), BoolOp{op, std::move(values)});
    }

    expr_ptr disjunction() { return bool_chain(tok::kw_or, bool_op::or_, &parser::conjunction); }
    expr_ptr conjunction() { return bool_chain(tok::kw_and, bool_op::and_, &parser::inversion); }

    expr_ptr inversion() {
        if (!at(tok::kw_not)) return comparison();
        depth_guard guard(*this);
        const token& start = take();
        expr_ptr operand = inversion();
        return make_expr(from(start), UnaryOp{unary_op::not_, std::move(operand)});
    }

    bool compare_op(cmp_op& op) {
        switch (cur().kind) {
            case tok::equal_equal: op = cmp_op::eq; break;
            case tok::not_equal: op = cmp_op::not_eq_; break;
            case tok::less: op = cmp_op::lt; break;
            case tok::less_equal: op = cmp_op::lt_e; break;
            case tok::greater: op = cmp_op::gt; break;
            case tok::greater_equal: op = cmp_op::gt_e; break;
            case tok::kw_in: op = cmp_op::in; break;
            case tok::kw_not:
                if (ahead(1).kind != tok::kw_in) return false;
                take();
                op = cmp_op::not_in;
                break;
            case tok::kw_is:
                if (ahead(1).kind == tok::kw_not) {
                    take();
                    op = cmp_op::is_not;
                } else {
                    op = cmp_op::is;
                }
                break;
            default: return false;
        }
        take();
        return true;
    }

    expr_ptr comparison() {
        const token& start = cur();
        expr_ptr left = bitwise_or();
        cmp_op op{};
        if (!compare_op(op)) return left;
        Compare c;
        c.left = std::move(left);
        do {
            c.ops.push_back(op);
            c.comparators.push_back(bitwise_or());
        } while (compare_op(op));
        return make_expr(from(start), std::move(c));
    }

    static int binary_level(tok k, bin_op& op) {
        switch (k) {
            case tok::vbar: op = bin_op::bit_or; return 0;
            case tok::circumflex: op = bin_op::bit_xor; return 1;
            case tok::amper: op = bin_op::bit_and; return 2;
            case tok::left_shift: op = bin_op::lshift; return 3;
            case tok::right_shift: op = bin_op::rshift; return 3;
            case tok::plus: op = bin_op::add; return 4;
            case tok::minus: op = bin_op::sub; return 4;
            case tok::star: op = bin_op::mult; return 5;
            case tok::slash: op = bin_op::div; return 5;
            case tok::double_slash: op = bin_op::floor_div; return 5;
            case tok::percent: op = bin_op::mod; return 5;
            case tok::at: op = bin_op::mat_mult; return 5;
            default: return -1;
        }
    }

    // Levels 0 (|) to 5 (* / // % @), all left-associative: precedence climbing.
    expr_ptr binary(int level) {
        if (level > 5) return factor();
        const token& start = cur();
        expr_ptr left = binary(level + 1);
        bin_op op{};
        std::optional<depth_guard> chain;
        while (binary_level(cur().kind, op) == level) {
            if (chain) chain->add();
            else chain.emplace(*this);
            take();
            expr_ptr right = binary(level + 1);
            const pos p = from(start);
            left = make_expr(p, BinOp{std::move(left), op, std::move(right)});
        }
        return left;
    }

    expr_ptr bitwise_or() { return binary(0); }

    expr_ptr factor() {
        unary_op op{};
        switch (cur().kind) {
            case tok::plus: op = unary_op::uadd; break;
            case tok::minus: op = unary_op::usub; break;
            case tok::tilde: op = unary_op::invert; break;
            default: return power();
        }
        depth_guard guard(*this);
        const token& start = take();
        expr_ptr operand = factor();
        return make_expr(from(start), UnaryOp{op, std::move(operand)});
    }

    expr_ptr power() {
        const token& start = cur();
        expr_ptr base = await_primary();
        if (!accept(tok::double_star)) return base;
        depth_guard guard(*this);
        expr_ptr exponent = factor();
        const pos p = from(start);
        return make_expr(p, BinOp{std::move(base), bin_op::pow, std::move(exponent)});
    }

    expr_ptr await_primary() {
        if (!at(tok::kw_await)) return primary();
        const token& start = take();
        expr_ptr v = primary();
        return make_expr(from(start), Await{std::move(v)});
    }

    expr_ptr primary() {
        const token& start = cur();
        expr_ptr e = atom();
        std::optional<depth_guard> chain;
        while (true) {
            if (at(tok::dot) || at(tok::lpar) || at(tok::lsqb)) {
                if (chain) chain->add();
                else chain.emplace(*this);
            }
            if (accept(tok::dot)) {
                if (!at(tok::name)) fail_here();
                std::string attr(take().text);
                const pos p = from(start);
                e = make_expr(p, Attribute{std::move(e), std::move(attr), expr_context::load});
            } else if (at(tok::lpar)) {
                const token& open = take();
                Call c;
                call_arguments(c.args, c.keywords, &open);
                const pos p = from(start);
                c.func = std::move(e);
                e = make_expr(p, std::move(c));
            } else if (at(tok::lsqb)) {
                take();
                expr_ptr index = slices();
                if (!accept(tok::rsqb)) fail_in_brackets(index->p);
                const pos p = from(start);
                e = make_expr(p, Subscript{std::move(e), std::move(index), expr_context::load});
            } else {
                return e;
            }
        }
    }

    expr_ptr slices() {
        const token& start = cur();
        expr_ptr first = slice();
        if (!at(tok::comma) && !std::holds_alternative<Starred>(first->v)) return first;
        expr_list elts;
        elts.push_back(std::move(first));
        while (accept(tok::comma)) {
            if (at(tok::rsqb)) break;
            elts.push_back(slice());
        }
        return make_expr(from(start), Tuple{std::move(elts), expr_context::load});
    }

    expr_ptr slice() {
        const token& start = cur();
        Slice s;
        if (!at(tok::colon)) {
            expr_ptr e = star_named_expression();
            if (!at(tok::colon)) return e;
            s.lower = std::move(e);
        }
        take();
        if (!at(tok::colon) && !at(tok::comma) && !at(tok::rsqb)) s.upper = expression();
        if (accept(tok::colon)) {
            if (!at(tok::comma) && !at(tok::rsqb)) s.step = expression();
        }
        return make_expr(from(start), std::move(s));
    }

    std::vector<comprehension> comprehensions() {
        std::vector<comprehension> gens;
        while (at(tok::kw_for) || (at(tok::kw_async) && ahead(1).kind == tok::kw_for)) {
            comprehension c;
            c.is_async = accept(tok::kw_async);
            take();
            c.target = star_targets();
            expect(tok::kw_in);
            c.iter = disjunction();
            while (accept(tok::kw_if)) c.ifs.push_back(disjunction());
            gens.push_back(std::move(c));
        }
        return gens;
    }

    bool at_comprehension() const {
        return at(tok::kw_for) || (at(tok::kw_async) && ahead(1).kind == tok::kw_for);
    }

    expr_ptr atom() {
        const token& t = cur();
        switch (t.kind) {
            case tok::name:
                take();
                return make_expr(from(t), Name{std::string(t.text), expr_context::load});
            case tok::kw_true:
            case tok::kw_false: {
                take();
                Constant c;
                c.value.k = constant::kind::boolean;
                c.value.boolean = t.kind == tok::kw_true;
                return make_expr(from(t), std::move(c));
            }
            case tok::kw_none: take(); return make_expr(from(t), Constant{});
            case tok::ellipsis: {
                take();
                Constant c;
                c.value.k = constant::kind::ellipsis;
                return make_expr(from(t), std::move(c));
            }
            case tok::number: {
                take();
                Constant c;
                c.value = number_value(t.text);
                return make_expr(from(t), std::move(c));
            }
            case tok::string: return strings();
            case tok::lpar: return parenthesized();
            case tok::lsqb: return list_display();
            case tok::lbrace: return brace_display();
            default: fail_here();
        }
    }

    expr_ptr parenthesized() {
        depth_guard guard(*this);
        const token& open = take();
        if (accept(tok::rpar)) return make_expr(from(open), Tuple{{}, expr_context::load});
        if (at(tok::kw_yield)) {
            expr_ptr y = yield_expr();
            expect(tok::rpar);
            return y;
        }
        expr_ptr first = star_named_expression();
        if (at_comprehension()) {
            auto gens = comprehensions();
            expect(tok::rpar);
            return make_expr(from(open), GeneratorExp{std::move(first), std::move(gens)});
        }
        if (accept(tok::rpar)) {
            if (std::holds_alternative<Starred>(first->v)) fail_at("cannot use starred expression here", first->p);
            return first;
        }
        if (!at(tok::comma)) fail_in_brackets(first->p);
        expr_list elts;
        elts.push_back(std::move(first));
        while (accept(tok::comma)) {
            if (at(tok::rpar)) break;
            elts.push_back(star_named_expression());
        }
        if (!accept(tok::rpar)) fail_in_brackets(elts.back()->p);
        return make_expr(from(open), Tuple{std::move(elts), expr_context::load});
    }

    expr_ptr list_display() {
        depth_guard guard(*this);
        const token& open = take();
        expr_list elts;
        if (!at(tok::rsqb)) {
            expr_ptr first = star_named_expression();
            if (at_comprehension()) {
                auto gens = comprehensions();
                expect(tok::rsqb);
                return make_expr(from(open), ListComp{std::move(first), std::move(gens)});
            }
            elts.push_back(std::move(first));
            while (accept(tok::comma)) {
                if (at(tok::rsqb)) break;
                elts.push_back(star_named_expression());
            }
        }
        if (!accept(tok::rsqb)) fail_in_brackets(elts.back()->p);
        return make_expr(from(open), List{std::move(elts), expr_context::load});
    }

    expr_ptr brace_display() {
        depth_guard guard(*this);
        const token& open = take();
        if (accept(tok::rbrace)) return make_expr(from(open), Dict{});
        if (at(tok::double_star) || (!at(tok::star) && is_dict_start())) return dict_display(open);
        expr_ptr first = star_named_expression();
        if (at_comprehension()) {
            auto gens = comprehensions();
            expect(tok::rbrace);
            return make_expr(from(open), SetComp{std::move(first), std::move(gens)});
        }
        expr_list elts;
        elts.push_back(std::move(first));
        while (accept(tok::comma)) {
            if (at(tok::rbrace)) break;
            elts.push_back(star_named_expression());
        }
        if (!accept(tok::rbrace)) fail_in_brackets(elts.back()->p);
        return make_expr(from(open), Set{std::move(elts)});
    }

    // Whether the display after '{' is a dict: look for a ':' at this nesting level before
    // the first ',' or '}' (linear: the bracket depth is tracked, nothing is parsed twice).
    bool is_dict_start() const {
        int depth = 0;
        for (std::size_t k = i_; k < t_.size(); k++) {
            switch (t_[k].kind) {
                case tok::lpar: case tok::lsqb: case tok::lbrace: depth++; break;
                case tok::rpar: case tok::rsqb: case tok::rbrace:
                    if (depth == 0) return false;
                    depth--;
                    break;
                case tok::comma: if (depth == 0) return false; break;
                case tok::kw_lambda:
                    if (depth == 0) return false;
                    break;
                case tok::colon: if (depth == 0) return true; break;
                case tok::kw_for: if (depth == 0) return false; break;
                case tok::end_marker: return false;
                default: break;
            }
        }
        return false;
    }

    expr_ptr dict_display(const token& open) {
        Dict d;
        while (true) {
            if (accept(tok::double_star)) {
                d.keys.push_back(nullptr);
                d.values.push_back(bitwise_or());
            } else {
                expr_ptr key = expression();
                if (!accept(tok::colon)) fail_in_brackets(key->p);
                expr_ptr value = expression();
                if (d.keys.empty() && at_comprehension()) {
                    auto gens = comprehensions();
                    expect(tok::rbrace);
                    return make_expr(from(open), DictComp{std::move(key), std::move(value), std::move(gens)});
                }
                d.keys.push_back(std::move(key));
                d.values.push_back(std::move(value));
            }
            if (!accept(tok::comma) || at(tok::rbrace)) break;
        }
        if (!accept(tok::rbrace)) fail_in_brackets(d.values.back()->p);
        return make_expr(from(open), std::move(d));
    }

    // ---- strings ----

    struct fstring_parts {
        expr_list values;
        std::string pending;
        void flush() {
            if (pending.empty()) return;
            Constant c;
            c.value.k = constant::kind::str;
            c.value.text = std::move(pending);
            pending.clear();
            values.push_back(make_expr(pos{}, std::move(c)));
        }
    };

    // Concatenated string tokens: a Constant, or a JoinedStr if any is an f-string.
    expr_ptr strings() {
        const token& first = cur();
        const literal_prefix first_prefix = read_prefix(first.text);
        bool any_f = false, any_bytes = false, any_str = false;
        for (std::size_t k = i_; t_[k].kind == tok::string; k++) {
            const literal_prefix p = read_prefix(t_[k].text);
            any_f = any_f || p.fstring;
            (p.bytes ? any_bytes : any_str) = true;
        }
        if (any_bytes && any_str) {
            std::size_t k = i_;
            while (t_[k + 1].kind == tok::string) k++;
            after_token_error("cannot mix bytes and nonbytes literals", t_[k]);
        }
        fstring_parts parts;
        while (at(tok::string)) {
            const token& t = take();
            const literal_prefix p = read_prefix(t.text);
            const std::string_view body =
                t.text.substr(p.length + p.quote, t.text.size() - p.length - 2 * p.quote);
            if (p.fstring) {
                fstring_body(t, p, body, 0, parts, false);
            } else {
                try {
                    decode_literal(body, p, parts.pending);
                } catch (const literal_error& e) {
                    after_token_error(e.what(), t);
                }
            }
        }
        const pos p = from(first);
        if (!any_f) {
            Constant c;
            c.value.k = any_bytes ? constant::kind::bytes : constant::kind::str;
            c.value.text = std::move(parts.pending);
            if (first_prefix.unicode) c.kind = "u";
            return make_expr(p, std::move(c));
        }
        parts.flush();
        JoinedStr j{std::move(parts.values)};
        place(j, p);
        return make_expr(p, std::move(j));
    }

    // 3.11 gives the parts of a JoinedStr (and of its format specs) the whole string's location.
    static void place(JoinedStr& j, const pos& p) {
        for (auto& v : j.values) {
            v->p = p;
            if (auto* f = std::get_if<FormattedValue>(&v->v); f && f->format_spec) {
                f->format_spec->p = p;
                place(std::get<JoinedStr>(f->format_spec->v), p);
            }
        }
    }

    // f-string errors point just past the string token, as 3.11's do.
    [[noreturn]] static void after_token_error(const std::string& msg, const token& t) {
        throw syntax_error("SyntaxError", msg, t.end_line, t.end_col + 1, t.end_line, t.end_col + 2);
    }
    [[noreturn]] static void fstring_error(const std::string& msg, const token& t) {
        after_token_error("f-string: " + msg, t);
    }

    void literal_piece(const token& t, const literal_prefix& p, std::string_view text, fstring_parts& parts) {
        try {
            decode_literal(text, p, parts.pending);
        } catch (const literal_error& e) {
            after_token_error(e.what(), t);
        }
    }

    // The text of an f-string (or of a format spec, `in_spec`) from `i`: literal text and fields.
    // Returns where it stopped (the '}' closing a format spec, or the end).
    std::size_t fstring_body(const token& t, const literal_prefix& p, std::string_view body, std::size_t i,
                             fstring_parts& parts, bool in_spec) {
        std::size_t lit = i;
        while (i < body.size()) {
            const char c = body[i];
            if (c == '{' || c == '}') {
                literal_piece(t, p, body.substr(lit, i - lit), parts);
                if (i + 1 < body.size() && body[i + 1] == c && !in_spec) {
                    parts.pending += c;
                    i += 2;
                    lit = i;
                    continue;
                }
                if (c == '}') {
                    if (in_spec) return i;
                    fstring_error("single '}' is not allowed", t);
                }
                i = field(t, p, body, i, parts, in_spec);
                lit = i;
                continue;
            }
            i++;
        }
        literal_piece(t, p, body.substr(lit, i - lit), parts);
        if (in_spec) fstring_error("expecting '}'", t);
        return i;
    }

    // Line and column of body offset `at` inside the token. Fields come in order, so the walk
    // resumes where the previous field of the same token stopped (linear in the string).
    struct located {
        const token* t = nullptr;
        std::size_t offset = 0;
        int line = 0, col = 0;
    } located_;
    void locate(const token& t, const literal_prefix& p, std::size_t at, int& line, int& col) {
        const std::size_t upto = p.length + p.quote + at;
        if (located_.t != &t || located_.offset > upto) located_ = {&t, 0, t.line, t.col};
        for (std::size_t& k = located_.offset; k < upto; k++) {
            if (t.text[k] == '\n') {
                located_.line++;
                located_.col = 0;
            } else {
                located_.col++;
            }
        }
        line = located_.line;
        col = located_.col;
    }

    // One replacement field `{expr[=][!c][:spec]}` starting at body[i] == '{'.
    std::size_t field(const token& t, const literal_prefix& p, std::string_view body, std::size_t i,
                      fstring_parts& parts, bool in_spec) {
        const std::size_t start = ++i;
        int depth = 0;
        char quote = 0;
        for (; i < body.size(); i++) {
            const char c = body[i];
            if (quote) {
                if (c == quote) quote = 0;
                continue;
            }
            if (c == '\\') after_token_error("f-string expression part cannot include a backslash", t);
            if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    if (c == '}') break;
                    fstring_error(std::string("unmatched '") + c + "'", t);
                }
                depth--;
            } else if (c == '#') {
                after_token_error("f-string expression part cannot include '#'", t);
            } else if (depth == 0 && c == '!' && (i + 1 >= body.size() || body[i + 1] != '=')) {
                break;
            } else if (depth == 0 && c == ':') {
                break;
            } else if (depth == 0 && c == '=' && (i + 1 >= body.size() || body[i + 1] != '=') &&
                       (i == start || std::string_view("=!<>").find(body[i - 1]) == std::string_view::npos)) {
                break;
            }
        }
        if (i >= body.size()) fstring_error(quote ? "unterminated string" : "expecting '}'", t);
        const std::string_view text = body.substr(start, i - start);
        if (text.find_first_not_of(" \t\n\r\f") == std::string_view::npos)
            fstring_error("empty expression not allowed", t);
        lex_options opts;
        opts.expression = true;
        locate(t, p, start, opts.first_line, opts.first_col);
        expr_ptr value;
        try {
            parser sub(tokenize(text, opts), depth_ + 1);
            value = sub.field_expression();
        } catch (const syntax_error& e) {
            throw syntax_error("SyntaxError", "f-string: " + e.msg(), e.lineno(), e.offset(), e.end_lineno(),
                               e.end_offset());
        }
        bool self_doc = false;
        if (body[i] == '=') {
            self_doc = true;
            i++;
            while (i < body.size() && (body[i] == ' ' || body[i] == '\t' || body[i] == '\n')) i++;
            parts.pending.append(body.substr(start, i - start));
        }
        FormattedValue fv;
        if (i < body.size() && body[i] == '!') {
            i++;
            if (i >= body.size() || (body[i] != 's' && body[i] != 'r' && body[i] != 'a'))
                fstring_error("invalid conversion character: expected 's', 'r', or 'a'", t);
            fv.conversion = body[i++];
            if (i >= body.size() || (body[i] != ':' && body[i] != '}')) fstring_error("expecting '}'", t);
        }
        if (i < body.size() && body[i] == ':') {
            if (in_spec) fstring_error("expressions nested too deeply", t);
            fstring_parts spec;
            i = fstring_body(t, p, body, i + 1, spec, true);
            spec.flush();
            fv.format_spec = make_expr(pos{}, JoinedStr{std::move(spec.values)});
        }
        if (i >= body.size() || body[i] != '}') fstring_error("expecting '}'", t);
        if (self_doc && fv.conversion == -1 && !fv.format_spec) fv.conversion = 'r';
        fv.value = std::move(value);
        parts.flush();
        parts.values.push_back(make_expr(pos{}, std::move(fv)));
        return i + 1;
    }
};

// After a parse error CPython tokenizes the rest of the file: a tokenizer error there replaces
// the parse error, except indentation errors, and an unclosed bracket only if it was opened on
// an earlier line than the parse error's.
bool tokenizer_error_wins(const syntax_error& lex, const syntax_error& parse) {
    if (lex.type() != "SyntaxError") return false;
    const std::string& m = lex.msg();
    const std::string_view never_closed = "' was never closed";
    if (m.size() > never_closed.size() && m.compare(m.size() - never_closed.size(), never_closed.size(), never_closed) == 0)
        return parse.end_lineno() > lex.lineno();
    return true;
}

std::string normalized_newlines(std::string_view source) {
    std::string out;
    out.reserve(source.size());
    for (std::size_t i = 0; i < source.size(); i++) {
        if (source[i] == '\r') {
            out += '\n';
            if (i + 1 < source.size() && source[i + 1] == '\n') i++;
        } else {
            out += source[i];
        }
    }
    return out;
}

// The tokens of `source` parsed by `entry` (file or eval_input), with CPython's choice between a
// tokenizer and a parse error and the source line filled in.
ast::Module parse_with(Module (parser::*entry)(), std::string_view source, std::string_view filename) {
    std::string normalized;
    if (source.find('\r') != std::string_view::npos) {
        normalized = normalized_newlines(source);
        source = normalized;
    }
    try {
        if (source.size() > max_source_bytes)
            throw syntax_error("SyntaxError",
                               "source too large (limit " + std::to_string(max_source_bytes) + " bytes)", 1, 0, 1, 0);
        if (source.find('\0') != std::string_view::npos)
            throw syntax_error("SyntaxError", "source code cannot contain null bytes", 1, 0, 1, 0);
        std::optional<syntax_error> lex_error;
        parser p(tokenize(source, {}, &lex_error), 0);
        try {
            ast::Module m = (p.*entry)();
            if (lex_error) throw *lex_error;
            return m;
        } catch (const syntax_error& e) {
            if (lex_error && (p.reached_end() || tokenizer_error_wins(*lex_error, e))) throw *lex_error;
            throw;
        }
    } catch (syntax_error& e) {
        e.set_source(filename, source);
        throw;
    }
}

}  // namespace

ast::Module parse(std::string_view source, std::string_view filename) {
    return parse_with(&parser::file, source, filename);
}

ast::Module parse_program(std::string_view source, std::string_view filename) {
    ast::Module m = parse(source, filename);
    try {
        check_program(m);
    } catch (syntax_error& e) {
        std::string normalized;
        if (source.find('\r') != std::string_view::npos) {
            normalized = normalized_newlines(source);
            source = normalized;
        }
        e.set_source(filename, source);
        throw;
    }
    return m;
}

ast::Module parse_eval(std::string_view source, std::string_view filename) {
    return parse_with(&parser::eval_input, source, filename);
}

} // namespace aio::py
