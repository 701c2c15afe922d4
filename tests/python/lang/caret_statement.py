# No underline when the failing expression is the whole line; binary operations still get ~ and ^.
values = [1, 2]
print(len(values))
values[0] + values[1] * None
