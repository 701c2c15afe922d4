# object's and the builtin types' special methods as attributes: what a class's own __repr__,
# __str__, __eq__ or __hash__ reaches with super() or object.__x__(self); None's methods; NoneType();
# type(name, bases, dict).


def show(label, f):
    try:
        print(label, '->', repr(f()))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        base = object.__repr__(self)
        return 'Point(%d, %d) %s' % (self.x, self.y, base.split(' object at ')[0])

    def __str__(self):
        return 'P:' + super().__str__()

    def __eq__(self, other):
        if isinstance(other, Point):
            return (self.x, self.y) == (other.x, other.y)
        return super().__eq__(other)

    def __hash__(self):
        return hash((self.x, self.y)) if self.x else super().__hash__() % 1


p, q = Point(1, 2), Point(1, 2)
show('repr', lambda: repr(p))
show('str', lambda: str(p))
show('format', lambda: format(p))
show('f-string', lambda: f'{p}')
show('eq', lambda: p == q)
show('eq other', lambda: p == 5)
show('ne other', lambda: p != 5)
show('super eq', lambda: Point.__eq__(p, 5))
show('object.__ne__', lambda: object.__ne__(p, q))
show('object.__eq__ self', lambda: object.__eq__(p, p))
show('hash', lambda: hash(p) == hash((1, 2)))
show('hash zero', lambda: hash(Point(0, 0)))
show('object.__hash__', lambda: object.__hash__(p) == object.__hash__(p))
show('object.__str__', lambda: object.__str__(p))
show('format spec', lambda: format(p, '>10'))
show('object.__format__ int', lambda: object.__format__(p, 1))


class Failure(Exception):
    def __str__(self):
        return 'failure: ' + super().__str__()

    def __repr__(self):
        return 'F' + super().__repr__()


show('exception str', lambda: str(Failure('disk', 3)))
show('exception repr', lambda: repr(Failure('disk')))
show('exception one arg', lambda: str(Failure('disk')))


class Money(int):
    def __repr__(self):
        return super().__repr__() + ' yuan'

    def __str__(self):
        return '$' + super().__str__()


class Tags(list):
    def __repr__(self):
        return 'Tags' + super().__repr__()

    def __eq__(self, other):
        return super().__eq__(other)


class Name(str):
    def __str__(self):
        return 'name ' + super().__str__()

    def __hash__(self):
        return super().__hash__()


show('int subclass', lambda: (repr(Money(5)), str(Money(5))))
show('list subclass', lambda: repr(Tags([1, 2])))
show('list subclass eq', lambda: (Tags([1]) == [1], Tags([1]) == (1,), Tags([1]) != [2]))
show('str subclass', lambda: (str(Name('li')), hash(Name('li')) == hash('li')))

show('int', lambda: ((7).__repr__(), (7).__hash__(), (0).__bool__(), (3.5).__bool__(), (2.5).__hash__() == hash(2.5)))
show('str', lambda: ('a'.__repr__(), 'a'.__str__(), 'a'.__eq__('a'), 'a'.__eq__(1), 'a'.__ne__('b')))
show('containers', lambda: ([1].__repr__(), [1].__eq__([1]), [1].__eq__((1,)), (1,).__eq__((1,)), {1: 2}.__eq__({1: 2})))
show('sets', lambda: ({1}.__eq__(frozenset({1})), frozenset().__hash__() == hash(frozenset())))
show('unhashable', lambda: ([].__hash__, {}.__hash__, set().__hash__))
show('tuple hash', lambda: (1, 2).__hash__() == hash((1, 2)))
show('bytes', lambda: (b'x'.__repr__(), b'x'.__eq__(b'x')))
show('range', lambda: range(3).__eq__(range(0, 3)))
show('wrong self', lambda: int.__repr__('x'))
show('wrong self str', lambda: str.__eq__(1, 1))
show('extra argument', lambda: (5).__repr__(1))

show('None()', lambda: type(None)())
show('None(1)', lambda: type(None)(1))
show('None methods', lambda: (None.__eq__(None), None.__ne__(1), None.__bool__(), None.__repr__(), None.__str__()))
show('None hash', lambda: None.__hash__() == hash(None))
show('None format', lambda: None.__format__(''))
show('NoneType bool', lambda: type(None).__bool__(None))
show('object()', lambda: (object().__eq__(1), object().__ne__(1), object().__repr__()[:8], object().__str__()[:8]))

Animal = type('Animal', (), {'legs': 4, 'speak': lambda self: 'I have %d legs' % self.legs})
Bird = type('Bird', (Animal,), {'legs': 2})
show('type() class', lambda: (Animal, Animal.__name__, Animal().speak(), Bird().speak(), isinstance(Bird(), Animal)))
show('type() mro', lambda: Bird.__mro__)
show('type() repr', lambda: repr(Bird())[:17])
show('type() arg 1', lambda: type(1, (), {}))
show('type() arg 2', lambda: type('X', [], {}))
show('type() arg 3', lambda: type('X', (), []))
show('type() bases', lambda: type('X', (1,), {}))
show('type() layout', lambda: type('X', (int, str), {}))
show('type() count', lambda: type('X', ()))
show('format no argument', lambda: object().__format__())
show('eq no argument', lambda: (5).__eq__())
show('repr of None, extra', lambda: None.__repr__(1))


class Key:
    def __init__(self, h):
        self.h = h

    def __hash__(self):
        return self.h

    def __eq__(self, other):
        return self is other


show('hash as returned', lambda: (hash(Key(2**40)), hash(Key(-1)), hash(Key(True)), hash(Key(2**62 + 5))))
show('hash not int', lambda: hash(Key('x')))
show('number slots', lambda: (5).__add__())
show('number slots 2', lambda: (5.0).__lt__(1, 2))


# `...`: a stub's body, an index, the Ellipsis singleton
def stub(): ...


class Fetcher:
    async def fetch(self, url): ...


show('ellipsis', lambda: (stub(), ..., Ellipsis, type(...), ... is Ellipsis, str(...), [1, ...], ... == ..., bool(...)))
show('ellipsis key', lambda: ({...: 1}[...], f'{...}', hash(...) == hash(Ellipsis)))
