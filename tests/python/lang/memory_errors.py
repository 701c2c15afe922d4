# Sizes no machine has: an empty sequence repeated any number of times is empty at once; a
# non-empty one, bytes(n) and the like raise MemoryError, which a program can catch and go on.


def attempt(label, f):
    try:
        r = f()
        print(label, repr(r)[:40], len(r))
    except MemoryError as e:
        print(label, 'MemoryError', repr(e), e.args)


huge = 10**18
attempt("'' * huge", lambda: '' * huge)
attempt("huge * ''", lambda: huge * '')
attempt("[] * huge", lambda: [] * huge)
attempt("() * huge", lambda: () * huge)
attempt("b'' * huge", lambda: b'' * huge)
attempt("'ab' * huge", lambda: 'ab' * huge)
attempt("[0] * huge", lambda: [0] * huge)
attempt("(0,) * huge", lambda: (0,) * huge)
attempt("b'x' * huge", lambda: b'x' * huge)
attempt("bytes(huge)", lambda: bytes(huge))


def grow():
    items = [1, 2]
    items *= huge
    return items


attempt("list *= huge", grow)


def empty_grow():
    items = []
    items *= huge
    return items


attempt("[] *= huge", empty_grow)
try:
    s = 'x' * huge
except MemoryError:
    print('caught; the program goes on', 'ok' * 3)
