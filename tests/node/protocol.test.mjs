// The C++/JS contract has one source, the module's protocol() (wasm/sandbox/protocol.hpp): the
// event decoder reads its names at load, and the static copies (type declarations, the limits in
// index.js and the docs) are what web/tools/protocol.mjs generates from it, byte for byte.
import test from 'node:test';
import assert from 'node:assert/strict';
import { requireModule, wasmDir, createSandbox } from './sandbox_common.mjs';
import { loadProtocol, generate, checkSchema, rewrite } from '../../web/tools/protocol.mjs';
import { TRACE_KINDS, WAIT_KINDS, OUTCOMES, SESSION_KINDS } from '../../web/src/index.js';

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

test("the schema's step kinds are the parser's, with the same keys", () => {
  assert.deepEqual(checkSchema(protocol), []);
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
