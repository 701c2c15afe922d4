# Under `from __future__ import annotations` an annotation is its expression written back as
# CPython's compiler writes it: spacing, parentheses by precedence, constants by repr.
from __future__ import annotations


class C:
    v0: a
    v1: a.b
    v2: a[b]
    v3: a[b, c]
    v4: a[(b, c)]
    v5: a[()]
    v6: a[b,]
    v7: a[1:2]
    v8: a[:]
    v9: a[::2]
    v10: a[1:2, 3]
    v11: f()
    v12: f(a)
    v13: f(a, b=1)
    v14: f(*a, **b)
    v15: f(x for x in y)
    v16: f((x for x in y), 1)
    v17: [x for x in y if z]
    v18: {x: y for x, y in z}
    v19: {x for x in y}
    v20: (x async for x in y)
    v21: a + b * c
    v22: (a + b) * c
    v23: a - (b - c)
    v24: a - b - c
    v25: a ** b ** c
    v26: (a ** b) ** c
    v27: -a ** b
    v28: (-a) ** b
    v29: not a
    v30: not (a and b)
    v31: a and b or c
    v32: a and (b or c)
    v33: a if b else c
    v34: (a if b else c) if d else e
    v35: a if (b if c else d) else e
    v36: lambda: 0
    w1: lambda *x: 1
    w2: lambda **k: 1
    v37: lambda a, /, b, *c, d=1, **e: a
    v38: lambda *, a: a
    v39: lambda a=1, b=2: a
    v40: a < b < c
    v41: a is not b
    v42: a not in b
    v43: (a < b) < c
    v44: a | b & c ^ d
    v45: (a | b) & c
    v46: a << b >> c
    v47: ~a
    v48: +a
    v49: -(-a)
    v50: - -a
    v51: a @ b
    v52: a // b % c
    v53: {}
    v54: {1: 2, **a}
    v55: {*a, b}
    v56: []
    v57: [1, *a]
    v58: ()
    v59: (1,)
    v60: (1, 2)
    v61: 1 .real
    v62: 1.5 .real
    v63: 'a' 'b'
    v64: u'x'
    v65: b'\x00'
    v66: 1e10
    v67: 1e400
    v68: 0.1
    v69: 3j
    v70: 1.5j
    v71: 0x10
    v72: 1_000
    v73: True
    v74: None
    v75: ...
    v76: a[...]
    v77: a.b.c(d)[e].f
    v80: f(a)(b)
    v81: (a, b)[0]
    v82: a[b][c]
    v83: -1
    v84: (-1).real
    v85: '"'
    v86: "'"
    v87: '\n'
    v88: list[int] | None
    v89: dict[str, list[tuple[int, ...]]]
    v90: Callable[..., T]
    v91: x if y else lambda: z
    v92: (lambda: x)()
    v93: a.b[c:d:e]
    v94: [a, b][0]
    v95: not not a
    v96: a == b != c
    v98: f(a=(b, c))
    v99: f(*(a, b))
    v100: a[b:c, d:e]
    v101: a[-1:]
    v102: {**a, **b}
    v103: {'a': 1}['a']


for k, v in C.__annotations__.items():
    print(k, v)
