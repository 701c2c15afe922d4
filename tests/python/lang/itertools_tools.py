# itertools: every tool's items, laziness where it shows (how far the input was read), reprs of
# count and repeat, type names, and the argument errors a program can meet.
import itertools
from itertools import (accumulate, chain, combinations, combinations_with_replacement, compress, count, cycle,
                       dropwhile, filterfalse, groupby, islice, pairwise, permutations, product, repeat, starmap,
                       takewhile, tee, zip_longest)

c = count(5)
print(next(c), next(c), repr(c), repr(count(1.5, 2)), repr(count()), list(islice(count(10, -3), 4)))
print(list(islice(cycle("ab"), 5)), list(cycle([])))
r = repeat("x", 3)
print(repr(r), list(r), repr(r), repr(repeat(None)), list(repeat(1, -2)))
print(list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3], max)), list(accumulate([3, 1], initial=10)),
      list(accumulate([])), list(accumulate([], initial=0)), list(accumulate("abc")))
print(list(chain("ab", [1, 2], ())), list(chain.from_iterable(["xy", "z"])), list(chain()))
print(list(compress("abcdef", [1, 0, 1, 0, 1])), list(dropwhile(lambda x: x < 3, [1, 4, 1, 5])),
      list(takewhile(lambda x: x < 3, [1, 2, 5, 1])), list(filterfalse(None, [0, 1, "", "a"])),
      list(filterfalse(lambda x: x % 2, range(6))), list(starmap(pow, [(2, 3), (3, 2)])))
print(list(islice("abcdefg", 3)), list(islice("abcdefg", 2, 6, 2)), list(islice("abc", 1, None)),
      list(islice("abc", 0)), list(islice(range(10), 2, 4, None)), list(islice("ab", 5, 3)))
it = iter(range(10))
print(list(islice(it, 0, 5, 2)), next(it))  # islice read up to its stop
it = iter(range(10))
print(list(islice(it, 3)), next(it))
print(list(pairwise("abcd")), list(pairwise("a")), list(zip_longest("abc", [1], fillvalue="-")),
      list(zip_longest()), list(zip_longest("ab", "xyz")))
for key, group in groupby("aaabccdd"):
    print(key, "".join(group), end="; ")
print()
print([(k, list(g)) for k, g in groupby([1, 3, 2, 4, 5], key=lambda n: n % 2)])
groups = groupby("aabbc")
first_key, first_group = next(groups)
second_key, second_group = next(groups)
print(first_key, list(first_group), second_key, list(second_group), [k for k, _ in groups])
g = groupby("xxy")
k, grp = next(g)
print(k, next(grp), [k2 for k2, _ in g])
print(list(product("ab", "xy")), list(product([1, 2], repeat=2)), list(product()), list(product("ab", [])))
print(list(permutations("abc", 2)), len(list(permutations(range(4)))), list(permutations("ab", 3)),
      list(permutations([], 0)))
print(list(combinations("abcd", 2)), list(combinations("ab", 0)), list(combinations("ab", 3)))
print(list(combinations_with_replacement("abc", 2)), list(combinations_with_replacement([], 1)))
a, b = tee(iter([1, 2, 3]))
print(next(a), next(a), list(b), list(a), len(tee("x", 3)), tee("x", 0))
print(type(chain()).__name__, type(count()), isinstance(islice("", 1), itertools.islice))
print(iter(c) is c, sum(islice(count(), 100)))
for bad in [lambda: islice("a", -1), lambda: islice("a", 1, 2, 0), lambda: islice("a", "x"),
            lambda: list(combinations("a", -1)), lambda: permutations("a", -2), lambda: tee("a", -1),
            lambda: product("a", repeat=-1), lambda: cycle(5), lambda: chain(5).__next__()]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)


# An error in a function itertools calls: the traceback shows the program's frames only, as
# CPython's (whose itertools is C).
def ratio(a, b):
    return a / b


print(list(starmap(ratio, [(4, 2), (1, 0)])))
