# bytes methods as a program handling raw data uses them: ASCII semantics, byte offsets.
data = b"GET /json HTTP/1.1\r\nHost: example\r\nAccept:  */*\r\n\r\nbody \xe9\xff"

print(data.find(b"HTTP"), data.find(b"nope"), data.rfind(b"\r\n"), data.find(32), data.find(b"/", 5))
print(data.index(b"Host"), data.rindex(b"e"), data.count(b"\r\n"), data.count(b""), b"aaaa".count(b"aa"))
print(data.find(b"e", -10), data.find(b"e", 2, 3), data.find(b"", 100), data.count(b"a", 100))
print(data.startswith(b"GET"), data.startswith((b"POST", b"GET")), data.endswith(b"\xff"), data.startswith(b"/", 4))
print(data.split(b"\r\n"))
print(data.split(b"\r\n", 1))
print(b"  a  b\tc\n d ".split(), b"  a  b\tc\n d ".split(maxsplit=1), b"".split(), b"".split(b","))
print(b"a,b,,c,".rsplit(b",", 2), b"  a  b  c  ".rsplit(None, 1), b"a b c".rsplit(), b",".rsplit(b","))
print(b"one\ntwo\r\nthree\rfour\n".splitlines(), b"one\ntwo\r\n".splitlines(keepends=True), b"".splitlines())
print(b"  \t hi \xa0\n".strip(), b"xxhixx".strip(b"x"), b"  hi  ".lstrip(), b"  hi  ".rstrip(), b"abc".strip(None))
print(b", ".join([b"a", b"b", b"c"]), b"".join([]), b"-".join(x for x in [b"1", b"2"]))
print(b"k=v=w".partition(b"="), b"k=v=w".rpartition(b"="), b"kv".partition(b"="), b"kv".rpartition(b"="))
print(b"test_case".removeprefix(b"test_"), b"case.py".removesuffix(b".py"), b"x".removeprefix(b"y"), b"x".removesuffix(b""))
print(b"Hello \xe9 World".upper(), b"Hello \xc9 World".lower())
print(b"123".isdigit(), b"12a".isdigit(), b"".isdigit(), b"abc".isalpha(), b"ab\xe9".isalpha(), b"ab1".isalnum())
print(b" \t\n".isspace(), b" \xa0".isspace(), b"ABC".isupper(), b"AbC".isupper(), b"abc1".islower(), b"123".islower())
print(b"abc".isascii(), b"ab\x80".isascii(), b"".isascii())
print(b"a.b.c".replace(b".", b"/"), b"aaa".replace(b"a", b"b", 2), b"ab".replace(b"", b"-"), b"abc".replace(b"x", b"y"))
print(bytes.fromhex("de ad be ef"), bytes.fromhex(""), data.hex()[:12], bytes.fromhex("00ff").hex())
print(data.find(True), b"\x00\x01".find(False))
print(b"ab".center(6, b"*"), b"ab".center(5), b"abc".center(6), b"ab".ljust(5), b"ab".rjust(5, b"0"), b"long".center(2))
print(b"-42".zfill(6), b"+7".zfill(4), b"".zfill(3), b"abc".zfill(2))
print(b"hello wORLD x1y \xe9t\xe9".title(), b"hELLO \xe9".capitalize(), b"AbC\xe9z".swapcase(), b"".title())
print(b"a\tbc\td".expandtabs(4), b"a\tb\nc\td".expandtabs(), b"x\ty".expandtabs(tabsize=0), b"\t".expandtabs(-1))
for t in [b"Hello World", b"Hello world", b"HELLO", b"", b"A1 B2", b"\xe9Hello"]:
    print(t, t.istitle())

for bad in [
    lambda: data.find("GET"),
    lambda: data.find(256),
    lambda: data.index(b"missing"),
    lambda: data.rindex(b"missing"),
    lambda: data.startswith("GET"),
    lambda: data.split(""),
    lambda: data.split(b""),
    lambda: data.strip("x"),
    lambda: b",".join([b"a", "b"]),
    lambda: data.partition(b""),
    lambda: data.replace("a", b"b"),
    lambda: data.removeprefix("G"),
    lambda: bytes.fromhex("zz"),
    lambda: bytes.fromhex("abc"),
    lambda: b"a".center(5, b"ab"),
    lambda: b"a".ljust(5, "x"),
    lambda: b"a".rjust("5"),
    lambda: b"a".zfill(1.5),
    lambda: "a".zfill(1.5),  # str's zfill names the type the same way
    # argument errors name the method
    lambda: data.upper(1),
    lambda: data.isdigit(1),
    lambda: data.islower(1),
    lambda: data.title(1),
    lambda: data.isascii(1),
    lambda: data.zfill(),
    lambda: data.join(),
    lambda: data.partition(),
    lambda: "a".isdigit(1),
    lambda: "a".isprintable(1),
    lambda: "a".isupper(1),
]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
