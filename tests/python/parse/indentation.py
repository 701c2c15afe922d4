if a:
	if b:
		pass
	else:
		x = 1
if c:
        deep = 1
        if d:
                deeper = 2
# comment at column 0
    # indented comment

def f():

    x = 1   # trailing comment


    return x
if e:
  two = 2
x = [
  1,
      2,
 3]
y = 1 + \
    2 + \
        3
if f:
    pass
    # comment before dedent
z = 4
