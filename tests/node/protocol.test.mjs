// The C++/JS contract has one source, the module's protocol() (wasm/sandbox/protocol.hpp): the
// event decoder reads its names at load, and the static copies (type declarations, the limits in
// index.js and the docs, the recipe schema's step kinds) are what web/tools/protocol.mjs
// generates from it, byte for byte; the page's blocks and labels are checked against it.
import test from 'node:test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { requireModule, wasmDir, createSandbox } from './sandbox_common.mjs';
import { loadProtocol, generate, schemaText, checkPage, rewrite } from '../../web/tools/protocol.mjs';
import { TRACE_KINDS, WAIT_KINDS, OUTCOMES, SESSION_KINDS } from '../../web/src/index.js';
import * as blocks from '../../web/page/blocks.js';
import * as i18n from '../../web/page/i18n.js';

requireModule();
const protocol = await loadProtocol(wasmDir);

// The first line where `a` and `b` differ (1-based), with both versions.
function firstDifference(a, b) {
  const x = a.split('\n');
  const y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); ++i) {
    if (x[i] !== y[i]) return `line ${i + 1}: committed ${JSON.stringify(x[i])}, generated ${JSON.stringify(y[i])}`;
  }
  return 'none';
}

test('the committed static copies are what protocol() generates', () => {
  for (const [file, { committed, generated }] of Object.entries(generate(protocol))) {
    assert.ok(committed === generated,
      `web/${file} differs from web/tools/protocol.mjs's output at ${firstDifference(committed, generated)} ` +
      '(run node web/tools/protocol.mjs after changing the C++ tables)');
  }
});

test("the schema's step kinds follow the table and keep the schema's own bounds and descriptions", () => {
  const committed = readFileSync(new URL('../../web/recipe.schema.json', import.meta.url), 'utf8');
  const kinds = structuredClone(protocol.step_kinds).filter((k) => k.name !== 'store_delete');
  const sleep = kinds.find((k) => k.name === 'sleep');
  sleep.type = 'integer';
  sleep.modifiers.push({ name: 'jitter', type: 'number', required: true });
  kinds.find((k) => k.name === 'wait_for').modifiers[0].required = false;
  kinds.push({ name: 'nap', type: 'tasks', modifiers: [] });
  const steps = JSON.parse(schemaText({ ...protocol, step_kinds: kinds }, committed)).$defs.step.oneOf;
  const step = (name) => steps.find((s) => s.required[0] === name);
  assert.deepEqual(steps.map((s) => s.required[0]), kinds.map((k) => k.name));
  assert.deepEqual(step('sleep'), {
    type: 'object', required: ['sleep', 'jitter'], additionalProperties: false, properties: {
      sleep: { type: 'integer', minimum: 0, maximum: 3600, description: 'await asyncio.sleep(seconds)' },
      jitter: { type: 'number' } } });
  assert.deepEqual(step('wait_for').required, ['wait_for']);
  assert.deepEqual(step('nap').properties, { nap: { type: 'array', items: { $ref: '#/$defs/task' } } });
  const unknown = [{ name: 'nap', type: 'duration', modifiers: [] }];
  assert.throws(() => schemaText({ ...protocol, step_kinds: unknown }, committed), /no JSON Schema for step value type 'duration' \(of 'nap'\)/);
});

test("the page's blocks and their labels cover the parser's step kinds, and only those", () => {
  assert.deepEqual(checkPage(protocol, blocks, i18n), []);
});

test('a step kind, key or label the page misses or invents is named', () => {
  const { BLOCKS, NOT_IN_PALETTE } = blocks;
  const without = (id) => ({ BLOCKS: BLOCKS.filter((b) => b.id !== id), NOT_IN_PALETTE });
  assert.deepEqual(checkPage(protocol, without('cancel'), i18n), [
    "blocks.js: step kind 'cancel' is in no block and not in NOT_IN_PALETTE",
    "i18n.js: en labels block 'cancel', which blocks.js does not have",
    "i18n.js: zh labels block 'cancel', which blocks.js does not have",
  ]);
  const { sleep, ...zhBlocks } = i18n.STRINGS.zh.block;
  const unlabelled = { STRINGS: { ...i18n.STRINGS, zh: { ...i18n.STRINGS.zh, block: zhBlocks } } };
  assert.deepEqual(checkPage(protocol, blocks, unlabelled), ["i18n.js: zh has no label for block 'sleep'"]);
  const invented = [...BLOCKS, { id: 'nap', steps: [{ spawn: { name: 'n', steps: [{ nap: 1 }] } }, { sleep: 1, jitter: 2 }] }];
  const labels = { STRINGS: { en: { block: { ...i18n.STRINGS.en.block, nap: 'nap' } } } };
  assert.deepEqual(checkPage(protocol, { BLOCKS: invented, NOT_IN_PALETTE }, labels), [
    "blocks.js: block 'nap' .steps[0].spawn.steps[0] has keys nap, not one step kind of the protocol",
    "blocks.js: block 'nap' .steps[1]: 'jitter' is not a key of step 'sleep'",
  ]);
  assert.deepEqual(checkPage(protocol, { BLOCKS, NOT_IN_PALETTE: { ...NOT_IN_PALETTE, nap: 'x', sleep: 'y' } }, i18n), [
    "blocks.js: NOT_IN_PALETTE names 'nap', not a step kind of the protocol",
    "blocks.js: NOT_IN_PALETTE names 'sleep', which a block uses",
  ]);
});

test('each block, added to an empty recipe, is a valid recipe', async (t) => {
  // Validation only: the storage folder is named (store and file steps need one), never written.
  const dir = mkdtempSync(path.join(tmpdir(), 'aio-protocol-blocks-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const sb = await createSandbox({ wasmDir, paused: true, storage: { dir } });
  for (const block of blocks.BLOCKS) {
    assert.deepEqual(sb.validate(blocks.addBlock({}, block)), { ok: true }, `block '${block.id}'`);
  }
  sb.dispose?.();
});

test('the event decoder reads its names from the loaded module', async () => {
  const sb = await createSandbox({ wasmDir, paused: true });
  assert.deepEqual(TRACE_KINDS, protocol.trace_kinds);
  assert.deepEqual(WAIT_KINDS, protocol.wait_kinds);
  assert.deepEqual(OUTCOMES, protocol.outcomes);
  assert.equal(SESSION_KINDS[protocol.session_kind_base], protocol.session_kinds[0]);
  assert.equal(Object.keys(SESSION_KINDS).length, protocol.session_kinds.length);
  sb.dispose?.();
});

test('the tables are plain data with what the generator needs', () => {
  assert.equal(protocol.record_size, 9);
  assert.equal(protocol.trace_kinds[0], 'tick_begin');
  assert.equal(protocol.session_kind_base, 32);
  assert.ok(!protocol.wait_kinds.includes('gather'));
  const tasks = protocol.limits.find((l) => l.name === 'max_tasks');
  assert.deepEqual(Object.keys(tasks).sort(), ['checked', 'default', 'meaning', 'name']);
  assert.equal(tasks.default, 100000);
  const waitFor = protocol.step_kinds.find((s) => s.name === 'wait_for');
  assert.deepEqual(waitFor.modifiers, [{ name: 'timeout', type: 'number', required: true }]);
});

test('a region without its end marker or of an unknown name is an error, not a silent skip', () => {
  assert.throws(() => rewrite('// <protocol:limits>\nx\n', { limits: 'y' }, 'f.js'), /f\.js:1: protocol region 'limits' has no end marker/);
  assert.throws(() => rewrite('// <protocol:nope>\n// </protocol:nope>\n', {}, 'f.js'), /f\.js:1: unknown protocol region 'nope'/);
  assert.throws(() => rewrite('nothing marked\n', { limits: 'y' }, 'f.js'), /f\.js: protocol region 'limits' is missing/);
});
