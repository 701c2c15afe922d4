async def f():
    x = [i for i in range(3)]
class C:
    yield 1
