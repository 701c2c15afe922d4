# Unpacking: CPython's messages for non-iterables and wrong counts.
def attempt(label, f):
    try:
        f()
    except Exception as e:
        print(label, type(e).__name__, e)

def plain():
    a, b = 5
def loop():
    for a, b in [1]:
        pass
def starred():
    x, *y = None
def starred_float():
    *x, y = 1.5
def few():
    a, b = [1]
def many():
    a, b = [1, 2, 3]
def few_star():
    a, b, *c = (1,)
def nested():
    (a, b), c = 1, 2
def in_comp():
    return [a for a, b in [3]]
class NoIter:
    pass
def instance():
    a, b = NoIter()
def iter_error():
    class Bad:
        def __iter__(self):
            raise ValueError("bad iter")
    a, b = Bad()

for label, f in [("plain", plain), ("loop", loop), ("starred", starred), ("starred_float", starred_float),
                 ("few", few), ("many", many), ("few_star", few_star), ("nested", nested),
                 ("in_comp", in_comp), ("instance", instance), ("iter_error", iter_error)]:
    attempt(label, f)

a, b = "xy"
x, *y = range(3)
print(a, b, x, y)
p, q = 7
