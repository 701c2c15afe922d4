# pow() and divmod() call the operand classes' __pow__/__rpow__ and __divmod__/__rdivmod__.
class N:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return "N(%r)" % (self.v,)
    def __pow__(self, other, mod=None):
        return N(("pow", self.v, other, mod))
    def __rpow__(self, other, mod=None):
        return N(("rpow", other, self.v, mod))
    def __divmod__(self, other):
        return ("divmod", self.v, other)
    def __rdivmod__(self, other):
        return ("rdivmod", other, self.v)

class Sub(N):
    def __rdivmod__(self, other):
        return ("sub rdivmod", other, self.v)

class Refuses:
    def __divmod__(self, other):
        return NotImplemented
    def __pow__(self, other, mod=None):
        return NotImplemented

class Plain:
    pass

print(pow(N(2), 3), pow(2, N(3)), pow(N(2), 3, 5))
print(N(2) ** 3, 2 ** N(3))
print(divmod(N(7), 2), divmod(7, N(2)), divmod(N(7), Sub(2)))
print(divmod(7, 2), divmod(-7.5, 2), pow(2, 10), pow(2, -1, 7))

def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)

attempt("divmod plain", lambda: divmod(Plain(), 1))
attempt("divmod rplain", lambda: divmod(1, Plain()))
attempt("divmod str", lambda: divmod("a", 1))
attempt("divmod refuses", lambda: divmod(Refuses(), 1))
attempt("pow plain", lambda: pow(Plain(), 2))
attempt("pow rplain", lambda: pow(2, Plain()))
attempt("pow refuses", lambda: pow(Refuses(), 2))
attempt("pow3 plain", lambda: pow(Plain(), 2, 3))
attempt("pow3 rpow", lambda: pow(2, N(3), 5))
attempt("pow3 str", lambda: pow("a", 2, 3))
attempt("pow3 float", lambda: pow(2.0, 2, 3))
attempt("pow3 mixed", lambda: pow(2, 2, N(3)))
attempt("divmod zero", lambda: divmod(1, 0))
divmod(Plain(), Plain())
