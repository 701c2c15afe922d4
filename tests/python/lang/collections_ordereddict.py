# collections.OrderedDict: move_to_end, popitem from both ends, order-sensitive ==, 3.11's repr,
# the LRU idiom.
from collections import OrderedDict

d = OrderedDict(a=1, b=2)
d["c"] = 3
d.move_to_end("a")
print(d, list(d), d["a"])
d.move_to_end("a", last=False)
print(d, d.popitem(), d.popitem(last=False), d)
print(OrderedDict(), OrderedDict([("x", 1)]) == OrderedDict([("x", 1)]))
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == {"b": 2, "a": 1},
      {"b": 2, "a": 1} == OrderedDict(a=1, b=2), OrderedDict(a=1) != OrderedDict(a=1))
c = d.copy()
c["z"] = 0
print(c, d, type(c).__name__, isinstance(c, dict))
for bad in (lambda: OrderedDict().popitem(), lambda: d.move_to_end("nope"), lambda: OrderedDict(1, 2)):
    try:
        bad()
    except (KeyError, TypeError) as e:
        print(type(e).__name__, e)

cache = OrderedDict()
for key in "abcab":
    if key in cache:
        cache.move_to_end(key)
    cache[key] = key.upper()
    if len(cache) > 2:
        cache.popitem(last=False)
print(cache)
