#!/usr/bin/env python3
"""What each part of a wasm module costs: its code bytes by source file, library and kind.

    tools/wasm_size.py MODULE.wasm OBJECT_OR_ARCHIVE... [--top N] [--functions N] [--json OUT]

MODULE.wasm must carry function names (link with --profiling-funcs; `./tools/bench --sizes`
builds build/wasm-size that way and runs this). Each function of the module's code section is
given to the object file that defines its symbol (`llvm-nm` over the objects and archives the
module was linked from); a name defined in several objects (an inline function, a template
instance, same-named local functions) goes to its library as "several files", and one found in
none to the system library its name says (libc++, libc++abi, Embind, libc). Sizes are after
Binaryen's optimisation, as downloaded; "gzip" is the part's bytes compressed on their own
(gzip -9), so the parts sum to a little more than the whole module's gzip.
"""
import argparse
import collections
import gzip
import json
import os
import re
import subprocess
import sys


def leb(buf, pos):
    """Reads an unsigned LEB128 at pos; returns (value, next position)."""
    value = shift = 0
    while True:
        byte = buf[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, pos


def sections(buf):
    if buf[:4] != b"\0asm":
        sys.exit("not a wasm module (no \\0asm magic)")
    pos = 8
    while pos < len(buf):
        sid, pos = leb(buf, pos)
        size, pos = leb(buf, pos)
        yield sid, buf[pos:pos + size]
        pos += size


def imported_functions(payload):
    count, pos = leb(payload, 0)
    functions = 0
    for _ in range(count):
        for _ in range(2):  # module and field names
            n, pos = leb(payload, pos)
            pos += n
        kind = payload[pos]
        pos += 1
        if kind == 0:  # function: type index
            functions += 1
            _, pos = leb(payload, pos)
        elif kind == 1:  # table: reftype, limits
            pos += 1
            flags, pos = leb(payload, pos)
            _, pos = leb(payload, pos)
            if flags & 1:
                _, pos = leb(payload, pos)
        elif kind == 2:  # memory: limits
            flags, pos = leb(payload, pos)
            _, pos = leb(payload, pos)
            if flags & 1:
                _, pos = leb(payload, pos)
        elif kind == 3:  # global: valtype, mutability
            pos += 2
        elif kind == 4:  # tag: attribute, type index
            pos += 1
            _, pos = leb(payload, pos)
        else:
            sys.exit(f"unknown import kind {kind}")
    return functions


def function_names(payload):
    n, pos = leb(payload, 0)
    if payload[pos:pos + n] != b"name":
        return None
    pos += n
    while pos < len(payload):
        sub, pos = leb(payload, pos)
        size, pos = leb(payload, pos)
        end = pos + size
        if sub == 1:
            names = {}
            count, pos = leb(payload, pos)
            for _ in range(count):
                index, pos = leb(payload, pos)
                length, pos = leb(payload, pos)
                names[index] = payload[pos:pos + length].decode("utf-8", "replace")
                pos += length
            return names
        pos = end
    return None


def read_module(path):
    """Returns ([(name, body bytes)], data bytes) of the module's own functions."""
    buf = open(path, "rb").read()
    imports, bodies, data, names = 0, [], b"", None
    for sid, payload in sections(buf):
        if sid == 2:
            imports = imported_functions(payload)
        elif sid == 10:
            count, pos = leb(payload, 0)
            for _ in range(count):
                size, pos = leb(payload, pos)
                bodies.append(payload[pos:pos + size])
                pos += size
        elif sid == 11:
            data = payload
        elif sid == 0 and names is None:
            names = function_names(payload)
    if not names:
        sys.exit(f"{path} has no function names: link it with --profiling-funcs")
    return [(names.get(imports + i, f"func[{imports + i}]"), body)
            for i, body in enumerate(bodies)], data


def llvm_nm():
    """The llvm-nm of the LLVM that Emscripten compiles with (it reads wasm objects)."""
    try:
        root = subprocess.run(["em-config", "LLVM_ROOT"], check=True, capture_output=True,
                              text=True).stdout.strip()
        if os.path.exists(os.path.join(root, "llvm-nm")):
            return os.path.join(root, "llvm-nm")
    except (OSError, subprocess.CalledProcessError):
        pass
    return "llvm-nm"


def definitions(objects):
    """Maps each defined function's demangled name to the set of (library, object) defining it."""
    defined = collections.defaultdict(set)
    out = subprocess.run([llvm_nm(), "-A", "-C", "--defined-only", *objects],
                         check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        where, _, rest = line.partition(": ")
        parts = rest.split(" ", 2)
        if len(parts) < 3 or parts[1] not in "TtWw":
            continue
        library, _, member = where.partition(":")
        if not member:  # CMakeFiles/TARGET.dir/PATH.o: the library is the target itself
            target, _, member = where.partition(".dir/")
            library = os.path.basename(target) if member else "(objects)"
            member = member or where
        defined[parts[2]].add((os.path.basename(library), os.path.basename(member)))
    return defined


EMBIND = re.compile(r"emscripten::|_embind|embind")
CXX_ABI = re.compile(r"__cxxabiv1|__cxa_|_Unwind|__gxx")  # libc++abi: exceptions, RTTI

KINDS = [  # the usual suspects of a module's size, by the function's name, first match wins
    ("JSON (nlohmann)", re.compile(r"nlohmann::")),
    ("Embind", EMBIND),
    ("iostreams and locales", re.compile(
        r"basic_[io]?stream|basic_ios\b|basic_streambuf|basic_[io]?stringstream|basic_stringbuf|"
        r"ios_base|locale|num_put|num_get|ctype<|codecvt|money_|time_put|time_get|moneypunct|"
        r"numpunct|collate<|messages<")),
    ("std::function", re.compile(r"std::__2::__function::")),
    ("C++ exceptions (libc++abi, unwinding)", CXX_ABI),
]

SYSTEM = [  # what a name that no object defines belongs to, first match wins
    ("Embind", EMBIND),
    ("libc++abi", CXX_ABI),
    ("libc++", re.compile(r"std::")),
]


def part_of(name, defined):
    # Binaryen's merged functions carry a prefix; wasm-ld numbers local names seen twice.
    stripped = re.sub(r"^byn\$mgfn-shared\$", "", name)
    where = defined.get(stripped) or defined.get(re.sub(r"\.\d+$", "", stripped))
    if where:
        libraries = {library for library, _ in where}
        if len(where) == 1:
            library, member = next(iter(where))
            return library, member.removesuffix(".o")
        if len(libraries) == 1:
            return next(iter(libraries)), "several files"
        return "several libraries", "several files"
    if stripped == "__wasm_call_ctors":
        return "system", "static initialisers (all files)"
    for system, pattern in SYSTEM:
        if pattern.search(stripped):
            return "system", system
    return "system", "libc (malloc, printf, math, ...)"


def gz(data):
    return len(gzip.compress(data, 9))


def main():
    args = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    args.add_argument("module")
    args.add_argument("objects", nargs="+", help="the objects and archives the module links")
    args.add_argument("--top", type=int, default=25, help="source files to list (default 25)")
    args.add_argument("--functions", type=int, default=10,
                      help="largest functions to list (default 10)")
    args.add_argument("--json", help="write the breakdown here as JSON")
    opts = args.parse_args()

    functions, data = read_module(opts.module)
    defined = definitions(opts.objects)
    by_file = collections.defaultdict(list)
    for name, body in functions:
        by_file[part_of(name, defined)].append(body)
    code = b"".join(body for _, body in functions)
    whole = os.path.getsize(opts.module)

    rows = sorted(((sum(map(len, bodies)), len(bodies), library, source, bodies)
                   for (library, source), bodies in by_file.items()), reverse=True)
    libraries = collections.defaultdict(lambda: [0, 0, []])
    for size, count, library, _, bodies in rows:
        libraries[library][0] += size
        libraries[library][1] += count
        libraries[library][2] += bodies

    def line(label, size, count, bodies):
        return (f"| {label:<44} | {count:>6} | {size / 1024:>9.1f} | {size / len(code):>6.1%} "
                f"| {gz(b''.join(bodies)) / 1024:>8.1f} |")

    header = (f"| {'part':<44} | {'funcs':>6} | {'code KB':>9} | {'share':>6} | {'gzip KB':>8} |\n"
              f"|{'-' * 46}|{'-' * 8}|{'-' * 11}|{'-' * 8}|{'-' * 10}|")
    print(f"{opts.module}: {whole / 1024:.1f} KB with its names; "
          f"code {len(code) / 1024:.1f} KB ({gz(code) / 1024:.1f} KB gzip), "
          f"data {len(data) / 1024:.1f} KB ({gz(data) / 1024:.1f} KB gzip)\n")
    print("By library (the objects' archive or target; `system`: Emscripten's libraries)\n")
    print(header)
    for library, (size, count, bodies) in sorted(libraries.items(), key=lambda kv: -kv[1][0]):
        print(line(library, size, count, bodies))
    kinds = collections.defaultdict(list)
    for name, body in functions:
        kinds[next((kind for kind, pattern in KINDS if pattern.search(name)), None)].append(body)
    print("\nBy kind, wherever it is instantiated (the rest is the program's own code)\n")
    print(header)
    for kind, _ in KINDS:
        print(line(kind, sum(map(len, kinds[kind])), len(kinds[kind]), kinds[kind]))
    print(f"\nBy source file, the {opts.top} largest\n")
    print(header)
    for size, count, library, source, bodies in rows[:opts.top]:
        print(line(f"{library}: {source}", size, count, bodies))
    print(f"\nThe {opts.functions} largest functions (code bytes)\n")
    for name, body in sorted(functions, key=lambda f: -len(f[1]))[:opts.functions]:
        print(f"{len(body):>8}  {name if len(name) <= 110 else name[:107] + '...'}")
    if opts.json:
        with open(opts.json, "w") as out:
            json.dump({"module": opts.module, "code": len(code), "code_gzip": gz(code),
                       "data": len(data), "data_gzip": gz(data),
                       "parts": [{"library": library, "source": source, "functions": count,
                                  "code": size, "code_gzip": gz(b"".join(bodies))}
                                 for size, count, library, source, bodies in rows]},
                      out, indent=1)


if __name__ == "__main__":
    main()
