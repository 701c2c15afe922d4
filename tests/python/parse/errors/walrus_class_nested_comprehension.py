def f():
    class C:
        x = [[(j := k) for k in range(1)] for i in range(2)]
