print("start")
class C:
    x = [(y := i) for i in range(2)]
