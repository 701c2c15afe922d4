// itertools for aio's Python, written in Python: each tool is a class (so `type(x)` and reprs
// name itertools.chain, ...) over a generator, lazy as CPython's, taking its inputs when CPython
// does (product, permutations and combinations read theirs whole at once). No generator refers
// to its tool object (static _run methods, shared state objects): the front-end frees by
// reference counting, so a tool <-> generator cycle would never be freed.

namespace aio::py {

extern const char* const itertools_source;

const char* const itertools_source = R"py("""itertools: iterator building blocks (aio's Python)."""

__all__ = ["accumulate", "chain", "combinations", "combinations_with_replacement", "compress", "count",
           "cycle", "dropwhile", "filterfalse", "groupby", "islice", "pairwise", "permutations", "product",
           "repeat", "starmap", "takewhile", "tee", "zip_longest"]


class _Tool:
    def __iter__(self):
        return self

    def __next__(self):
        return next(self._gen)


class count(_Tool):
    """count(start=0, step=1): start, start + step, ... without end."""

    def __init__(self, start=0, step=1):
        self._next, self._step = start, step

    def __next__(self):
        value = self._next
        self._next = value + self._step
        return value

    def __repr__(self):
        if type(self._step) is int and self._step == 1:
            return f"count({self._next!r})"
        return f"count({self._next!r}, {self._step!r})"


class cycle(_Tool):
    """cycle(iterable): its items again and again (saved on the first pass)."""

    def __init__(self, iterable):
        self._gen = self._run(iter(iterable))

    @staticmethod
    def _run(it):
        saved = []
        for item in it:
            yield item
            saved.append(item)
        while saved:
            yield from saved


class repeat(_Tool):
    """repeat(object[, times]): object, times times or without end."""

    def __init__(self, object, times=None):
        self._object, self._times = object, times

    def __next__(self):
        if self._times is not None:
            if self._times <= 0:
                raise StopIteration
            self._times -= 1
        return self._object

    def __repr__(self):
        if self._times is None:
            return f"repeat({self._object!r})"
        return f"repeat({self._object!r}, {max(self._times, 0)})"


class accumulate(_Tool):
    """accumulate(iterable, func=operator.add, *, initial=None): running totals (or func's)."""

    def __init__(self, iterable, func=None, *, initial=None):
        self._gen = self._run(iter(iterable), func, initial)

    @staticmethod
    def _run(it, func, total):
        if total is None:
            try:
                total = next(it)
            except StopIteration:
                return
        yield total
        for item in it:
            total = total + item if func is None else func(total, item)
            yield total


class chain(_Tool):
    """chain(*iterables): the items of each in turn."""

    def __init__(self, *iterables):
        self._gen = self._run(iterables)

    @staticmethod
    def _run(iterables):
        for iterable in iterables:
            yield from iterable

    @classmethod
    def from_iterable(cls, iterables):
        """chain.from_iterable(iterables): chain over an iterable of iterables, taken lazily."""
        self = cls()
        self._gen = cls._run(iterables)
        return self


class compress(_Tool):
    """compress(data, selectors): the items of data whose selector is true."""

    def __init__(self, data, selectors):
        self._gen = (d for d, s in zip(data, selectors) if s)


class dropwhile(_Tool):
    """dropwhile(predicate, iterable): the items from the first for which predicate is false."""

    def __init__(self, predicate, iterable):
        self._gen = self._run(predicate, iter(iterable))

    @staticmethod
    def _run(predicate, it):
        for item in it:
            if not predicate(item):
                yield item
                break
        yield from it


class takewhile(_Tool):
    """takewhile(predicate, iterable): the items while predicate is true."""

    def __init__(self, predicate, iterable):
        self._gen = self._run(predicate, iterable)

    @staticmethod
    def _run(predicate, iterable):
        for item in iterable:
            if not predicate(item):
                return
            yield item


class filterfalse(_Tool):
    """filterfalse(function or None, iterable): the items for which function is false."""

    def __init__(self, function, iterable):
        if function is None:
            function = bool
        self._gen = (item for item in iterable if not function(item))


class starmap(_Tool):
    """starmap(function, iterable): function(*args) for each args."""

    def __init__(self, function, iterable):
        self._gen = (function(*args) for args in iterable)


def _as_index(value):
    """value as an int (an int, or what has __index__), or -1."""
    if isinstance(value, int):
        return int(value)
    try:
        return value.__index__()
    except AttributeError:
        return -1


def _index(value, what):
    if value is None:
        return None
    index = _as_index(value)
    if index < 0:
        raise ValueError(what + " for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
    return index


class islice(_Tool):
    """islice(iterable, stop) or islice(iterable, start, stop[, step]): like a slice, lazily."""

    def __init__(self, iterable, *args):
        if not 1 <= len(args) <= 3:
            raise TypeError(f"islice expected at most 4 arguments, got {len(args) + 1}" if args
                            else "islice expected at least 2 arguments, got 1")
        start, stop, step = (None, args[0], None) if len(args) == 1 else (args + (None,))[:3]
        stop = _index(stop, "Stop argument")
        start = _index(start, "Indices") or 0
        if step is not None:
            step = _as_index(step)
            if step < 1:
                raise ValueError("Step for islice() must be a positive integer or None.")
        self._gen = self._run(iter(iterable), start, stop, step or 1)

    @staticmethod
    def _run(it, start, stop, step):
        # As CPython's: skip to the wanted position, end there at stop (so the items up to stop
        # are read), else take one.
        end = object()
        count, wanted = 0, start
        while True:
            while count < wanted:
                if next(it, end) is end:
                    return
                count += 1
            if stop is not None and count >= stop:
                return
            item = next(it, end)
            if item is end:
                return
            count += 1
            yield item
            wanted += step
            if stop is not None and wanted > stop:
                wanted = stop


class pairwise(_Tool):
    """pairwise(iterable): (s0, s1), (s1, s2), ..."""

    def __init__(self, iterable):
        self._gen = self._run(iter(iterable))

    @staticmethod
    def _run(it):
        try:
            previous = next(it)
        except StopIteration:
            return
        for item in it:
            yield previous, item
            previous = item


class zip_longest(_Tool):
    """zip_longest(*iterables, fillvalue=None): zip to the longest, the others filled in."""

    def __init__(self, *iterables, fillvalue=None):
        self._gen = self._run([iter(it) for it in iterables], fillvalue)

    @staticmethod
    def _run(iterators, fillvalue):
        if not iterators:
            return
        active = len(iterators)
        while True:
            values = []
            for i, it in enumerate(iterators):
                try:
                    values.append(next(it))
                except StopIteration:
                    active -= 1
                    if not active:
                        return
                    iterators[i] = repeat(fillvalue)
                    values.append(fillvalue)
            yield tuple(values)


class _GroupbyState:
    # What groupby's generator and its groups' generators share (none refers to the groupby).
    def __init__(self, it, keyfunc):
        self.it, self.keyfunc = it, keyfunc
        self.done = False
        self.token = None  # the current group's; an older group's generator ends on seeing another
        self.value = self.key = None

    def advance(self):
        try:
            self.value = next(self.it)
        except StopIteration:
            self.done = True
            return
        self.key = self.value if self.keyfunc is None else self.keyfunc(self.value)


class groupby(_Tool):
    """groupby(iterable, key=None): (key, group) for each run of items with equal keys; moving
    on to the next run ends the previous group's iterator."""

    def __init__(self, iterable, key=None):
        self._gen = self._run(_GroupbyState(iter(iterable), key))

    @staticmethod
    def _run(state):
        state.advance()
        while not state.done:
            key = state.key
            state.token = token = object()
            yield key, groupby._grouper(state, token, key)
            # Skip what the caller left of this run.
            while not state.done and state.token is token and state.key == key:
                state.advance()

    @staticmethod
    def _grouper(state, token, key):
        while state.token is token and not state.done:
            yield state.value
            if state.token is not token:
                return
            state.advance()
            if state.done or not state.key == key:
                state.token = None  # this run is over: the outer iterator need not skip
                return


class product(_Tool):
    """product(*iterables, repeat=1): the cartesian product, as nested for loops."""

    def __init__(self, *iterables, repeat=1):
        if repeat < 0:
            raise ValueError("repeat argument cannot be negative")
        self._gen = self._run([tuple(pool) for pool in iterables] * repeat)

    @staticmethod
    def _run(pools):
        if any(not pool for pool in pools):
            return
        indices = [0] * len(pools)
        while True:
            yield tuple(pool[i] for pool, i in zip(pools, indices))
            for k in range(len(pools) - 1, -1, -1):
                indices[k] += 1
                if indices[k] < len(pools[k]):
                    break
                indices[k] = 0
            else:
                return


def _check_r(r):
    if r < 0:
        raise ValueError("r must be non-negative")
    return r


class permutations(_Tool):
    """permutations(iterable, r=None): the r-length orderings, in lexicographic order of positions."""

    def __init__(self, iterable, r=None):
        pool = tuple(iterable)
        self._gen = self._run(pool, len(pool) if r is None else _check_r(r))

    @classmethod
    def _run(cls, pool, r):
        if r > len(pool):
            return
        yield from cls._arrangements(pool, list(range(len(pool))), r)

    @classmethod
    def _arrangements(cls, pool, left, r):
        if r == 0:
            yield ()
            return
        for n, i in enumerate(left):
            for rest in cls._arrangements(pool, left[:n] + left[n + 1:], r - 1):
                yield (pool[i],) + rest


def _subsequences(pool, r, first, reuse):
    # The r-length subsequences of pool[first:] in order; with reuse, an item may repeat.
    if r == 0:
        yield ()
        return
    for i in range(first, len(pool) if reuse else len(pool) - r + 1):
        for rest in _subsequences(pool, r - 1, i if reuse else i + 1, reuse):
            yield (pool[i],) + rest


class combinations(_Tool):
    """combinations(iterable, r): the r-length subsequences, in order."""

    def __init__(self, iterable, r):
        self._gen = _subsequences(tuple(iterable), _check_r(r), 0, False)


class combinations_with_replacement(_Tool):
    """combinations_with_replacement(iterable, r): r-length subsequences, items repeatable."""

    def __init__(self, iterable, r):
        self._gen = _subsequences(tuple(iterable), _check_r(r), 0, True)


class _tee(_Tool):
    def __init__(self, it, link):
        self._it, self._link = it, link  # link: [value, next link], filled by whichever copy reads first

    def __next__(self):
        link = self._link
        if link[1] is None:
            link[0] = next(self._it)
            link[1] = [None, None]
        self._link = link[1]
        return link[0]

    def __copy__(self):
        return _tee(self._it, self._link)


def tee(iterable, n=2):
    """tee(iterable, n=2): n independent iterators over the same items."""
    if n < 0:
        raise ValueError("n must be >= 0")
    it = iter(iterable)
    link = [None, None]
    return tuple(_tee(it, link) for _ in range(n))
)py";

}  // namespace aio::py
