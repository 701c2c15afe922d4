# An uncaught error in nested calls: CPython's traceback on stderr and exit status 1.
def parse(text):
    return int(text)

def load(values):
    out = []
    for v in values:
        out.append(parse(v))
    return out

print(load(["1", "2"]))
print(load(["3", "x"]))
