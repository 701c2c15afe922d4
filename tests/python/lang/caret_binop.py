# CPython 3.11 underlines a failing binary operation's operands with ~ and its operator with ^.
def add(a, b):
    return a + b


def halve(values):
    total = 0
    for v in values:
        total = total + (v // 2)
    return total


def index(table, key):
    row = table[key]
    return row


for call in (lambda: add(1, "x"), lambda: halve([4, None]), lambda: index({}, "k"),
             lambda: index([1], 5), lambda: 1 / 0):
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e)
count = 4
names = ["a", "b"]
label = names[0] + (count) **  names[1]
