# An error inside nested comprehensions: each is a frame (<listcomp>, <dictcomp>, <setcomp>).
def invert(values):
    return {str(v): 1 / v for v in values}


def table(rows):
    return [invert(r) for r in rows]


def unique(rows):
    return {len(t) for t in table(rows)}


print(sorted(unique([[1, 2], [4]])))
print(unique([[1, 2], [0]]))
