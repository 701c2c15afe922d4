# Subclasses of str, list and dict: their dunders come before the builtin behaviour, which they
# inherit when they do not override it.
class S(str):
    def __add__(self, other):
        return "S+" + str(self) + other
    def __eq__(self, other):
        return str(self).lower() == str(other).lower()
    def __hash__(self):
        return hash(str(self).lower())
    def __len__(self):
        return 42
    def __repr__(self):
        return "S(" + str(self) + ")"

class Plain(str):
    pass

class L(list):
    def __getitem__(self, i):
        return ("item", i)
    def __contains__(self, x):
        return x == "anything"
    def __lt__(self, other):
        return len(other) == 1
    def __str__(self):
        return "an L"

class D(dict):
    def __getitem__(self, k):
        return dict.get(self, k, "missing")
    def __len__(self):
        return -0 + 7

s = S("Hello")
print(s + "!", "x" + s, s == "HELLO", s != "hello", len(s), repr(s), str(s), s.upper())
print(hash(s) == hash("hello"), {s: 1}.get(S("HELLO")), isinstance(s, str), type(s).__name__)
p = Plain("ab")
print(p + "c", p == "ab", len(p), repr(p), p * 2, p < "b", hash(p) == hash("ab"), type(p).__name__)
l = L([3, 1, 2])
print(l[0], l[-1], 5 in l, "anything" in l, l < [9], len(l), str(l), repr(l), l + [4])
l.append(9)
print(sorted(l), list(l), l[1:2])
d = D(a=1)
print(d["a"], d["zz"], len(d), d.get("a"), "a" in d, repr(d), list(d))

class Init(list):
    def __init__(self, items):
        super().__init__(items)
i = Init([1, 2])
print(i, type(i).__name__, len(i), D({"a": 1}, b=2) == {"a": 1, "b": 2}, {"b": 2} == D(b=2))
class R(str):
    def __radd__(self, other):
        return "radd"
print("a" + R("b"), R("b") + "a", f"{p}!", {p: 1}["ab"], type(str(p)).__name__)

def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)

attempt("plain sub", lambda: p - "a")
attempt("list sub", lambda: l + 3)
attempt("dict hash", lambda: hash(d))
attempt("plain index", lambda: p[10])
attempt("plain lt", lambda: p < 3)
p + 1
