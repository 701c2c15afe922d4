// The host-driven loop cuts its work into bounded slices whatever the machine's speed: each slice
// runs at most host_slice_max_steps (+ the 63 steps between checks) loop steps, so a recipe with
// 9,000 tasks cannot make one long host task on a slow or loaded machine (a structural check:
// no timing is asserted).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSandbox, requireModule, wasmDir } from './sandbox_common.mjs';

requireModule();

test('9,000 tasks run in many host slices of bounded steps', async () => {
  const sb = await createSandbox({ wasmDir, record: false });
  const before = sb.snapshot({ limit: 0 }).slices;
  assert.equal(before.step_cap, 4096);
  const r = await sb.runRecipe({ main: [{ repeat: 9000, steps: [{ spawn: { name: 'w', steps: [{ sleep: 0.5 }] } }] }] });
  assert.equal(r.ok, true, JSON.stringify(r.error));
  const s = sb.snapshot({ limit: 0 }).slices;
  // 9,001 tasks each start, sleep (a due timer) and finish: over 27,000 steps.
  assert.ok(s.count - before.count >= 27000 / (s.step_cap + 63), `${s.count - before.count} slices`);
  assert.ok(s.max_steps <= s.step_cap + 63, `a slice ran ${s.max_steps} steps`);
  assert.ok(s.max_steps >= 64, `the cap was reached (${s.max_steps} steps at most)`);
  sb.dispose();
});
