if a:
    pass
elif b:
    pass
elif c:
    x = 1
else:
    x = 2

while True:
    if done:
        break
    else:
        continue
else:
    finished()

for i in range(10):
    if i == 5:
        break
else:
    print("no break")

for x in 1, 2, 3:
    pass

for x in *a, *b:
    pass

if x: pass
while x: x -= 1
for i in y: print(i); print(i * 2)
if (n := len(a)) > 10:
    print(n)
while (chunk := read()):
    process(chunk)
assert x
assert x > 0, "x must be positive"
pass; pass
