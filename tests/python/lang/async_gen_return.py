# 'return' with a value in an async generator is a SyntaxError (raised before anything runs).
print("never printed")


async def agen():
    yield 1
    return 2
