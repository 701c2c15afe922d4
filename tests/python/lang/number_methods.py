# int's and float's named methods and attributes (within 64-bit ints, as aio-python's are).
for v in [0, 1, 5, -5, 255, 1023, -(2**40), 2**62]:
    print(v, v.bit_length(), v.bit_count(), v.as_integer_ratio(), v.real, v.imag, v.numerator, v.denominator, v.conjugate())
print(True.real, True.numerator, (7).to_bytes(2, "big"), (7).to_bytes(2, "little"), (0).to_bytes(0, "big"))
print((1024).to_bytes(2, byteorder="big"), (-1).to_bytes(2, "big", signed=True), (-129).to_bytes(2, "little", signed=True))
print((255).to_bytes(), (2**62).to_bytes(10, "big"), (-2).to_bytes(10, "big", signed=True))
print(int.from_bytes(b"\x00\x10", "big"), int.from_bytes(b"\x00\x10", "little"), int.from_bytes(b"\xff\xfe", "big", signed=True))
print(int.from_bytes([1, 2, 3], "big"), int.from_bytes(b"", "big"), int.from_bytes(b"\xff" * 10, "little", signed=True))
print(int.from_bytes(b"\x00" * 12 + b"\x01", "big"), int.from_bytes(bytes=b"\x80", byteorder="big", signed=True))
for x in [0.0, -0.0, 0.5, 0.1, 1.5, -2.75, 3.0, 1e10, 123.456, 5e-324, 1.7976931348623157e308]:
    print(repr(x), x.hex(), float.fromhex(x.hex()) == x, x.is_integer(), x.real, x.imag, x.conjugate())
for x in [0.0, 0.5, 0.1, -2.75, 3.0, 1e10, 123.456]:
    print(repr(x), x.as_integer_ratio())
for s in ["0x1.8p1", "1.8p1", "-0x1p-2", "  0xA  ", "0x.8", "inf", "-Infinity", "nan", "0x1p+1023", "ff"]:
    print(repr(s), float.fromhex(s))
for bad in [
    lambda: (256).to_bytes(1, "big"),
    lambda: (-1).to_bytes(2, "big"),
    lambda: (128).to_bytes(1, "big", signed=True),
    lambda: (1).to_bytes(2, "middle"),
    lambda: (1).to_bytes(-1, "big"),
    lambda: (1).to_bytes(0, "big"),
    lambda: int.from_bytes([256], "big"),
    lambda: float("nan").as_integer_ratio(),
    lambda: float("inf").as_integer_ratio(),
    lambda: float.fromhex("0x1.8q1"),
    lambda: float.fromhex(""),
    lambda: float.fromhex("0x1p9999"),
    lambda: float.fromhex("1e5x"),
]:
    try:
        print(bad())
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__ + ":", e)
