// The JS package (web/) against the wasm module (build/wasm/aio_sandbox.{mjs,wasm}): the API on
// both clocks, pause/step/resume, determinism, snapshots, recipes valid and invalid, limits,
// deadlock reports, and the trace export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSandbox, toChromeTrace, RecipeError, requireModule, stepToEnd, wasmDir } from './sandbox_common.mjs';

requireModule();
const make = (options = {}) => createSandbox({ wasmDir, ...options });

const twoWorkers = {
  title: 'two workers',
  main: [
    { spawn: { name: 'A', steps: [{ sleep: 1 }, { print: 'A done' }] } },
    { spawn: { name: 'B', steps: [{ sleep: 0.5 }, { print: 'B done' }] } },
    { print: 'main waits' },
    { await: 'A' },
    { print: 'main done' },
  ],
};

test('examples: the catalog with parameters and titles', async () => {
  const sb = await make();
  const gather = sb.examples.find((e) => e.id === 'gather');
  assert.ok(gather, 'gather is in the catalog');
  assert.equal(gather.runnable, true);
  assert.deepEqual(gather.params.map((p) => p.name), ['first', 'second', 'third', 'count']);
  assert.ok(sb.examples.filter((e) => e.runnable).length >= 10);
  // The catalog's tutorial sections and notes come along (the page shows and searches them).
  assert.ok(gather.covers.some((c) => c.section === '2.3.1 asyncio.gather()'), JSON.stringify(gather.covers));
  assert.match(sb.examples.find((e) => e.id === 'errors').note, /gather cancels/);
  sb.dispose();
});

test('run(example) on the virtual clock: output, result and trace', async () => {
  const sb = await make();
  const r = await sb.run('gather', { first: 1, second: 2, third: 0.5, count: 2 });
  assert.equal(r.ok, true, JSON.stringify(r.error));
  assert.equal(r.status, 0);
  assert.ok(r.output.includes('[t=0.50s] task(0.5) done'), r.output.join('\n'));
  assert.ok(r.output.some((l) => l.startsWith('[t=2.00s] results: [1, 2, 0.5]')), r.output.join('\n'));
  assert.equal(r.trace.format, 'aio-sandbox-trace');
  assert.equal(r.trace.version, 1);
  assert.ok(r.trace.events.some((e) => e.kind === 'task_created'));
  assert.ok(r.trace.events.every((e) => typeof e.time === 'number' && typeof e.tick === 'number'));
  sb.dispose();
});

test('run(example) rejects unknown examples and parameters', async () => {
  const sb = await make();
  assert.throws(() => sb.run('no_such_example'), /no example 'no_such_example'/);
  assert.throws(() => sb.run('gather', { bogus: 1 }), /has no parameter 'bogus'/);
  sb.dispose();
});

test('the real clock with a speed factor runs the same recipe, scaled', async () => {
  const sb = await make({ clock: 'real', speed: 10 });
  assert.equal(sb.clock, 'real');
  const start = Date.now();
  const r = await sb.runRecipe(twoWorkers);
  const wall = Date.now() - start;
  assert.equal(r.ok, true);
  assert.deepEqual(r.output.map((l) => l.replace(/^\[t=[\d.]+s\] /, '')), ['main: main waits', 'B: B done', 'A: A done', 'main: main done']);
  assert.ok(wall >= 80, `1 s of loop time at speed 10 took only ${wall} ms`);   // a lower bound: pacing, never load, decides it
  sb.setSpeed(50);
  assert.equal(sb.snapshot().speed, 50);
  const r50 = await sb.runRecipe({ main: [{ sleep: 1 }, { print: 'woke' }] });
  assert.equal(r50.ok, true);
  assert.deepEqual(r50.output.map((l) => l.replace(/^\[t=[\d.]+s\] /, '')), ['main: woke']);
  sb.dispose();
});

test('virtual clock: exact times, and the recipe output', async () => {
  const sb = await make();
  const r = await sb.runRecipe(twoWorkers);
  assert.deepEqual(r.output, ['[t=0.00s] main: main waits', '[t=0.50s] B: B done', '[t=1.00s] A: A done', '[t=1.00s] main: main done']);
  sb.dispose();
});

test('pause, step exactly one tick, resume', async () => {
  const sb = await make({ paused: true });
  assert.equal(sb.paused, true);
  const id = sb.spawn(twoWorkers);
  assert.ok(id > 0);
  await new Promise((r) => setTimeout(r, 20));  // paused: the host does not drive it
  let snap = sb.snapshot();
  assert.equal(snap.tick, 0);
  assert.deepEqual(snap.ready.map((x) => x.name), ['main']);
  const first = sb.step();
  assert.deepEqual(first, { ran: true, tick: 1, time: 0 });
  snap = sb.snapshot();
  assert.deepEqual(snap.ready.map((x) => x.name), ['A', 'B']);
  assert.equal(sb.step().tick, 2);  // A and B start and sleep
  snap = sb.snapshot();
  assert.deepEqual(snap.timers.map((t) => [t.name, t.deadline]), [['B', 0.5], ['A', 1]]);
  const third = sb.step();  // virtual time jumps to B's timer
  assert.equal(third.tick, 3);
  assert.equal(third.time, 0.5);
  const done = new Promise((resolve) => sb.on('done', resolve));
  sb.resume();
  const result = await done;
  assert.equal(result.id, id);
  assert.equal(sb.snapshot().tasks.length, 0);
  sb.dispose();
});

test('step() is deterministic: the same recipe gives the same event sequence', async () => {
  const recipe = {
    resources: { queues: { q: 2 }, locks: ['l'] },
    main: [{ gather: [
      { name: 'p', steps: [{ repeat: 5, steps: [{ put: 'q', value: 1 }, { sleep: 0.1 }] }] },
      { name: 'c', steps: [{ repeat: 5, steps: [{ get: 'q' }, { with: 'l', steps: [{ sleep: 0.05 }] }] }] },
      { name: 'd', steps: [{ with: 'l', steps: [{ cpu: 30 }] }] },
    ] }],
  };
  const once = async () => {
    const sb = await make({ paused: true });
    const seen = [];
    sb.on('event', (e) => seen.push(`${e.tick}|${e.kind}|${e.task ?? 0}|${e.time}|${e.text ?? ''}`));
    sb.spawn(recipe);
    const ticks = stepToEnd(sb);
    sb.dispose();
    return { ticks, seen };
  };
  const a = await once();
  const b = await once();
  assert.ok(a.seen.length > 100);
  assert.equal(a.ticks, b.ticks);
  assert.deepEqual(a.seen, b.seen);
});

test('snapshot: ready queue, timers with deadlines, live tasks with what they await', async () => {
  const sb = await make({ paused: true });
  sb.spawn({ resources: { locks: ['db'] }, main: [
    { spawn: { name: 'holder', steps: [{ acquire: 'db' }, { sleep: 5 }, { release: 'db' }] } },
    { spawn: { name: 'wanter', steps: [{ with: 'db', steps: [{ print: 'got it' }] }] } },
    { await: 'holder' },
  ] });
  sb.step();
  sb.step();
  const snap = sb.snapshot();
  assert.equal(snap.version, 1);
  assert.equal(snap.clock, 'virtual');
  assert.equal(snap.paused, true);
  assert.deepEqual(snap.timers.map((t) => [t.name, t.deadline, t.in]), [['holder', 5, 5]]);
  const byName = Object.fromEntries(snap.tasks.map((t) => [t.name, t]));
  assert.equal(byName.main.awaits.what, "task 'holder'");
  assert.equal(byName.wanter.awaits.what, "lock 'db'");
  assert.equal(byName.wanter.awaits.resource.name, 'db');
  assert.equal(byName.holder.awaits.kind, 'sleep');
  assert.deepEqual(byName.holder.awaited_by, [byName.main.id]);
  assert.equal(byName.holder.parent, byName.main.id);
  assert.deepEqual(snap.resources[0].holders, [byName.holder.id]);
  assert.equal(snap.stalled, false);
  assert.equal(snap.deadlock, null);
  sb.dispose();
});

test('invalid recipes are rejected before anything runs, each mistake with its path and reason', async () => {
  const sb = await make();
  const cases = [
    ['{', '$', /^not valid JSON/],
    [{ main: [], extra: 1 }, '$.extra', /^unknown field/],
    [{ version: 2, main: [] }, '$.version', /^must be 1/],
    [{}, '$.main', /^missing/],
    [{ main: [{ slep: 1 }] }, '$.main[0]', /^no known operation \(has: slep\)/],
    [{ main: [{ sleep: '1' }] }, '$.main[0].sleep', /^must be a number of seconds, not a string/],
    [{ main: [{ sleep: -1 }] }, '$.main[0].sleep', /^must be between 0 and 3600 seconds/],
    [{ main: [{ sleep: 1, print: 'x' }] }, '$.main[0]', /^has two operations/],
    [{ main: [{ sleep: 1, timeout: 2 }] }, '$.main[0].timeout', /^not a field of 'sleep'/],
    [{ main: [{ acquire: 'db' }] }, '$.main[0].acquire', /^no lock or semaphore named 'db'/],
    [{ resources: { events: ['db'] }, main: [{ acquire: 'db' }] }, '$.main[0].acquire', /which is not a lock or semaphore/],
    [{ main: [{ await: 'ghost' }] }, '$.main[0].await', /^no task named 'ghost'/],
    [{ main: [{ wait_for: { steps: [] } }] }, '$.main[0].timeout', /^missing: wait_for needs a timeout/],
  ];
  const before = sb.snapshot().tick;
  for (const [recipe, path, reason] of cases) {
    assert.throws(() => sb.spawn(recipe), (e) => {
      assert.ok(e instanceof RecipeError, `${JSON.stringify(recipe)}: ${e}`);
      assert.equal(e.path, path, JSON.stringify(recipe));
      assert.match(e.reason, reason);
      return true;
    });
    const v = sb.validate(recipe);
    assert.equal(v.ok, false);
    assert.equal(v.path, path);
  }
  assert.equal(sb.snapshot().tasks.length, 0, 'nothing ran');
  assert.equal(sb.snapshot().tick, before);
  assert.deepEqual(sb.validate(twoWorkers), { ok: true });
  sb.dispose();
});

test('hostile recipes hit their limits cleanly', async () => {
  const sb = await make({ limits: { max_steps: 2000, max_tasks: 50, max_duration: 100 } });
  const endless = await sb.runRecipe({ main: [{ repeat: 1000000, steps: [{ sleep: 0 }] }] });
  assert.equal(endless.ok, false);
  assert.match(endless.error.message, /ran more than 2000 steps/);
  const forkBomb = await sb.runRecipe({ main: [{ repeat: 1000, steps: [{ gather: [{ steps: [] }, { steps: [] }] }] }] });
  assert.match(forkBomb.error.message, /created more than 50 tasks/);
  const forever = await sb.runRecipe({ main: [{ repeat: 1000, steps: [{ sleep: 1 }] }] });
  assert.match(forever.error.message, /ran longer than its limit of 100 s/);
  let deep = { steps: [] };
  for (let i = 0; i < 17; i++) deep = { steps: [{ gather: [deep] }] };
  assert.throws(() => sb.spawn({ main: deep }), (e) => e instanceof RecipeError && /nested deeper than 16 levels/.test(e.reason));
  assert.throws(() => sb.spawn('['.repeat(100000)), (e) => e instanceof RecipeError && /nested/.test(e.reason));
  assert.throws(() => sb.spawn(' '.repeat(2 << 20)), (e) => e instanceof RecipeError && /larger than/.test(e.reason));
  assert.equal(sb.snapshot().tasks.length, 0);
  sb.dispose();
});

test('deadlock report: a lock cycle', async () => {
  const sb = await make();
  const reports = [];
  sb.on('deadlock', (r) => reports.push(r));
  const r = await sb.runRecipe({ resources: { locks: ['a', 'b'] }, main: [
    { spawn: { name: 'A', steps: [{ acquire: 'a' }, { sleep: 1 }, { acquire: 'b' }] } },
    { spawn: { name: 'B', steps: [{ acquire: 'b' }, { sleep: 1 }, { acquire: 'a' }] } },
    { await: 'A' },
  ] });
  assert.equal(r.ok, false);
  assert.equal(r.error.name, 'DeadlockError');
  assert.match(r.error.message, /wait cycle: A waits on lock 'b' held by B; B waits on lock 'a' held by A/);
  assert.equal(reports.length, 1);
  assert.deepEqual(reports[0].cycle.map((c) => [c.name, c.waits_on]), [['A', "lock 'b'"], ['B', "lock 'a'"]]);
  assert.equal(sb.snapshot().tasks.length, 0, 'the run was cancelled');
  sb.dispose();
});

test('deadlock report: a queue nobody fills; spawned tasks stay until cancelled', async () => {
  const sb = await make();
  const report = new Promise((resolve) => sb.on('deadlock', resolve));
  const id = sb.spawn({ resources: { queues: { jobs: 0 } }, main: [{ get: 'jobs' }] });
  const r = await report;
  assert.match(r.message, /main waits on queue 'jobs' \(get\): it is empty and no task that could put to it can run/);
  const snap = sb.snapshot();
  assert.equal(snap.stalled, true);
  assert.ok(snap.deadlock);
  assert.equal(snap.tasks[0].awaits.what, "queue 'jobs' (get)");
  const done = new Promise((resolve) => sb.on('done', resolve));
  assert.equal(sb.cancel(id, 'enough'), true);
  const ended = await done;
  assert.equal(ended.id, id);
  assert.equal(ended.error.name, 'CancelledError', 'a spawn() ends through the done event');
  sb.dispose();
});

test('cancel(taskId) while it runs; errors reach the error/output listeners', async () => {
  const sb = await make({ clock: 'real', speed: 1 });
  const run = sb.runRecipe({ main: [{ spawn: { name: 'sleeper', steps: [{ sleep: 100 }] } }, { await: 'sleeper' }] });
  await new Promise((r) => setTimeout(r, 30));
  const sleeper = sb.snapshot().tasks.find((t) => t.name === 'sleeper');
  assert.ok(sleeper);
  assert.equal(sb.cancel(sleeper.id), true);
  const r = await run;
  assert.equal(r.ok, false);
  assert.match(r.error.message, /cancel/i);
  assert.equal(sb.cancel(987654), false);
  sb.dispose();
});

test('reset() switches the clock and drops everything', async () => {
  const sb = await make({ paused: true });
  const pending = sb.runRecipe({ title: 'cut short', main: [{ sleep: 1 }] });
  sb.reset({ clock: 'real', paused: false, speed: 100 });
  // A run cut short resolves with a RunResult like any other (index.d.ts): every field present.
  const cut = await pending;
  assert.deepEqual({ ...cut, trace: cut.trace.events },
    { id: cut.id, kind: 'recipe', title: 'cut short', ok: false, status: 1, output: [], tasks: 1, trace: [],
      error: { name: 'CancelledError', message: 'the sandbox was reset' } });
  assert.equal(sb.clock, 'real');
  assert.equal(sb.snapshot().clock, 'real');
  assert.equal((await sb.runRecipe({ main: [{ sleep: 0.5 }] })).ok, true);
  sb.dispose();
});

test('trace export: Chrome Trace Event Format with paired b/e, ticks, flows and named tracks', async () => {
  const sb = await make();
  const r = await sb.runRecipe({ resources: { locks: ['l'] }, main: [
    { gather: [
      { name: 'w1', steps: [{ with: 'l', steps: [{ sleep: 0.2 }] }, { print: 'w1' }] },
      { name: 'w2', steps: [{ with: 'l', steps: [{ sleep: 0.1 }] }, { raise: 'boom' }] },
    ], return_exceptions: true },
    { wait_for: { name: 'slow', steps: [{ sleep: 5 }] }, timeout: 0.5 },
  ] });
  assert.equal(r.ok, false);  // wait_for timed out
  const chrome = JSON.parse(JSON.stringify(toChromeTrace(r.trace)));
  const ev = chrome.traceEvents;
  assert.ok(Array.isArray(ev) && ev.length > 20);
  for (const e of ev) {
    assert.ok(['M', 'X', 'b', 'e', 's', 'f', 'i'].includes(e.ph), e.ph);
    if (e.ph !== 'M') assert.equal(typeof e.ts, 'number');
  }
  // b/e pair up per id, properly nested, each e not before its b.
  const stacks = new Map();
  for (const e of ev.filter((x) => x.ph === 'b' || x.ph === 'e')) {
    if (!stacks.has(e.id)) stacks.set(e.id, []);
    const s = stacks.get(e.id);
    if (e.ph === 'b') s.push(e);
    else {
      const b = s.pop();
      assert.ok(b, `e without b for id ${e.id}`);
      assert.equal(b.name, e.name);
      assert.ok(e.ts >= b.ts);
    }
  }
  for (const [id, s] of stacks) assert.equal(s.length, 0, `unclosed b for id ${id}`);
  const taskNames = ev.filter((e) => e.ph === 'b' && e.args?.id).map((e) => e.name);
  for (const n of ['main', 'w1', 'w2', 'slow']) assert.ok(taskNames.includes(n), n);
  const outcomes = Object.fromEntries(ev.filter((e) => e.ph === 'e' && e.args?.outcome && !e.name.startsWith('await'))
    .map((e) => [e.name, e.args.outcome]));
  assert.equal(outcomes.w2, 'exception');
  assert.equal(outcomes.slow, 'cancelled');
  assert.ok(ev.some((e) => e.ph === 'X' && e.name.startsWith('tick ') && e.tid === 1));
  assert.ok(ev.some((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'event loop'));
  assert.ok(ev.some((e) => e.ph === 'b' && e.name === "await lock 'l'"));
  const s = new Set(ev.filter((e) => e.ph === 's').map((e) => e.id));
  const f = ev.filter((e) => e.ph === 'f');
  assert.ok(f.length > 3);
  for (const e of f) assert.ok(s.has(e.id));
  assert.ok(f.some((e) => e.name === 'spawn') && f.some((e) => e.name === 'wake (timer)'));
  sb.dispose();
});
