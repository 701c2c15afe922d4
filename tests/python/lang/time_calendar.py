# The time module's calendar: struct_time, gmtime, localtime, mktime, strftime, asctime, ctime,
# with CPython's errors. Local time depends on the machine's time zone (UTC on the virtual
# clock), so it is only checked against itself.
import time

t = time.gmtime(0)
print(t)
print(type(t), type(t).__mro__, len(t), t[0], t[-1], t[0:3], list(t))
print(t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, t.tm_wday, t.tm_yday, t.tm_isdst)
print(t.tm_zone, t.tm_gmtoff, t.n_fields, t.n_sequence_fields, t.n_unnamed_fields)
print(t == (1970, 1, 1, 0, 0, 0, 3, 1, 0), hash(t) == hash(tuple(t)))
year, month, *rest = t
print(year, month, rest)

for seconds in (86400 * 400 + 3661, 951782400, -1.5, 1e9, 2**31, 4102444799.9):
    print(seconds, time.gmtime(seconds))

print(time.asctime(time.gmtime(0)), '|', time.asctime((2026, 2, 9, 13, 5, 7, 0, 40, 0)))
print(repr(time.strftime('%Y-%m-%d %H:%M:%S %a %A %b %B %j %p %I %y %w %%', time.gmtime(86400 * 400 + 3661))))
print(repr(time.strftime('%X | %x | %c', (2026, 12, 7, 9, 30, 0, 0, 341, 0))))
print(repr(time.strftime('%Y年%m月%d日', (2026, 1, 2, 0, 0, 0, 4, 2, 0))))
print(repr(time.strftime('', t)), repr(time.strftime('%H', (2026, 0, 0, 7, 0, 0, 0, 0, 0))))
print(repr(time.strftime('%d/%m', (2026, 3, 4, 0, 0, 0, 0, 0, 5))))

# Local time, against itself.
now = time.time()
local = time.localtime(now)
print(time.mktime(local) == int(now), time.localtime(int(now)) == local)
print(time.ctime(86400 * 3) == time.asctime(time.localtime(86400 * 3)))
print(type(time.localtime()).__name__, len(time.localtime()), type(time.mktime(local)).__name__)
print(time.strftime('%Y') == str(time.localtime().tm_year), type(time.ctime()).__name__)
print(abs(time.time_ns() - time.time() * 1e9) < 1e9, type(time.monotonic_ns()).__name__, type(time.perf_counter_ns()).__name__)

# A struct_time from a sequence, its extra fields as attributes.
s = time.struct_time((2026, 1, 1, 0, 0, 0, 3, 1, 0))
print(s, s.tm_zone, s.tm_gmtoff)
s = time.struct_time([2026, 1, 1, 0, 0, 0, 3, 1, 0, 'XYZ', 3600])
print(s, s.tm_zone, s.tm_gmtoff, len(s))
print(time.struct_time((1, 2, 3, 4, 5, 6, 0, 8, 9), {'tm_zone': 'Z'}).tm_zone)


def error(call):
    try:
        call()
    except Exception as e:
        print(f"{type(e).__name__}: {e}")


error(lambda: time.struct_time((1, 2)))
error(lambda: time.struct_time(range(12)))
error(lambda: time.struct_time(5))
error(lambda: time.gmtime('x'))
error(lambda: time.gmtime(1e30))
error(lambda: time.gmtime(float('nan')))
error(lambda: time.localtime('x'))
error(lambda: time.strftime('%X', (1, 2)))
error(lambda: time.strftime('%X', 5))
error(lambda: time.strftime('%X', [2026, 1, 1, 0, 0, 0, 0, 1, 0]))
error(lambda: time.strftime(5))
error(lambda: time.strftime('%X', (2026, 13, 1, 0, 0, 0, 0, 1, 0)))
error(lambda: time.strftime('%X', (2026, 1, 32, 0, 0, 0, 0, 1, 0)))
error(lambda: time.strftime('%X', (2026, 1, 1, 24, 0, 0, 0, 1, 0)))
error(lambda: time.strftime('%X', (2026, 1, 1, 0, 60, 0, 0, 1, 0)))
error(lambda: time.strftime('%X', (2026, 1, 1, 0, 0, 62, 0, 1, 0)))
error(lambda: time.strftime('%X', (2026, 1, 1, 0, 0, 0, -2, 1, 0)))
error(lambda: time.strftime('%X', (2026, 1, 1, 0, 0, 0, 0, 367, 0)))
error(lambda: time.strftime('%X', ('a', 1, 1, 0, 0, 0, 0, 1, 0)))
error(lambda: time.strftime('%X', (2026.0, 1, 1, 0, 0, 0, 0, 1, 0)))
error(lambda: time.strftime('a\0b'))
error(lambda: time.mktime((1, 2)))
error(lambda: time.mktime(5))
error(lambda: time.asctime((1, 2)))
error(lambda: time.asctime((2026, 13, 1, 0, 0, 0, 0, 1, 0)))
error(lambda: time.ctime('x'))
error(lambda: time.time_ns(1))
error(lambda: time.time(1))
error(lambda: time.strftime())
error(lambda: time.strftime('a', (), 3))
error(lambda: time.asctime(1, 2))
error(lambda: time.mktime())
error(lambda: time.gmtime(1, 2))
error(lambda: time.localtime(1, 2))
error(lambda: time.ctime(1, 2))
print(time.gmtime(None) == time.gmtime(None) or 'a second passed', time.ctime(None) == time.ctime() or 'a second passed')
