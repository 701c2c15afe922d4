// Reliability through the JS package and the CLI on the wasm module (issue 20): a silent server
// cannot hang a run on the virtual clock, await cycles end their run with an error at once (CLI
// exit 1), example parameters stay in the storage folder and the limits, the string table of a
// long-lived sandbox stays bounded, and oversized input is refused before it reaches wasm memory.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSandbox, RecipeError, requireModule, wasmDir, runCli } from './sandbox_common.mjs';
import { startDemoServer } from '../demo_server.mjs';

requireModule();
const make = (options = {}) => createSandbox({ wasmDir, print: () => {}, printErr: () => {}, ...options });

let demo;
before(async () => { demo = await startDemoServer(); });
after(() => demo?.stop());

const dir = mkdtempSync(path.join(tmpdir(), 'aio-reliability-'));
function recipeFile(name, recipe) {
  const p = path.join(dir, name);
  writeFileSync(p, typeof recipe === 'string' ? recipe : JSON.stringify(recipe));
  return p;
}
test('virtual clock: a request to a server that never answers times out, and the run ends', { timeout: 120000 }, async () => {
  const sb = await make({ http: { allow: [demo.base], base: demo.base } });
  assert.equal(sb.clock, 'virtual');
  const r = await sb.runRecipe({ main: [{ http: '/hang', timeout: 0.3 }] });
  assert.equal(r.ok, false);
  assert.match(r.error.message, /no complete response within 0.3 s/);
  const waited = await sb.runRecipe({ main: [{ wait_for: { name: 'w', steps: [{ http: '/hang' }] }, timeout: 0.3 }, { print: 'after' }] });
  assert.equal(waited.ok, false);
  assert.match(waited.error.message, /timed out/);
  sb.dispose();
  // The CLI (virtual clock too) ends with a failure instead of hanging.
  const cliRun = await runCli(['recipe', recipeFile('hang.json', { main: [{ http: `${demo.base}/hang`, timeout: 0.3 }] })]);
  assert.equal(cliRun.signal, null);
  assert.equal(cliRun.status, 1, cliRun.err);
  assert.match(cliRun.err, /no complete response within 0.3 s/);
});

const cycles = {
  mutual: { main: [{ spawn: { name: 'a', steps: [{ await: 'b' }] } }, { spawn: { name: 'b', steps: [{ await: 'a' }] } }, { await: 'a' }] },
  self: { main: [{ spawn: { name: 'a', steps: [{ await: 'a' }] } }, { await: 'a' }] },
};

test('an await cycle ends runRecipe at once with the runtime\'s refusal; the CLI exits 1', { timeout: 120000 }, async () => {
  // The await that would close the cycle raises asyncio's RuntimeError ("Task cannot await on
  // itself"): the run fails instead of hanging or reporting success.
  const sb = await make();
  for (const [name, recipe] of Object.entries(cycles)) {
    const r = await sb.runRecipe(recipe);
    assert.equal(r.ok, false, name);
    assert.match(r.error.message, /Task cannot await on itself: /, `${name}: ${JSON.stringify(r.error)}`);
    const next = await sb.runRecipe({ main: [{ print: 'still fine' }] });
    assert.equal(next.ok, true, `${name}: ${JSON.stringify(next.error)}`);
    assert.equal(sb.snapshot().deadlock, null, name);
  }
  sb.dispose();
  for (const [name, recipe] of Object.entries(cycles)) {
    const r = await runCli(['recipe', recipeFile(`${name}.json`, recipe)]);
    assert.equal(r.signal, null, name);
    assert.equal(r.status, 1, `${name}: ${r.err}`);
    assert.match(r.err, /Task cannot await on itself: /, name);
  }
});

test('example parameters stay in the storage folder and the limits; share links check values', async () => {
  const data = mkdtempSync(path.join(tmpdir(), 'aio-reliability-data-'));
  const sb = await make({ storage: { dir: data } });
  assert.throws(() => sb.run('files', { dir: path.join(dir, 'outside') }), { type: 'InvalidArgument', message: /plain file name/ });
  assert.throws(() => sb.run('database', { path: path.join(dir, 'x.db') }), { type: 'InvalidArgument', message: /plain file name/ });
  assert.throws(() => sb.run('gather', { count: 2000000 }), { type: 'InvalidArgument', message: /max_live_tasks/ });
  assert.throws(() => sb.run('semaphore', { tasks: 3000000 }), { type: 'InvalidArgument', message: /max_live_tasks/ });
  assert.throws(() => sb.run('gather', { first: 'abc' }), { type: 'InvalidArgument', message: /must be a number/ });
  assert.throws(() => sb.parseShareLink('#ex=files&p={"dir":"~/.ssh"}'), (e) => e.type === 'ShareLinkError' && e.key === 'p.dir');
  assert.throws(() => sb.parseShareLink('#ex=gather&p={"first":"abc"}'), (e) => e.type === 'ShareLinkError' && e.key === 'p.first');
  assert.throws(() => sb.parseShareLink('#ex=gather&p={"count":2000000}'), (e) => e.type === 'ShareLinkError' && e.key === 'p.count');
  assert.equal(sb.parseShareLink('#ex=gather&p={"first":2,"count":4}').params.count, '4');
  const r = await sb.run('files', { dir: 'mine' });
  assert.equal(r.ok, true, JSON.stringify(r.error));
  sb.dispose();
  const none = await make();
  assert.throws(() => none.run('files', {}), { type: 'InvalidArgument', message: /storage folder/ });
  none.dispose();
});

test('a long-lived sandbox keeps its string table bounded with unique output lines', { timeout: 120000 }, async () => {
  const sb = await make({ record: false });
  const n = 5000;
  const prints = Array.from({ length: n }, (_, i) => ({ print: `unique line ${i}` }));
  const r = await sb.runRecipe({ main: prints });
  assert.equal(r.ok, true, JSON.stringify(r.error));
  assert.equal(r.output.length, n);
  assert.ok(r.output.at(-1).endsWith(`unique line ${n - 1}`), r.output.at(-1));
  const again = await sb.runRecipe({ main: prints.slice(0, 10) });
  assert.deepEqual(again.output.map((l) => l.replace(/^.*main: /, '')), prints.slice(0, 10).map((p) => p.print));
  assert.ok(sb.snapshot().strings <= 4096, `string table: ${sb.snapshot().strings}`);
  sb.dispose();
});

test('an oversized recipe or link is refused before it is copied into wasm memory', async () => {
  let module;
  const { default: factory } = await import(path.join(wasmDir, 'aio_sandbox.mjs'));
  const sb = await make({ moduleFactory: async (args) => (module = await factory(args)) });
  const before = module.HEAP8.buffer.byteLength;
  const huge = ' '.repeat(64 << 20);
  assert.throws(() => sb.runRecipe(huge), (e) => e instanceof RecipeError && /limit max_recipe_bytes/.test(e.reason));
  assert.equal(sb.validate(huge).ok, false);
  assert.throws(() => sb.parseShareLink(`#recipe=${huge}`), (e) => e.type === 'ShareLinkError' && e.key === '#');
  assert.equal(module.HEAP8.buffer.byteLength, before, 'wasm memory grew');
  // max_depth far above the hard cap: still refused with the limit's name.
  const deep = await make({ limits: { max_depth: 1e300 } });
  const nested = `{"main": [${'{"repeat": 1, "steps": ['.repeat(20000)}{"print": "x"}${']}'.repeat(20000)}]}`;
  assert.throws(() => deep.runRecipe(nested), (e) => e instanceof RecipeError && /limit max_depth/.test(e.reason));
  sb.dispose();
  deep.dispose();
  // The CLI checks the file's size before reading it.
  const big = await runCli(['recipe', recipeFile('big.json', ' '.repeat((1 << 20) + 1))]);
  assert.equal(big.status, 2, big.err);
  assert.match(big.err, /limit max_recipe_bytes/);
});
