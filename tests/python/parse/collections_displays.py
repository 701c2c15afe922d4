empty_list = []
empty_tuple = ()
empty_dict = {}
single = (1,)
tup = 1, 2, 3
tup2 = (1, 2, 3,)
lst = [1, "two", 3.0, None, True, False, ...]
st = {1, 2, 3}
dct = {"a": 1, "b": 2, **other, "c": 3}
merged = {**a, **b}
star_list = [*a, *b, c]
star_set = {*a, 1}
star_tuple = (*a, *b)
nested = {"key": [1, (2, 3), {4: 5}]}
trailing = [
    1,
    2,
]
