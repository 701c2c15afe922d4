// The Python front-end's tokenizer and parser against CPython 3.11: ast.dump of every program in
// tests/python/parse/ (and of examples/python/ once recorded there), the SyntaxError report of
// every case in tests/python/parse/errors/, all recorded by tests/python/parse/record.py. A few
// cases are inline so the wasm build (which cannot read the source tree) runs them too.
#include "python/ast_dump.hpp"
#include "python/lexer.hpp"
#include "python/parser.hpp"
#include "python/syntax_error.hpp"
#include "py_support.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#if !defined(__EMSCRIPTEN__)
#define AIO_TEST_PARSE_CORPUS 1
#include <filesystem>
#include <fstream>
#include <sstream>
#endif

namespace {

using namespace aio::py;

std::string dump(std::string_view source, bool attributes = false) {
    return ast_dump(parse(source, "<test>"), attributes);
}

// The formatted report of the SyntaxError `source` raises when run as "x.py" (or "" if none).
std::string report(std::string_view source) {
    try {
        parse_program(source, "x.py");
    } catch (const syntax_error& e) {
        return e.format();
    }
    return "";
}

} // namespace

TEST_CASE("python tokenizer: kinds, UTF-8 byte columns, INDENT/DEDENT, implicit NEWLINE", "[python]") {
    const auto toks = tokenize("名 = (1,\n  2)\nif x:\n\tpass # c\n\n  # only a comment\nelse: y");
    std::vector<tok> kinds;
    for (const auto& t : toks) kinds.push_back(t.kind);
    const std::vector<tok> expected{
        tok::name, tok::equal, tok::lpar, tok::number, tok::comma, tok::number, tok::rpar, tok::newline,
        tok::kw_if, tok::name, tok::colon, tok::newline, tok::indent, tok::kw_pass, tok::newline,
        tok::dedent, tok::kw_else, tok::colon, tok::name, tok::newline, tok::end_marker};
    CHECK(kinds == expected);
    CHECK(toks[0].text == "名");
    CHECK(toks[0].end_col == 3);  // bytes, as the ast module counts
    CHECK(toks[1].col == 4);
    CHECK(toks[5].line == 2);
    CHECK(toks[5].col == 2);
    CHECK(toks[13].line == 4);
    CHECK(toks[13].col == 1);
    CHECK(toks[18].text == "y");
    CHECK(toks[19].col == 7);  // the NEWLINE added at the end of a last line without one
}

TEST_CASE("python tokenizer: operators take the longest match, strings keep their prefix", "[python]") {
    const auto toks = tokenize("a **= b //= c := d -> e ... f @= g != h\nrb'x' F\"y\" u'z' x''\n");
    std::vector<tok> ops;
    for (const auto& t : toks) {
        if (t.kind != tok::name && t.kind != tok::newline && t.kind != tok::end_marker) ops.push_back(t.kind);
    }
    const std::vector<tok> expected{tok::double_star_equal, tok::double_slash_equal, tok::colon_equal,
                                    tok::rarrow, tok::ellipsis, tok::at_equal, tok::not_equal,
                                    tok::string, tok::string, tok::string, tok::string};
    CHECK(ops == expected);
    CHECK(toks[16].text == "rb'x'");
    CHECK(toks[19].text == "x");  // x is not a prefix: the name x, then an empty string
    CHECK(toks[19].kind == tok::name);
    CHECK(toks[20].text == "''");
}

TEST_CASE("python parser: inline programs dump exactly as CPython 3.11's ast.dump", "[python]") {
    struct example {
        const char* source;
        const char* expected;
    };
    const example examples[] = {
        {"x = 1\n",
         R"py(Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))], type_ignores=[]))py"},
        {"async def main():\n    async with lock:\n        await asyncio.sleep(0.5)\n    return [x async for x in agen()]\n",
         R"py(Module(body=[AsyncFunctionDef(name='main', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[AsyncWith(items=[withitem(context_expr=Name(id='lock', ctx=Load()))], body=[Expr(value=Await(value=Call(func=Attribute(value=Name(id='asyncio', ctx=Load()), attr='sleep', ctx=Load()), args=[Constant(value=0.5)], keywords=[])))]), Return(value=ListComp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Call(func=Name(id='agen', ctx=Load()), args=[], keywords=[]), ifs=[], is_async=1)]))], decorator_list=[])], type_ignores=[]))py"},
        {"print(f\"{name!r:>{width}} {x=} {{}}\")\n",
         R"py(Module(body=[Expr(value=Call(func=Name(id='print', ctx=Load()), args=[JoinedStr(values=[FormattedValue(value=Name(id='name', ctx=Load()), conversion=114, format_spec=JoinedStr(values=[Constant(value='>'), FormattedValue(value=Name(id='width', ctx=Load()), conversion=-1)])), Constant(value=' x='), FormattedValue(value=Name(id='x', ctx=Load()), conversion=114), Constant(value=' {}')])], keywords=[]))], type_ignores=[]))py"},
        {"名字 = '中文\\t' + \"it's\" + b'\\x00'.decode()\n",
         R"py(Module(body=[Assign(targets=[Name(id='名字', ctx=Store())], value=BinOp(left=BinOp(left=Constant(value='中文\t'), op=Add(), right=Constant(value="it's")), op=Add(), right=Call(func=Attribute(value=Constant(value=b'\x00'), attr='decode', ctx=Load()), args=[], keywords=[])))], type_ignores=[]))py"},
        {"a, *b = 0x_ff, 1e16, 2.5j, 10**30\n",
         R"py(Module(body=[Assign(targets=[Tuple(elts=[Name(id='a', ctx=Store()), Starred(value=Name(id='b', ctx=Store()), ctx=Store())], ctx=Store())], value=Tuple(elts=[Constant(value=255), Constant(value=1e+16), Constant(value=2.5j), BinOp(left=Constant(value=10), op=Pow(), right=Constant(value=30))], ctx=Load()))], type_ignores=[]))py"},
        {"try:\n    pass\nexcept* ValueError as eg:\n    raise RuntimeError() from eg\n",
         R"py(Module(body=[TryStar(body=[Pass()], handlers=[ExceptHandler(type=Name(id='ValueError', ctx=Load()), name='eg', body=[Raise(exc=Call(func=Name(id='RuntimeError', ctx=Load()), args=[], keywords=[]), cause=Name(id='eg', ctx=Load()))])], orelse=[], finalbody=[])], type_ignores=[]))py"},
        {"lambda a, /, b=1, *c, d, e=2, **f: (a[1:2, ::3], {**g}, {h for h in i})\n",
         R"py(Module(body=[Expr(value=Lambda(args=arguments(posonlyargs=[arg(arg='a')], args=[arg(arg='b')], vararg=arg(arg='c'), kwonlyargs=[arg(arg='d'), arg(arg='e')], kw_defaults=[None, Constant(value=2)], kwarg=arg(arg='f'), defaults=[Constant(value=1)]), body=Tuple(elts=[Subscript(value=Name(id='a', ctx=Load()), slice=Tuple(elts=[Slice(lower=Constant(value=1), upper=Constant(value=2)), Slice(step=Constant(value=3))], ctx=Load()), ctx=Load()), Dict(keys=[None], values=[Name(id='g', ctx=Load())]), SetComp(elt=Name(id='h', ctx=Load()), generators=[comprehension(target=Name(id='h', ctx=Store()), iter=Name(id='i', ctx=Load()), ifs=[], is_async=0)])], ctx=Load())))], type_ignores=[]))py"},
    };
    for (const auto& e : examples) {
        INFO(e.source);
        CHECK(dump(e.source) == e.expected);
    }
    // Locations, with ast.dump(..., include_attributes=True): byte columns past the CJK name.
    CHECK(dump("名字 = '中文\\t' + \"it's\" + b'\\x00'.decode()\n", true) ==
          R"py(Module(body=[Assign(targets=[Name(id='名字', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=6)], value=BinOp(left=BinOp(left=Constant(value='中文\t', lineno=1, col_offset=9, end_lineno=1, end_col_offset=19), op=Add(), right=Constant(value="it's", lineno=1, col_offset=22, end_lineno=1, end_col_offset=28), lineno=1, col_offset=9, end_lineno=1, end_col_offset=28), op=Add(), right=Call(func=Attribute(value=Constant(value=b'\x00', lineno=1, col_offset=31, end_lineno=1, end_col_offset=38), attr='decode', ctx=Load(), lineno=1, col_offset=31, end_lineno=1, end_col_offset=45), args=[], keywords=[], lineno=1, col_offset=31, end_lineno=1, end_col_offset=47), lineno=1, col_offset=9, end_lineno=1, end_col_offset=47), lineno=1, col_offset=0, end_lineno=1, end_col_offset=47)], type_ignores=[]))py");
}

TEST_CASE("python parser: SyntaxError reports in CPython 3.11's shape", "[python]") {
    CHECK(report("if x\n    pass\n") ==
          "  File \"x.py\", line 1\n    if x\n        ^\nSyntaxError: expected ':'\n");
    CHECK(report("x = 1\n  y = 2\n") == "  File \"x.py\", line 2\n    y = 2\nIndentationError: unexpected indent\n");
    CHECK(report("if x:\npass\n") == "  File \"x.py\", line 2\n    pass\n    ^\n"
                                     "IndentationError: expected an indented block after 'if' statement on line 1\n");
    CHECK(report("f() = 1\n") == "  File \"x.py\", line 1\n    f() = 1\n    ^^^\n"
                                 "SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?\n");
    CHECK(report("x = (1,\n  2\n") == "  File \"x.py\", line 1\n    x = (1,\n        ^\nSyntaxError: '(' was never closed\n");
    CHECK(report("x = 中文 1\n") == "  File \"x.py\", line 1\n    x = 中文 1\n               ^\nSyntaxError: invalid syntax\n");
    CHECK(report("def f():\n    await x\n") ==
          "  File \"x.py\", line 2\n    await x\n    ^^^^^^^\nSyntaxError: 'await' outside async function\n");
    CHECK(report("while x:\n    def g():\n        break\n") ==
          "  File \"x.py\", line 3\n    break\n    ^^^^^\nSyntaxError: 'break' outside loop\n");
    CHECK(report("x = \"abc\n") ==
          "  File \"x.py\", line 1\n    x = \"abc\n        ^\nSyntaxError: unterminated string literal (detected at line 1)\n");
    // A parse error before a tokenizer error is the one reported, as CPython pulls tokens lazily.
    CHECK(report("def f(:\n    pass\n") == "  File \"x.py\", line 1\n    def f(:\n          ^\nSyntaxError: invalid syntax\n");
    // ast.parse does not make the compiler's checks; parse_program does.
    CHECK_NOTHROW(parse("return 1\n"));
    CHECK(report("return 1\n") != "");
    CHECK(report("async def f():\n    return [await x for x in y]\n") == "");
}

TEST_CASE("python parser: limits end deep or huge input with a SyntaxError, never a crash", "[python]") {
    auto message = [](const std::string& source) {
        try {
            parse(source);
        } catch (const syntax_error& e) {
            return e.msg();
        }
        return std::string("parsed");
    };
    CHECK(message(std::string(100000, '-') + "1") == "too many nested expressions");
    CHECK(message(std::string(1000, '-') + "1") == "parsed");
    CHECK(message(std::string(100000, '(')) == "too many nested parentheses");
    CHECK(message(std::string(150, '[') + std::string(150, ']')) == "parsed");
    std::string lambdas = "x = ";
    for (int i = 0; i < 5000; i++) lambdas += "lambda: ";
    CHECK(message(lambdas + "1") == "too many nested expressions");
    // Left-nested chains are as deep for whatever walks the tree: limited the same way.
    std::string sum = "x = 1", attrs = "a", elifs = "if a: pass\n", stars = "for ";
    for (int i = 0; i < 100000; i++) {
        sum += "+1";
        attrs += ".b";
        elifs += "elif a: pass\n";
        stars += "* ";  // "**" would be one token
    }
    CHECK(message(sum) == "too many nested expressions");
    CHECK(message(attrs) == "too many nested expressions");
    CHECK(message(elifs) == "too many nested expressions");
    CHECK(message(stars + "a in b: pass") == "too many nested expressions");
    std::string short_sum = "x = 1";
    for (int i = 0; i < 1000; i++) short_sum += "+1";
    CHECK(message(short_sum) == "parsed");
    std::string deep_blocks;
    for (int i = 0; i < 150; i++) deep_blocks += std::string(static_cast<std::size_t>(i), ' ') + "if x:\n";
    CHECK(message(deep_blocks) == "too many levels of indentation");
    CHECK(message(std::string(max_source_bytes + 1, '#')).rfind("source too large", 0) == 0);
    CHECK(message(std::string("x = 1\0", 6)) == "source code cannot contain null bytes");
    CHECK(message("x = '\xff'").rfind("Non-UTF-8 code starting with '\\xff'", 0) == 0);
}

TEST_CASE("python parser: mutated programs either parse or raise syntax_error", "[python]") {
    const std::string seed =
        "async def main(a, *b, c=1, **d):\n    async with x as (y, z):\n        r = [await f(i) for i in g if i]\n"
        "    print(f\"{r!r:>{w}} {r=}\", sep='')\n    try:\n        pass\n    except* E as e:\n        raise X from e\n"
        "class C(B, metaclass=M):\n    x: int = 0x_ff\n    @d\n    def m(self, /, q):\n        return lambda *a: a[1:2, ...]\n";
    std::uint32_t state = 12345;
    auto next = [&] {
        state = state * 1103515245u + 12345u;
        return state >> 8;
    };
    const char alphabet[] = "()[]{}:=,.'\"\\\n\t #fx0*@!{}";
    int parsed = 0, rejected = 0;
    for (int round = 0; round < 3000; round++) {
        std::string s = seed;
        const int edits = 1 + static_cast<int>(next() % 4);
        for (int k = 0; k < edits; k++) {
            const std::size_t at = next() % s.size();
            switch (next() % 3) {
                case 0: s.erase(at, 1 + next() % 3); break;
                case 1: s.insert(at, 1, alphabet[next() % (sizeof alphabet - 1)]); break;
                default: s[at] = alphabet[next() % (sizeof alphabet - 1)]; break;
            }
            if (s.empty()) s = "x";
        }
        try {
            parse_program(s, "m.py");
            parsed++;
        } catch (const syntax_error& e) {
            CHECK(!e.format().empty());
            rejected++;
        }
    }
    CHECK(parsed > 0);
    CHECK(rejected > 0);
}

#ifdef AIO_TEST_PARSE_CORPUS
namespace {

std::string chomp(std::string s) {
    if (!s.empty() && s.back() == '\n') s.pop_back();
    return s;
}

} // namespace

TEST_CASE("python parser: the corpus dumps exactly as CPython 3.11 recorded it", "[python]") {
    const auto dir = std::filesystem::path(AIO_SOURCE_DIR) / "tests" / "python" / "parse";
    int files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        const auto& path = entry.path();
        if (path.extension() != ".py" || path.filename() == "record.py") continue;
        if (path.parent_path().filename() == "errors") continue;
        auto expected = path;
        expected.replace_extension(".ast");
        if (!std::filesystem::exists(expected)) continue;
        INFO(path.string());
        const std::string source = py_test::read_text(path);
        const ast::Module m = parse(source, path.filename().string());
        CHECK(ast_dump(m) == chomp(py_test::read_text(expected)));
        auto with_positions = path;
        with_positions.replace_extension(".pos.ast");
        CHECK(ast_dump(m, true) == chomp(py_test::read_text(with_positions)));
        files++;
    }
    CHECK(files >= 20);
}

TEST_CASE("python parser: every examples/python program parses, or fails as CPython reported", "[python]") {
    // A snippet CPython refuses (the tutorials' own bugs) must fail with CPython's report, which its
    // recorded output (examples/python/NAME.out, tools/py_record.py) starts with.
    const auto dir = std::filesystem::path(AIO_SOURCE_DIR) / "examples" / "python";
    if (!std::filesystem::is_directory(dir)) return;
    const auto recorded = std::filesystem::path(AIO_SOURCE_DIR) / "tests" / "python" / "parse" / "examples";
    int files = 0, refused = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        if (entry.path().extension() != ".py") continue;
        INFO(entry.path().string());
        auto out = entry.path();
        const std::string cpython = py_test::read_text(out.replace_extension(".out"));
        files++;
        try {
            const ast::Module m = parse_program(py_test::read_text(entry.path()), entry.path().filename().string());
            CHECK(cpython.find("SyntaxError:") == std::string::npos);
            auto expected = recorded / std::filesystem::relative(entry.path(), dir);
            expected.replace_extension(".ast");
            REQUIRE(std::filesystem::exists(expected));
            CHECK(ast_dump(m) == chomp(py_test::read_text(expected)));
        } catch (const syntax_error& e) {
            CHECK(cpython.rfind(e.format(), 0) == 0);
            refused++;
        }
    }
    CHECK(files >= 50);
    CHECK(refused >= 1);
}

TEST_CASE("python parser: the SyntaxError corpus reports exactly as CPython 3.11 printed it", "[python]") {
    const auto dir = std::filesystem::path(AIO_SOURCE_DIR) / "tests" / "python" / "parse" / "errors";
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const auto& path = entry.path();
        if (path.extension() != ".py") continue;
        INFO(path.string());
        auto expected = path;
        expected.replace_extension(".err");
        std::string got;
        try {
            parse_program(py_test::read_text(path), path.filename().string());
        } catch (const syntax_error& e) {
            got = e.format();
        }
        CHECK(got == py_test::read_text(expected));
        files++;
    }
    CHECK(files >= 20);
}
#endif
