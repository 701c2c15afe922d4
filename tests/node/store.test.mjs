// aio::store on the wasm build under Node (the on-disk log through fs.promises): transactions,
// rollback, cursors, reopen, a torn last record, faults, and kill -9 right after a commit.
// Runs build/wasm/host_store.js (tests/host/store.cpp) with a fresh temp dir per test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const buildRoot = process.env.AIO_BUILD_ROOT || path.join(root, 'build');
const program = path.join(buildRoot, 'wasm', 'host_store.js');

function tempDir(t) {
  const dir = mkdtempSync(path.join(tmpdir(), 'aio-store-node-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function run(...args) {
  assert.ok(existsSync(program), `${program} is missing: build the wasm suite first`);
  const r = spawnSync(process.execPath, [program, ...args], { encoding: 'utf8', timeout: 60000 });
  return { status: r.status, out: r.stdout.trim().split('\n'), err: r.stderr };
}

function passes(...args) {
  const r = run(...args);
  assert.equal(r.status, 0, `case ${args[0]} failed:\n${r.err}\n${r.out.join('\n')}`);
  assert.equal(r.out.at(-1), 'case passed');
  return r.out;
}

test('transactions, rollback on error, LIMIT, cursor, reopen, compaction', (t) => {
  const out = passes('basics', tempDir(t));
  assert.deepEqual(out.slice(0, 5), [
    'backend log, files node',
    'SELECT * FROM users LIMIT 3: 1.0,2.0,3.0',
    'rollback: count 4, Ada still there',
    'cursor saw 4',
    'after reopen: 1.0,2.0,3.0,"bob"',
  ]);
  assert.match(out[5], /^compacted, log \d+ bytes, stats 1$/);
});

test('a torn last record is dropped on open; later commits are kept', (t) => {
  const dir = tempDir(t);
  passes('write-two', dir);
  const file = path.join(dir, 'torn.db');
  truncateSync(file, statSync(file).size - 5);  // cut the last record, as a crash mid-write would
  const out = passes('check-torn', dir);
  assert.match(out[0], /^torn tail dropped: \d+ bytes$/);
});

test('faults: latency, an injected commit error and a hang all leave no trace', (t) => {
  const out = passes('faults', tempDir(t));
  assert.deepEqual(out, ['latency applied', 'error and hang rolled back', 'case passed']);
});

// Starts the child, waits for "committed N" (printed after the commit resolved), kills it with
// SIGKILL at once.
function commitThenKill(dir, n) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [program, 'kill-child', dir, String(n)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => { err += d; });
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('child never committed: ' + err)); }, 30000);
    lines.on('line', (line) => {
      if (line === `committed ${n}`) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`child exited ${code} before the kill: ${err}`));
    });
  });
}

test('kill -9 right after a commit: the commit survives, the open transaction does not', async (t) => {
  assert.ok(existsSync(program), `${program} is missing: build the wasm suite first`);
  const dir = tempDir(t);
  for (let n = 1; n <= 3; ++n) {
    await commitThenKill(dir, n);
    const out = passes('kill-check', dir, String(n));
    assert.equal(out[0], `after ${n} kill(s): all commits present, no uncommitted writes`);
  }
});

test('a flipped bit: refused at the damaged record (file untouched), never cut unless torn-looking; repair keeps the rest', (t) => {
  const out = passes('damage', tempDir(t));
  const m = /^flips (\d+): refused (\d+) at the offset, cut (\d+) torn-looking last records, repair kept every intact record$/.exec(out[0]);
  assert.ok(m, out[0]);
  assert.ok(Number(m[2]) > Number(m[1]) * 0.9, out[0]);
});

test('one owner per store: refused in the same process and in another one; a killed owner\'s lock is taken over', async (t) => {
  assert.ok(existsSync(program), `${program} is missing: build the wasm suite first`);
  const dir = tempDir(t);
  const holder = spawn(process.execPath, [program, 'hold', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise((resolve, reject) => {
    const lines = createInterface({ input: holder.stdout });
    lines.on('line', (line) => { if (line === 'holding') resolve(); });
    holder.on('exit', (code) => reject(new Error(`holder exited ${code}`)));
  });
  const locked = passes('try-open', dir);
  assert.match(locked[0], new RegExp(`^locked: store '.*owned\\.db' is in use: pid ${holder.pid} has it open`));
  const exited = new Promise((resolve) => holder.on('exit', resolve));
  holder.kill('SIGKILL');
  await exited;
  assert.equal(readFileSync(path.join(dir, 'owned.db.lock'), 'utf8'), String(holder.pid));  // stale now
  assert.equal(passes('try-open', dir)[0], 'opened, 1 record(s)');
});

test('a symbolic link as the log is refused, not followed', (t) => {
  const dir = tempDir(t);
  writeFileSync(path.join(dir, 'outside.txt'), 'not yours');
  symlinkSync(path.join(dir, 'outside.txt'), path.join(dir, 'link.db'));
  const out = passes('link', dir);
  assert.match(out[0], /link\.db': is a symbolic link \(not followed here\) \[ELOOP\]/);
  assert.equal(readFileSync(path.join(dir, 'outside.txt'), 'utf8'), 'not yours');
});
