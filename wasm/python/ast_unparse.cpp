#include "python/ast_unparse.hpp"

#include "python/object.hpp"

#include <cmath>

// In namespace ast, so its node names (BinOp, Dict, Set, ...) are found before the VM's.
namespace aio::py::ast {
namespace {

// CPython's precedence levels (ast_unparse.c): an operand written at a higher level than its
// own operator's is parenthesized.
enum Level : int {
    tuple_ = 0, test, or_, and_, not_, cmp, expr_, bor = expr_, bxor, band, shift, arith, term, factor,
    power, await_, atom
};

struct Unparser {
    std::string out;

    void write(const expr& e, int level) {
        std::visit([&](const auto& node) { node_(node, level); }, e.v);
    }
    void opt(const expr_ptr& e, int level) {
        if (e) write(*e, level);
    }
    void open_if(bool cond) {
        if (cond) out += '(';
    }
    void close_if(bool cond) {
        if (cond) out += ')';
    }
    void items(const expr_list& es, int level) {
        for (std::size_t i = 0; i < es.size(); ++i) {
            if (i) out += ", ";
            write(*es[i], level);
        }
    }

    void node_(const BoolOp& x, int level) {
        const int pr = x.op == bool_op::and_ ? and_ : or_;
        open_if(level > pr);
        for (std::size_t i = 0; i < x.values.size(); ++i) {
            if (i) out += x.op == bool_op::and_ ? " and " : " or ";
            write(*x.values[i], pr + 1);
        }
        close_if(level > pr);
    }
    void node_(const NamedExpr& x, int level) {
        open_if(level > tuple_);
        write(*x.target, atom);
        out += " := ";
        write(*x.value, atom);
        close_if(level > tuple_);
    }
    void node_(const BinOp& x, int level) {
        static const struct { const char* text; int pr; } ops[] = {
            {" + ", arith}, {" - ", arith}, {" * ", term}, {" @ ", term}, {" / ", term}, {" % ", term},
            {" ** ", power}, {" << ", shift}, {" >> ", shift}, {" | ", bor}, {" ^ ", bxor}, {" & ", band},
            {" // ", term}};
        const auto& op = ops[static_cast<int>(x.op)];
        const bool right_assoc = x.op == bin_op::pow;
        open_if(level > op.pr);
        write(*x.left, op.pr + (right_assoc ? 1 : 0));
        out += op.text;
        write(*x.right, op.pr + (right_assoc ? 0 : 1));
        close_if(level > op.pr);
    }
    void node_(const UnaryOp& x, int level) {
        const char* text = x.op == unary_op::invert ? "~" : x.op == unary_op::not_ ? "not " : x.op == unary_op::uadd ? "+" : "-";
        const int pr = x.op == unary_op::not_ ? not_ : factor;
        open_if(level > pr);
        out += text;
        write(*x.operand, pr);
        close_if(level > pr);
    }
    void parameter(const arg& a, const expr* dflt) {
        out += a.name;
        if (dflt) {
            out += '=';
            write(*dflt, test);
        }
    }
    void parameters(const arguments& a) {
        bool first = true;
        auto sep = [&] {
            if (!first) out += ", ";
            first = false;
        };
        const std::size_t positional = a.posonlyargs.size() + a.args.size();
        for (std::size_t i = 0; i < positional; ++i) {
            sep();
            const arg& p = i < a.posonlyargs.size() ? a.posonlyargs[i] : a.args[i - a.posonlyargs.size()];
            const std::size_t first_default = positional - a.defaults.size();
            parameter(p, i >= first_default ? a.defaults[i - first_default].get() : nullptr);
            if (i + 1 == a.posonlyargs.size()) out += ", /";
        }
        if (a.vararg || !a.kwonlyargs.empty()) {
            sep();
            out += '*';
            if (a.vararg) out += a.vararg->name;
        }
        for (std::size_t i = 0; i < a.kwonlyargs.size(); ++i) {
            sep();
            parameter(a.kwonlyargs[i], a.kw_defaults[i].get());
        }
        if (a.kwarg) {
            sep();
            out += "**" + a.kwarg->name;
        }
    }
    void node_(const Lambda& x, int level) {
        open_if(level > test);
        // CPython's space only before positional parameters: "lambda: 0", "lambda*, a: a".
        out += x.args.posonlyargs.empty() && x.args.args.empty() ? "lambda" : "lambda ";
        parameters(x.args);
        out += ": ";
        write(*x.body, test);
        close_if(level > test);
    }
    void node_(const IfExp& x, int level) {
        open_if(level > test);
        write(*x.body, test + 1);
        out += " if ";
        write(*x.test, test + 1);
        out += " else ";
        write(*x.orelse, test);
        close_if(level > test);
    }
    void node_(const Dict& x, int) {
        out += '{';
        for (std::size_t i = 0; i < x.values.size(); ++i) {
            if (i) out += ", ";
            if (x.keys[i]) {
                write(*x.keys[i], test);
                out += ": ";
                write(*x.values[i], test);
            } else {
                out += "**";
                write(*x.values[i], expr_);
            }
        }
        out += '}';
    }
    void node_(const Set& x, int) {
        if (x.elts.empty()) {
            out += "{*()}";
            return;
        }
        out += '{';
        items(x.elts, test);
        out += '}';
    }
    void generators(const std::vector<comprehension>& gens) {
        for (const comprehension& g : gens) {
            out += g.is_async ? " async for " : " for ";
            write(*g.target, tuple_);
            out += " in ";
            write(*g.iter, test + 1);
            for (const auto& cond : g.ifs) {
                out += " if ";
                write(*cond, test + 1);
            }
        }
    }
    void comprehension_(char open, const expr& elt, const std::vector<comprehension>& gens, char close) {
        out += open;
        write(elt, test);
        generators(gens);
        out += close;
    }
    void node_(const ListComp& x, int) { comprehension_('[', *x.elt, x.generators, ']'); }
    void node_(const SetComp& x, int) { comprehension_('{', *x.elt, x.generators, '}'); }
    void node_(const GeneratorExp& x, int) { comprehension_('(', *x.elt, x.generators, ')'); }
    void node_(const DictComp& x, int) {
        out += '{';
        write(*x.key, test);
        out += ": ";
        write(*x.value, test);
        generators(x.generators);
        out += '}';
    }
    void node_(const Await& x, int level) {
        open_if(level > await_);
        out += "await ";
        write(*x.value, atom);
        close_if(level > await_);
    }
    void node_(const Yield&, int) { throw unparse_unsupported("yield"); }
    void node_(const YieldFrom&, int) { throw unparse_unsupported("yield"); }
    void node_(const Compare& x, int level) {
        static const char* const ops[] = {" == ", " != ", " < ", " <= ", " > ", " >= ", " is ", " is not ", " in ", " not in "};
        open_if(level > cmp);
        write(*x.left, cmp + 1);
        for (std::size_t i = 0; i < x.ops.size(); ++i) {
            out += ops[static_cast<int>(x.ops[i])];
            write(*x.comparators[i], cmp + 1);
        }
        close_if(level > cmp);
    }
    void node_(const Call& x, int) {
        write(*x.func, atom);
        // A lone generator expression argument keeps only its own parentheses.
        if (x.args.size() == 1 && x.keywords.empty() && std::holds_alternative<GeneratorExp>(x.args[0]->v)) {
            write(*x.args[0], test);
            return;
        }
        out += '(';
        items(x.args, test);
        for (std::size_t i = 0; i < x.keywords.size(); ++i) {
            if (i || !x.args.empty()) out += ", ";
            const keyword& k = x.keywords[i];
            if (k.name) {
                out += *k.name + "=";
            } else {
                out += "**";
            }
            write(*k.value, test);
        }
        out += ')';
    }
    void node_(const FormattedValue&, int) { throw unparse_unsupported("an f-string"); }
    void node_(const JoinedStr&, int) { throw unparse_unsupported("an f-string"); }
    void node_(const Constant& x, int) {
        const constant& c = x.value;
        switch (c.k) {
        case constant::kind::none: out += "None"; break;
        case constant::kind::boolean: out += c.boolean ? "True" : "False"; break;
        case constant::kind::ellipsis: out += "..."; break;
        case constant::kind::integer: out += c.text; break;
        case constant::kind::floating:
            out += std::isinf(c.number) ? std::string("1e309") : repr(Value::real(c.number));  // CPython's inf
            break;
        case constant::kind::imaginary: {
            std::string r = std::isinf(c.number) ? std::string("1e309") : repr(Value::real(c.number));
            if (r.size() > 2 && r.compare(r.size() - 2, 2, ".0") == 0) r.resize(r.size() - 2);
            out += r + "j";
            break;
        }
        case constant::kind::str:
            if (x.kind) out += *x.kind;
            out += repr(new_str(c.text));
            break;
        case constant::kind::bytes: out += repr(Value(new Bytes(c.text))); break;
        }
    }
    void node_(const Attribute& x, int) {
        write(*x.value, atom);
        // `1 .real`: an int literal needs a space before the dot.
        const auto* c = std::get_if<Constant>(&x.value->v);
        if (c && c->value.k == constant::kind::integer) out += ' ';
        out += '.' + x.attr;
    }
    void node_(const Subscript& x, int) {
        write(*x.value, atom);
        out += '[';
        const auto* t = std::get_if<Tuple>(&x.slice->v);
        if (t && !t->elts.empty()) {
            items(t->elts, test);
            if (t->elts.size() == 1) out += ',';
        } else {
            write(*x.slice, tuple_);
        }
        out += ']';
    }
    void node_(const Starred& x, int) {
        out += '*';
        write(*x.value, expr_);
    }
    void node_(const Name& x, int) { out += x.id; }
    void node_(const List& x, int) {
        out += '[';
        items(x.elts, test);
        out += ']';
    }
    void node_(const Tuple& x, int level) {
        if (x.elts.empty()) {
            out += "()";
            return;
        }
        open_if(level > tuple_);
        items(x.elts, test);
        if (x.elts.size() == 1) out += ',';
        close_if(level > tuple_);
    }
    void node_(const Slice& x, int) {
        opt(x.lower, test);
        out += ':';
        opt(x.upper, test);
        if (x.step) {
            out += ':';
            write(*x.step, test);
        }
    }
};

}  // namespace
}  // namespace aio::py::ast

namespace aio::py {

std::string unparse_annotation(const ast::expr& e) {
    ast::Unparser u;
    u.write(e, ast::test);
    return u.out;
}

}  // namespace aio::py
