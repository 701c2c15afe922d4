x = [j for i in [lambda: (j := 1)]]
print(x)
