# collections.deque and defaultdict, and dict subclasses' __missing__: what asyncio code uses
# them for (a bounded log of recent events, grouping results by key, a work list).
import asyncio
from collections import deque, defaultdict
import collections

# deque: both ends, bounded, rotated, indexed
d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d), d[0], d[-1], 3 in d, 9 in d)
print(d.pop(), d.popleft(), d)
d.extend([5, 6])
d.extendleft("ab")
print(d)
d.rotate(2)
print(d)
d.rotate(-3)
print(d, d.count(5), d.index(5))
d.remove("a")
d.reverse()
print(d, list(d), bool(d), bool(deque()))
d[0] = "first"
print(d[0], d == deque(list(d)), d == list(d))
print(deque(), deque("xy"), repr(deque(range(3), maxlen=5)))

recent = deque(maxlen=3)
for i in range(6):
    recent.append(i)
print(recent, recent.maxlen, deque().maxlen)
recent.appendleft(-1)
print(recent)
copy = recent.copy()
recent.clear()
print(copy, recent, isinstance(copy, deque), type(copy).__name__)

for bad in (lambda: deque().pop(), lambda: deque().popleft(), lambda: deque([1]).remove(2),
            lambda: deque()[0], lambda: deque([1], maxlen=-1), lambda: deque([1]).index(3),
            lambda: deque(1), lambda: hash(deque()), lambda: deque([1], 2, 3)):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# iteration sees changes; containers that hold themselves
d = deque([1, 2, 3])
try:
    for x in d:
        d.append(x)
except RuntimeError as e:
    print("RuntimeError", e)
d = deque([1])
d.append(d)
print(d)
d.clear()  # the front-end counts references only: a cycle left standing would leak
e = deque([1, 2])
e.extend(e)
print(e, e != deque([1, 2]), deque([1]) == deque([1], maxlen=4))
dd = defaultdict(list)
dd[1].append(dd)
print(dd)
dd.clear()
print(repr(defaultdict(int, a=1)), str(defaultdict(set)))
print(deque.__name__, deque.__module__, defaultdict.__module__, deque, defaultdict)
print(dict.__repr__(defaultdict(int, a=1)))
print(deque(maxlen=0), deque([1,2], maxlen=0))
q = deque(range(10), 3)
q.rotate(7); print(q)
q.extendleft([7, 8]); print(q)
print(deque([1,2,3])[-3], deque.append)
try:
    deque([1])["x"]
except TypeError as e:
    print(e)
try:
    deque(maxlen="a")
except TypeError as e:
    print(e)
try:
    deque(foo=1)
except TypeError as e:
    print(e)
it = iter(deque([1,2]))
print(next(it), type(it).__name__)

# defaultdict: grouping and counting
groups = defaultdict(list)
for word in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    groups[word[0]].append(word)
print(groups)
print(dict(groups), groups["z"], len(groups), "z" in groups)
counts = defaultdict(int)
for ch in "mississippi":
    counts[ch] += 1
print(sorted(counts.items()), counts.default_factory)
print(isinstance(counts, dict), type(counts).__name__, counts.get("q"), "q" in counts)
plain = defaultdict()
print(plain, plain.default_factory)
try:
    plain["missing"]
except KeyError as e:
    print("KeyError", e)
seeded = defaultdict(lambda: "?", {"a": 1}, b=2)
print(seeded["a"], seeded["b"], seeded["c"], sorted(seeded))
dup = counts.copy()
print(type(dup).__name__, dup == counts, dup.default_factory)
counts.default_factory = list
print(counts["new"], counts.default_factory)
try:
    defaultdict(5)
except TypeError as e:
    print("TypeError", e)
print(collections.deque is deque, collections.defaultdict is defaultdict)

# a dict subclass's __missing__ is what d[key] falls back to (not get(), not `in`)
class Defaulting(dict):
    def __missing__(self, key):
        return key.upper()

m = Defaulting(a=1)
print(m["a"], m["b"], m.get("b"), "b" in m, m)

class Tree(defaultdict):
    def __init__(self):
        super().__init__(Tree)

t = Tree()
t["a"]["b"]["c"] = 1
print(type(t["a"]).__name__, t["a"]["b"]["c"], len(t))

# a bounded deque as the log of a few concurrent workers
async def worker(name, log, delay):
    for i in range(3):
        await asyncio.sleep(delay)
        log.append(f"{name}{i}")

async def main():
    log = deque(maxlen=4)
    await asyncio.gather(worker("a", log, 0.01), worker("b", log, 0.025))
    print(list(log))
    pending = deque(range(5))
    done = defaultdict(list)
    async def take(n):
        while pending:
            job = pending.popleft()
            await asyncio.sleep(0)
            done[n].append(job)
    await asyncio.gather(take(0), take(1))
    print(dict(done))

asyncio.run(main())
