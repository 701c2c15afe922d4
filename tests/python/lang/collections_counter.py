# collections.Counter: tallies, most_common's order (ties by insertion), update/subtract, elements, total.
import asyncio
from collections import Counter
import random

c = Counter("mississippi")
print(c, c["s"], c["z"], "z" in c, len(c))
print(c.most_common(2), c.most_common(), c.most_common(0), c.most_common(n=1))
c.update("ss")
c.update({"m": 2, "q": 1})
c.update(p=-1)
print(c, c.total())
c.subtract("sss")
c.subtract({"q": 5})
print(c)
print(sorted(c.elements()), Counter(), Counter(a=2, b=0))
d = c.copy()
print(type(d).__name__, d == c, isinstance(c, dict), dict(Counter("aab")))
print(Counter({"x": 3, "y": 3, "z": 5}), Counter(["b", "a", "b"]))
e = Counter()
e["new"] += 1
print(e, e.get("other"), list(e))
class Tally(Counter):
    pass
print(Tally("abca"), Tally("abca").most_common(1))
for bad in (lambda: Counter(1), lambda: Counter("a", "b"), lambda: Counter("a").most_common("x")):
    try:
        bad()
    except TypeError as err:
        print("TypeError", err)

async def fetch(i):
    await asyncio.sleep(0.01 * (i % 3))
    return ["ok", "timeout", "ok", "error"][i % 4]

async def main():
    results = await asyncio.gather(*(fetch(i) for i in range(10)))
    tally = Counter(results)
    print(tally, tally.most_common(1)[0])

asyncio.run(main())
