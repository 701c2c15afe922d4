// The recipe documentation and the fuzz corpus agree with both validators: every ```json example
// in web/recipe.md (and the README's recipe example) is valid for web/recipe.schema.json and for
// the C++ validator, typical mistakes are rejected by both, and on every input of
// tests/fuzz/corpus/recipe and a set of edge cases (numbers like 1.0, lengths in characters,
// device names) both say the same. The schema is checked by ajv (web/'s dev dependency, strict:
// a keyword it does not know fails the compile; strictTypes and strictRequired off: the schema
// narrows a task with a required list beside its $ref, not a second copy of the type).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSandbox, requireModule, root, wasmDir } from './sandbox_common.mjs';
import { loadProtocol } from '../../web/tools/protocol.mjs';

// Store and file steps need a storage folder to be valid; validating writes nothing there.
const storage = { dir: tmpdir() };
const schema = JSON.parse(readFileSync(path.join(root, 'web', 'recipe.schema.json'), 'utf8'));

const webRequire = createRequire(path.join(root, 'web', 'package.json'));
let Ajv2020;
try {
  Ajv2020 = webRequire('ajv/dist/2020').default;
} catch {
  throw new Error('ajv is not installed in web/node_modules: run `npm ci` in web/ (./tools/test --only node does)');
}
const schemaValidator = new Ajv2020({ strict: true, strictTypes: false, strictRequired: false, allErrors: true }).compile(schema);

// Returns a list of "path: problem" strings (empty when valid).
function check(_schema, v) {
  if (schemaValidator(v)) return [];
  return schemaValidator.errors.map((e) => `${e.instancePath || '/'}: ${e.message}`);
}

function jsonBlocks(file) {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);
}

requireModule();

test('every recipe example in web/recipe.md and the docs is valid for the schema and the C++ validator', async () => {
  const sb = await createSandbox({ wasmDir, storage });
  const blocks = [
    ...jsonBlocks(path.join(root, 'web', 'recipe.md')).map((b) => ['web/recipe.md', b]),
    ...['README.md', 'web/sandbox.md', 'tests/README.md'].flatMap((doc) =>
      jsonBlocks(path.join(root, doc)).filter((b) => b.includes('"main"')).map((b) => [doc, b])),
  ];
  assert.ok(blocks.length >= 15, `found ${blocks.length} examples`);
  const ops = new Set();
  for (const [file, text] of blocks) {
    const recipe = JSON.parse(text);
    assert.deepEqual(check(schema, recipe), [], `${file}: schema rejects\n${text}`);
    assert.deepEqual(sb.validate(text), { ok: true }, `${file}: the C++ validator rejects\n${text}`);
    JSON.stringify(recipe, (k, v) => { if (typeof k === 'string') ops.add(k); return v; });
  }
  const kinds = (await loadProtocol(wasmDir)).step_kinds.map((k) => k.name);
  assert.ok(kinds.length > 0, 'protocol() lists no step kinds');
  for (const op of kinds)
    assert.ok(ops.has(op), `web/recipe.md has no example of '${op}'`);
  sb.dispose();
});

test('mistakes the schema can see are rejected by both validators', async () => {
  const sb = await createSandbox({ wasmDir, storage });
  const bad = [
    { main: [], extra: 1 },
    { version: 2, main: [] },
    {},
    { main: [{ slep: 1 }] },
    { main: [{ sleep: '1' }] },
    { main: [{ sleep: -1 }] },
    { main: [{ sleep: 1, print: 'x' }] },
    { main: [{ sleep: 1, timeout: 2 }] },
    { main: [{ cpu: 100000 }] },
    { main: [{ spawn: { steps: [] } }] },
    { main: [{ gather: [] }] },
    { main: [{ wait_for: { steps: [] } }] },
    { main: [{ wait: [{ steps: [] }], return_when: 'SOON' }] },
    { main: [{ repeat: 2 }] },
    { main: [{ repeat: 1.5, steps: [] }] },
    { main: { name: 'm', steps: [], color: 'red' } },
    { resources: { mutexes: ['a'] }, main: [] },
    { resources: { queues: { q: -1 } }, main: [] },
    { main: [{ put: 'q', value: [1] }] },
    { main: [{ http: 'http://127.0.0.1:8080/', method: 'TRACE' }] },
    { main: [{ http: 'http://127.0.0.1:8080/', timeout: -1 }] },
    { main: [{ store_put: 'k' }] },
    { main: [{ store_get: '' }] },
    { main: [{ write_file: '../x', text: 'a' }] },
    { main: [{ write_file: 'dir/x', text: 'a' }] },
    { main: [{ write_file: '.hidden', text: 'a' }] },
    { main: [{ write_file: 'x', text: 'a', append: 'yes' }] },
    { main: [{ read_file: 'x', text: 'a' }] },
  ];
  for (const recipe of bad) {
    assert.notDeepEqual(check(schema, recipe), [], `the schema accepts ${JSON.stringify(recipe)}`);
    assert.equal(sb.validate(recipe).ok, false, `the C++ validator accepts ${JSON.stringify(recipe)}`);
  }
  sb.dispose();
});

// Both validators on the same JSON text: null if both agree, else what each said.
function disagreement(sb, text) {
  let schemaOk;
  try {
    schemaOk = check(schema, JSON.parse(text)).length === 0;
  } catch {
    schemaOk = false;  // not JSON
  }
  const v = sb.validate(text);
  return schemaOk === v.ok ? null : `schema ${schemaOk ? 'accepts' : 'rejects'}, C++ validator ${v.ok ? 'accepts' : `rejects (${v.path}: ${v.reason})`}`;
}

test('the schema and the C++ validator agree on the fuzz corpus and on edge cases', async () => {
  const sb = await createSandbox({ wasmDir, storage });
  const dir = path.join(root, 'tests', 'fuzz', 'corpus', 'recipe');
  const files = readdirSync(dir);
  assert.ok(files.length >= 20, `found ${files.length} corpus files`);
  for (const name of files) {
    const text = readFileSync(path.join(dir, name), 'utf8');
    assert.equal(disagreement(sb, text), null, `tests/fuzz/corpus/recipe/${name}`);
  }
  const step = (s) => JSON.stringify({ main: [s] });
  const edges = [
    // JSON has one number type: 1.0 is the integer 1 for both.
    ['{"version": 1.0, "main": []}', true],
    ['{"version": 1.5, "main": []}', false],
    ['{"main": [{"repeat": 2.0, "steps": []}]}', true],
    ['{"main": [{"repeat": 1e2, "steps": []}]}', true],
    ['{"main": [{"repeat": 2.5, "steps": []}]}', false],
    ['{"resources": {"semaphores": {"s": 3.0}, "queues": {"q": 0.0}}, "main": []}', true],
    ['{"resources": {"queues": {"q": 0.5}}, "main": []}', false],
    // Lengths count characters (code points), not bytes or UTF-16 units.
    [step({ print: '€'.repeat(1000) }), true],
    [step({ print: '€'.repeat(1001) }), false],
    [JSON.stringify({ title: '中'.repeat(1000), main: [] }), true],
    [JSON.stringify({ title: '中'.repeat(1001), main: [] }), false],
    [JSON.stringify({ resources: { locks: ['😀'.repeat(100)] }, main: [] }), true],
    [JSON.stringify({ resources: { locks: ['😀'.repeat(101)] }, main: [] }), false],
    [step({ read_file: 'a'.repeat(64) }), true],
    [step({ read_file: 'a'.repeat(65) }), false],
    // Lone surrogates read as U+FFFD: a valid character.
    ['{"main": [{"print": "a\\ud800b"}]}', true],
    // File names: plain, and no Windows device names.
    ...['CON', 'nul.txt', 'Aux', 'com1', 'LPT9.log', 'prn.tar.gz'].map((n) => [step({ read_file: n }), false]),
    ...['CONS', 'console.txt', 'COM0', 'COM10', 'nul_', 'a.con'].map((n) => [step({ write_file: n, text: '' }), true]),
    [step({ write_file: '.x', text: '' }), false],
    // Other types and ranges.
    [step({ sleep: 3600 }), true],
    [step({ sleep: 3600.5 }), false],
    [step({ gather: [{ steps: [] }], return_exceptions: 1 }), false],
    [step({ put: 'q', value: true }), false],
    ['{"main": []} x', false],
  ];
  for (const [text, valid] of edges) {
    assert.equal(disagreement(sb, text), null, text.slice(0, 120));
    assert.equal(sb.validate(text).ok, valid, text.slice(0, 120));
  }
  sb.dispose();
});
