def f(
    a, b
