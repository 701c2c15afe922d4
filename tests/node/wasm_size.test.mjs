// tools/wasm_size.py (./tools/bench --sizes): a small module linked here from an object and an
// archive with em++ is broken down by the file that defines each function; a module without
// function names, and a file that is not wasm, are refused with a message saying why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const script = path.join(root, 'tools', 'wasm_size.py');
let dir;

// The project's exception mode, so that Emscripten's cached system libraries are the ones reused.
const emxx = (...args) => execFileSync('em++', ['-O1', '-fwasm-exceptions', ...args], { cwd: dir, stdio: 'pipe' });

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'wasm-size-'));
  // alpha: a loop big enough to outweigh beta; beta in an archive; twice: an inline function both use.
  writeFileSync(path.join(dir, 'shared.hpp'), 'inline __attribute__((noinline)) int twice(int x) { return 2 * x; }\n');
  writeFileSync(path.join(dir, 'alpha.cpp'), `#include "shared.hpp"
int alpha(int n) { int s = 0; for (int i = 0; i < n; ++i) s += (i % 7 == 0 ? i * i : i ^ s) + twice(i); return s; }
`);
  writeFileSync(path.join(dir, 'beta.cpp'), '#include "shared.hpp"\nint beta(int n) { return twice(n) + 1; }\n');
  writeFileSync(path.join(dir, 'main.cpp'), `int alpha(int); int beta(int);
int main(int argc, char**) { return alpha(argc) + beta(argc); }
`);
  for (const f of ['alpha', 'beta', 'main']) emxx('-c', `${f}.cpp`, '-o', `${f}.o`);
  execFileSync('emar', ['rcs', 'libbeta.a', 'beta.o'], { cwd: dir });
  emxx('alpha.o', 'main.o', 'libbeta.a', '--profiling-funcs', '-o', 'named.js');
  emxx('alpha.o', 'main.o', 'libbeta.a', '-o', 'plain.js');
});
after(() => rmSync(dir, { recursive: true, force: true }));

function sizes(...args) {
  return spawnSync('python3', [script, ...args], { cwd: dir, encoding: 'utf8' });
}

test('each function is given to the object or archive member that defines it', () => {
  const run = sizes('named.wasm', 'alpha.o', 'main.o', 'libbeta.a', '--json', 'out.json');
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(readFileSync(path.join(dir, 'out.json'), 'utf8'));
  const part = (library, source) => report.parts.find((p) => p.library === library && p.source === source);
  const alpha = part('(objects)', 'alpha');
  const beta = part('libbeta.a', 'beta');
  assert.ok(alpha && alpha.functions >= 1 && alpha.code > 0, JSON.stringify(report.parts));
  assert.ok(beta && beta.functions === 1, JSON.stringify(report.parts));
  assert.ok(alpha.code > beta.code, 'the loop is bigger than one call');
  // twice() is defined (inline) in alpha.o and beta.o, which are in different libraries.
  assert.ok(part('several libraries', 'several files'), JSON.stringify(report.parts));
  // What no object defines (malloc, the start-up code) is Emscripten's.
  assert.ok(report.parts.some((p) => p.library === 'system'));
  const total = report.parts.reduce((sum, p) => sum + p.code, 0);
  assert.equal(total, report.code, 'every byte of code is in exactly one part');
  assert.match(run.stdout, /By source file/);
  assert.match(run.stdout, /alpha\(int\)/, 'the largest functions are listed by name');
});

test('a module without function names is refused, naming the link flag', () => {
  const run = sizes('plain.wasm', 'alpha.o');
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /plain\.wasm has no function names: link it with --profiling-funcs/);
});

test('a file that is not wasm is refused', () => {
  const run = sizes('alpha.cpp', 'alpha.o');
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /not a wasm module/);
});
