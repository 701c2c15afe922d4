# operator: the operators as functions (with sorted, map and functools.reduce) and the getters.
import functools
import operator
from operator import attrgetter, itemgetter, methodcaller

print(functools.reduce(operator.mul, range(1, 6)), list(map(operator.add, [1, 2], [10, 20])),
      operator.truediv(7, 2), operator.floordiv(7, 2), operator.mod(7, 3), operator.pow(2, 10),
      operator.neg(3), operator.abs(-4), operator.not_(0), operator.truth([1]), operator.inv(5))
print(operator.lt(1, 2), operator.ge(1, 2), operator.eq("a", "a"), operator.is_(None, None),
      operator.contains([1, 2], 2), operator.countOf([1, 2, 1], 1), operator.indexOf("abc", "c"),
      operator.concat([1], [2]), operator.index(7), operator.and_(6, 3), operator.or_(6, 3),
      operator.xor(6, 3), operator.lshift(1, 4), operator.rshift(16, 2))
d = {"a": 1}
operator.setitem(d, "b", 2)
operator.delitem(d, "a")
print(d, operator.getitem(d, "b"), operator.iadd([1], [2]))

tasks = [("write", 3, {"owner": "ann"}), ("fetch", 1, {"owner": "bob"}), ("parse", 2, {"owner": "cid"})]
print(sorted(tasks, key=itemgetter(1)), itemgetter(0, 1)(tasks[0]), itemgetter(slice(1, None))("abc"))


class Job:
    def __init__(self, name, owner):
        self.name = name
        self.owner = type("Owner", (), {"name": owner})()

    def describe(self, prefix, suffix="."):
        return prefix + self.name + suffix


jobs = [Job("b", "zed"), Job("a", "amy")]
print([j.name for j in sorted(jobs, key=attrgetter("owner.name"))], attrgetter("name", "owner.name")(jobs[0]))
print(methodcaller("describe", "job ", suffix="!")(jobs[0]), methodcaller("upper")("x"))
print(repr(itemgetter(1, "a")), repr(attrgetter("x.y")), repr(methodcaller("f", 1, k=2)))
for bad in [lambda: itemgetter(), lambda: attrgetter(1), lambda: methodcaller(), lambda: operator.concat(1, 2),
            lambda: operator.index(1.5), lambda: operator.indexOf([1], 5)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
