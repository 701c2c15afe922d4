// JS Promise interop on the host-driven wasm loop (aio/js.hpp): C++ awaits JS promises, JS awaits
// C++ tasks. Runs build/wasm/host_js_interop.js (tests/host/js_interop.cpp).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const buildRoot = process.env.AIO_BUILD_ROOT || path.join(root, 'build');
const program = path.join(buildRoot, 'wasm', 'host_js_interop.js');

function run(scenario) {
  assert.ok(existsSync(program), `${program} is missing: build the wasm suite first`);
  const r = spawnSync(process.execPath, [program, scenario], { encoding: 'utf8', timeout: 60000 });
  return { status: r.status, out: r.stdout.trim().split('\n'), err: r.stderr };
}

test('C++ awaits fulfilled promises: string, number, JSON text, val, plain value', () => {
  const r = run('resolve');
  assert.equal(r.status, 0, r.err);
  assert.deepEqual(r.out, [
    'string: hello',
    'number: 2.5',
    'json: {"a":[1,2],"b":"x"}',
    'val: 42',
    'plain: 7',
    'wrong type: TypeError: expected the promise to fulfil with a string, got number',
  ]);
});

test('a rejected promise throws aio::js_error with the reason\'s name and message', () => {
  const r = run('reject');
  assert.equal(r.status, 0, r.err);
  assert.deepEqual(r.out, [
    'js_error name=TypeError message=bad thing',
    'js_error name=Error message=just a string',
    'runtime_error: RangeError: thrown in async',
  ]);
});

test('JS awaits C++ tasks: values resolve, exceptions and cancellation reject with Errors', () => {
  const r = run('to_promise');
  assert.equal(r.status, 0, r.err);
  assert.deepEqual(r.out, [
    'ok:42|ok:hi from C++|err:CppError:nope:true|err:CancelledError:the task was cancelled:true',
  ]);
});

test('cancelling a task that awaits a never-settling promise resumes it at once', () => {
  const r = run('cancel');
  assert.equal(r.status, 0, r.err);
  assert.deepEqual(r.out, ['awaiter got cancelled_error', 'cancelled within 2 ticks']);
});

test('after the cancellation the loop no longer counts the promise as outside work', () => {
  // main then waits on a future nobody completes: with the hold released that is a deadlock.
  const r = run('cancel_then_deadlock');
  assert.equal(r.status, 1);
  assert.match(r.err, /deadlock: main\(\) waits but nothing can wake it/);
});

test('promises that settle after their awaiter was cancelled are dropped safely', () => {
  const r = run('late');
  assert.equal(r.status, 0, r.err);
  assert.deepEqual(r.out.slice(0, 3), ['cancelled before settlement', 'settled late: yes', 'after the storm: late']);
  const dropped = Number(/late settlements dropped: (\d+)/.exec(r.out.join('\n'))[1]);
  assert.ok(dropped >= 1 && dropped <= 51, `dropped ${dropped}`);
});

test('a self-driven loop refuses to await a promise instead of hanging', () => {
  const r = run('self_driven');
  assert.equal(r.status, 0, r.err);
  assert.match(r.out[0], /^invalid_state_error: JS promises can only be awaited on the host-driven loop/);
});
