a = 'single'
b = "double"
c = '''triple single'''
d = """triple double
spanning lines"""
e = "it's"
f = 'say "hi"'
g = 'both \' and "'
h = "escapes: \n \t \\ \' \" \r \a \b \f \v \0 \x41 \101 \u00e9 \U0001F600"
i = r"raw \n \d"
j = R'raw'
k = b"bytes \x00\xff \n"
l = rb"raw bytes \n"
m = Br'raw bytes'
n = u"unicode prefix"
o = "implicit" " concatenation" ' across' """ kinds"""
p = ("parenthesized "
     "continuation")
q = "line \
continuation inside a string"
r = "中文字符串"
s = "\u4e2d\u6587"
t = "\x7f \x80 \xa0 \xad \u2028 \u200b \ufeff"
u = b"'" b'"' b"'\""
v = "unknown \d escape"
w = ''
x = b''
y = "tab\there"
