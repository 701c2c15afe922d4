// aio::files on the wasm build under Node: real files through fs.promises (non-blocking), typed
// errors, faults. Runs build/wasm/host_files.js (tests/host/files.cpp) in a fresh temp dir.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const buildRoot = process.env.AIO_BUILD_ROOT || path.join(root, 'build');
const program = path.join(buildRoot, 'wasm', 'host_files.js');

function tempDir(t) {
  const dir = mkdtempSync(path.join(tmpdir(), 'aio-files-node-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function passes(name, dir) {
  assert.ok(existsSync(program), `${program} is missing: build the wasm suite first`);
  const r = spawnSync(process.execPath, [program, name, dir], { encoding: 'utf8', timeout: 60000 });
  const out = r.stdout.trim().split('\n');
  assert.equal(r.status, 0, `case ${name} failed:\n${r.stderr}\n${out.join('\n')}`);
  assert.equal(out.at(-1), 'case passed');
  return out;
}

test('write, append, lines, r+, make_dirs, list, stat, rename, remove, typed errors', (t) => {
  const dir = tempDir(t);
  const out = passes('basics', dir);
  assert.deepEqual(out, [
    'backend node',
    'line 1: first line \\n',
    'line 2: second line \\n',
    'line 3: third',
    'list: a.txt deeper/',
    'stat: size 3 file',
    'error: No such file or directory [ENOENT]',
    'case passed',
  ]);
  // The files are real: Node sees what the wasm program wrote.
  assert.equal(readFileSync(path.join(dir, 'notes.txt'), 'utf8'), 'first LINE\nsecond line\nthird');
});

test('the loop keeps running while fs.promises works', (t) => {
  const out = passes('responsive', tempDir(t));
  assert.deepEqual(out, ['ticker ran during the I/O', 'case passed']);
});

test('a symbolic link as the file is refused, not followed; write_text replaces it', (t) => {
  const dir = tempDir(t);
  const outside = path.join(tempDir(t), 'secret.txt');
  writeFileSync(outside, 'secret\n');
  symlinkSync(outside, path.join(dir, 'link.txt'));
  const refused = 'is a symbolic link (not followed here) [ELOOP]';
  assert.deepEqual(passes('links', dir), [
    `r: ${refused}`, `w: ${refused}`, `a: ${refused}`, `r+: ${refused}`,
    `read_text: ${refused}`, `append_text: ${refused}`, 'case passed',
  ]);
  assert.equal(readFileSync(outside, 'utf8'), 'secret\n');
  assert.equal(lstatSync(path.join(dir, 'link.txt')).isSymbolicLink(), false);
});

test('faults: an injected failure is a files::io_error', (t) => {
  const out = passes('faults', tempDir(t));
  assert.deepEqual(out, ['injected: injected fault (files): open', 'case passed']);
});
