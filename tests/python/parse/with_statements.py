with open("f") as f:
    pass
with open("a") as a, open("b") as b:
    pass
with lock:
    pass
with (open("a") as a, open("b") as b):
    pass
with (
    open("a") as a,
    open("b") as b,
):
    pass
with (a, b):
    pass
with (a, b) as c:
    pass
with (yield):
    pass
with a as (b, c):
    pass
with a as b.c, d as e[0]:
    pass
with (lock):
    pass
