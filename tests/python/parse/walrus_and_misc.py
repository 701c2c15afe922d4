if (m := re.match(p, s)) is not None:
    print(m)
print(y := 10)
data = [y := 1, y ** 2]
x = ...
Ellipsis
None
True
False
print(not x)
print(-(-x))
print((x))
print(((x, y)))
await_name = 1
match = 1
case = 2
_ = 3
type = 4
print(match, case, _)
