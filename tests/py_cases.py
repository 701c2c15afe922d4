"""What the scripts that record CPython 3.11's answers for the Python front-end's table tests share
(tests/py_builtins_cases.py, tests/py_object_cases.py): one case's answer, C++ string literals and
writing the generated text into the repository."""
import contextlib
import io
import re


def cpp_literal(s):
    """s as a C++ string literal (UTF-8 kept as is)."""
    out = '"'
    for ch in s:
        if ch == '"':
            out += '\\"'
        elif ch == '\\':
            out += '\\\\'
        elif ch == '\n':
            out += '\\n'
        elif ord(ch) < 0x20:
            out += '\\x%02x""' % ord(ch)  # "" ends the escape before a following hex digit
        else:
            out += ch
    return out + '"'


def answer(mode, expr, env):
    """CPython's answer for a case, evaluated in the globals env. mode: r = repr of the result,
    s = str of it, o = what it printed (stdout, then "[err]" and stderr when it wrote there).
    A raised exception gives (or, in mode o, appends) "Name: str(e)". Addresses in reprs
    ("at 0x...") become "at 0x?", as the tests do on their side."""
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            v = eval(expr, env)
        text = {"r": repr, "s": str}.get(mode, lambda _: "")(v)
    except BaseException as e:  # noqa: BLE001 - every exception is a case (SystemExit too)
        text = "%s: %s" % (type(e).__name__, e)
    if mode == "o":
        text = out.getvalue() + ("[err]" + err.getvalue() if err.getvalue() else "") + text
    return re.sub(r"at 0x[0-9a-f]+", "at 0x?", text)


def replace_between(path, text, head="edit the cases there.\n", end="    // END GENERATED"):
    """Replaces the lines of path between the line ending with head and the line end starts."""
    old = open(path, encoding="utf-8").read()
    begin = old.index(head) + len(head)
    stop = old.index(end)
    with open(path, "w", encoding="utf-8") as f:
        f.write(old[:begin] + text + old[stop:])
