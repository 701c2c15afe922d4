# The builtin containers' dunders as methods, bound and unbound; unbound builtin methods check
# their self; a set is looked up as a frozenset key; index errors name their type.


def attempt(label, f, *args):
    try:
        print(label, repr(f(*args)))
    except Exception as e:
        print(label, type(e).__name__, e)


print("--- str, tuple, bytes, set, frozenset dunders")
for v in ['abc', (1, 2, 3), {1, 2}, frozenset({1}), b'xyz']:
    name = type(v).__name__
    probe = 'b' if name == 'str' else 1
    print(name, v.__len__(), v.__contains__(probe))
    attempt('  __len__(1)', v.__len__, 1)
    attempt('  __contains__()', v.__contains__)
    if hasattr(v, '__getitem__'):
        attempt('  __getitem__()', v.__getitem__)
        attempt('  __getitem__(0, 1)', v.__getitem__, 0, 1)
        attempt('  __getitem__(0)', v.__getitem__, 0)
        attempt('  __getitem__(-1)', v.__getitem__, -1)
        attempt('  __getitem__(1:)', v.__getitem__, slice(1, None))
        attempt('  __getitem__(9)', v.__getitem__, 9)
        attempt('  __getitem__(x)', v.__getitem__, 'x')
    else:
        print('  no __getitem__', name)
attempt('str contains int', 'a'.__contains__, 1)
attempt('bytes contains 300', b'a'.__contains__, 300)
attempt('set contains list', {1}.__contains__, [])
attempt('str index float', 'abc'.__getitem__, 1.0)
attempt('b"" index', b''.__getitem__, 0)
attempt('range index', range(3).__getitem__ if hasattr(range, '__getitem__') else (lambda i: range(3)[i]), 7)
attempt('tuple index', (lambda i: ()[i]), 0)
attempt('list index', (lambda i: [][i]), 0)

print("--- overriding subclasses reach the builtin through super()")


class S(str):
    def __getitem__(self, i):
        return 'S' + super().__getitem__(i)

    def __len__(self):
        return super().__len__() + 100


s = S('hey')
print(s[0], len(s), s.__len__(), str.__len__(s), s[1:])


class T(tuple):
    def __contains__(self, x):
        return super().__contains__(x) or x == 'any'


print('any' in T((1,)), 1 in T((1,)), 2 in T((1,)))


class FS(frozenset):
    def __len__(self):
        return super().__len__() * 10


print(len(FS({1, 2})), FS({3}).__contains__(3))
print(str.__len__('ab'), tuple.__getitem__((5,), 0), set.__contains__({3}, 3), bytes.__len__(b'12'))

print("--- a set as a key is its frozenset")
print(set() in {frozenset()}, {1} in {frozenset({1})}, set() in frozenset(), {2} in [frozenset({2})])
print(frozenset([frozenset()]).__contains__(set()))
s2 = {frozenset({2}), 3}
s2.discard({2})
print(s2)
s2 = {frozenset({2})}
s2.remove({2})
print(s2)
attempt('remove missing set', {1}.remove, {5})
attempt('dict key set', {}.get, set())

print("--- unbound builtin methods check their self")
for label, f, args in [
    ('list.append tuple', list.append, ((1,), 2)),
    ('str.upper int', str.upper, (1,)),
    ('list.__len__ tuple', list.__len__, ((1,),)),
    ('dict.__getitem__ list', dict.__getitem__, ([], 1)),
    ('list.__getitem__ float', list.__getitem__, (1.5, 0)),
    ('set.__contains__ float', set.__contains__, (1.5, 1)),
    ('str.__len__ tuple', str.__len__, ((1,),)),
    ('str.__getitem__ bytes', str.__getitem__, (b'a', 0)),
    ('dict.keys str', dict.keys, ('k',)),
    ('list.append no self', list.append, ()),
    ('str.upper no self', str.upper, ()),
    ('list.__len__ no self', list.__len__, ()),
    ('list.__getitem__ no self', list.__getitem__, ()),
    ('set.add frozenset', set.add, (frozenset(), 1)),
    ('frozenset.__contains__ set', frozenset.__contains__, ({1}, 1)),
]:
    attempt(label, f, *args)
print(str.upper('abc'), list.__len__([1, 2]), dict.get({'a': 1}, 'a'), int.__add__(True, 2), str.join('-', 'ab'))


class L(list):
    pass


class X(set):
    pass


print(list.append(L(), 1), list.__len__(L([1, 2, 3])), set.__contains__(X({4}), 4), X({4}).__contains__({4}))
print(str.__new__(S, 'x'), int.__new__(int, 5))
attempt('str.__new__ int', str.__new__, int)

print("--- object() as a sentinel")
MISSING = object()
print(type(MISSING).__name__, MISSING is MISSING, MISSING == object(), isinstance(MISSING, object))
print({'k': 1}.get('x', MISSING) is MISSING, repr(MISSING).startswith('<object object at 0x'))
attempt('object(1)', object, 1)
attempt('object(x=1)', lambda: object(x=1))
attempt('setattr', setattr, MISSING, 'x', 1)
