// heapq for aio's Python, written in Python: a binary min-heap kept in a list (the priority
// queues of scheduling examples). CPython's is C, so the module is frames_hidden.

namespace aio::py {

extern const char* const heapq_source;

const char* const heapq_source = R"py("""heapq: heap queue algorithm on a list (aio's Python)."""

__all__ = ["heappush", "heappop", "heapify", "heapreplace", "merge", "nlargest", "nsmallest", "heappushpop"]


def _need_list(heap, what):
    if not isinstance(heap, list):
        raise TypeError(f"{what} must be list, not {type(heap).__name__}")


def _sift_up(heap, pos, top=0):
    # The item at pos moves up (no higher than top) while it is smaller than its parent.
    item = heap[pos]
    while pos > top:
        parent = (pos - 1) >> 1
        if not item < heap[parent]:
            break
        heap[pos] = heap[parent]
        pos = parent
    heap[pos] = item


def _sift_down(heap, pos):
    # Bottom-up, as CPython's (so the lists are laid out as CPython's): the hole at pos goes down
    # to a leaf along the smaller children (the right one on a tie), then its item moves back up.
    end = len(heap)
    top = pos
    item = heap[pos]
    child = 2 * pos + 1
    while child < end:
        if child + 1 < end and not heap[child] < heap[child + 1]:
            child += 1
        heap[pos] = heap[child]
        pos = child
        child = 2 * pos + 1
    heap[pos] = item
    _sift_up(heap, pos, top)


def heappush(heap, item):
    """Pushes item onto heap, keeping it a heap."""
    _need_list(heap, "heappush() argument 1")
    heap.append(item)
    _sift_up(heap, len(heap) - 1)


def heappop(heap):
    """Pops and returns the smallest item."""
    _need_list(heap, "heappop() argument")
    if not heap:
        raise IndexError("index out of range")
    last = heap.pop()
    if not heap:
        return last
    smallest, heap[0] = heap[0], last
    _sift_down(heap, 0)
    return smallest


def heapreplace(heap, item):
    """Pops the smallest item, then pushes item (the heap must not be empty)."""
    _need_list(heap, "heapreplace() argument 1")
    if not heap:
        raise IndexError("index out of range")
    smallest, heap[0] = heap[0], item
    _sift_down(heap, 0)
    return smallest


def heappushpop(heap, item):
    """Pushes item, then pops and returns the smallest, in one step."""
    _need_list(heap, "heappushpop() argument 1")
    if heap and heap[0] < item:
        item, heap[0] = heap[0], item
        _sift_down(heap, 0)
    return item


def heapify(x):
    """Makes the list x a heap, in place."""
    _need_list(x, "heapify() argument")
    for pos in range(len(x) // 2 - 1, -1, -1):
        _sift_down(x, pos)


def merge(*iterables, key=None, reverse=False):
    """Merges sorted inputs into one sorted iterator, lazily."""
    heads = []
    for order, iterable in enumerate(iterables):
        it = iter(iterable)
        for value in it:
            heads.append([value, order, it])
            break
    while heads:
        # The first input holding the smallest (largest, reversed) head: equal items keep
        # their inputs' order.
        best = 0
        for i in range(1, len(heads)):
            a = heads[i][0] if key is None else key(heads[i][0])
            b = heads[best][0] if key is None else key(heads[best][0])
            if (b < a) if reverse else (a < b):
                best = i
        head = heads[best]
        yield head[0]
        for value in head[2]:
            head[0] = value
            break
        else:
            del heads[best]


def nlargest(n, iterable, key=None):
    """The n largest items, largest first: sorted(iterable, key=key, reverse=True)[:n]."""
    return sorted(iterable, key=key, reverse=True)[:n] if n > 0 else []


def nsmallest(n, iterable, key=None):
    """The n smallest items, smallest first: sorted(iterable, key=key)[:n]."""
    return sorted(iterable, key=key)[:n] if n > 0 else []
)py";

}  // namespace aio::py
