# str.expandtabs; list's and dict's __getitem__/__setitem__/__delitem__/__contains__/__len__ as
# methods (also through super() in a subclass); asyncio.Barrier's parties/n_waiting/broken; a
# class's __dict__ (mappingproxy); random.sample's errors for a k that is not an int.
import asyncio
import random


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


print("--- expandtabs")
attempt("default", lambda: "a\tbc\tdef\tg".expandtabs())
attempt("4", lambda: "a\tbc\tdef\tg".expandtabs(4))
attempt("keyword", lambda: "\tx".expandtabs(tabsize=3))
attempt("lines", lambda: "ab\tc\r\td\n\té\tx".expandtabs(2))
attempt("cjk", lambda: "中文\t字".expandtabs(4))
attempt("zero", lambda: "a\tb".expandtabs(0))
attempt("negative", lambda: "a\tb".expandtabs(-1))
attempt("bool", lambda: "a\tb".expandtabs(True))
attempt("float", lambda: "a\tb".expandtabs(1.5))
attempt("str", lambda: "a\tb".expandtabs("x"))
attempt("two", lambda: "a\tb".expandtabs(1, 2))
attempt("bad kw", lambda: "a\tb".expandtabs(size=2))

print("--- list and dict dunders")
l = [1, 2, 3, 4]
d = {"a": 1, "b": 2}
l.__delitem__(0)
print(l)
l.__delitem__(slice(0, 2))
print(l)
l.__setitem__(0, "x")
print(l, l.__getitem__(0), l.__getitem__(-1), l.__len__(), l.__contains__("x"), l.__contains__(9))
l = [0, 1, 2, 3, 4, 5]
print(l.__getitem__(slice(1, None, 2)))
d.__setitem__("c", 3)
d.__delitem__("a")
print(d, d.__getitem__("b"), d.__len__(), d.__contains__("c"), d.__contains__("a"))
attempt("list del out of range", lambda: [].__delitem__(5))
attempt("list get out of range", lambda: [].__getitem__(5))
attempt("list get no args", lambda: [].__getitem__())
attempt("list len args", lambda: [].__len__(1))
attempt("list contains no args", lambda: [1].__contains__())
attempt("list set one arg", lambda: [1].__setitem__(0))
attempt("dict set three args", lambda: {}.__setitem__(0, 1, 2))
attempt("dict del no args", lambda: {}.__delitem__())
attempt("dict del missing", lambda: {}.__delitem__("k"))
attempt("dict get missing", lambda: {}.__getitem__("k"))
attempt("dict get unhashable", lambda: {}.__getitem__([]))
attempt("list index str", lambda: [1].__getitem__("a"))
print(hasattr([], "__delitem__"), hasattr({}, "__len__"), callable([].__getitem__))


class Loud(list):
    def __getitem__(self, i):
        print("get", i)
        return super().__getitem__(i) * 10

    def __len__(self):
        return super().__len__() + 100

    def __contains__(self, x):
        return super().__contains__(x) or x == "any"


ll = Loud([1, 2, 3])
print(ll[1], len(ll), "any" in ll, 2 in ll, 7 in ll)


class Defaults(dict):
    def __getitem__(self, k):
        if not super().__contains__(k):
            return "default"
        return super().__getitem__(k)


dd = Defaults(x=1)
print(dd["x"], dd["y"])
dd.__delitem__("x")
print(dd, len(dd))

print("--- Barrier")


async def barrier_demo():
    b = asyncio.Barrier(3)
    print(b.parties, b.n_waiting, b.broken)

    async def party(i):
        print("arrived", i, "waiting before", b.n_waiting)
        return await b.wait()

    tasks = [asyncio.create_task(party(i)) for i in range(2)]
    await asyncio.sleep(0)
    print("n_waiting", b.n_waiting, b.broken)
    last = await b.wait()
    print(sorted(await asyncio.gather(*tasks)), last, b.n_waiting)
    await b.abort()
    print("broken", b.broken, b.n_waiting)
    try:
        await b.wait()
    except asyncio.BrokenBarrierError as e:
        print("BrokenBarrierError", e)
    await b.reset()
    print("reset", b.broken, b.parties)
    try:
        b.parties = 5
    except AttributeError:
        print("parties is read-only")


asyncio.run(barrier_demo())

print("--- class __dict__")


class C:
    """doc"""
    x = 1

    def f(self):
        return 2

    y = "why"


cd = C.__dict__
print(type(cd).__name__, "x" in cd, "nope" in cd, cd["x"], cd["y"], cd.get("x"), cd.get("nope", 5))
print([k for k in cd if not k.startswith("__")])
print([k for k in cd.keys() if not k.startswith("__")], cd["__doc__"], cd["__module__"])
print([v for k, v in cd.items() if k in ("x", "y")], [v for v in cd.values() if v in (1, "why")], callable(cd["f"]))
C.z = 3
del C.x
C.x = 4
print([k for k in C.__dict__ if not k.startswith("__")], C.__dict__["x"])


class D(C):
    w = 0


print([k for k in D.__dict__ if not k.startswith("__")], "x" in D.__dict__)
attempt("missing", lambda: C.__dict__["nope"])


def assign():
    C.__dict__["q"] = 1


attempt("assign", assign)
print(repr(D.__dict__).startswith("mappingproxy({"))

print("--- random.sample")
for k in [1.0, 3.0, -1.0, "1", None, True, 3, -1, 2]:
    attempt("sample %r" % (k,), lambda: random.sample([1, 2], k) and "ok")
attempt("set population", lambda: random.sample({1, 2}, 1))
