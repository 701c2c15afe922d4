// The abstract syntax tree: plain data mirroring CPython 3.11's `ast` module node for node and
// field for field (ast_dump prints it exactly as ast.dump does), so a compiler can walk it the way
// CPython's compiler walks its own. Async variants share their sync node with an `is_async` flag
// (FunctionDef/AsyncFunctionDef, For/AsyncFor, With/AsyncWith), as Try/TryStar share `is_star`.
// Optional children are null pointers or empty optionals, exactly where CPython has None.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace aio::py::ast {

// CPython's location attributes: 1-based lines, 0-based UTF-8 byte columns, end exclusive.
struct pos {
    int lineno = 0, col_offset = 0, end_lineno = 0, end_col_offset = 0;
};

enum class expr_context : std::uint8_t { load, store, del };
enum class bool_op : std::uint8_t { and_, or_ };
enum class bin_op : std::uint8_t {
    add, sub, mult, mat_mult, div, mod, pow, lshift, rshift, bit_or, bit_xor, bit_and, floor_div
};
enum class unary_op : std::uint8_t { invert, not_, uadd, usub };
enum class cmp_op : std::uint8_t { eq, not_eq_, lt, lt_e, gt, gt_e, is, is_not, in, not_in };

struct expr;
struct stmt;
using expr_ptr = std::unique_ptr<expr>;
using stmt_ptr = std::unique_ptr<stmt>;
using expr_list = std::vector<expr_ptr>;  // elements may be null where CPython's list holds None
using stmt_list = std::vector<stmt_ptr>;
using identifier = std::string;

// A literal's value. Integers keep their decimal digits (any size; the compiler picks the
// representation); str is UTF-8; bytes are raw bytes.
struct constant {
    enum class kind : std::uint8_t { none, boolean, ellipsis, integer, floating, imaginary, str, bytes };
    kind k = kind::none;
    bool boolean = false;
    double number = 0;  // floating, imaginary
    std::string text;   // integer (decimal digits), str, bytes
};

struct arg {
    pos p;
    identifier name;
    expr_ptr annotation;
};
struct arguments {
    std::vector<arg> posonlyargs, args;
    std::unique_ptr<arg> vararg;
    std::vector<arg> kwonlyargs;
    expr_list kw_defaults;  // one per kwonlyarg, null for none
    std::unique_ptr<arg> kwarg;
    expr_list defaults;  // for the last positional args
};
struct keyword {
    pos p;
    std::optional<identifier> name;  // empty for **kwargs
    expr_ptr value;
};
struct comprehension {
    expr_ptr target, iter;
    expr_list ifs;
    bool is_async = false;
};

// Expressions
struct BoolOp { bool_op op; expr_list values; };
struct NamedExpr { expr_ptr target, value; };
struct BinOp { expr_ptr left; bin_op op; expr_ptr right; };
struct UnaryOp { unary_op op; expr_ptr operand; };
struct Lambda { arguments args; expr_ptr body; };
struct IfExp { expr_ptr test, body, orelse; };
struct Dict { expr_list keys, values; };  // a null key is a `**mapping`
struct Set { expr_list elts; };
struct ListComp { expr_ptr elt; std::vector<comprehension> generators; };
struct SetComp { expr_ptr elt; std::vector<comprehension> generators; };
struct DictComp { expr_ptr key, value; std::vector<comprehension> generators; };
struct GeneratorExp { expr_ptr elt; std::vector<comprehension> generators; };
struct Await { expr_ptr value; };
struct Yield { expr_ptr value; };
struct YieldFrom { expr_ptr value; };
struct Compare { expr_ptr left; std::vector<cmp_op> ops; expr_list comparators; };
struct Call { expr_ptr func; expr_list args; std::vector<keyword> keywords; };
// conversion: -1 none, else 's', 'r' or 'a'; format_spec is a JoinedStr or null.
struct FormattedValue { expr_ptr value; int conversion = -1; expr_ptr format_spec; };
struct JoinedStr { expr_list values; };
struct Constant { constant value; std::optional<std::string> kind; };  // kind "u" for u"..."
struct Attribute { expr_ptr value; identifier attr; expr_context ctx; };
struct Subscript { expr_ptr value, slice; expr_context ctx; };
struct Starred { expr_ptr value; expr_context ctx; };
struct Name { identifier id; expr_context ctx; };
struct List { expr_list elts; expr_context ctx; };
struct Tuple { expr_list elts; expr_context ctx; };
struct Slice { expr_ptr lower, upper, step; };

struct expr {
    pos p;
    std::variant<BoolOp, NamedExpr, BinOp, UnaryOp, Lambda, IfExp, Dict, Set, ListComp, SetComp,
                 DictComp, GeneratorExp, Await, Yield, YieldFrom, Compare, Call, FormattedValue,
                 JoinedStr, Constant, Attribute, Subscript, Starred, Name, List, Tuple, Slice>
        v;
};

struct alias {
    pos p;
    identifier name;  // dotted for `import a.b`
    std::optional<identifier> asname;
};
struct withitem {
    expr_ptr context_expr, optional_vars;
};
struct excepthandler {
    pos p;
    expr_ptr type;
    std::optional<identifier> name;
    stmt_list body;
};

// Statements
struct FunctionDef {
    bool is_async = false;
    identifier name;
    arguments args;
    stmt_list body;
    expr_list decorator_list;
    expr_ptr returns;
};
struct ClassDef {
    identifier name;
    expr_list bases;
    std::vector<keyword> keywords;
    stmt_list body;
    expr_list decorator_list;
};
struct Return { expr_ptr value; };
struct Delete { expr_list targets; };
struct Assign { expr_list targets; expr_ptr value; };
struct AugAssign { expr_ptr target; bin_op op; expr_ptr value; };
struct AnnAssign { expr_ptr target, annotation, value; bool simple = false; };
struct For { bool is_async = false; expr_ptr target, iter; stmt_list body, orelse; };
struct While { expr_ptr test; stmt_list body, orelse; };
struct If { expr_ptr test; stmt_list body, orelse; };
struct With { bool is_async = false; std::vector<withitem> items; stmt_list body; };
struct Raise { expr_ptr exc, cause; };
struct Try {
    bool is_star = false;
    stmt_list body;
    std::vector<excepthandler> handlers;
    stmt_list orelse, finalbody;
};
struct Assert { expr_ptr test, msg; };
struct Import { std::vector<alias> names; };
struct ImportFrom { std::optional<identifier> module; std::vector<alias> names; int level = 0; };
struct Global { std::vector<identifier> names; };
struct Nonlocal { std::vector<identifier> names; };
struct Expr { expr_ptr value; };
struct Pass {};
struct Break {};
struct Continue {};

struct stmt {
    pos p;
    std::variant<FunctionDef, ClassDef, Return, Delete, Assign, AugAssign, AnnAssign, For, While,
                 If, With, Raise, Try, Assert, Import, ImportFrom, Global, Nonlocal, Expr, Pass,
                 Break, Continue>
        v;
};

struct Module {
    stmt_list body;
};

} // namespace aio::py::ast
