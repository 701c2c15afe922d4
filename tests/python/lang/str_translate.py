# str's translate/maketrans, case folding and the remaining is*() tests.
table = str.maketrans("abc", "xyz", "!")
print(sorted(table.items()))
print("a big cab!".translate(table))
print("hello".translate({ord("l"): "L!", ord("o"): None, ord("h"): 0x48}))
print("hello".translate(str.maketrans({"e": "3", "o": None, 108: "1"})))
print("abc".translate({}), "".translate(table), "x".maketrans("x", "y"))


class Shout(dict):
    def __missing__(self, key):
        return chr(key).upper()


print("quiet".translate(Shout()))
print("Straße".casefold(), "ÀB".casefold(), "Straße".lower())
for s in ["", "abc", "héllo", "tab\there", "line\n", "\x7f", "\u2028", "café ☕", " "]:
    print(repr(s), s.isascii(), s.isprintable())
for s in ["Hello World", "Hello world", "HELLO", "hello", "", "123", "A1 B2", "They're Here", "ÉCole Étoile"]:
    print(repr(s), s.istitle())
for s in ["name", "_x1", "1x", "", "a-b", "變數", "x y", "__init__"]:
    print(repr(s), s.isidentifier())
for bad in [
    lambda: str.maketrans("ab", "x"),
    lambda: str.maketrans(["a"]),
    lambda: str.maketrans({"ab": 1}),
    lambda: str.maketrans({1.5: 1}),
    lambda: "a".translate({97: 1.5}),
    lambda: "a".translate({97: -1}),
    lambda: str.maketrans("a", 1),
]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
