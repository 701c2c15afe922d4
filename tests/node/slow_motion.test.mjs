// The virtual clock at a finite speed ("slow motion") through the JS API: the same run as the
// instant virtual clock, paced in wall time; setSpeed, pause and step while it paces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSandbox, requireModule, wasmDir } from './sandbox_common.mjs';

requireModule();
const make = (options = {}) => createSandbox({ wasmDir, ...options });
const sleepMs = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const workers = {
  title: 'workers',
  resources: { locks: ['db'] },
  main: [{ gather: [
    { name: 'a', steps: [{ sleep: 0.25 }, { with: 'db', steps: [{ sleep: 0.25 }, { print: 'a has it' }] }] },
    { name: 'b', steps: [{ sleep: 0.5 }, { with: 'db', steps: [{ sleep: 0.5 }, { print: 'b has it' }] }] },
  ] }, { print: 'all done' }],
};

// Everything but the host's wake-ups (a paced loop is woken once per jump, an instant one less).
const sequence = (r) => r.trace.events.filter((e) => e.kind !== 'host_wake')
  .map((e) => `${e.tick}|${e.kind}|${e.task ?? 0}|${e.time}|${e.text ?? ''}`);

test('a paced virtual clock gives the same output and events as the instant one, slowed down', async () => {
  const instant = await make();
  assert.equal(instant.speed, Infinity);
  assert.equal(instant.snapshot().speed, Infinity);
  const fast = await instant.runRecipe(workers);
  instant.dispose();
  const paced = await make({ clock: 'virtual', speed: 10 });
  assert.equal(paced.speed, 10);
  const start = Date.now();
  const slow = await paced.runRecipe(workers);
  const wall = Date.now() - start;
  paced.dispose();
  assert.equal(fast.ok, true, JSON.stringify(fast.error));
  assert.deepEqual(fast.output, ['[t=0.50s] a: a has it', '[t=1.00s] b: b has it', '[t=1.00s] main: gather: all 2 done',
    '[t=1.00s] main: all done']);
  assert.deepEqual(slow.output, fast.output);
  assert.deepEqual(sequence(slow), sequence(fast));
  assert.ok(wall >= 80, `1 s of virtual time at speed 10 took only ${wall} ms`);
});

test('while it paces, time stays at the last step; setSpeed(Infinity) finishes at once', async () => {
  const sb = await make({ speed: 0.01 });  // 1 s of loop time = 100 s of wall time
  const done = sb.runRecipe({ main: [{ sleep: 1 }, { print: 'woke' }] });
  await sleepMs(50);
  const snap = sb.snapshot();
  assert.equal(snap.clock, 'virtual');
  assert.equal(snap.speed, 0.01);
  assert.equal(snap.pacing, true);
  assert.equal(snap.time, 0);
  assert.deepEqual(snap.timers.map((t) => t.deadline), [1]);
  const start = Date.now();
  sb.setSpeed(Infinity);
  const r = await done;
  assert.deepEqual(r.output, ['[t=1.00s] main: woke']);
  assert.ok(Date.now() - start < 10000, 'the jump did not wait for the slow pace');
  assert.equal(sb.snapshot().pacing, false);
  assert.throws(() => sb.setSpeed(0), /positive/);
  sb.dispose();
});

test('a slower or faster pace mid-run keeps times exact', async () => {
  const sb = await make({ speed: 2 });
  const start = Date.now();
  const done = sb.runRecipe({ main: [{ sleep: 0.2 }, { print: 'one' }, { sleep: 0.4 }, { print: 'two' }] });
  await sleepMs(20);
  sb.setSpeed(4);
  const r = await done;
  assert.deepEqual(r.output, ['[t=0.20s] main: one', '[t=0.60s] main: two']);
  assert.ok(Date.now() - start >= 100, 'paced at 2x and 4x: at least 0.6 s / 4');
  sb.dispose();
});

test('pause holds a paced wait; step jumps to the next timer at once', async () => {
  const sb = await make({ speed: 1 });
  const output = [];
  sb.on('output', (o) => output.push(o.text));
  const done = sb.runRecipe({ main: [{ sleep: 0.3 }, { print: 'first' }, { sleep: 100 }, { print: 'second' }] });
  sb.pause();
  assert.equal(sb.snapshot().pacing, false);
  await sleepMs(400);
  assert.deepEqual(output, [], 'nothing runs while paused');
  let steps = 0;
  while (output.length === 0 && steps++ < 20) sb.step();
  assert.deepEqual(output, ['[t=0.30s] main: first']);
  assert.ok(Math.abs(sb.snapshot().time - 0.3) < 1e-9);
  sb.resume();
  assert.equal(sb.snapshot().pacing, true);  // 100 s of loop time at 1x: waiting
  sb.setSpeed(Infinity);
  const r = await done;
  assert.deepEqual(r.output, ['[t=0.30s] main: first', '[t=100.30s] main: second']);
  sb.dispose();
});

test('speeds a clock cannot take are rejected', async () => {
  await assert.rejects(make({ clock: 'real', speed: Infinity }), (e) => e.type === 'InvalidArgument');
  await assert.rejects(make({ speed: -1 }), (e) => e.type === 'InvalidArgument');
  const sb = await make({ clock: 'real' });
  assert.equal(sb.speed, 1);
  assert.throws(() => sb.setSpeed(Infinity), /positive/);
  sb.reset({ clock: 'virtual', speed: 0.5 });
  assert.equal(sb.snapshot().speed, 0.5);
  sb.reset({ clock: 'virtual', speed: Infinity });
  assert.equal(sb.snapshot().speed, Infinity);
  sb.reset({ clock: 'real' });  // the instant speed does not carry over to the real clock
  assert.equal(sb.snapshot().speed, 1);
  sb.dispose();
});
