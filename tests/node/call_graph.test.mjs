// The await graph with coroutine stacks in snapshot() (asyncio.capture_call_graph): each task's
// frames outermost first, a recipe task's open steps, and who awaits it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSandbox, requireModule, wasmDir } from './sandbox_common.mjs';

requireModule();

function stepUntil(sb, predicate, max = 1000) {
  for (let i = 0; i < max; i++) {
    const snap = sb.snapshot();
    if (predicate(snap)) return snap;
    if (!sb.step().ran) break;
  }
  throw new Error('the state never came');
}
const byName = (snap) => Object.fromEntries(snap.tasks.map((t) => [t.name, t]));
const functions = (t) => t.stack.map((f) => f.function);

test('snapshot tasks carry their coroutine frames, recipe steps and awaiters', async () => {
  const sb = await createSandbox({ wasmDir, paused: true });
  sb.spawn({ resources: { locks: ['db'] }, main: [{ gather: [
    { name: 'w1', steps: [{ with: 'db', steps: [{ sleep: 1 }] }, { sleep: 1 }] },
    { name: 'w2', steps: [{ sleep: 5 }] },
  ] }] });
  let snap = stepUntil(sb, (s) => byName(s).w1?.awaits?.kind === 'sleep');
  let t = byName(snap);
  // with 'db' -> its body -> sleep: three recipe levels, five coroutine frames deep.
  assert.deepEqual(functions(t.w1), ['run_task', 'run_steps', 'run_step', 'run_steps', 'run_step']);
  assert.deepEqual(t.w1.steps.map((s) => s.step), ["with 'db'", 'sleep 1 s']);
  assert.deepEqual(t.w1.steps.map((s) => s.path), ['$.main[0].gather[0].steps[0]', '$.main[0].gather[0].steps[0].steps[0]']);
  for (const f of t.w1.stack) {
    assert.equal(f.file, 'interpreter.cpp');
    assert.ok(f.line > 0);
  }
  assert.deepEqual(functions(t.main), ['run', 'run_steps', 'run_step']);
  assert.deepEqual(t.main.steps.map((s) => s.step), ['gather (2 tasks)']);
  // The gather parent awaits both children (through the gather's future).
  assert.deepEqual(t.w1.awaited_by, [t.main.id]);
  assert.deepEqual(t.w2.awaited_by, [t.main.id]);
  assert.deepEqual(t.main.awaited_by, []);
  // Out of the `with`: its frames and step are gone.
  snap = stepUntil(sb, (s) => byName(s).w1?.steps.length === 1);
  t = byName(snap);
  assert.deepEqual(functions(t.w1), ['run_task', 'run_steps', 'run_step']);
  assert.deepEqual(t.w1.steps.map((s) => s.step), ['sleep 1 s']);
  // Finished tasks leave the snapshot with their frames.
  snap = stepUntil(sb, (s) => !byName(s).w1);
  assert.deepEqual(functions(byName(snap).w2), ['run_task', 'run_steps', 'run_step']);
  while (sb.step().ran);
  assert.deepEqual(sb.snapshot().tasks, []);
  sb.dispose();
});

test('the deadlock report lists each waiting task with its frames and steps', async () => {
  const sb = await createSandbox({ wasmDir });
  let report = null;
  sb.on('deadlock', (r) => { report = r; });
  const r = await sb.runRecipe({ resources: { locks: ['a', 'b'] }, main: [
    { spawn: { name: 'A', steps: [{ acquire: 'a' }, { sleep: 1 }, { acquire: 'b' }] } },
    { spawn: { name: 'B', steps: [{ acquire: 'b' }, { sleep: 1 }, { acquire: 'a' }] } },
    { await: 'A' }] });
  assert.equal(r.error.name, 'DeadlockError');
  const w = Object.fromEntries(report.waiting.map((x) => [x.name, x]));
  assert.deepEqual(w.A.steps.map((s) => s.step), ["acquire 'b'"]);
  assert.deepEqual(w.A.stack.map((f) => f.function), ['run_task', 'run_steps', 'run_step']);
  assert.deepEqual(w.A.awaited_by, [w.main.task]);
  assert.deepEqual(w.main.steps.map((s) => s.step), ["await 'A'"]);
  assert.deepEqual(w.B.awaited_by, []);
  sb.dispose();
});
