def f():
    x = [(yield i) for i in y]
