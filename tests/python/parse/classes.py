class Empty:
    pass


class Point(Base, metaclass=Meta, **extra):
    """A point."""
    count = 0
    x: int
    y: int = 0

    def __init__(self, x, y):
        super().__init__()
        self.x, self.y = x, y
        Point.count += 1

    def __repr__(self):
        return f"Point({self.x!r}, {self.y!r})"

    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return False

    @property
    def norm(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5

    @staticmethod
    @functools.cache
    def make(*args, **kwargs) -> "Point":
        return Point(*args, **kwargs)


@dataclass(order=True)
class Job:
    priority: int
    name: str = field(compare=False)
