// The one fold of the event stream into task lanes (web/src/trace.js TaskFold) that the page's and
// the widget's timeline (TaskModel extends it) and the CLI's (taskIntervals) share.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSandbox, requireModule, wasmDir } from './sandbox_common.mjs';
import { TaskFold, taskIntervals } from '../../web/src/trace.js';

requireModule();

const RECIPE = {
  resources: { locks: ['db'] },
  main: [
    { spawn: { name: 'a', steps: [{ with: 'db', steps: [{ sleep: 1 }] }] } },
    { spawn: { name: 'b', steps: [{ sleep: 0 }, { with: 'db', steps: [{ sleep: 0.5 }] }, { raise: 'boom' }] } },
    { await: 'a' },
    { sleep: 2 },
  ],
};

async function recipeEvents() {
  const sb = await createSandbox({ wasmDir });
  try {
    return (await sb.runRecipe(RECIPE)).trace.events;
  } finally {
    sb.dispose();
  }
}

test('taskIntervals: contiguous run/wait segments from creation to the end, what each waits on', async () => {
  const events = await recipeEvents();
  const tasks = taskIntervals(events);
  const byName = new Map(tasks.map((t) => [t.name, t]));
  assert.deepEqual([...byName.keys()].filter((n) => n === 'a' || n === 'b').sort(), ['a', 'b']);
  for (const t of tasks) {
    assert.equal(t.segments[0].from, t.start, `${t.name} starts at its creation`);
    assert.equal(t.segments[0].label, 'ready');
    for (let i = 1; i < t.segments.length; i++) {
      assert.equal(t.segments[i].from, t.segments[i - 1].to, `${t.name}: segment ${i} follows the one before`);
      if (i > 1) assert.ok(t.segments[i].to > t.segments[i].from || i === t.segments.length - 1,
        `${t.name}: only the last segment may have zero length`);
    }
    assert.equal(t.segments.at(-1).to, t.end, `${t.name} ends where its last segment ends`);
  }
  const b = byName.get('b');
  assert.equal(b.outcome, 'exception');
  assert.match(b.error, /boom/);
  assert.ok(b.segments.some((s) => s.state === 'wait' && /db/.test(s.label)), 'b waits on the lock db');
  assert.equal(byName.get('a').outcome, 'value');
  const sleeps = byName.get('a').segments.filter((s) => s.state === 'wait' && s.label !== 'ready');
  assert.deepEqual(sleeps.map((s) => s.to - s.from), [1], 'a sleeps 1 s holding db');
});

test('TaskFold: batches folded as they come give the lanes of the whole log at once', async () => {
  const events = await recipeEvents();
  const whole = new TaskFold();
  whole.add(events);
  for (const size of [1, 3, 17]) {
    const parts = new TaskFold();
    for (let i = 0; i < events.length; i += size) parts.add(events.slice(i, i + size));
    assert.deepEqual([...parts.tasks.values()], [...whole.tasks.values()], `batches of ${size}`);
    assert.equal(parts.t1, whole.t1);
    assert.equal(parts.t0, whole.t0);
  }
  // A subclass places lanes as they are created (the page's TaskModel puts children under parents).
  class Roots extends TaskFold {
    created(t) { (this.roots ??= []).push(t.task); }
  }
  const roots = new Roots();
  roots.add(events);
  assert.deepEqual(roots.roots, [...whole.tasks.keys()]);
});

test('TaskFold: a zero-length segment gives way to the next one at the same time; live tasks last to t1', () => {
  const fold = new TaskFold();
  fold.add([
    { kind: 'task_created', tick: 0, time: 0, task: 1, text: 'main' },
    { kind: 'task_started', tick: 1, time: 0, task: 1 },
    { kind: 'task_suspended', tick: 1, time: 0, task: 1, wait: 'sleep' },
    { kind: 'task_resumed', tick: 2, time: 1, task: 1 },
    { kind: 'task_suspended', tick: 2, time: 1, task: 1, wait: 'primitive', text: "lock 'db'" },
    { kind: 'tick_begin', tick: 3, time: 4 },
  ]);
  const t = fold.tasks.get(1);
  assert.deepEqual({ from: t.from, run: t.run, label: t.label }, { from: [0, 0, 1], run: [0, 0, 0], label: ['ready', 'sleep', "lock 'db'"] });
  const [lane] = taskIntervals([...[]].concat([
    { kind: 'task_created', tick: 0, time: 0, task: 1 },
    { kind: 'task_started', tick: 1, time: 0.5, task: 1 },
    { kind: 'tick_begin', tick: 3, time: 4 },
  ]));
  assert.equal(lane.name, 'Task-1');
  assert.equal(lane.end, null);
  assert.deepEqual(lane.segments, [{ from: 0, to: 0.5, state: 'wait', label: 'ready' }, { from: 0.5, to: 4, state: 'run', label: '' }]);
});

// The step axis of a run whose loop time never moves (the page's timeline): every task event is
// one step, so nothing that happened at the same instant collapses.
test('TaskFold byStep: times are the task events\' order, one segment per event, other events ignored', () => {
  const events = [
    { kind: 'task_created', tick: 0, time: 0, task: 1, text: 'main' },
    { kind: 'tick_begin', tick: 1, time: 0 },
    { kind: 'task_started', tick: 1, time: 0, task: 1 },
    { kind: 'task_created', tick: 1, time: 0, task: 2, text: 'child', other: 1 },
    { kind: 'task_suspended', tick: 1, time: 0, task: 1, wait: 'task', text: "task 'child'" },
    { kind: 'output', tick: 2, time: 0, task: 2, text: 'hi' },
    { kind: 'task_started', tick: 2, time: 0, task: 2 },
    { kind: 'task_finished', tick: 2, time: 0, task: 2, result: 'value' },
    { kind: 'task_resumed', tick: 3, time: 0, task: 1 },
    { kind: 'task_finished', tick: 3, time: 0, task: 1, result: 'value' },
  ];
  const byTime = new TaskFold();
  byTime.add(events);
  assert.deepEqual(byTime.tasks.get(1).from, [0, 0], 'on the time axis the steps collapse into one instant');
  const fold = new TaskFold({ byStep: true });
  fold.add(events);
  const main = fold.tasks.get(1);
  const child = fold.tasks.get(2);
  assert.deepEqual({ from: main.from, run: main.run, label: main.label, end: main.end },
    { from: [0, 1, 3, 6], run: [0, 1, 0, 1], label: ['ready', '', "task 'child'", ''], end: 7 });
  assert.deepEqual({ from: child.from, run: child.run, end: child.end, parent: child.parent }, { from: [2, 4], run: [0, 1], end: 5, parent: 1 });
  assert.equal(fold.steps, 8);
  assert.equal(fold.t0, 0);
  assert.equal(fold.t1, 7);
});

test('TaskFold: a requested cancellation is kept on its lane (a task may survive it, as wait_for\'s caller does)', () => {
  const events = [
    { kind: 'task_created', tick: 0, time: 0, task: 1, text: 'main' },
    { kind: 'task_started', tick: 1, time: 0, task: 1 },
    { kind: 'task_suspended', tick: 1, time: 0, task: 1, wait: 'sleep' },
    { kind: 'task_cancel_requested', tick: 2, time: 3, task: 1, text: '' },
    { kind: 'task_cancel_requested', tick: 2, time: 3, task: 9, text: '' },   // no such lane: ignored
    { kind: 'task_resumed', tick: 2, time: 3, task: 1 },
    { kind: 'task_finished', tick: 2, time: 3, task: 1, result: 'value' },
  ];
  const fold = new TaskFold();
  fold.add(events);
  assert.deepEqual(fold.tasks.get(1).cancels, [3]);
  const [lane] = taskIntervals(events);
  assert.deepEqual(lane.cancels, [3]);
  assert.equal(lane.outcome, 'value');
  assert.equal(taskIntervals(events.filter((e) => e.kind !== 'task_cancel_requested'))[0].cancels, undefined);
  const steps = new TaskFold({ byStep: true });
  steps.add(events);
  assert.deepEqual(steps.tasks.get(1).cancels, [3], 'on a step axis: the request is a step of its own');
});

// Issue #19: a deadlocked task's wait on a lock began at the stall, took no time and so is no
// segment (its lane's last wait is the sleep before it); the deadlock report puts it on the lane.
test('TaskFold: a deadlocked lane keeps what it was stuck on, from the deadlock report', async () => {
  const sb = await createSandbox({ wasmDir });
  let events;
  try {
    const r = await sb.runRecipe({ resources: { locks: ['a', 'b'] }, main: [
      { spawn: { name: 'A', steps: [{ acquire: 'a' }, { sleep: 1 }, { acquire: 'b' }] } },
      { spawn: { name: 'B', steps: [{ acquire: 'b' }, { sleep: 1 }, { acquire: 'a' }] } },
      { await: 'A' }] });
    assert.equal(r.error?.name, 'DeadlockError');
    events = r.trace.events;
  } finally {
    sb.dispose();
  }
  const byName = new Map(taskIntervals(events).map((t) => [t.name, t]));
  // on: the report's text; wait: the same as its message, for a front end in another language.
  assert.deepEqual(byName.get('A').stuck, { at: 1, on: "lock 'b'", wait: { code: 'wait.resource', params: { kind: 'lock', name: 'b' } } });
  assert.deepEqual(byName.get('B').stuck, { at: 1, on: "lock 'a'", wait: { code: 'wait.resource', params: { kind: 'lock', name: 'a' } } });
  assert.deepEqual(byName.get('main').stuck, { at: 1, on: "task 'A'", wait: { code: 'wait.resource', params: { kind: 'task', name: 'A' } } });
  assert.equal(byName.get('A').segments.filter((s) => s.state === 'wait').at(-1).label, 'sleep');
  const steps = new TaskFold({ byStep: true });
  steps.add(events);
  assert.equal([...steps.tasks.values()].find((t) => t.name === 'A').stuck.on, "lock 'b'");
  // No deadlock, no mark.
  assert.ok(taskIntervals(events.filter((e) => e.kind !== 'deadlock')).every((t) => t.stuck === undefined));
});

// Issue #19: a C++ example's task created without a name is labelled with its coroutine, as
// asyncio's repr names it (coro=<task()>); the task's own name, which the program prints, stays.
test('TaskFold: an unnamed task of a C++ example is labelled "coroutine (Task-N)"', async () => {
  const sb = await createSandbox({ wasmDir });
  try {
    const r = await sb.run('gather');
    const names = taskIntervals(r.trace.events).map((t) => t.name);
    assert.equal(names[0], 'gather');
    assert.ok(names.length > 3, names.join(', '));
    for (const n of names.slice(1)) assert.match(n, /^task(_func)? \(Task-\d+\)$/);
    const created = r.trace.events.filter((e) => e.kind === 'task_created').map((e) => e.text);
    assert.ok(created.slice(1).every((n) => /^Task-\d+$/.test(n)), created.join(', '));
  } finally {
    sb.dispose();
  }
});
