# dict(x) and d.update(x) take any mapping: an object with keys() and __getitem__.
class Record:
    def __init__(self, names, values):
        self._names, self._values = names, values

    def keys(self):
        return iter(self._names)

    def __getitem__(self, key):
        print("getitem", key)
        return self._values[self._names.index(key)]


r = Record(["id", "name"], [1, "a"])
print(dict(r))
d = {"x": 0}
d.update(r, extra=True)
print(d)


class NoItems:
    def keys(self):
        return ["k"]


try:
    dict(NoItems())
except TypeError as e:
    print("TypeError:", e)
try:
    dict([1])
except TypeError as e:
    print("TypeError:", e)
