// asyncio's debug-mode slow-step report ("Executing <Task ...> took N seconds") on the loop the
// host drives (Node here, the browser on the page): the pitfalls example's blocking sleep in
// bad_async must be reported, as CPython reports it. (The runtime half: host_loop.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSandbox, requireModule, wasmDir } from './sandbox_common.mjs';

requireModule();

test('pitfalls on the host-driven sandbox loop reports the slow step of bad_async', async () => {
  const sb = await createSandbox({ wasmDir, clock: 'real' });
  const logs = [];
  sb.on('log', (e) => logs.push(e.message));
  sb.on('output', (o) => logs.push(o.text));
  const r = await sb.run('pitfalls', { blocking: '0.2' });
  assert.equal(r.ok, true, JSON.stringify(r.error));
  const all = [...r.output, ...logs].join('\n');
  assert.match(all, /Executing <Task \w+ name='bad_async' coro=<bad_async\(\) defined at [^>]+>> took \d+\.\d{3} seconds/, all);
  sb.dispose();
});
