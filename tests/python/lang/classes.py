# Classes: __init__, methods, class attributes, inheritance, super(), protocols
# (__repr__, __str__, __eq__, __lt__, __len__, __iter__/__next__, __getitem__, __contains__, __call__).
class Animal:
    kind = "animal"
    count = 0

    def __init__(self, name):
        self.name = name
        Animal.count += 1

    def speak(self):
        return f"{self.name} makes a sound"

    def __repr__(self):
        return f"Animal({self.name!r})"


class Dog(Animal):
    kind = "dog"

    def speak(self):
        return super().speak() + " (woof)"

    def __str__(self):
        return "Dog " + self.name


a, d = Animal("generic"), Dog("rex")
print(a.speak(), "|", d.speak())
print(repr(a), str(d), [a, d], Animal.count, d.kind, a.kind)
print(isinstance(d, Animal), isinstance(a, Dog), type(d).__name__)


class Item:
    def __init__(self, priority, label):
        self.priority, self.label = priority, label

    def __lt__(self, other):
        return self.priority < other.priority

    def __eq__(self, other):
        return self.priority == other.priority

    def __repr__(self):
        return f"Item({self.priority}, {self.label!r})"


items = [Item(3, "c"), Item(1, "a"), Item(2, "b")]
print(sorted(items), Item(1, "x") == Item(1, "y"), Item(1, "x") < Item(0, "z"))


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1

    def __len__(self):
        return self.n


class Box:
    def __init__(self, *things):
        self.things = list(things)

    def __getitem__(self, i):
        return self.things[i]

    def __contains__(self, x):
        return x in self.things

    def __call__(self, extra):
        return len(self.things) + extra


print(list(Countdown(3)), len(Countdown(5)), bool(Countdown(0)))
b = Box("x", "y")
print(b[1], "x" in b, "z" in b, b(10))
try:
    Animal()
except TypeError as e:
    print("TypeError:", e)
try:
    d.fly()
except AttributeError as e:
    print("AttributeError:", e)
