# bytes.decode, str(bytes, encoding, errors) and str.encode: UTF-8, ASCII and Latin-1 with the
# error handlers, CPython's UnicodeDecodeError/UnicodeEncodeError messages; and ascii().

def show(f, *args):
    try:
        print(repr(f(*args)))
    except (UnicodeError, LookupError, TypeError) as e:
        print(type(e).__name__ + ':', e)

# Malformed UTF-8: each kind of error, and what every handler makes of it.
samples = [b'\xe2\x80a', b'\xe2\x80', b'a\xf0\x9f\x98', b'\xe0\x80\x80', b'\xed\xa0\x80',
           b'\xf4\x90\x80\x80', b'\xf5', b'\x80', b'\xc3(', b'\xc0\xaf', b'ok\xff\xfeend', b'\xf8\x88\x80\x80\x80']
for b in samples:
    show(b.decode)
    for handler in ['strict', 'ignore', 'replace', 'surrogateescape', 'backslashreplace', 'surrogatepass']:
        show(b.decode, 'utf-8', handler)

# Valid UTF-8 in every length; the names of the codec.
show(b'caf\xc3\xa9 \xe4\xbd\xa0\xe5\xa5\xbd \xf0\x9f\x98\x80'.decode)
for name in ['utf-8', 'UTF8', 'utf_8', 'U8', 'ascii', 'US-ASCII', 'latin-1', 'ISO-8859-1', 'latin1', 'L1']:
    show(b'abc'.decode, name)

# ASCII and Latin-1 decoding.
for b in [b'\xe9t\xe9', b'abc\x80', b'\xff\xfe']:
    show(b.decode, 'ascii')
    show(b.decode, 'ascii', 'replace')
    show(b.decode, 'ascii', 'surrogateescape')
    show(b.decode, 'latin-1')

# Keyword forms and str(bytes, ...).
show(lambda: b'\xff'.decode(errors='replace'))
show(lambda: b'\xff'.decode(encoding='latin-1'))
show(lambda: str(b'\xe9', 'latin-1'))
show(lambda: str(b'\xe9', errors='backslashreplace'))
show(lambda: str(b'\xe9', encoding='utf-8', errors='ignore'))
show(lambda: str(b'\xe9', 'utf-8'))

# Bad names and bad arguments.
show(b'x'.decode, 'gbk2')
show(b'x'.decode, 'utf-8', 'bogus')      # the handler is looked up only when an error needs it
show(b'\xff'.decode, 'utf-8', 'bogus')
show(b'\xff'.decode, 'utf-8', 'xmlcharrefreplace')
show(b'x'.decode, 1)
show(b'x'.decode, 'utf-8', 2)

# Encoding: surrogates, characters past ASCII and Latin-1, grouped errors.
for s in ['\udcf8x', 'é€', 'a\ud800b', 'a\ud800\udfffb', 'ab\u20ac\u20acc', 'naïve ☕']:
    for encoding in ['utf-8', 'ascii', 'latin-1']:
        for handler in ['strict', 'ignore', 'replace', 'backslashreplace', 'xmlcharrefreplace',
                        'surrogateescape', 'surrogatepass']:
            show(s.encode, encoding, handler)
show(lambda: 'é'.encode(errors='bogus'))
show(lambda: '\udc80'.encode(errors='bogus'))
show(lambda: 'é'.encode(encoding='latin_1'))

# Round trips: surrogateescape keeps undecodable bytes.
raw = b'name:\xff\xfe\xe9'
text = raw.decode('utf-8', 'surrogateescape')
print(repr(text), len(text), text.encode('utf-8', 'surrogateescape') == raw)

# ascii(): repr with every non-ASCII character escaped.
print(ascii('é\u2028x\U0001F600'), ascii([1, 'ü', b'\xff']), ascii(3.5), ascii('plain'))
show(ascii)

# The constructors' argument rules.
show(lambda: str('abc', 'utf-8'))
show(lambda: str(b'', 'a', 'b', 'c'))
show(lambda: str(5, 'utf-8'))
show(lambda: b''.decode('a', 'b', 'c'))
show(lambda: 'x'.encode(1))
show(lambda: 'x'.encode('utf-8', 2))
show(lambda: bytes('é', 'latin-1'))
show(lambda: bytes('€', 'latin-1'))
show(lambda: bytes('x', 'utf-8', 3))
show(lambda: bytes('x', errors='strict'))
show(lambda: bytes('\udcff', 'utf-8', 'surrogateescape'))

# Text files in each codec, with error handlers on reading and writing.
import os
path = '/tmp/aio_py_codecs.txt'
with open(path, 'w', encoding='latin-1') as f:
    print(f.write('café\n'), f.encoding)
with open(path, 'rb') as f:
    print(f.read())
with open(path, encoding='latin-1') as f:
    print(repr(f.read(3)), repr(f.readline()))
with open(path) as f:
    show(f.read)
with open(path, errors='replace') as f:
    print(repr(f.read()))
with open(path, encoding='ascii', errors='surrogateescape') as f:
    print(repr(f.readline()))
with open(path, 'w', encoding='ascii') as f:
    show(f.write, 'naïve')
with open(path, 'w', encoding='ascii', errors='xmlcharrefreplace') as f:
    print(f.write('naïve'))
with open(path, 'rb') as f:
    print(f.read())
with open(path, 'w') as f:
    show(f.write, 'lone \udc80')
show(lambda: open(path, encoding='gbk2'))
show(lambda: open(path, errors=3))
os.remove(path)
