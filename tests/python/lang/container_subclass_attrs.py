# Instances of list, dict and set subclasses take attributes of their own, as CPython's: the
# LRU cache on an OrderedDict, a list that knows its name, a set with a label.
from collections import OrderedDict, defaultdict, Counter


class LRU(OrderedDict):
    def __init__(self, size):
        super().__init__()
        self.size = size
        self.hits = 0

    def get(self, key):
        if key in self:
            self.hits += 1
            self.move_to_end(key)
            return self[key]
        return None

    def put(self, key, value):
        self[key] = value
        self.move_to_end(key)
        if len(self) > self.size:
            self.popitem(last=False)


cache = LRU(2)
cache.put("a", 1)
cache.put("b", 2)
cache.get("a")
cache.put("c", 3)
print(cache, cache.size, cache.hits, vars(cache) if False else cache.__dict__)


class Named(list):
    def __init__(self, name, items=()):
        super().__init__(items)
        self.name = name

    def __repr__(self):
        return f"{self.name}{list(self)}"


n = Named("xs", [1, 2])
n.append(3)
print(n, n.name, len(n), n == [1, 2, 3])
n.name = "ys"
del n.name
try:
    n.name
except AttributeError as e:
    print("AttributeError", e)


class Tags(set):
    pass


t = Tags({"a"})
t.label = "letters"
print(sorted(t), t.label, isinstance(t, set))


class Groups(defaultdict):
    def __init__(self):
        super().__init__(list)
        self.created = 0

    def __missing__(self, key):
        self.created += 1
        return super().__missing__(key)


g = Groups()
g["x"].append(1)
g["y"]
print(dict(g), g.created, g.default_factory)


class Tally(Counter):
    pass


c = Tally("aab")
c.source = "aab"
print(c, c.source)

# (CPython's Counter and OrderedDict instances have a __dict__ too; list, dict and set do not)
for plain in ([], {}, set(), OrderedDict(), Counter()):
    try:
        plain.attr = 1
    except AttributeError as e:
        print("AttributeError", e)
    else:
        print(type(plain).__name__, plain.attr)
