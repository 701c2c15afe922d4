# Sizes no machine has: an empty sequence repeated any number of times is empty at once; a
# non-empty one, bytes(n), padding and the like raise MemoryError, which a program can catch and
# go on; widths and precisions past what CPython parses are its ValueError.


def attempt(label, f):
    try:
        r = f()
        print(label, repr(r)[:40], len(r))
    except MemoryError as e:
        print(label, 'MemoryError', repr(e), e.args)
    except (ValueError, OverflowError) as e:
        print(label, type(e).__name__, e)


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
attempt("ljust", lambda: 'ab'.ljust(huge))
attempt("center", lambda: 'ab'.center(huge, '*'))
attempt("rjust", lambda: 'ab'.rjust(huge))
attempt("zfill", lambda: '-1'.zfill(huge))
attempt("expandtabs", lambda: 'a\tb'.expandtabs(huge))
attempt("format width 10**12", lambda: format(3, '>1000000000000'))
attempt("format width 10**20", lambda: format('x', '>100000000000000000000'))
attempt("f-string width", lambda: f'{2.5:>{huge}}')
attempt("format precision 3*10**9", lambda: format(2.5, '.3000000000f'))
attempt("%d width 10**12", lambda: '%1000000000000d' % 3)
attempt("%d width 10**20", lambda: '%100000000000000000000d' % 3)
attempt("%d precision 10**20", lambda: '%.100000000000000000000d' % 3)
attempt("%f precision 3*10**9", lambda: '%.3000000000f' % 3)
attempt("%*s", lambda: '%*s' % (huge, 'x'))
attempt("%-*s", lambda: '%-*s' % (-huge, 'x'))
try:
    s = 'x' * huge
except MemoryError:
    print('caught; the program goes on', 'ok' * 3)
print(repr('%*s|' % (-4, 'x')), repr('%-*d|' % (-3, 7)), repr('%*d|' % (3, 7)))
