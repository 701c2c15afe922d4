// The Node CLI (web/bin/aio-sandbox.mjs) end to end: exit codes, output, the trace file, and
// clear messages for bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, requireModule, wasmDir } from './sandbox_common.mjs';

requireModule();
const dir = mkdtempSync(path.join(tmpdir(), 'aio-cli-'));

function run(...args) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8', timeout: 60000, env: { ...process.env, AIO_SANDBOX_DIST: wasmDir },
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

function file(name, content) {
  const p = path.join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

test('run an example: its output on stdout, a timeline on stderr, exit 0', () => {
  const r = run('run', 'gather', 'count=2');
  assert.equal(r.status, 0, r.err);
  assert.match(r.out, /\[t=2\.00s\] results: \[1, 2, 0\.5\]/);
  assert.match(r.err, /^task\s/m);
  assert.match(r.err, /✓/);
  assert.match(r.err, /^ok \(run gather/m);
});

test('run a recipe file and write the Perfetto trace and the event log', () => {
  const recipe = file('ok.json', { title: 'cli', main: [
    { spawn: { name: 'worker', steps: [{ sleep: 1 }, { print: 'worker done' }] } },
    { await: 'worker' }, { print: 'all done' }] });
  const trace = path.join(dir, 'trace.json');
  const events = path.join(dir, 'events.json');
  const r = run('recipe', recipe, '--trace', trace, '--events', events);
  assert.equal(r.status, 0, r.err);
  assert.equal(r.out, '[t=1.00s] worker: worker done\n[t=1.00s] main: all done\n');
  const chrome = JSON.parse(readFileSync(trace, 'utf8'));
  const b = chrome.traceEvents.filter((e) => e.ph === 'b').length;
  const e = chrome.traceEvents.filter((e) => e.ph === 'e').length;
  assert.ok(b > 0 && b === e);
  const log = JSON.parse(readFileSync(events, 'utf8'));
  assert.equal(log.format, 'aio-sandbox-trace');
  assert.equal(log.version, 1);
  assert.ok(log.events.some((x) => x.kind === 'task_created' && x.text === 'worker'));
});

test('--quiet prints only the output; --real runs on the real clock', () => {
  const recipe = file('quiet.json', { main: [{ sleep: 0.05 }, { print: 'hi' }] });
  const r = run('recipe', recipe, '--quiet', '--real', '--speed', '2');
  assert.equal(r.status, 0, r.err);
  assert.match(r.out, /^\[t=0\.\d\ds\] main: hi\n$/);  // 0.05 s of loop time, later on a busy machine
  assert.equal(r.err, '');
});

test('bad input: unknown example, unknown parameter, invalid recipe, missing file, bad usage', () => {
  let r = run('run', 'no_such_example');
  assert.equal(r.status, 2);
  assert.match(r.err, /no example 'no_such_example' \(the examples are: .*gather/);
  r = run('run', 'gather', 'bogus=1');
  assert.equal(r.status, 2);
  assert.match(r.err, /has no parameter 'bogus'/);
  r = run('recipe', file('bad.json', { main: [{ sleep: 'soon' }] }));
  assert.equal(r.status, 2);
  assert.match(r.err, /invalid recipe .*bad\.json: \$\.main\[0\]\.sleep: must be a number of seconds, not a string/);
  r = run('recipe', file('broken.json', '{"main": ['));
  assert.equal(r.status, 2);
  assert.match(r.err, /: \$: not valid JSON/);
  r = run('recipe', path.join(dir, 'missing.json'));
  assert.equal(r.status, 2);
  assert.match(r.err, /cannot read recipe file .*missing\.json: no such file/);
  r = run('frobnicate');
  assert.equal(r.status, 2);
  assert.match(r.err, /unknown command 'frobnicate'/);
  r = run('recipe');
  assert.equal(r.status, 2);
  r = run('validate', file('valid.json', { main: [{ sleep: 1 }] }));
  assert.equal(r.status, 0);
  assert.match(r.out, /valid/);
});

test('a failing recipe exits 1, a deadlock exits 3 with the wait cycle', () => {
  let r = run('recipe', file('fail.json', { main: [{ sleep: 0.1 }, { raise: 'kaput' }] }));
  assert.equal(r.status, 1);
  assert.match(r.err, /failed: .*kaput/);
  r = run('recipe', file('deadlock.json', { resources: { locks: ['a', 'b'] }, main: [
    { spawn: { name: 'A', steps: [{ acquire: 'a' }, { sleep: 1 }, { acquire: 'b' }] } },
    { spawn: { name: 'B', steps: [{ acquire: 'b' }, { sleep: 1 }, { acquire: 'a' }] } },
    { await: 'A' }] }));
  assert.equal(r.status, 3);
  assert.match(r.err, /deadlock: nothing is ready/);
  assert.match(r.err, /wait cycle: A waits on lock 'b' held by B; B waits on lock 'a' held by A/);
  // The await tree: main awaits A; B was only spawned (a root of its own).
  assert.match(r.err, /await tree \(pstree\):\n├── \(T\) main \[\d+\] waits on task 'A'/);
  assert.match(r.err, /└── \(T\) A \[\d+\] waits on lock 'b'\n[│ ]+steps:  acquire 'b'\n[│ ]+frames: run_task › run_steps › run_step\n/);
  assert.match(r.err, /└── \(T\) B \[\d+\] waits on lock 'a'/);
});

test('--speed paces the virtual clock: slow motion, the same output', () => {
  const recipe = file('paced.json', { main: [{ sleep: 0.5 }, { print: 'half a second' }] });
  const start = Date.now();
  const r = run('recipe', recipe, '--quiet', '--speed', '5');
  assert.equal(r.status, 0, r.err);
  assert.equal(r.out, '[t=0.50s] main: half a second\n');
  assert.ok(Date.now() - start >= 80, '0.5 s of loop time at 5x takes at least 100 ms');
  assert.equal(run('recipe', recipe, '--speed', '0').status, 2);
});

test('a missing module build is exit 4 with what to do', () => {
  const r = run('run', 'gather', '--wasm-dir', path.join(dir, 'nowhere'));
  assert.equal(r.status, 4);
  assert.match(r.err, /the sandbox module is not built/);
});
