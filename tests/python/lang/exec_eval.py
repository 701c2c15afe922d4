# exec(), eval(), globals(), locals() and vars(): namespaces, defaults, SyntaxError details, bad
# arguments, and an uncaught SyntaxError's printout.


def show(f):
    try:
        print("->", f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


# eval: expressions, leading blanks, the caller's namespaces by default, given ones otherwise
x = 10
print(eval("x * 2"), eval("  x + 1"), eval("\tx - 1\n"), eval("1, 2"), eval(b"x // 3"))
print(eval("y + z", {"y": 1}, {"z": 2}), eval("[n * n for n in range(4)]", {}))
print(eval("lambda a: a + x")(5))


def in_function(a, b=2):
    c = a + b
    print(eval("a * b + c"), sorted(locals()), locals()["c"])

    def inner():
        return c
    print(sorted(locals()))
    return inner


in_function(3)

# exec: statements, defs and classes land in the namespace it is given (with __builtins__)
g = {}
exec("import math\ndef area(r):\n    return math.pi * r * r\nclass P:\n    kind = 'p'\n", g)
print(sorted(g), round(g["area"](2), 3), g["P"].kind, type(g["__builtins__"]).__name__)
g.clear()  # area's globals are g: no cycle left for a collector (aio's Python has none)
loc = {}
exec("a = 1\nb = a + 1", {"__builtins__": {}}, loc)
print(loc)
exec("print('exec sees x =', x)")
exec("x = 42")
print("x after exec at module level:", x)
print(exec("1 + 1"), "is exec's value")


def rebind():
    v = 1
    exec("v = 2")
    return v


print("a function's locals are a snapshot:", rebind())

# globals() is the module's dict, live
globals()["made_here"] = "yes"
print(made_here, "x" in globals(), globals() is globals())
print(sorted(k for k in vars() if not k.startswith("__"))[:4])


class Box:
    def __init__(self):
        self.a = 1
        self.b = [2]


print(vars(Box()), vars(Box) is not None)

# errors in the code run: their traceback passes through "<string>"
show(lambda: exec("1 / 0"))
show(lambda: eval("undefined_name"))
show(lambda: exec("raise KeyError('k')", {}))

# SyntaxError: attributes, str, repr (the parser's and the compiler's errors)
for src, run in (("x = 1\n1 +", exec), ("x = 1", eval), ("def f(:\n    pass", exec), ("return 5", exec),
                 ("yield 1", eval), ("a b\nc", exec), ("f(**)", exec), ("x = 1 +\ny = 2\n", exec)):
    try:
        run(src)
    except SyntaxError as e:
        print(type(e).__name__, repr(e.msg), e.filename, e.lineno, e.offset, repr(e.text), e.end_lineno,
              e.end_offset)
        print("  str:", e)
        print("  args:", e.args)

# the tokenizer's and indentation errors (their text and end_offset are not compared: CPython's
# vary by where the tokenizer stopped)
for src in ("(1,\n2", '"abc', "  if True:\n  pass", "a\n  b", "if x:\npass"):
    try:
        exec(src)
    except SyntaxError as e:
        print(type(e).__name__, repr(e.msg), e.filename, e.lineno, e.offset, "|", e)

e = SyntaxError("made by hand", ("file.py", 3, 4, "text\n", 3, 6))
print(e, "|", e.filename, e.lineno, e.offset, repr(e.text), e.end_offset)
print(SyntaxError("bare"), SyntaxError().msg, SyntaxError("x").lineno, repr(str(SyntaxError())))
print(issubclass(IndentationError, SyntaxError), issubclass(TabError, IndentationError))

# bad arguments
show(lambda: exec(1))
show(lambda: eval(1))
show(lambda: exec("x", 1))
show(lambda: eval("x", 1))
show(lambda: exec("x", {}, 1))
show(lambda: eval("x", {}, 1))
show(lambda: eval())
show(lambda: exec())
show(lambda: exec("1", {}, {}, {}))
show(lambda: eval("1", {}, {}, {}))
show(lambda: vars(1))
show(lambda: vars(1, 2))
show(lambda: globals(1))
show(lambda: locals(1))

# uncaught: CPython prints the SyntaxError's own block under the traceback
exec("ok = 1\nprint(ok +)")
