# A comprehension in a class body cannot see the class's names (except in its first iterable).
class Grid:
    side_length = 3
    cells = [(r, c) for r in range(side_length) for c in range(side_length)]


print(Grid.cells)
