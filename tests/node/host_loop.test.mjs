// The wasm loop driven by Node's event loop (aio::run in host mode): microtasks, timers, slices,
// exit status, deadlock report. Runs build/wasm/host_loop.js (built by ./tools/test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const buildRoot = process.env.AIO_BUILD_ROOT || path.join(root, 'build');
const program = path.join(buildRoot, 'wasm', 'host_loop.js');

function run(scenario) {
  assert.ok(existsSync(program), `${program} is missing: build the wasm suite first`);
  const r = spawnSync(process.execPath, [program, scenario], { encoding: 'utf8', timeout: 60000 });
  return { status: r.status, out: r.stdout.trim().split('\n'), err: r.stderr };
}

test('timers come from host setTimeout and the process exits with main\'s value', () => {
  const r = run('timers');
  assert.equal(r.status, 7);
  assert.deepEqual(r.out, ['start', 'after 10ms', 'js timer', 'after 60ms']);
});

test('ready work runs from a microtask, before a macrotask queued earlier', () => {
  const r = run('microtask');
  assert.equal(r.status, 0);
  // The macrotask may not run at all: the program can finish and exit first.
  assert.deepEqual(r.out.filter((l) => l !== 'macrotask'), ['task step 2', 'task step 3']);
  assert.ok(r.out.indexOf('macrotask') === -1 || r.out.indexOf('macrotask') === 2, r.out.join('|'));
});

test('a long run of ready work yields to the host between slices', () => {
  const r = run('slices');
  assert.equal(r.status, 0);
  const m = /macrotask ran at iteration (-?\d+) of (\d+)/.exec(r.out.join('\n'));
  assert.ok(m, r.out.join('\n'));
  const at = Number(m[1]);
  assert.ok(at >= 0 && at < Number(m[2]), `the host never got a turn: ${r.out}`);
});

test('one tick of 200,000 ready tasks is split into slices that let the host in', () => {
  const r = run('big_tick');
  assert.equal(r.status, 0);
  assert.deepEqual(r.out, ['tasks that ran after the host\'s turn: some']);
});

test('2,000 timers due at once are expired across host slices, in order', () => {
  const r = run('due_timers');
  assert.equal(r.status, 0, r.err);
  assert.deepEqual(r.out, ['timers fired: 2000; host turns while they expired: some; woke in order: yes']);
});

test('a failing main exits with status 1 and says why', () => {
  const r = run('failing');
  assert.equal(r.status, 1);
  assert.match(r.err, /main failed: boom/);
});

test('a main that can never finish is reported as a deadlock, not a silent exit', () => {
  const r = run('deadlock');
  assert.equal(r.status, 1);
  assert.match(r.err, /deadlock: main\(\) waits but nothing can wake it/);
  assert.match(r.err, /waits on future/);
});

test('tasks left running are cancelled and awaited before the process exits', () => {
  const r = run('leftovers');
  assert.equal(r.status, 3);
  assert.deepEqual(r.out, ['main done', 'leftover cancelled']);
});

test('an async generator left open when main returns runs its awaiting cleanup before the exit', () => {
  const r = run('open_generator');
  assert.equal(r.status, 4, r.err);
  assert.deepEqual(r.out, ['got 0', 'main done', 'generator cleanup start', 'generator cleanup end',
    'consumer cancelled']);
});

test('an error raised by a leftover task\'s cleanup reaches the exception handler', () => {
  const r = run('leftover_error');
  assert.equal(r.status, 4, r.err);
  assert.deepEqual(r.out, ['handler: unhandled exception during run() shutdown; task cleaner; cleanup failed']);
  assert.doesNotMatch(r.err, /never retrieved/);
});

test('debug mode reports slow steps on the host-driven loop, naming the task and its coroutine', () => {
  const r = run('slow_steps');
  assert.equal(r.status, 0, r.err);
  assert.deepEqual(r.out, ['slow-step reports naming main: yes']);
});

test('a thousand sleeping tasks are served by re-arming one host timer', () => {
  const r = run('many_timers');
  assert.equal(r.status, 0);
  const armed = Number(/host timers armed: (\d+)/.exec(r.out.join('\n'))[1]);
  // One timer re-armed per deadline, give or take a re-arm when the host's timer fires a little
  // early (30-40 seen here for 20 deadlines) — never one per task (1000).
  assert.ok(armed >= 1 && armed <= 100, `armed ${armed} host timers for 20 distinct deadlines`);
});
