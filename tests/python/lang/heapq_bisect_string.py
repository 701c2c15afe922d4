# heapq, bisect and string: a priority queue of jobs, sorted insertion, the constants; errors.
import bisect
import heapq
import random
import string

jobs = []
for priority, name in [(3, "write"), (1, "fetch"), (2, "parse"), (1, "auth"), (5, "log")]:
    heapq.heappush(jobs, (priority, name))
print(jobs[0], [heapq.heappop(jobs) for _ in range(len(jobs))])
data = [9, 4, 7, 1, 8, 2, 2, 6]
heapq.heapify(data)
print(data, heapq.heappushpop(data, 0), heapq.heappushpop(data, 5), heapq.heapreplace(data, 10), data)
print(heapq.nlargest(3, [5, 1, 9, 3, 9]), heapq.nsmallest(2, ["bb", "a", "ccc"], key=len), heapq.nlargest(0, [1]))
print(list(heapq.merge([1, 4, 7], [2, 5], [0, 8])), list(heapq.merge(["c", "a"], ["b"], reverse=True)),
      list(heapq.merge([1, 3], [2], key=lambda v: -v)), list(heapq.merge()))
print(sorted(heapq.heappop(h) for h in [[3], [1]]))
random.seed(7)  # the lists' layout, as CPython lays them out
h = []
for _ in range(30):
    heapq.heappush(h, random.randrange(50))
print(h)
print([heapq.heappop(h) for _ in range(10)], h)
x = [random.randrange(100) for _ in range(25)]
heapq.heapify(x)
print(x, heapq.heapreplace(x, 50), heapq.heappushpop(x, 60), x)

scores = [10, 20, 20, 30]
print(bisect.bisect_left(scores, 20), bisect.bisect_right(scores, 20), bisect.bisect(scores, 25),
      bisect.bisect_left(scores, 20, 2), bisect.bisect_right(scores, 20, 0, 1))
bisect.insort(scores, 25)
bisect.insort_left(scores, 20)
print(scores)
people = [("ann", 31), ("bob", 45)]
bisect.insort(people, ("cid", 40), key=lambda p: p[1])
print(people, bisect.bisect_left(people, 40, key=lambda p: p[1]))

print(string.ascii_letters, string.digits, string.hexdigits, string.octdigits)
print(repr(string.punctuation), repr(string.whitespace), len(string.printable))
print(string.capwords("hello   async  world"), string.capwords("a-b-c", "-"))

for bad in [lambda: heapq.heappush(5, 1), lambda: heapq.heappop([]), lambda: heapq.heapify(3),
            lambda: heapq.heapreplace([], 1), lambda: bisect.bisect([1], 1, -1), lambda: heapq.nlargest(2, 5)]:
    try:
        bad()
    except (TypeError, IndexError, ValueError) as e:
        print(type(e).__name__ + ":", e)
