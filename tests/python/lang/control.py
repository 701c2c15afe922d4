# Control flow: if/elif/else, while/for with else, break/continue, chained comparisons,
# boolean operators, conditional expressions, walrus, unpacking, comprehensions, f-strings.
for n in range(1, 16):
    if n % 15 == 0:
        out = "FizzBuzz"
    elif n % 3 == 0:
        out = "Fizz"
    elif n % 5 == 0:
        out = "Buzz"
    else:
        out = str(n)
    print(out, end=" ")
print()

i = 0
while True:
    i += 1
    if i < 3:
        continue
    if i > 5:
        break
print("i =", i)

for x in [1, 2, 3]:
    if x == 10:
        break
else:
    print("no break")

while i > 0:
    i -= 2
else:
    print("while else", i)

print(1 < 2 < 3, 1 < 3 < 2, 0 or "a", 1 and [], not 0)
data = [3, 1, 4, 1, 5, 9, 2, 6]
if (n := len(data)) > 5:
    print(f"long list of {n}")
a, *rest, z = data
print(a, rest, z)
(p, q), r = (1, 2), 3
print(p, q, r)
print([x * x for x in data if x % 2], {x % 3 for x in data}, {k: v for k, v in zip("abc", data)})
print([(x, y) for x in range(3) for y in range(x)])
name, value = "pi", 3.14159
print(f"{name!r:>6}|{value:.2f}|{value=}|{10:05d}|{'nested ' + name}")
print("yes" if data else "no", data[1:5:2], data[::-1][:3])
d = {"a": 1}
d["b"] = d.get("a", 0) + 1
del d["a"]
print(d, len(d))
x = [1, 2]
x += [3]
x[0] -= 5
print(x)
