#!/usr/bin/env python3
"""Records CPython 3.11's answers for the parser corpus (README.md here). Run with python3 3.11:

    python3 tests/python/parse/record.py

For every NAME.py here (and examples/python/**/*.py, into examples/): NAME.ast holds
ast.dump(ast.parse(source)) and NAME.pos.ast the same with include_attributes=True. For every
errors/NAME.py: errors/NAME.err holds what `python3 NAME.py` prints on stderr (the SyntaxError report, with
the script named NAME.py; these files never run, they do not compile).
"""
import ast
import pathlib
import subprocess
import sys

here = pathlib.Path(__file__).resolve().parent
root = here.parent.parent.parent
if sys.version_info[:2] != (3, 11):
    sys.exit(f"record.py: needs CPython 3.11, this is {sys.version.split()[0]}")


def record_ast(py, out_dir):
    source = py.read_text(encoding="utf-8")
    tree = ast.parse(source)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / (py.stem + ".ast")).write_text(ast.dump(tree) + "\n", encoding="utf-8")
    (out_dir / (py.stem + ".pos.ast")).write_text(
        ast.dump(tree, include_attributes=True) + "\n", encoding="utf-8")


for py in sorted(here.glob("*.py")):
    if py.name != "record.py":
        record_ast(py, here)

examples = root / "examples" / "python"  # the tutorial snippets, when present
for py in sorted(examples.rglob("*.py")) if examples.is_dir() else []:
    try:
        record_ast(py, here / "examples" / py.relative_to(examples).parent)
    except SyntaxError as e:  # a snippet that is itself a syntax error is the examples' business
        print(f"record.py: {py}: {e}", file=sys.stderr)

for py in sorted((here / "errors").glob("*.py")):
    run = subprocess.run([sys.executable, py.name], cwd=py.parent, capture_output=True, text=True)
    if run.returncode == 0:
        sys.exit(f"record.py: {py} ran without a SyntaxError")
    # 3.11 names the script by its absolute path; keep the name as the test passes it.
    report = run.stderr.replace(f'"{py.parent}/', '"')
    (py.parent / (py.stem + ".err")).write_text(report, encoding="utf-8")
