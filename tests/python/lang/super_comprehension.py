# super() inside a comprehension: the comprehension is its own function in CPython 3.11.
class Base:
    def name(self):
        return "base"

class Child(Base):
    def name(self):
        return "child"

    def in_method(self):
        return super().name()

    def zero_arg(self):
        return [super().name() for _ in range(2)]

    def in_genexpr(self):
        return list(super().name() for _ in range(1))

    def missing(self):
        return super().missing

    def in_lambda(self):
        return (lambda: super().name())()

c = Child()
print(c.name(), c.in_method())
for label, f in (("zero_arg", c.zero_arg), ("in_genexpr", c.in_genexpr), ("in_lambda", c.in_lambda)):
    try:
        print(f())
    except Exception as e:
        print(label, type(e).__name__, e)

def no_arguments():
    return super().name()
def no_class(x):
    return super().name()
class Other:
    def inner(self):
        def nested(y):
            return super().name()
        return nested(5)
for label, f, args in (("no_arguments", no_arguments, ()), ("no_class", no_class, (1,)),
                       ("nested", Other().inner, ())):
    try:
        f(*args)
    except Exception as e:
        print(label, type(e).__name__, e)
Child().missing()
