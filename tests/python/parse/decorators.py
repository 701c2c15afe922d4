@decorator
def a():
    pass


@decorator.attr
@decorator(with_args=True)
@decorators[0]
@(lambda f: f)
async def b():
    pass


@dataclass
class C:
    pass


@functools.wraps(func)
def wrapper(*args, **kwargs):
    return func(*args, **kwargs)
